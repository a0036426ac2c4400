"""fold_indices and kernel_window_steps: where Reshape puts each time step, and what one kernel window sees."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from keras import layers, ops

from convshapes.shapes import PADDING_STEP, fold_indices, kernel_window_steps


@settings(max_examples=25, deadline=None)
@given(height=st.integers(1, 12), width=st.integers(1, 12))
def test_fold_indices_match_what_keras_reshape_does_to_the_time_axis(height, width):
    steps = height * width
    sequence = ops.reshape(ops.arange(steps, dtype="float32"), (1, steps, 1))
    folded = layers.Reshape((height, width, 1))(sequence)
    expected = ops.convert_to_numpy(folded)[0, :, :, 0].astype(int)
    np.testing.assert_array_equal(fold_indices(steps, height, width), expected)


def test_cells_past_the_last_step_are_marked_as_padding():
    grid = fold_indices(98, 10, 10)
    assert grid[9, 7] == 97
    assert list(grid[9, 8:]) == [PADDING_STEP, PADDING_STEP]


def test_steps_that_do_not_fit_are_cropped_from_the_end():
    grid = fold_indices(98, 9, 9)
    assert grid.max() == 80 and grid.size == 81 and PADDING_STEP not in grid


def test_fold_indices_rejects_a_non_positive_size():
    with pytest.raises(ValueError, match="positive"):
        fold_indices(100, 0, 10)


@given(
    height=st.integers(3, 12),
    width=st.integers(3, 12),
    data=st.data(),
)
def test_a_kernel_window_sees_three_runs_of_consecutive_steps_one_width_apart(height, width, data):
    row = data.draw(st.integers(0, height - 3))
    column = data.draw(st.integers(0, width - 3))
    first = row * width + column
    expected = [first + down * width + across for down in range(3) for across in range(3)]
    assert kernel_window_steps(fold_indices(height * width, height, width), row, column) == expected


def test_in_a_10_wide_fold_the_kernel_at_row_3_column_4_spans_steps_34_to_56():
    window = kernel_window_steps(fold_indices(100, 10, 10), 3, 4)
    assert window[0] == 34 and window[-1] == 56 and len(window) == 9


def test_a_kernel_window_leaves_out_padding_cells():
    window = kernel_window_steps(fold_indices(98, 10, 10), 7, 7)
    assert window == [77, 78, 79, 87, 88, 89, 97]


def test_a_kernel_window_that_does_not_fit_is_rejected():
    with pytest.raises(ValueError, match="does not fit"):
        kernel_window_steps(fold_indices(100, 10, 10), 8, 0)
