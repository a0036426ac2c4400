"""Ways to fold a sequence of ``steps`` into a ``(height, width)`` pseudo-image."""

from __future__ import annotations

import math
from dataclasses import dataclass

from .validation import positive_int


@dataclass(frozen=True)
class FoldOption:
    """One way to lay ``steps`` time steps out as ``height`` rows of ``width`` steps.

    ``method`` is ``"exact"``, ``"pad"`` (append ``change`` zero steps) or ``"crop"`` (drop ``-change`` steps).
    """

    height: int
    width: int
    method: str
    steps: int
    change: int
    channels: int | None = None

    @property
    def target_shape(self) -> tuple[int, ...]:
        """The ``Reshape`` target (no batch axis) for this fold."""
        if self.channels is None:
            return (self.height, self.width)
        return (self.height, self.width, self.channels)

    def __str__(self) -> str:
        grid = f"{self.height} x {self.width}"
        if self.method == "exact":
            return f"exact: {grid}, target_shape={self.target_shape}"
        if self.method == "pad":
            return f"pad {self.change} zero steps ({self.steps - self.change} -> {self.steps}): {grid}, target_shape={self.target_shape}"
        return f"crop {-self.change} steps ({self.steps - self.change} -> {self.steps}): {grid}, target_shape={self.target_shape}"


def fold_options(steps: int, channels: int | None = None) -> list[FoldOption]:
    """Every exact ``height <= width`` factorisation of ``steps``, most square first, then the nearest
    square reached by padding and by cropping when ``steps`` is not a perfect square.

    >>> [str(option) for option in fold_options(98)][:2]
    ['exact: 7 x 14, target_shape=(7, 14)', 'exact: 2 x 49, target_shape=(2, 49)']
    """
    steps = positive_int("steps", steps)
    if channels is not None:
        channels = positive_int("channels", channels)
    exact = [
        FoldOption(height, steps // height, "exact", steps, 0, channels)
        for height in range(math.isqrt(steps), 0, -1)
        if steps % height == 0
    ]
    root = math.isqrt(steps)
    if root * root == steps:
        return exact
    padded_side = root + 1
    alternatives = [FoldOption(padded_side, padded_side, "pad", padded_side**2, padded_side**2 - steps, channels)]
    alternatives.append(FoldOption(root, root, "crop", root * root, root * root - steps, channels))
    return exact + alternatives
