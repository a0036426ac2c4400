"""Build every proposed fix, add a second change where one fix leaves a later layer broken, keep what builds.

Every fix of one change comes before every fix of two; within each, fixes are ordered by likelihood: the kind's
(``data/doctor.toml``), moved by what the proposer saw (a pair scores the mean of both),
and lower for a fix whose output loses the vector the rest of the model makes (a classifier whose fix ends in a
sequence or a map). A pair of changes is dropped when one of them builds alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from .fixes import Proposal, proposals
from .knowledge import RECURRENT
from .plan import Plan
from .problem import Problem, diagnose_failure
from .walk import Walk, walk

SECOND_TRIES = 5
"""How many of the likeliest first changes that build further get a second change."""

LOST_VECTOR = 20
"""What a fix loses when the model collapses to a vector but the fix's output does not."""


@dataclass(frozen=True)
class Found:
    """A fix that builds: its changes (one or two proposals), the fixed plan, its walk and its score."""

    changes: tuple[Proposal, ...]
    plan: Plan
    walk: Walk
    score: int


def plan_key(plan: Plan) -> str:
    """A key equal for equal plans (a Lambda's function counts by identity)."""
    steps = [(step.class_name, step.config, step.source, id(step.function)) for step in plan.steps]
    return repr((plan.entry, steps))


def search(plan: Plan, problem: Problem, broken: Walk) -> tuple[list[Found], int]:
    """The fixes that build, likeliest first, and how many candidates were built."""
    walks: dict[str, Walk] = {}

    def built(candidate: Plan) -> Walk:
        key = plan_key(candidate)
        if key not in walks:
            walks[key] = walk(candidate)
        return walks[key]

    vector = _collapses_to_vector(plan, problem)
    found: dict[str, Found] = {}
    further = []
    for first in sorted(_proposals(plan, problem, broken), key=lambda item: -item.likely):
        result = built(first.plan)
        if result.failure is None:
            _keep(found, Found((first,), first.plan, result, _score(first.likely, result, vector)))
            continue
        second_problem = diagnose_failure(first.plan, result.failure)
        if _progress(problem, second_problem):
            further.append((first, second_problem, result))
    alone = {item.changes[0].title for item in found.values()}
    for first, second_problem, result in further[:SECOND_TRIES]:
        for second in _proposals(first.plan, second_problem, result):
            outcome = built(second.plan)
            if outcome.failure is None and second.title not in alone:
                score = _score((first.likely + second.likely) // 2, outcome, vector)
                _keep(found, Found((first, second), second.plan, outcome, score))
    ranked = sorted(found.values(), key=lambda item: (len(item.changes), -item.score))
    return ranked, len(walks)


def _progress(problem: Problem, after: Problem) -> bool:
    """Whether a first change got the model further: another layer fails, or the same one in another way."""
    return after.index >= problem.index - 1 and (after.layer, after.kind, after.got) != (
        problem.layer,
        problem.kind,
        problem.got,
    )


def _proposals(plan: Plan, problem: Problem, broken: Walk) -> list[Proposal]:
    try:
        return proposals(plan, problem, broken)
    except Exception:  # a proposer that cannot read an unusual config proposes nothing
        return []


def _keep(found: dict[str, Found], item: Found) -> None:
    key = plan_key(item.plan)
    if key not in found or found[key].score < item.score:
        found[key] = item


def _score(likely: int, result: Walk, vector: bool) -> int:
    return likely - (LOST_VECTOR if vector and len(result.output_shape) != 2 else 0)


def _collapses_to_vector(plan: Plan, problem: Problem) -> bool:
    """Whether the layers from the problem on make one vector per sample (Flatten, global pooling, a last-step
    RNN) and nothing after that makes axes again."""
    collapses = False
    for step in plan.steps[problem.index :]:
        name = step.class_name
        holder = step.inner() if name == "Bidirectional" else step
        if (
            name == "Flatten"
            or name.startswith("Global")
            or (holder.class_name in RECURRENT and not holder.config.get("return_sequences"))
        ):
            collapses = True
        elif name in ("Reshape", "RepeatVector", "TimeDistributed"):
            collapses = False
    return collapses
