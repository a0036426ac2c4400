"""Fixes for a Lambda whose output shape Keras cannot infer: the Keras layer that does the same, its output
shape given explicitly, or keras.ops in place of a Keras 2 backend function."""

from __future__ import annotations

import keras

from ...decoder.fixes.numbers import show
from ...error_text import essential_message
from .. import functions
from ..plan import Plan, Step
from ..problem import Problem
from ..walk import Walk
from .proposal import Proposal, code, proposal


def eager_error(step: Step, got: tuple[int | None, ...]) -> str | None:
    """What the Lambda's function raises on a real batch of two samples, or None when it runs."""
    batch = functions.sample(got)
    if batch is None:
        return None
    try:
        step.make()(batch)
    except Exception as error:
        return f"{type(error).__name__}: {' '.join(essential_message(str(error)).split())}"
    return None


def propose(plan: Plan, problem: Problem, walk: Walk) -> list[Proposal]:
    """Fixes for the Lambda at ``problem.index``, checked on a real batch of two samples."""
    step = plan.steps[problem.index]
    batch = functions.sample(problem.got)
    if step.function is None or batch is None:
        return []
    output = functions.run(step.make(), batch)
    if output is not None:
        return _same_values(plan, problem, step, batch, output)
    modules = functions.backend_modules(step.function)
    rewritten = functions.with_keras_ops(step.function, step.source, modules) if modules and step.source else None
    if rewritten is None:
        return []
    function, text = rewritten
    new = Step(step.cls, {**step.config}, function, text)
    if functions.run(new.make(), batch) is None:
        return []
    names = ", ".join(sorted(modules))
    return [proposal("lambda-ops", plan.put(problem.index, new), names=names, code=code(new))]


def _same_values(plan: Plan, problem: Problem, step: Step, batch, output) -> list[Proposal]:
    shape = tuple(output.shape[1:])
    found = []
    dims = functions.same_as_permute(batch, output)
    if dims is not None:
        layer = plan.new_step(keras.layers.Permute, dims)
    elif functions.same_as_reshape(batch, output):
        layer = plan.new_step(keras.layers.Reshape, shape)
    else:
        layer = None
    if layer is not None:
        found.append(proposal("lambda-layer", plan.put(problem.index, layer), code=code(layer)))
    given = step.with_config(output_shape=shape)
    found.append(proposal("lambda-output-shape", plan.put(problem.index, given), shape=show(shape)))
    return found
