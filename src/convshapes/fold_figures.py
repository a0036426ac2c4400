"""Pictures for folding a sequence into a grid: which time step lands in which cell, and what a kernel sees."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Rectangle

from .figures import label_grid_axes
from .palette import OKABE_ITO

PADDING_STEP = -1


def fold_indices(steps: int, height: int, width: int) -> np.ndarray:
    """The ``(height, width)`` grid of time steps that ``Reshape((height, width, ...))`` makes from ``steps`` steps.

    Cells past the last step (zero padding) hold ``PADDING_STEP``; steps past ``height * width`` are cropped.
    """
    if min(steps, height, width) < 1:
        raise ValueError(f"steps, height and width must be positive, got {steps}, {height}, {width}.")
    cells = np.full(height * width, PADDING_STEP, dtype=int)
    kept = min(steps, height * width)
    cells[:kept] = np.arange(kept)
    return cells.reshape(height, width)


def kernel_window_steps(grid: np.ndarray, row: int, column: int, kernel_size: int = 3) -> list[int]:
    """The time steps (row by row, padding left out) under a square kernel whose top-left cell is ``(row, column)``."""
    height, width = grid.shape
    if not (0 <= row <= height - kernel_size and 0 <= column <= width - kernel_size):
        raise ValueError(
            f"a {kernel_size}x{kernel_size} kernel at ({row}, {column}) does not fit in a {height}x{width} grid."
        )
    window = grid[row : row + kernel_size, column : column + kernel_size]
    return [int(step) for step in window.ravel() if step != PADDING_STEP]


def draw_fold_grid(steps: int, height: int, width: int, kernel_origin: tuple[int, int] = (0, 0), kernel_size: int = 3):
    """Draw the folded grid, numbering each cell with its time step and shading one kernel window."""
    grid = fold_indices(steps, height, width)
    row0, column0 = kernel_origin
    kernel_window_steps(grid, row0, column0, kernel_size)
    figure, axes = plt.subplots(figsize=(min(9, 0.6 * width + 1.5), min(4.5, 0.6 * height + 1.2)))
    for row in range(height):
        for column in range(width):
            step = grid[row, column]
            inside = row0 <= row < row0 + kernel_size and column0 <= column < column0 + kernel_size
            colour = OKABE_ITO["orange"] if inside else ("#EEEEEE" if step == PADDING_STEP else "white")
            axes.add_patch(Rectangle((column, row), 1, 1, facecolor=colour, edgecolor="#777777"))
            label = "pad" if step == PADDING_STEP else str(step)
            axes.text(column + 0.5, row + 0.5, label, ha="center", va="center", fontsize=8)
    axes.add_patch(
        Rectangle((column0, row0), kernel_size, kernel_size, fill=False, edgecolor=OKABE_ITO["blue"], linewidth=3)
    )
    label_grid_axes(axes, height, width, "width (column)", "height (row)")
    axes.set_ylim(height, 0)
    axes.set_title(f"{steps} time steps folded into {height} x {width}; outlined: one {kernel_size}x{kernel_size} kernel")
    figure.tight_layout()
    return figure


def draw_folded_signal(signal: np.ndarray, period: int):
    """Plot a 1-D signal above its ``(len(signal) // period, period)`` fold: one row per cycle, one column per phase."""
    signal = np.asarray(signal, dtype=float)
    cycles = len(signal) // period
    if cycles < 1:
        raise ValueError(f"the signal has {len(signal)} steps, fewer than one period of {period}.")
    folded = signal[: cycles * period].reshape(cycles, period)
    figure, (top, bottom) = plt.subplots(2, 1, figsize=(8, 4.5), height_ratios=[1, 1.2])
    top.plot(np.arange(len(signal)), signal, color=OKABE_ITO["blue"])
    for boundary in range(period, len(signal), period):
        top.axvline(boundary, color=OKABE_ITO["vermillion"], linestyle="--", linewidth=1)
    top.set_xlim(0, len(signal) - 1)
    top.set_xlabel("time step")
    top.set_title(f"The signal; dashed lines every {period} steps")
    image = bottom.imshow(folded, cmap="cividis", aspect="auto")
    bottom.set_xlabel("phase (column = step within the cycle)")
    bottom.set_ylabel("cycle (row)")
    bottom.set_yticks(range(cycles))
    bottom.set_xticks(range(0, period, max(1, period // 10)))
    bottom.set_title(f"Folded to {cycles} x {period}: the same phase lines up vertically")
    figure.colorbar(image, ax=bottom, label="value")
    figure.tight_layout()
    return figure


def draw_spectrogram(magnitudes: np.ndarray, frame_step: int, fft_length: int, sample_rate: float = 1.0):
    """Show a ``(frames, bins)`` STFT magnitude as an image: time runs left to right, frequency bottom to top."""
    magnitudes = np.asarray(magnitudes, dtype=float)
    frames, bins = magnitudes.shape
    figure, axes = plt.subplots(figsize=(8, 3.5))
    extent = (0, frames * frame_step / sample_rate, 0, (bins - 1) * sample_rate / fft_length)
    image = axes.imshow(
        np.log1p(magnitudes.T), origin="lower", aspect="auto", cmap="cividis", extent=extent, interpolation="nearest"
    )
    unit = " (samples)" if sample_rate == 1.0 else " (s)"
    axes.set_xlabel("time" + unit)
    axes.set_ylabel("frequency" + (" (cycles per sample)" if sample_rate == 1.0 else " (Hz)"))
    axes.set_title(f"Spectrogram: {frames} frames x {bins} frequency bins")
    figure.colorbar(image, ax=axes, label="log(1 + magnitude)")
    figure.tight_layout()
    return figure
