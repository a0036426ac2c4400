"""The fold figures: the numbered grid with one kernel window, the folded signal and the spectrogram."""

import numpy as np
import pytest
from matplotlib.colors import to_rgba

from convshapes import figures
from convshapes.figures.palette import OKABE_ITO
from convshapes.shapes import fold_indices, kernel_window_steps


def test_the_fold_grid_numbers_every_cell_with_its_time_step():
    figure = figures.draw_fold_grid(12, 3, 4, kernel_origin=(0, 1))
    labels = [text.get_text() for text in figure.axes[0].texts]
    assert sorted(labels, key=int) == [str(step) for step in range(12)]


def test_the_fold_grid_highlights_exactly_the_kernel_window():
    figure = figures.draw_fold_grid(100, 10, 10, kernel_origin=(3, 4))
    highlight = to_rgba(OKABE_ITO["orange"])
    shaded = sorted(
        int(patch.get_y()) * 10 + int(patch.get_x())
        for patch in figure.axes[0].patches
        if patch.get_facecolor() == highlight
    )
    assert shaded == kernel_window_steps(fold_indices(100, 10, 10), 3, 4)


def test_the_fold_grid_labels_padding_cells():
    figure = figures.draw_fold_grid(98, 10, 10, kernel_origin=(0, 0))
    labels = [text.get_text() for text in figure.axes[0].texts]
    assert labels.count("pad") == 2


def test_the_folded_signal_image_has_one_row_per_cycle_and_one_column_per_phase():
    signal = np.arange(100, dtype=float)
    figure = figures.draw_folded_signal(signal, period=20)
    image = figure.axes[1].images[0].get_array()
    assert image.shape == (5, 20)
    np.testing.assert_array_equal(image[:, 7], [7, 27, 47, 67, 87])


def test_a_signal_shorter_than_one_period_cannot_be_folded():
    with pytest.raises(ValueError, match="fewer than one period"):
        figures.draw_folded_signal(np.zeros(10), period=20)


def test_the_spectrogram_puts_time_across_and_frequency_up_to_nyquist():
    frames, fft_length, sample_rate = 61, 256, 8000
    magnitudes = np.zeros((frames, fft_length // 2 + 1))
    figure = figures.draw_spectrogram(magnitudes, frame_step=128, fft_length=fft_length, sample_rate=sample_rate)
    image = figure.axes[0].images[0]
    assert image.get_array().shape == (fft_length // 2 + 1, frames)
    assert image.get_extent()[3] == sample_rate / 2
