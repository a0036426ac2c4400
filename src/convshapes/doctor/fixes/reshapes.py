"""Fixes for a Reshape whose target holds another number of values than it gets: a size that makes the count
right, adjacent axes merged, the batch size taken out, the Dense before it resized, or convolutions that keep
their size."""

from __future__ import annotations

import math

from ...decoder.fixes.numbers import show
from ..knowledge import RECURRENT
from ..plan import Plan, Step
from ..problem import Problem
from ..walk import Walk
from .proposal import Proposal, code, nearest, proposal, reshape_step, values
from .windows import padding_everywhere


def propose(plan: Plan, problem: Problem, walk: Walk) -> list[Proposal]:
    """Fixes for the Reshape at ``problem.index``."""
    count = values(problem.got)
    target = tuple(plan.steps[problem.index].config["target_shape"])
    shapes = list(dict.fromkeys(_merged(problem.got) + _one_size_changed(target, count)))
    found = [
        _to(plan, problem, shape, "reshape-size", _kept(shape, target), count=count)
        for shape in shapes
        if shape != target
    ]
    if len(target) >= 2 and _fits(target[1:], count):
        found.append(_to(plan, problem, target[1:], "batch-in-reshape"))
    found += _dense_units(plan, problem, walk, target)
    found += _last_step(plan, problem, walk, target)
    found += padding_everywhere(plan, problem, at_least=1)
    return [item for item in found if item is not None]


def _fits(shape: tuple[int, ...], count: int) -> bool:
    known = math.prod(size for size in shape if size != -1)
    return known > 0 and (count % known == 0 if -1 in shape else known == count)


def _one_size_changed(target: tuple[int, ...], count: int) -> list[tuple[int, ...]]:
    """The target with one size changed so that it holds ``count`` values (a -1 counts as unknown)."""
    found = []
    for axis in range(len(target)):
        rest = math.prod(size for position, size in enumerate(target) if position != axis and size != -1)
        if -1 in target[:axis] + target[axis + 1 :] or rest <= 0 or count % rest:
            continue
        found.append(target[:axis] + (count // rest,) + target[axis + 1 :])
    return found


def _merged(got: tuple[int | None, ...]) -> list[tuple[int, ...]]:
    """The input's own shape with two neighbouring axes merged (the book's folds between Conv2D and Conv1D)."""
    sizes = got[1:]
    if None in sizes or len(sizes) < 2:
        return []
    return [sizes[:axis] + (sizes[axis] * sizes[axis + 1],) + sizes[axis + 2 :] for axis in range(len(sizes) - 1)]


def _kept(shape: tuple[int, ...], target: tuple[int, ...]) -> int:
    """A target of the reader's rank that keeps one of its sizes in place is likelier (+4)."""
    same_place = len(shape) == len(target) and any(a == b for a, b in zip(shape, target))
    return 4 if same_place else 0


def _to(plan: Plan, problem: Problem, shape: tuple[int, ...], kind: str, adjust: int = 0, **names: object):
    step = reshape_step(plan, shape)
    if step is None:
        return None
    step = Step(step.cls, {**step.config, "name": problem.layer})
    return proposal(kind, plan.put(problem.index, step), adjust, code=code(step), **names)


def _last_step(plan: Plan, problem: Problem, walk: Walk, target: tuple[int, ...]) -> list[Proposal]:
    """return_sequences=False in the recurrent layer before a Reshape whose target is one of its steps."""
    if len(problem.got) < 3 or None in problem.got[2:] or not _fits(target, math.prod(problem.got[2:])):
        return []

    def returns_steps(step: Step) -> bool:
        holder = step.inner() if step.class_name == "Bidirectional" else step
        return holder.class_name in RECURRENT and bool(holder.config.get("return_sequences"))

    position = nearest(plan, problem.index, returns_steps, walk)
    if position is None:
        return []
    step = plan.steps[position]
    if step.class_name == "Bidirectional":
        changed = step.with_inner(step.inner().with_config(return_sequences=False))
    else:
        changed = step.with_config(return_sequences=False)
    return [proposal("last-step", plan.put(position, changed), target=step.name, layer=problem.layer)]


def _dense_units(plan: Plan, problem: Problem, walk: Walk, target: tuple[int, ...]) -> list[Proposal]:
    """Give the Dense layer before the Reshape as many units as the target needs."""
    position = nearest(plan, problem.index, lambda step: step.class_name == "Dense", walk)
    if position is None or -1 in target or None in problem.got[1:-1]:
        return []
    before = math.prod(problem.got[1:-1])
    units, left = divmod(math.prod(target), before)
    if left or units <= 0:
        return []
    dense = plan.steps[position]
    changed = plan.put(position, dense.with_config(units=units))
    return [proposal("dense-units", changed, target=dense.name, units=units, target_shape=show(target))]
