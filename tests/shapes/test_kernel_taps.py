"""kernel_taps and padding_split: which inputs each output of a 1-D convolution reads, as Keras does it."""

import keras
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from keras import layers

from convshapes.shapes import conv_output_length, kernel_taps, padding_split


@st.composite
def conv_settings(draw):
    padding = draw(st.sampled_from(["valid", "same", "causal"]))
    strides = draw(st.integers(1, 4))
    dilation_rate = 1 if strides > 1 else draw(st.integers(1, 4))
    kernel_size = draw(st.integers(1, 6))
    span = (kernel_size - 1) * dilation_rate + 1
    length = draw(st.integers(span if padding == "valid" else 1, 30))
    return length, kernel_size, strides, dilation_rate, padding


@given(conv_settings())
def test_one_row_of_taps_per_output_position(case):
    length, kernel_size, strides, dilation_rate, padding = case
    assert len(kernel_taps(*case)) == conv_output_length(length, kernel_size, strides, padding, dilation_rate)


@given(conv_settings())
def test_taps_are_dilation_apart_and_outputs_are_strides_apart(case):
    _, kernel_size, strides, dilation_rate, _ = case
    taps = kernel_taps(*case)
    for row in taps:
        assert np.all(np.diff(row) == dilation_rate) and len(row) == kernel_size
    assert all(later[0] - earlier[0] == strides for earlier, later in zip(taps, taps[1:]))


@given(conv_settings())
def test_taps_stay_inside_the_padded_input(case):
    length = case[0]
    before, after = padding_split(*case[:2], strides=case[2], dilation_rate=case[3], padding=case[4])
    assert all(-before <= tap < length + after for row in kernel_taps(*case) for tap in row)


@given(conv_settings())
def test_valid_padding_reads_no_zeros(case):
    length = case[0]
    if case[4] == "valid":
        assert all(0 <= tap < length for row in kernel_taps(*case) for tap in row)


@given(conv_settings())
def test_causal_output_reads_nothing_from_the_future(case):
    if case[4] == "causal":
        assert all(row[-1] == index * case[2] for index, row in enumerate(kernel_taps(*case)))


@pytest.mark.parametrize(
    "length, kernel_size, strides, dilation_rate, padding",
    [
        (7, 3, 1, 1, "valid"),
        (8, 4, 1, 1, "same"),
        (9, 3, 2, 1, "same"),
        (10, 4, 3, 1, "same"),
        (12, 3, 1, 3, "causal"),
        (11, 2, 1, 2, "same"),
        (8, 3, 2, 1, "causal"),
    ],
)
def test_taps_match_which_inputs_a_keras_convolution_actually_reads(
    length, kernel_size, strides, dilation_rate, padding
):
    convolution = layers.Conv1D(
        1,
        kernel_size,
        strides=strides,
        padding=padding,
        dilation_rate=dilation_rate,
        use_bias=False,
        kernel_initializer="ones",
    )
    one_hots = np.eye(length, dtype="float32")[:, :, None]  # batch item p has a single 1 at step p
    reads = keras.ops.convert_to_numpy(convolution(one_hots))[:, :, 0].T != 0  # [output, input]
    expected = np.zeros_like(reads)
    for output, row in enumerate(kernel_taps(length, kernel_size, strides, dilation_rate, padding)):
        expected[output, [tap for tap in row if 0 <= tap < length]] = True
    np.testing.assert_array_equal(reads, expected)


def test_causal_padding_puts_every_zero_before_the_input():
    assert padding_split(12, 3, dilation_rate=3, padding="causal") == (6, 0)


def test_invalid_settings_raise_the_arithmetic_error():
    with pytest.raises(ValueError, match="strides > 1 together with dilation_rate > 1"):
        kernel_taps(10, 3, strides=2, dilation_rate=2, padding="same")
