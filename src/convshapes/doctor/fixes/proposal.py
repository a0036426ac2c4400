"""A proposed fix (a changed plan and the sentence that says what changed) and helpers the proposers share."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import keras

from ...decoder.fixes.numbers import product
from ..knowledge import FIX_KINDS
from ..plan import Plan, Step
from ..source import step_source
from ..walk import Shape, Walk


@dataclass(frozen=True)
class Proposal:
    """A changed plan, the kind of fix, the sentence naming the change, and how its context moves its likelihood."""

    kind: str
    plan: Plan
    title: str
    adjust: int = 0

    @property
    def likely(self) -> int:
        return FIX_KINDS[self.kind].likely + self.adjust


def proposal(kind: str, plan: Plan, adjust: int = 0, **names: object) -> Proposal:
    """A proposal of ``kind``, its title filled in with ``names``."""
    return Proposal(kind, plan, FIX_KINDS[kind].sentence(**names), adjust)


def reshape_step(plan: Plan, shape: Shape) -> Step | None:
    """A Reshape to ``shape`` (sizes without the batch axis; one unknown size becomes -1), None if two are unknown."""
    if sum(size is None for size in shape) > 1 or any(size is not None and size <= 0 for size in shape):
        return None
    return plan.new_step(keras.layers.Reshape, tuple(-1 if size is None else size for size in shape))


def insert_reshape(plan: Plan, index: int, shape: Shape) -> tuple[Plan, Step] | None:
    """The plan with a Reshape to ``shape`` before layer ``index``; a Reshape or Flatten right before it is replaced
    (two reshapes in a row are one), None when the shape has two unknown sizes."""
    step = reshape_step(plan, shape)
    if step is None:
        return None
    before = plan.steps[index - 1] if index > 0 else None
    if before is not None and before.class_name in ("Reshape", "Flatten"):
        name = before.name if before.class_name == "Reshape" else step.name
        step = Step(step.cls, {**step.config, "name": name})
        return plan.put(index - 1, step), step
    return plan.insert(index, step), step


def code(step: Step) -> str:
    return step_source(step)


def values(shape: Shape) -> int | None:
    """The number of values in one sample of ``shape`` (batch axis excluded), None if a size is unknown."""
    return product(shape[1:])


def same_rank_since(walk: Walk, start: int, index: int) -> bool:
    """Whether every layer from output ``start`` (0: the input) to the input of layer ``index`` keeps one rank."""
    shapes = walk.shapes[start : index + 1]
    return bool(shapes) and len({len(shape) for shape in shapes}) == 1


def nearest(plan: Plan, index: int, wanted: Callable[[Step], bool], walk: Walk) -> int | None:
    """The nearest layer before ``index`` that ``wanted(step)`` accepts, with no change of rank after it."""
    for position in range(index - 1, -1, -1):
        if wanted(plan.steps[position]):
            return position
        if len(walk.shapes[position]) != len(walk.shapes[position + 1]):
            return None
    return None
