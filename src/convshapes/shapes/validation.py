"""Argument checks shared by the shape functions, with messages that name the argument."""

from __future__ import annotations

import numbers

PADDINGS = ("valid", "same", "causal")
POOL_PADDINGS = ("valid", "same")


def positive_int(name: str, value: object) -> int:
    """Return ``value`` as an int, or raise ValueError naming ``name`` if it is not a positive integer."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ValueError(
            f"{name} must be a positive integer, got {value!r} ({type(value).__name__}). "
            f"Pass a whole number such as {name}=3."
        )
    if value <= 0:
        raise ValueError(f"{name} must be a positive integer, got {value!r}. Sizes count elements, so use 1 or more.")
    return int(value)


def padding_mode(value: object, allowed: tuple[str, ...]) -> str:
    """Return ``value`` lower-cased, or raise ValueError listing the allowed padding modes."""
    if not isinstance(value, str) or value.lower() not in allowed:
        choices = ", ".join(repr(mode) for mode in allowed)
        raise ValueError(f"padding must be one of {choices}, got {value!r}.")
    return value.lower()
