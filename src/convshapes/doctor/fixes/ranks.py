"""Fixes for a layer that gets too few or too many axes: add or merge axes, return sequences, swap Conv2D for
Conv1D, wrap frames in TimeDistributed, take the batch size out of the input."""

from __future__ import annotations

import math

import keras

from ...decoder.fixes.numbers import show
from ..knowledge import ELEMENTWISE, RECURRENT, spatial_dims, twin
from ..plan import Plan, Step
from ..problem import Problem, needed_rank
from ..source import required_arguments
from ..walk import Walk
from .proposal import Proposal, code, insert_reshape, nearest, proposal, same_rank_since


def propose(plan: Plan, problem: Problem, walk: Walk) -> list[Proposal]:
    """Fixes for a rank mismatch at ``problem.index``."""
    if problem.needs > len(problem.got):
        return _too_few(plan, problem, walk)
    return _too_many(plan, problem, walk)


def propose_any(plan: Plan, problem: Problem, walk: Walk) -> list[Proposal]:
    """For a failure of no known kind: one axis more, or the last two merged, before the layer."""
    found = _channel_axis(plan, problem, 1, adjust=-20) + _merge_axes(plan, problem, len(problem.got) - 1, adjust=-20)
    return found


def _too_few(plan: Plan, problem: Problem, walk: Walk) -> list[Proposal]:
    missing = problem.needs - len(problem.got)
    step = plan.steps[problem.index]
    recurrent_reader = _reads_sequences(step)
    found = _channel_axis(plan, problem, missing, adjust=-12 if recurrent_reader else 0)
    if missing == 1:
        found += _return_sequences(plan, problem, walk)
        found += _remove_reducer(plan, problem, walk)
        found += _swap(plan, problem, -1, adjust=0)
    if same_rank_since(walk, 0, problem.index):
        shape = plan.entry.shape + (1,) * missing
        found.append(proposal("input-axis", plan.with_shape(shape), layer=problem.layer, shape=show(shape)))
    return found


def _too_many(plan: Plan, problem: Problem, walk: Walk) -> list[Proposal]:
    extra = len(problem.got) - problem.needs
    found = _merge_axes(plan, problem, problem.needs) + _squeeze(plan, problem, extra)
    if extra == 1:
        found += _swap(plan, problem, +1, adjust=-6)
        found += _time_distributed(plan, problem)
        if same_rank_since(walk, 0, problem.index) and len(plan.entry.shape) > 1:
            shape = plan.entry.shape[1:]
            adjust = -25 if any(_reads_sequences(step) for step in plan.steps) else 0  # the axis may be time
            found.append(proposal("batch-in-input", plan.with_shape(shape), adjust, shape=show(shape)))
    return found


def _reads_sequences(step: Step) -> bool:
    inner = step.inner() if step.class_name in ("TimeDistributed", "Bidirectional") else None
    return (
        step.class_name in RECURRENT
        or step.class_name == "TimeDistributed"
        or (inner is not None and inner.class_name in RECURRENT)
    )


def _channel_axis(plan: Plan, problem: Problem, missing: int, adjust: int = 0) -> list[Proposal]:
    found = insert_reshape(plan, problem.index, problem.got[1:] + (1,) * missing)
    if found is None:
        return []
    changed, step = found
    return [proposal("channel-axis", changed, adjust, layer=problem.layer, code=code(step))]


def _merge_axes(plan: Plan, problem: Problem, rank: int, adjust: int = 0) -> list[Proposal]:
    """Merge the trailing axes so that the layer gets ``rank`` axes (a Flatten when it needs two)."""
    got = problem.got
    if rank < 2 or rank >= len(got):
        return []
    if rank == 2:
        step = plan.new_step(keras.layers.Flatten)
        return [proposal("flatten", plan.insert(problem.index, step), adjust, layer=problem.layer, code=code(step))]
    tail = got[rank - 1 :]
    if None in tail:
        return []
    found = insert_reshape(plan, problem.index, got[1 : rank - 1] + (math.prod(tail),))
    if found is None:
        return []
    changed, step = found
    return [proposal("merge-axes", changed, adjust, layer=problem.layer, code=code(step))]


def _squeeze(plan: Plan, problem: Problem, extra: int) -> list[Proposal]:
    """Drop axes of size 1 (the last ones first) so that the layer gets the rank it needs."""
    ones = [axis for axis in range(1, len(problem.got)) if problem.got[axis] == 1]
    if len(ones) < extra:
        return []
    dropped = set(ones[-extra:])
    found = insert_reshape(
        plan, problem.index, tuple(size for axis, size in enumerate(problem.got) if axis and axis not in dropped)
    )
    if found is None:
        return []
    changed, step = found
    adjust = 6 if len(problem.got) - 1 in dropped else 0
    return [proposal("squeeze", changed, adjust, layer=problem.layer, code=code(step))]


def _returns_last_step(step: Step) -> bool:
    holder = step.inner() if step.class_name == "Bidirectional" else step
    return holder.class_name in RECURRENT and not holder.config.get("return_sequences", False)


