"""Pictures of a 1-D kernel sliding along a sequence: padding, stride, dilation and what each output reads."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Rectangle

from ..shapes.arithmetic import padding_split
from ..shapes.indices import kernel_taps
from ..shapes.validation import PADDINGS, padding_mode
from .palette import OKABE_ITO


def draw_kernel_positions(
    length: int, kernel_size: int, strides: int = 1, dilation_rate: int = 1, padding: str = "valid"
):
    """Draw the input (with padding cells) on top and, one row per output position, the cells its kernel reads."""
    padding = padding_mode(padding, PADDINGS)
    before, after = padding_split(length, kernel_size, strides, dilation_rate, padding)
    taps = kernel_taps(length, kernel_size, strides, dilation_rate, padding)
    columns = np.arange(-before, length + after)
    rows = len(taps) + 1
    cell = min(0.4, 8.0 / len(columns), 3.0 / rows)
    figure, axes = plt.subplots(figsize=(max(5.0, cell * len(columns) + 1.6), max(2.2, cell * rows + 1.0)))
    for column in columns:
        is_padding = column < 0 or column >= length
        colour = "#DDDDDD" if is_padding else OKABE_ITO["sky_blue"]
        axes.add_patch(Rectangle((column, 0), 1, 1, facecolor=colour, edgecolor="#555555"))
        if len(columns) <= 40:
            axes.text(column + 0.5, 0.5, "0" if is_padding else str(column), ha="center", va="center", fontsize=7)
    for row, positions in enumerate(taps, start=1):
        for column in columns:
            axes.add_patch(Rectangle((column, row), 1, 1, facecolor="white", edgecolor="#EEEEEE"))
        for column in positions:
            is_padding = column < 0 or column >= length
            colour = "#999999" if is_padding else OKABE_ITO["orange"]
            axes.add_patch(Rectangle((column, row), 1, 1, facecolor=colour, edgecolor="#555555"))
    axes.set_xlim(-before, length + after)
    axes.set_ylim(rows, 0)
    axes.set_aspect("equal")
    axes.set_yticks(np.arange(rows) + 0.5, ["input"] + [f"out {index}" for index in range(len(taps))], fontsize=7)
    axes.set_xticks([])
    axes.tick_params(length=0)
    for side in axes.spines.values():
        side.set_visible(False)
    axes.set_title(
        f"kernel_size={kernel_size}, strides={strides}, dilation_rate={dilation_rate}, padding='{padding}'\n"
        f"input length {length} -> output length {len(taps)}; zeros (before, after) = ({before}, {after})",
        fontsize=8,
    )
    figure.tight_layout()
    return figure
