"""Pictures of a sequence folded into a grid: which time step lands in which cell, and what a kernel sees."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Rectangle

from ..shapes.indices import PADDING_STEP, fold_indices, kernel_window_steps
from .grid import label_grid_axes
from .palette import OKABE_ITO


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
    axes.set_title(
        f"{steps} time steps folded into {height} x {width}; outlined: one {kernel_size}x{kernel_size} kernel"
    )
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
