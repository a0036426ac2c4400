"""Recognise the family of an error message with the pattern table and explain it for the numbers it holds."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .families import FAMILIES, Family, Wording, normalise, section_page, shape_rank
from .fixes import FIXES


@dataclass(frozen=True)
class Match:
    """A family recognised in a message: the wording that matched, what it read, and the section it routes to."""

    family: Family
    wording: Wording
    facts: dict[str, str]
    anchor: str


@dataclass(frozen=True)
class Explanation:
    """What ``convshapes explain`` prints: the family, the numbers read, the cause and fix for them, a link."""

    family: str
    title: str
    wording: str
    numbers: tuple[tuple[str, str], ...]
    cause: str
    fix: str
    page: str
    anchor: str

    @property
    def link(self) -> str:
        """The section on the book's website, relative to its root."""
        return f"{self.page}.html#{self.anchor}"

    def __str__(self) -> str:
        read = ", ".join(f"{name}={value}" for name, value in self.numbers) or "no numbers"
        return (
            f"Recognised: {self.title} ({self.wording}).\n"
            f"Read from the message: {read}.\n\n"
            f"Cause: {self.cause}\n\n"
            f"Fix: {self.fix}\n\n"
            f"More: section {self.anchor} of {self.page}.ipynb (website: {self.link})"
        )


def facts_of(wording: Wording, groups: dict[str, str | None]) -> dict[str, str]:
    """The groups a pattern captured, the wording's source, and the number of axes of every shape group."""
    facts = {name: value for name, value in groups.items() if value is not None}
    facts |= {f"{name}_rank": str(shape_rank(value)) for name, value in facts.items() if shape_rank(value) is not None}
    return facts | {"source": wording.source}


def holds(when: dict[str, str], facts: dict[str, str]) -> bool:
    """Whether every template of a route, filled in from the facts, matches its regex in full."""
    for template, pattern in when.items():
        filled = re.sub(r"\{(\w+)\}", lambda name: facts.get(name.group(1), ""), template)
        if not re.fullmatch(pattern, filled, re.IGNORECASE):
            return False
    return True


def recognise(message: str) -> Match | None:
    """The first family whose wording matches and whose routes do not decline the message."""
    text = normalise(message)
    for family in FAMILIES:
        for wording in family.wordings:
            found = re.search(wording.pattern, text, re.IGNORECASE)
            if not found:
                continue
            facts = facts_of(wording, found.groupdict())
            route = next(route for route in family.routes if holds(route.when, facts))
            if route.anchor is not None:
                return Match(family, wording, facts, route.anchor)
    return None


NOT_RECOGNISED = (
    "Not recognised: this message is not one of the shape errors the decoder knows. "
    "See the error gallery, notebooks/06_error_gallery.ipynb (website: notebooks/06_error_gallery.html)."
)


def explain_text(message: str) -> str:
    """What ``convshapes explain`` and the website's "Paste your error" page print for a message."""
    explanation = explain(message)
    return NOT_RECOGNISED if explanation is None else str(explanation)


def explain(message: str) -> Explanation | None:
    """Explain an error message, or None when no family recognises it (never a guess)."""
    match = recognise(message)
    if match is None:
        return None
    cause, fix = FIXES[match.family.id](match.facts)
    numbers = tuple(
        (name, value) for name, value in match.facts.items() if name != "source" and not name.endswith("_rank")
    )
    return Explanation(
        match.family.id,
        match.family.title,
        match.wording.label,
        numbers,
        cause,
        fix,
        section_page(match.anchor),
        match.anchor,
    )
