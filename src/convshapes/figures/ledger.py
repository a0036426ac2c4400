"""A shape ledger drawn as rows of coloured axis boxes, one row per layer."""

from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib.patches import Patch, Rectangle

from .palette import AXIS_ROLE_COLOURS, OTHER_AXIS_COLOUR


def draw_shape_ledger(ledger, title: str | None = None):
    """One row per layer of a ``convshapes.ShapeLedger``: a coloured box per output axis, labelled with its size."""
    row_count = len(ledger.rows)
    figure, axes = plt.subplots(figsize=(9, 0.6 * row_count + 1.2))
    for index, row in enumerate(ledger.rows):
        y = row_count - 1 - index
        axes.text(-0.2, y + 0.4, f"{row.name} ({row.layer_type})", ha="right", va="center", fontsize=9)
        for position, (size, role) in enumerate(zip(row.shape, row.roles)):
            colour = AXIS_ROLE_COLOURS.get(role, OTHER_AXIS_COLOUR)
            axes.add_patch(Rectangle((position * 1.6, y + 0.05), 1.5, 0.7, facecolor=colour, edgecolor="black"))
            label = "None" if size is None else str(size)
            axes.text(position * 1.6 + 0.75, y + 0.4, label, ha="center", va="center", fontsize=9)
    longest = max(len(row.shape) for row in ledger.rows)
    axes.set_xlim(-0.2, longest * 1.6)
    axes.set_ylim(-0.2, row_count)
    axes.axis("off")
    roles_present = [role for role in AXIS_ROLE_COLOURS if any(role in row.roles for row in ledger.rows)]
    axes.legend(
        handles=[Patch(facecolor=AXIS_ROLE_COLOURS[role], edgecolor="black", label=role) for role in roles_present],
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        ncol=len(roles_present),
        frameon=False,
    )
    axes.set_title(title or "Output shape of each layer (boxes are axes, left to right)")
    figure.tight_layout()
    return figure
