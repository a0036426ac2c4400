"""What went wrong where the walk stopped, in one sentence: what the layer needs and what it got.

The kind of problem is read from the layer and the shape it got, not from the wording of Keras' message, so
that every Keras version gets the same diagnosis (some build an axis of size 0 where others raise).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..decoder.fixes.numbers import show
from ..error_text import essential_message
from ..shapes.ledger import axis_roles
from .knowledge import class_rank
from .plan import Plan, Step
from .walk import Failure, Shape


@dataclass(frozen=True)
class Problem:
    """The first layer that does not fit: where, what it got, the kind of problem, and Keras' own message.

    ``kind`` is ``rank`` (too few or too many axes), ``window`` (a window longer than its axis, or an axis
    shrunk to 0), ``reshape`` (a Reshape target that holds another number of values), ``silent`` (a Lambda
    whose output shape Keras cannot infer), ``several`` or ``other``.
    """

    index: int
    layer: str
    layer_type: str
    got: Shape
    kind: str
    sentence: str
    message: str | None
    needs: int | None = None


def needed_rank(step: Step) -> int | None:
    """The rank (batch axis included) a layer needs, wrappers included; None when it takes any."""
    if step.class_name in ("TimeDistributed", "Bidirectional"):
        inner = needed_rank(step.inner())
        return None if inner is None else inner + (step.class_name == "TimeDistributed")
    if step.class_name == "Permute":
        return len(step.config["dims"]) + 1
    return class_rank(step.class_name)


def windows(step: Step) -> tuple[tuple[int, ...], str] | None:
    """A convolution's or pooling's effective window per axis, and its argument's name; None for other layers."""
    for argument in ("kernel_size", "pool_size"):
        size = step.config.get(argument)
        if size is not None:
            size = tuple(size) if isinstance(size, (tuple, list)) else (size,)
            dilation = step.config.get("dilation_rate", 1)
            dilation = tuple(dilation) if isinstance(dilation, (tuple, list)) else (dilation,) * len(size)
            return tuple((k - 1) * d + 1 for k, d in zip(size, dilation)), argument
    return None


def spatial_axes(step: Step, shape: Shape) -> tuple[int, ...]:
    """The positions of the axes a window slides over, for the layer's data_format."""
    rank = len(shape)
    first = 2 if step.config.get("data_format") == "channels_first" else 1
    return tuple(range(first, first + rank - 2))


def short_axes(step: Step, shape: Shape) -> list[tuple[int, int, int]]:
    """Each axis shorter than the layer's valid window: (position, length, window)."""
    found = windows(step)
    if found is None or step.config.get("padding", "valid") == "same":
        return []
    sizes, _ = found
    axes = spatial_axes(step, shape)
    if len(axes) != len(sizes):
        return []
    return [
        (axis, shape[axis], size) for axis, size in zip(axes, sizes) if shape[axis] is not None and shape[axis] < size
    ]


def diagnose_failure(plan: Plan, failure: Failure) -> Problem:
    """The problem the failure shows, with its one sentence."""
    step = plan.steps[failure.index]
    got = failure.got
    message = essential_message(str(failure.error)) if failure.error is not None else None
    who = f"{step.name} ({step.class_name})"
    base = dict(index=failure.index, layer=step.name, layer_type=step.class_name, got=got, message=message)
    rank = needed_rank(step)
    if failure.what == "silent":
        sentence = (
            f"{who} gets {show(got)}, and Keras cannot work out the shape its function returns, so a "
            "Sequential model of these layers has no output shape (nothing is raised)."
        )
        return Problem(kind="silent", sentence=sentence, **base)
    if rank is not None and rank != len(got):
        roles = ", ".join(axis_roles((None,) * rank, failure.layer))
        sentence = f"{who} needs {rank} axes ({roles}) and got {len(got)}: {show(got)}."
        return Problem(kind="rank", sentence=sentence, needs=rank, **base)
    short = short_axes(step, got)
    if short or failure.what == "empty":
        return Problem(kind="window", sentence=_window_sentence(step, who, got, short, failure.output), **base)
    if step.class_name == "Reshape" and None not in got[1:]:
        target = tuple(step.config["target_shape"])
        values = math.prod(got[1:])
        if -1 in target or math.prod(target) != values:
            sentence = (
                f"{who} needs {_target_values(target)} per sample for its target {show(target)} and got "
                f"{show(got)}: {values} values."
            )
            return Problem(kind="reshape", sentence=sentence, **base)
    if failure.what == "several":
        sentence = f"{who} returns more than one tensor; a Sequential model passes one from layer to layer."
        return Problem(kind="several", sentence=sentence, **base)
    first = (message or "it raised an error").split("\n")[0]
    return Problem(kind="other", sentence=f"{who} cannot take {show(got)}: {first}", **base)


def _target_values(target: tuple[int, ...]) -> str:
    known = math.prod(size for size in target if size != -1)
    return f"a multiple of {known} values" if -1 in target else f"{known} values"


def _window_sentence(step: Step, who: str, got: Shape, short: list, output: Shape | None) -> str:
    padding = step.config.get("padding", "valid")
    if short:
        _, length, size = short[0]
        return (
            f'{who} needs at least {size} steps on each axis its window slides over (padding="{padding}") '
            f"and got {show(got)}, with an axis of {length}."
        )
    return f"{who} got {show(got)} and returns {show(output)}: an axis of size 0, so no output is left."