def _returning_sequences(step: Step) -> Step:
    if step.class_name == "Bidirectional":
        return step.with_inner(step.inner().with_config(return_sequences=True))
    return step.with_config(return_sequences=True)


def _return_sequences(plan: Plan, problem: Problem, walk: Walk) -> list[Proposal]:
    """return_sequences=True in the recurrent layer before the failing one; in a stack of them, in every one that
    feeds a layer needing steps."""
    position = nearest(plan, problem.index, _returns_last_step, walk)
    if position is None:
        return []
    step = plan.steps[position]
    found = [
        proposal(
            "return-sequences", plan.put(position, _returning_sequences(step)), target=step.name, layer=problem.layer
        )
    ]
    feeders = [
        index for index in range(len(plan.steps)) if _returns_last_step(plan.steps[index]) and _feeds_steps(plan, index)
    ]
    if len(feeders) > 1 and position in feeders:
        changed = plan
        for index in feeders:
            changed = changed.put(index, _returning_sequences(plan.steps[index]))
        targets = ", ".join(plan.steps[index].name for index in feeders)
        found.append(proposal("return-sequences-stack", changed, targets=targets))
    return found


def _feeds_steps(plan: Plan, index: int) -> bool:
    """Whether the next layer after ``index`` that is not elementwise needs a sequence (three axes or more)."""
    for step in plan.steps[index + 1 :]:
        if step.class_name not in ELEMENTWISE:
            return (needed_rank(step) or 0) >= 3
    return False


def _remove_reducer(plan: Plan, problem: Problem, walk: Walk) -> list[Proposal]:
    def reducer(step: Step) -> bool:
        return step.class_name == "Flatten" or step.class_name.startswith("Global")

    position = nearest(plan, problem.index, reducer, walk)
    if position is None:
        return []
    target = plan.steps[position].name
    return [proposal("remove-reducer", plan.remove(position), target=target, layer=problem.layer)]


def twin_step(plan: Plan, step: Step, dims: int) -> Step | None:
    """The same layer over ``dims`` axes (``Conv2D`` -> ``Conv1D``), its sizes cut or repeated; None if none exists."""
    name = twin(step.class_name, dims)
    cls = getattr(keras.layers, name or "", None)
    old = spatial_dims(step.class_name)
    if cls is None:
        return None

    def convert(value):
        if isinstance(value, (tuple, list)) and len(value) == old and all(isinstance(v, int) for v in value):
            return tuple(value[:dims]) if dims < old else tuple(value) + (value[-1],) * (dims - old)
        return "same" if value == "causal" else value

    made = plan.new_step(
        cls, **{key: convert(step.config[key]) for key in required_arguments(cls) if key in step.config}
    )
    config = {key: convert(step.config[key]) if key in step.config else value for key, value in made.config.items()}
    return Step(cls, {**config, "name": made.name})


def _swap(plan: Plan, problem: Problem, change: int, adjust: int) -> list[Proposal]:
    """Swap the layer and the layers of its family after it for their twins over ``change`` more axes."""
    dims = spatial_dims(problem.layer_type)
    if dims is None or problem.layer_type.startswith("ConvLSTM"):
        return []
    changed, old, new = plan, [], []
    for position in range(problem.index, len(plan.steps)):
        step = plan.steps[position]
        if spatial_dims(step.class_name) == dims:
            swapped = twin_step(changed, step, dims + change)
            if swapped is None:
                return []
            changed = changed.put(position, swapped)
            old.append(step.class_name)
            new.append(swapped.class_name)
            if step.class_name.startswith("Global"):
                break
        elif step.class_name not in ELEMENTWISE:
            break
    names = (", ".join(dict.fromkeys(old)), ", ".join(dict.fromkeys(new)))
    return [proposal("twin", changed, adjust, old=names[0], new=names[1])]


def _time_distributed(plan: Plan, problem: Problem) -> list[Proposal]:
    """Wrap the layer and those after it, up to the first recurrent layer, in TimeDistributed."""
    later = plan.steps[problem.index :]
    recurrent_follows = any(step.class_name in RECURRENT or step.class_name == "Bidirectional" for step in later)
    changed, wrapped = plan, []
    for position in range(problem.index, len(plan.steps)):
        step = plan.steps[position]
        if step.class_name in RECURRENT or step.class_name == "Bidirectional":
            break
        wrapper = changed.new_step(keras.layers.TimeDistributed, step.make())
        changed = changed.put(position, wrapper)
        wrapped.append(step.name)
        collapses = step.class_name == "Flatten" or step.class_name.startswith("Global")
        if collapses and position + 1 < len(plan.steps) and plan.steps[position + 1].class_name not in RECURRENT:
            break
    if not wrapped or needed_rank(plan.steps[problem.index]) is None:
        return []
    targets = ", ".join(wrapped)
    frames = f"{problem.got[1]} frame" + ("s" if problem.got[1] != 1 else "")
    return [proposal("time-distributed", changed, 0 if recurrent_follows else -14, targets=targets, frames=frames)]
