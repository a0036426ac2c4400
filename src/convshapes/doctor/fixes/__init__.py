"""The fixes the doctor tries for each kind of problem; ``search`` builds them and keeps those that build.

Each proposer reads the plan, the problem and the walk up to the problem, and returns proposals: changed plans
with the sentence that says what changed. Proposers never check that a proposal builds; the search does.
"""

from __future__ import annotations

from ..plan import Plan
from ..problem import Problem
from ..walk import Walk
from . import lambdas, ranks, reshapes, windows
from .proposal import Proposal

_PROPOSERS = {
    "rank": (ranks.propose,),
    "window": (windows.propose,),
    "reshape": (reshapes.propose,),
    "silent": (lambdas.propose,),
    "several": (),
    "other": (ranks.propose_any,),
}


def proposals(plan: Plan, problem: Problem, walk: Walk) -> list[Proposal]:
    """Every fix worth building for ``problem``, in no particular order."""
    return [proposal for proposer in _PROPOSERS[problem.kind] for proposal in proposer(plan, problem, walk)]


__all__ = ["Proposal", "proposals"]
