"""scan_indices and feature_slots: which pixel of a feature map becomes which step of a sequence, as Keras does it."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from keras import layers, ops

from convshapes.shapes import feature_slots, scan_indices


def pixel_ids(height, width, channels=1):
    """A batch of one map whose values are their own flat (row-major) positions."""
    return np.arange(height * width * channels, dtype="float32").reshape(1, height, width, channels)


@settings(max_examples=20, deadline=None)
@given(height=st.integers(1, 8), width=st.integers(1, 8))
def test_raster_steps_match_where_keras_reshape_puts_each_pixel(height, width):
    sequence = ops.convert_to_numpy(layers.Reshape((height * width, 1))(pixel_ids(height, width)))[0, :, 0]
    grid = np.empty((height, width), dtype=int)
    for step, pixel in enumerate(sequence.astype(int)):
        grid[divmod(int(pixel), width)] = step
    np.testing.assert_array_equal(scan_indices(height, width, "raster"), grid)


@settings(max_examples=20, deadline=None)
@given(height=st.integers(1, 6), width=st.integers(1, 6), channels=st.integers(1, 3))
def test_column_steps_and_feature_slots_match_permute_then_reshape(height, width, channels):
    swapped = layers.Permute((2, 1, 3))(pixel_ids(height, width, channels))
    sequence = ops.convert_to_numpy(layers.Reshape((width, height * channels))(swapped))[0].astype(int)
    steps, slots = scan_indices(height, width, "columns"), feature_slots(height, width, channels)
    for step, features in enumerate(sequence):
        for feature, value in enumerate(features):
            pixel, channel = divmod(int(value), channels)
            row, column = divmod(pixel, width)
            assert steps[row, column] == step
            assert slots[row, column] + channel == feature


def test_in_raster_order_the_pixel_below_is_one_width_of_steps_later():
    grid = scan_indices(5, 62, "raster")
    assert grid[3, 7] - grid[2, 7] == 62


def test_raster_order_wraps_from_the_end_of_one_row_to_the_start_of_the_next():
    grid = scan_indices(3, 4, "raster")
    assert grid[1, 0] == grid[0, 3] + 1


def test_in_column_order_every_pixel_of_a_column_shares_one_step():
    grid = scan_indices(4, 6, "columns")
    assert all(set(grid[:, column]) == {column} for column in range(6))


def test_feature_slots_advance_by_the_channel_count_down_each_column():
    assert list(feature_slots(4, 6, channels=3)[:, 2]) == [0, 3, 6, 9]


def test_an_unknown_order_is_rejected_with_the_allowed_names():
    with pytest.raises(ValueError, match="'raster', 'columns'"):
        scan_indices(4, 6, "rows")


def test_a_non_positive_size_is_rejected():
    with pytest.raises(ValueError, match="positive"):
        scan_indices(0, 6)


def test_a_non_positive_channel_count_is_rejected():
    with pytest.raises(ValueError, match="channels must be positive"):
        feature_slots(4, 6, channels=0)
