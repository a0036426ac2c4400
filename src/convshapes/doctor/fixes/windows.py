"""Fixes for a window longer than its axis: padding="same", a smaller window, one pooling fewer, or channels moved
last when the data arrives channels-first."""

from __future__ import annotations

import keras

from ..plan import Plan, Step
from ..problem import Problem, short_axes, windows
from ..walk import Walk
from .proposal import Proposal, code, proposal, reshape_step

_CHANNELS = 4
"""Channel counts of images and signals read channels-first by mistake: grey, RGB, RGBA (a few sensors)."""


def propose(plan: Plan, problem: Problem, walk: Walk) -> list[Proposal]:
    """Fixes for the layer at ``problem.index`` whose window does not fit the axis it gets."""
    step = plan.steps[problem.index]
    short = short_axes(step, problem.got)
    found = []
    if step.config.get("padding", "same") != "same":
        found.append(
            proposal("padding-same", plan.put(problem.index, step.with_config(padding="same")), target=step.name)
        )
    found += padding_everywhere(plan, problem)
    found += _smaller_window(plan, problem, step, short)
    if "pool_size" in step.config:
        found.append(proposal("remove-pooling", plan.remove(problem.index), target=step.name))
    found += _channels_last(plan, problem, short)
    return found


def padding_everywhere(plan: Plan, problem: Problem, at_least: int = 2) -> list[Proposal]:
    """padding="same" in every convolution up to and including the failing layer (``at_least`` of them)."""
    positions = [
        position
        for position, step in enumerate(plan.steps[: problem.index + 1])
        if "kernel_size" in step.config and step.config.get("padding") == "valid"
    ]
    if len(positions) < at_least:
        return []
    changed = plan
    for position in positions:
        changed = changed.put(position, plan.steps[position].with_config(padding="same"))
    return [proposal("padding-same-all", changed, layer=problem.layer)]


def _smaller_window(plan: Plan, problem: Problem, step: Step, short: list) -> list[Proposal]:
    found = windows(step)
    if not short or found is None:
        return []
    _, argument = found
    size = step.config[argument]
    size = list(size) if isinstance(size, (tuple, list)) else [size]
    dilation = step.config.get("dilation_rate", 1)
    dilation = list(dilation) if isinstance(dilation, (tuple, list)) else [dilation] * len(size)
    first = 2 if step.config.get("data_format") == "channels_first" else 1
    for axis, length, _ in short:
        size[axis - first] = (length - 1) // dilation[axis - first] + 1
    value = tuple(size)
    changes = {argument: value}
    if argument == "pool_size" and step.config.get("strides") == tuple(step.config[argument]):
        changes["strides"] = value
    changed = plan.put(problem.index, step.with_config(**changes))
    length = min(length for _, length, _ in short)
    return [proposal("smaller-window", changed, target=step.name, argument=argument, value=value, length=length)]


def _channels_last(plan: Plan, problem: Problem, short: list) -> list[Proposal]:
    """Move a channels-first axis last: after keras.Input, or in the Reshape that put it first."""
    if not short or plan.steps[problem.index].config.get("data_format") == "channels_first":
        return []
    entry = plan.entry.shape
    if len(entry) >= 2 and None not in entry and entry[0] <= _CHANNELS < entry[-1]:
        dims = tuple(range(2, len(entry) + 1)) + (1,)
        step = plan.new_step(keras.layers.Permute, dims)
        return [proposal("permute-input", plan.insert(0, step), 10, code=code(step))]
    for position in range(problem.index - 1, -1, -1):
        earlier = plan.steps[position]
        target = tuple(earlier.config.get("target_shape", ())) if earlier.class_name == "Reshape" else ()
        if len(target) >= 2 and 0 < target[0] <= _CHANNELS < target[-1]:
            step = reshape_step(plan, target[1:] + target[:1])
            if step is not None:
                step = Step(step.cls, {**step.config, "name": earlier.name})
                changed = plan.put(position, step)
                return [proposal("channels-last-reshape", changed, 10, target=earlier.name, code=code(step))]
    return []
