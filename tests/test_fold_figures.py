"""fold_figures shows where Reshape puts each time step, what one kernel window sees, and draws the chapter's pictures."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from keras import layers, ops
from matplotlib.colors import to_rgba

from convshapes import fold_figures
from convshapes.fold_figures import PADDING_STEP, fold_indices, kernel_window_steps
from convshapes.palette import OKABE_ITO


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


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


def test_the_fold_grid_numbers_every_cell_with_its_time_step():
    figure = fold_figures.draw_fold_grid(12, 3, 4, kernel_origin=(0, 1))
    labels = [text.get_text() for text in figure.axes[0].texts]
    assert sorted(labels, key=int) == [str(step) for step in range(12)]


def test_the_fold_grid_highlights_exactly_the_kernel_window():
    figure = fold_figures.draw_fold_grid(100, 10, 10, kernel_origin=(3, 4))
    highlight = to_rgba(OKABE_ITO["orange"])
    shaded = sorted(
        int(patch.get_y()) * 10 + int(patch.get_x())
        for patch in figure.axes[0].patches
        if patch.get_facecolor() == highlight
    )
    assert shaded == kernel_window_steps(fold_indices(100, 10, 10), 3, 4)


def test_the_fold_grid_labels_padding_cells():
    figure = fold_figures.draw_fold_grid(98, 10, 10, kernel_origin=(0, 0))
    labels = [text.get_text() for text in figure.axes[0].texts]
    assert labels.count("pad") == 2


def test_the_folded_signal_image_has_one_row_per_cycle_and_one_column_per_phase():
    signal = np.arange(100, dtype=float)
    figure = fold_figures.draw_folded_signal(signal, period=20)
    image = figure.axes[1].images[0].get_array()
    assert image.shape == (5, 20)
    np.testing.assert_array_equal(image[:, 7], [7, 27, 47, 67, 87])


def test_a_signal_shorter_than_one_period_cannot_be_folded():
    with pytest.raises(ValueError, match="fewer than one period"):
        fold_figures.draw_folded_signal(np.zeros(10), period=20)


def test_the_spectrogram_puts_time_across_and_frequency_up_to_nyquist():
    frames, fft_length, sample_rate = 61, 256, 8000
    magnitudes = np.zeros((frames, fft_length // 2 + 1))
    figure = fold_figures.draw_spectrogram(magnitudes, frame_step=128, fft_length=fft_length, sample_rate=sample_rate)
    image = figure.axes[0].images[0]
    assert image.get_array().shape == (fft_length // 2 + 1, frames)
    assert image.get_extent()[3] == sample_rate / 2
