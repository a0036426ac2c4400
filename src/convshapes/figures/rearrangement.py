"""Pictures of what Reshape and Permute do to a small (steps, channels) tensor: where each value goes."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Rectangle

from ..shapes.indices import element_origin
from .palette import OKABE_ITO

STEP_COLOURS = (
    OKABE_ITO["orange"],
    OKABE_ITO["sky_blue"],
    OKABE_ITO["bluish_green"],
    OKABE_ITO["yellow"],
    OKABE_ITO["reddish_purple"],
    OKABE_ITO["vermillion"],
)


def draw_rearrangements(panels: dict[str, np.ndarray], channels: int):
    """Draw 2-D arrays of flat source positions side by side, each cell labelled and coloured by its source step."""
    grids = {title: np.asarray(grid) for title, grid in panels.items()}
    for title, grid in grids.items():
        if grid.ndim != 2:
            raise ValueError(f"panel {title!r} must be a 2-D array, got shape {grid.shape}.")
    figure, axes_row = plt.subplots(1, len(grids), figsize=(min(9, 2.6 * len(grids)), 3.2), squeeze=False)
    for axes, (title, grid) in zip(axes_row[0], grids.items()):
        rows, columns = grid.shape
        for row in range(rows):
            for column in range(columns):
                step, channel = element_origin(grid[row, column], channels)
                colour = STEP_COLOURS[step % len(STEP_COLOURS)]
                axes.add_patch(Rectangle((column, row), 1, 1, facecolor=colour, edgecolor="white", linewidth=2))
                axes.text(column + 0.5, row + 0.5, f"t{step}\nc{channel}", ha="center", va="center", fontsize=8)
        axes.set_xlim(0, columns)
        axes.set_ylim(rows, 0)
        axes.set_aspect("equal")
        axes.set_xticks([])
        axes.set_yticks([])
        axes.set_title(f"{title}\nshape {grid.shape}", fontsize=9)
        for spine in axes.spines.values():
            spine.set_visible(False)
    figure.tight_layout()
    return figure
