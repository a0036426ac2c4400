"""What ``convshapes.diagnose`` returns: the problem in one sentence, the decoder's reading of Keras' message,
and the fixes that build, each with its shape ledger and its code."""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from functools import cached_property

import keras

from ..decoder import Explanation
from ..decoder.fixes.numbers import show
from ..shapes.ledger import ShapeLedger
from .problem import Problem
from .search import Found
from .source import plan_source

SHOWN = 3
"""How many fixes the printed diagnosis names (``Diagnosis.fixes`` holds them all)."""


class Fix:
    """A fix that builds: what it changes, its output shape, its shape ledger and its code."""

    def __init__(self, found: Found):
        self._found = found
        self.changes: tuple[str, ...] = tuple(change.title for change in found.changes)
        self.kinds: tuple[str, ...] = tuple(change.kind for change in found.changes)
        self.output_shape: tuple[int | None, ...] = found.walk.output_shape
        self.ledger: ShapeLedger = found.walk.ledger

    @property
    def title(self) -> str:
        """What the fix changes: one sentence per change."""
        return " Then: ".join(self.changes) if len(self.changes) > 1 else self.changes[0]

    @cached_property
    def code(self) -> str:
        """The fixed layer list as Python source (``import keras`` and ``from keras import layers`` assumed)."""
        return plan_source(self._found.plan)

    def build(self) -> keras.Model:
        """A freshly built ``keras.Sequential`` model of the fixed layers."""
        entry = self._found.plan.entry
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tensor = keras.Input(batch_shape=entry.batch_shape, dtype=entry.dtype, name=entry.name)
            return keras.Sequential([tensor, *(step.make() for step in self._found.plan.steps)], name="fixed_model")

    def __str__(self) -> str:
        return "\n".join([self.title, f"Output shape: {show(self.output_shape)}.", "", str(self.ledger), "", self.code])

    def __repr__(self) -> str:
        return f"<Fix: {self.title} Output shape {show(self.output_shape)}>"

    def _repr_pretty_(self, printer, cycle) -> None:
        printer.text(str(self))


@dataclass(frozen=True)
class Diagnosis:
    """The doctor's answer: the ledger up to the problem, the problem, the decoder's explanation and the fixes.

    A model that builds has no problem and no fixes; ``note`` says why a model could not be read, or what a
    Lambda's function raises on a real batch.
    """

    ledger: ShapeLedger | None
    problem: Problem | None
    explanation: Explanation | None
    fixes: tuple[Fix, ...]
    tried: int = 0
    note: str | None = None

    @property
    def ok(self) -> bool:
        """Whether the model builds as it is."""
        return self.problem is None and self.ledger is not None

    @property
    def output_shape(self) -> tuple[int | None, ...] | None:
        """The model's output shape when it builds, else None."""
        return self.ledger.rows[-1].shape if self.ok else None

    def __str__(self) -> str:
        if self.ledger is None:
            return f"The doctor cannot read this model. {self.note}"
        if self.problem is None:
            return "\n".join(
                [
                    f"No problem found: the model builds, and its output shape is {show(self.output_shape)}.",
                    "",
                    str(self.ledger),
                ]
            )
        problem = self.problem
        lines = [f"Problem at layer {problem.index + 1}: {problem.sentence}"]
        lines += [self.note] if self.note else []
        lines += [f"Keras says: {problem.message}"] if problem.message else []
        lines += ["", "The shapes up to there:", str(self.ledger)]
        if self.explanation is not None:
            lines += ["", "The error decoder reads Keras' message (convshapes explain):", str(self.explanation)]
        lines += ["", *self._fixes_text()]
        return "\n".join(lines)

    def _fixes_text(self) -> list[str]:
        if not self.fixes:
            return [f"None of the {self.tried} fixes the doctor tried builds."]
        count = len(self.fixes)
        verb = "fixes build" if count > 1 else "fix builds"
        lines = [f"{count} {verb}, likeliest first (the doctor built {self.tried} candidates):"]
        for number, fix in enumerate(self.fixes[:SHOWN], 1):
            lines.append(f"{number}. {fix.title} Output shape: {show(fix.output_shape)}.")
        if count > SHOWN:
            lines.append(f"({count - SHOWN} more in .fixes.)")
        best = self.fixes[0]
        return [*lines, "", "Fix 1, layer by layer:", str(best.ledger), "", "Fix 1 as code:", best.code]

    def _repr_pretty_(self, printer, cycle) -> None:
        printer.text(str(self))
