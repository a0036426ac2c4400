"""Pictures of how a feature map becomes a sequence: which pixel lands at which step of the Conv1D input."""

from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib.patches import Rectangle

from ..shapes.indices import feature_slots, scan_indices
from .grid import label_grid_axes
from .palette import OKABE_ITO

GROUP_COLOURS = (OKABE_ITO["sky_blue"], OKABE_ITO["yellow"])


def draw_scan_order(height: int, width: int, order: str = "raster", channels: int = 1):
    """Draw the grid, numbering each pixel with its step and shading each step group (row or column) in turn."""
    steps = scan_indices(height, width, order)
    figure, axes = plt.subplots(figsize=(min(9.0, 0.75 * width + 1.8), min(4.2, 0.75 * height + 1.4)))
    for row in range(height):
        for column in range(width):
            group = row if order == "raster" else column
            axes.add_patch(
                Rectangle((column, row), 1, 1, facecolor=GROUP_COLOURS[group % 2], edgecolor="#555555", alpha=0.55)
            )
            axes.text(column + 0.5, row + 0.45, str(steps[row, column]), ha="center", va="center", fontsize=10)
    if order == "raster":
        path = [(column + 0.5, row + 0.75) for row in range(height) for column in range(width)]
        title = f"Reshape(({height * width}, channels)): step = row * {width} + column"
    else:
        slots = feature_slots(height, width, channels)
        for row in range(height):
            for column in range(width):
                first = slots[row, column]
                label = f"feat {first}" if channels == 1 else f"feat {first}-{first + channels - 1}"
                axes.text(column + 0.5, row + 0.8, label, ha="center", va="center", fontsize=7, color="#333333")
        path = [(column + 0.5, -0.15) for column in range(width)]
        title = f"Permute((2, 1, 3)) + Reshape(({width}, {height} * {channels})): step = column"
    xs, ys = zip(*path)
    axes.plot(xs, ys, color=OKABE_ITO["vermillion"], linewidth=1.2, marker=".", markersize=4, clip_on=False)
    axes.annotate(
        "",
        xy=path[-1],
        xytext=path[-2] if len(path) > 1 else (path[-1][0] - 0.4, path[-1][1]),
        arrowprops={"arrowstyle": "->", "color": OKABE_ITO["vermillion"], "linewidth": 1.2},
        annotation_clip=False,
    )
    label_grid_axes(axes, height, width, "column (width)", "row (height)")
    axes.set_ylim(height, -0.3 if order == "columns" else 0)
    for side in axes.spines.values():
        side.set_visible(False)
    axes.set_title(title, fontsize=9)
    figure.tight_layout()
    return figure
