"""Read shapes and numbers as messages write them, and write them back as Python does."""

from __future__ import annotations

import math
import re

from ...shapes.folding import fold_options

SHAPE_ITEM = r"Dimension\(\w+\)|None|null|\?|-?\d+"
UNKNOWN = re.compile(r"None|null|\?|Dimension\(None\)")

Shape = tuple[int | None, ...]
Facts = dict[str, str]  # what a message says and what is derived from it, by name


def dims(value: str | None) -> Shape:
    """The sizes of a shape as written in a message, ``(None, 5, 3)`` or ``[?,1,5,3]``; unknown sizes are None."""
    items = re.findall(SHAPE_ITEM, value or "")
    return tuple(None if UNKNOWN.fullmatch(item) else int(re.search(r"-?\d+", item).group()) for item in items)


def shape_rank(value: str) -> int | None:
    """The number of axes of a shape written in a message, or None when the value is not a shape."""
    if not value or value[0] not in "([":
        return None
    return len(re.findall(SHAPE_ITEM, value))


def show(shape: Shape) -> str:
    """A shape written as Python writes a tuple: ``(None, 5, 3)``, ``(3,)``."""
    return str(tuple(shape))


def product(sizes: Shape) -> int | None:
    """The number of values of known sizes, or None when one is unknown."""
    return None if None in sizes else math.prod(sizes)


def times(sizes: Shape) -> str:
    """Sizes written as ``5 x 3``."""
    return " x ".join(str(size) for size in sizes)


def ints(value: str | None) -> list[int]:
    """Every whole number written in a text."""
    return [int(number) for number in re.findall(r"\d+", value or "")]


def number(facts: dict[str, str], name: str) -> int | None:
    """A fact read as a whole number, or None when the message did not hold it."""
    return int(facts[name]) if re.fullmatch(r"-?\d+", facts.get(name, "")) else None


def exact_folds(steps: int, channels: int | None = None, limit: int = 3) -> list[str]:
    """Up to ``limit`` Reshape targets that fold ``steps`` into a grid of at least two rows, exactly."""
    if steps < 1 or (channels is not None and channels < 1):
        return []
    options = [option for option in fold_options(steps, channels) if option.method == "exact" and option.height > 1]
    return [f"Reshape({option.target_shape})" for option in options[:limit]]


def folds_text(steps: int, channels: int | None = None, limit: int = 3) -> str:
    """The exact folds of ``steps`` as Reshape targets, or how to pad or crop to a grid when there is none."""
    exact = exact_folds(steps, channels, limit)
    if exact or steps < 2 or (channels is not None and channels < 1):
        return ", ".join(exact) or "no grid of two rows or more (check the sizes in the message)"
    ways = {option.method: option for option in fold_options(steps, channels)}
    pad, crop = ways["pad"], ways["crop"]
    return (
        f"no grid holds exactly {steps} steps: pad {pad.change} zero steps (layers.ZeroPadding1D((0, {pad.change}))) "
        f"and Reshape({pad.target_shape}), or crop {-crop.change} (layers.Cropping1D((0, {-crop.change}))) and "
        f"Reshape({crop.target_shape})"
    )


def rounded_by_strides(pairs: list[tuple[int, int]], smallest: int = 2) -> bool:
    """Whether every pair of sizes differs by 1 to 4, the smaller at least ``smallest``: what stride-2 steps that
    rounded odd sizes leave between two maps or sequences meant to match."""
    return bool(pairs) and all(0 < abs(a - b) <= 4 and min(a, b) >= smallest for a, b in pairs)


def yes(condition: bool) -> str:
    """A derived fact's value: the table's conditions match ``yes`` or ``no``."""
    return "yes" if condition else "no"
