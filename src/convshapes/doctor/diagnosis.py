"""``diagnose``: read the model, walk it, name the problem, and search the fixes that build."""

from __future__ import annotations

from typing import Any

from ..decoder import explain
from .fixes.lambdas import eager_error
from .plan import UnreadableModel, read_plan
from .problem import diagnose_failure
from .report import Diagnosis, Fix
from .search import search
from .walk import walk


def diagnose(model: Any) -> Diagnosis:
    """Diagnose a layer list (``[keras.Input(...), layers...]``), a Sequential model or a chain Functional model.

    Builds fresh copies of the layers one by one; the caller's layers are never built or changed, and a broken
    model never makes it raise.
    """
    try:
        plan = read_plan(model)
    except UnreadableModel as error:
        return Diagnosis(None, None, None, (), note=str(error))
    broken = walk(plan)
    if broken.failure is None:
        return Diagnosis(broken.ledger, None, None, ())
    problem = diagnose_failure(plan, broken.failure)
    explanation = explain(problem.message) if problem.message else None
    note = None
    if problem.kind == "silent":
        error = eager_error(plan.steps[problem.index], problem.got)
        note = f"On a real batch of two samples its function raises {error}" if error else None
    found, tried = search(plan, problem, broken)
    return Diagnosis(broken.ledger, problem, explanation, tuple(Fix(item) for item in found), tried, note)
