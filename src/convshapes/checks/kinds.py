"""The kinds of check, each one object: how an answer's facts are collected, how its reference is fingerprinted
for the answer key, and how the facts are judged.

References, key entries and logs name a kind by its ``name`` (plain JSON); code gets the object with
``kind_named``. A new kind is one entry of ``KINDS`` plus its ``check_<name>`` function in ``convshapes.checks``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from . import facts, fingerprint, judges
from .fingerprint import Fingerprinter


@dataclass(frozen=True)
class CheckKind:
    name: str
    facts_of: Callable[..., object]  # (answer, *arguments) -> plain JSON facts
    arguments_of: Callable[[dict], tuple]  # what collecting needs besides the answer, from a reference or key entry
    fingerprinted: Callable[..., dict]  # (reference, fingerprinter, public_only) -> what a judge needs
    judge_facts: Callable[[object, dict, Fingerprinter], tuple[bool, str]]

    @property
    def function_name(self) -> str:
        """The ``convshapes.checks`` function an author's check cell calls."""
        return f"check_{self.name}"

    def collect(self, answer: object, reference: dict) -> dict:
        """The answer's outcome: its facts, or why there are none (unanswered, wrong type, an error)."""
        return facts.collect(self.facts_of, answer, *self.arguments_of(reference))

    def key_entry(self, reference: dict, fingerprinter: Fingerprinter) -> dict:
        """What the answer key holds for a question: its public part, fingerprinted."""
        return {"kind": self.name, **self.fingerprinted(reference, fingerprinter, True)}

    def judge(self, outcome: dict, entry: dict, fingerprinter: Fingerprinter) -> tuple[bool, str]:
        """The verdict and its message for an outcome, against a fingerprinted entry."""
        return judges.judge(self.judge_facts, outcome, entry, fingerprinter)

    def judge_against_reference(self, outcome: dict, reference: dict, question: str) -> tuple[bool, str]:
        """Judge against a clear reference (the master's, or the author's check call), fingerprinted on the spot."""
        fingerprinter = Fingerprinter("", question)
        return self.judge(outcome, self.fingerprinted(reference, fingerprinter), fingerprinter)


KINDS = {
    kind.name: kind
    for kind in (
        CheckKind("shape", facts.shape_facts, facts.no_arguments, fingerprint.fingerprint_shape, judges.judge_shape),
        CheckKind("value", facts.value_facts, facts.no_arguments, fingerprint.fingerprint_value, judges.judge_value),
        CheckKind("model", facts.model_facts, facts.no_arguments, fingerprint.model_contract, judges.judge_model),
        CheckKind(
            "placement",
            facts.placement_facts,
            facts.placement_arguments,
            fingerprint.fingerprint_placement,
            judges.judge_placement,
        ),
        CheckKind("cases", facts.cases_facts, facts.cases_arguments, fingerprint.fingerprint_cases, judges.judge_cases),
    )
}


def kind_named(name: str) -> CheckKind:
    """The kind a reference or key entry names; a clear error for a name this version does not know."""
    try:
        return KINDS[name]
    except KeyError:
        raise ValueError(
            f"unknown check kind {name!r} (this convshapes knows {', '.join(KINDS)}): the key or master was made by "
            "another convshapes version; install the version the notebook's first cell installs"
        ) from None
