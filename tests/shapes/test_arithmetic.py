"""Formulas, TensorFlow's padding rule and the error messages of the shape arithmetic."""

import numpy as np
import pytest

from convshapes import (
    conv_output_length,
    conv_transpose_output_length,
    effective_kernel_size,
    pool_output_length,
    same_padding,
)


def test_valid_convolution_of_100_steps_with_kernel_3_gives_98():
    assert conv_output_length(100, 3) == 98


def test_same_padding_with_stride_rounds_up():
    assert conv_output_length(10, 3, strides=4, padding="same") == 3


def test_dilation_widens_the_kernel():
    assert effective_kernel_size(3, dilation_rate=4) == 9
    assert conv_output_length(20, 3, dilation_rate=4) == 12


def test_pool_strides_default_to_pool_size():
    assert pool_output_length(62, 2) == 31
    assert pool_output_length(63, 2, padding="same") == 32


def test_odd_extra_padding_goes_after():
    assert same_padding(10, 4) == (1, 2)
    assert same_padding(10, 2, strides=2) == (0, 0)
    assert same_padding(5, 3, strides=2) == (1, 1)
    assert same_padding(6, 3, strides=2) == (0, 1)


def test_numpy_integers_are_accepted():
    assert conv_output_length(np.int64(100), np.int32(3)) == 98


@pytest.mark.parametrize("argument", ["length", "kernel_size", "strides", "dilation_rate"])
@pytest.mark.parametrize("bad_value", [0, -2])
def test_non_positive_sizes_name_the_argument_and_value(argument, bad_value):
    arguments = {"length": 100, "kernel_size": 3, "strides": 1, "dilation_rate": 1, argument: bad_value}
    with pytest.raises(ValueError, match=rf"{argument} must be a positive integer, got {bad_value}"):
        conv_output_length(**arguments)


@pytest.mark.parametrize("bad_value", [2.0, "3", None, True])
def test_non_integer_sizes_are_rejected(bad_value):
    with pytest.raises(ValueError, match=r"kernel_size must be a positive integer, got"):
        conv_output_length(100, bad_value)


def test_unknown_padding_lists_the_choices():
    with pytest.raises(ValueError, match=r"padding must be one of 'valid', 'same', 'causal', got 'full'"):
        conv_output_length(100, 3, padding="full")


def test_pooling_has_no_causal_padding():
    with pytest.raises(ValueError, match=r"padding must be one of 'valid', 'same', got 'causal'"):
        pool_output_length(100, 2, padding="causal")


def test_vanishing_sequence_names_kernel_and_fixes():
    with pytest.raises(ValueError) as raised:
        conv_output_length(5, 7)
    message = str(raised.value)
    assert "kernel_size=7" in message and "input length 5" in message
    assert "padding='same'" in message and "kernel_size of at most 5" in message


def test_vanishing_sequence_blames_dilation_when_it_is_the_cause():
    with pytest.raises(ValueError, match=r"dilation_rate=4 it spans 9 steps.*smaller dilation_rate"):
        conv_output_length(8, 3, dilation_rate=4)


def test_vanishing_pool_names_pool_size():
    with pytest.raises(ValueError, match=r"pool_size=4 is longer than the input length 3"):
        pool_output_length(3, 4)


def test_transposed_same_convolution_multiplies_by_strides():
    assert conv_transpose_output_length(51, 3, strides=2, padding="same") == 102


def test_odd_length_round_trip_comes_back_one_step_longer():
    assert conv_transpose_output_length(conv_output_length(101, 3, strides=2, padding="same"), 3, 2, "same") == 102


def test_output_padding_chooses_among_the_lengths_a_strided_convolution_merges():
    assert conv_transpose_output_length(51, 3, strides=2, padding="same", output_padding=0) == 101
    assert conv_transpose_output_length(51, 3, strides=2, padding="same", output_padding=1) == 102


def test_transposed_valid_convolution_adds_the_kernel_overhang():
    assert conv_transpose_output_length(10, 3) == 12
    assert conv_transpose_output_length(10, 2, strides=3) == 30
    assert conv_transpose_output_length(10, 3, strides=2, output_padding=1) == 22


def test_transposed_dilation_widens_the_kernel():
    assert conv_transpose_output_length(10, 3, dilation_rate=2) == 14


@pytest.mark.parametrize("output_padding", [2, 3])
def test_output_padding_must_be_smaller_than_strides(output_padding):
    with pytest.raises(
        ValueError,
        match=rf"output_padding must be smaller than strides \(got output_padding={output_padding}, strides=2\)",
    ):
        conv_transpose_output_length(51, 3, strides=2, padding="same", output_padding=output_padding)


@pytest.mark.parametrize("bad_value", [-1, 1.0, True])
def test_output_padding_must_be_a_whole_number(bad_value):
    with pytest.raises(ValueError, match=r"output_padding must be None or a whole number of 0 or more"):
        conv_transpose_output_length(51, 3, strides=2, output_padding=bad_value)


def test_transposed_convolutions_have_no_causal_padding():
    with pytest.raises(ValueError, match=r"padding must be one of 'valid', 'same', got 'causal'"):
        conv_transpose_output_length(51, 3, padding="causal")


def test_transposed_convolutions_refuse_strides_with_dilation():
    with pytest.raises(ValueError, match=r"strides > 1 together with dilation_rate > 1"):
        conv_transpose_output_length(51, 3, strides=2, dilation_rate=2)
