"""The grid every grid figure shares: square cells numbered by row and column, row 0 at the top."""

from __future__ import annotations

import numpy as np


def label_grid_axes(axes, height: int, width: int, x_label: str, y_label: str) -> None:
    """Square cells with row and column numbers, row 0 at the top, as every grid figure draws them."""
    axes.set_xlim(0, width)
    axes.set_aspect("equal")
    axes.set_xticks(np.arange(width) + 0.5, [str(column) for column in range(width)], fontsize=8)
    axes.set_yticks(np.arange(height) + 0.5, [str(row) for row in range(height)], fontsize=8)
    axes.set_xlabel(x_label)
    axes.set_ylabel(y_label)
    axes.tick_params(length=0)
