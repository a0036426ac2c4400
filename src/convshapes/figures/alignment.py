"""Time steps of two branches side by side: which input steps each output step of each branch has read."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
from matplotlib.patches import Patch, Rectangle

from ..shapes.indices import receptive_spans
from .palette import OKABE_ITO

BRANCH_COLOURS = (OKABE_ITO["blue"], OKABE_ITO["orange"], OKABE_ITO["bluish_green"], OKABE_ITO["vermillion"])


def draw_time_alignment(length: int, branches: Mapping[str, Sequence[tuple[int, int, str]]], shown: int = 4):
    """One bar per output step (the first ``shown`` of each branch) over the input steps it reads, on one time axis.

    ``branches`` maps a name to its stack of 1-D windows, ``(kernel_size, strides, padding)`` per layer, as
    ``convshapes.receptive_spans`` reads them. Bars of steps that can be merged one to one lie exactly above each other.
    """
    if not branches or len(branches) > len(BRANCH_COLOURS):
        raise ValueError(f"draw 1 to {len(BRANCH_COLOURS)} branches, got {len(branches)}.")
    spans = {name: receptive_spans(length, stack) for name, stack in branches.items()}
    rows = len(branches) * (shown + 1) - 1
    figure, axes = plt.subplots(figsize=(9, 0.32 * rows + 1.6))
    labels, handles = [], []
    for group, ((name, branch_spans), colour) in enumerate(zip(spans.items(), BRANCH_COLOURS)):
        for step, (first, last) in enumerate(branch_spans[:shown]):
            y = group * (shown + 1) + step
            axes.add_patch(Rectangle((first, y + 0.1), last - first + 1, 0.8, facecolor=colour, edgecolor="black"))
            axes.text(last + 1.5, y + 0.5, f"steps {first}-{last}", va="center", fontsize=7)
            labels.append((y + 0.5, f"step {step}"))
        handles.append(Patch(facecolor=colour, edgecolor="black", label=f"{name}: {len(branch_spans)} time steps"))
    right = max(last for branch_spans in spans.values() for _, last in branch_spans[:shown]) + 1
    axes.set_xlim(0, right * 1.25)
    axes.set_ylim(rows, 0)
    axes.set_yticks([y for y, _ in labels], [label for _, label in labels], fontsize=7)
    axes.set_xlabel("input step of the recording")
    axes.tick_params(axis="y", length=0)
    axes.legend(
        handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.35 * 8 / (rows + 4)), ncol=1, frameon=False
    )
    axes.set_title(f"The input steps each output time step reads (first {shown} of each branch, {length} input steps)")
    figure.tight_layout()
    return figure
