"""receptive_spans: the input steps each output step of a stack of convolutions and poolings depends on."""

import keras
import numpy as np
import pytest
from keras import layers

from convshapes.shapes import conv_output_length, receptive_spans


def spans_from_keras(length, stack):
    """Feed one impulse per input step through all-ones convolutions; see which outputs each impulse reaches."""
    model = keras.Sequential([keras.Input(shape=(length, 1))])
    for index, (kernel_size, strides, padding) in enumerate(stack):
        model.add(
            layers.Conv1D(1, kernel_size, strides=strides, padding=padding, use_bias=False, kernel_initializer="ones")
            if index % 2 == 0
            else layers.AveragePooling1D(kernel_size, strides=strides, padding=padding)
        )
    impulses = np.eye(length, dtype="float32")[:, :, None]
    reached = keras.ops.convert_to_numpy(model(impulses))[:, :, 0] > 0  # (input step, output step)
    return [(int(np.flatnonzero(column)[0]), int(np.flatnonzero(column)[-1])) for column in reached.T]


@pytest.mark.parametrize(
    "length, stack",
    [
        (40, [(5, 1, "valid")]),
        (41, [(5, 4, "same")]),
        (361, [(32, 8, "valid"), (2, 2, "valid")]),
        (361, [(32, 8, "valid"), (2, 2, "valid"), (3, 1, "same")]),
        (50, [(3, 2, "same"), (3, 2, "same"), (4, 3, "valid")]),
        (30, [(2, 3, "valid")]),  # strides longer than the kernel: steps between windows are never read
    ],
)
def test_spans_match_what_keras_layers_read(length, stack):
    assert receptive_spans(length, stack) == spans_from_keras(length, stack)


def test_a_spectrogram_frame_and_a_conv1d_with_its_window_and_hop_read_the_same_steps():
    frames = receptive_spans(361, [(32, 8, "valid")])
    assert len(frames) == conv_output_length(361, 32, strides=8) == 42
    assert frames[0] == (0, 31) and frames[-1] == (328, 359)


def test_an_empty_stack_leaves_every_step_its_own_span():
    assert receptive_spans(4, []) == [(0, 0), (1, 1), (2, 2), (3, 3)]


def test_a_window_longer_than_the_input_is_refused_with_the_shape_functions_message():
    with pytest.raises(ValueError, match="kernel_size"):
        receptive_spans(10, [(32, 8, "valid")])
