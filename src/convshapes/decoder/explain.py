"""Recognise the family of an error message with the pattern table and explain every cause it can have."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from ..error_text import without_colours
from .fixes.numbers import shape_rank
from .table import TABLE, Cause, Facts, Family, Wording, fill, holds

NOT_RECOGNISED = (
    "Not recognised: this message is not one of the shape errors the decoder knows. "
    "See the error gallery, notebooks/06_error_gallery.ipynb (website: notebooks/06_error_gallery.html)."
)


@dataclass(frozen=True)
class Match:
    """A family recognised in a message: the wording that matched, the facts read and derived, the causes that apply."""

    family: Family
    wording: Wording
    read: Facts
    facts: Facts
    causes: tuple[Cause, ...]

    @property
    def anchor(self) -> str:
        """The section of the likeliest cause."""
        return self.causes[0].anchor


@dataclass(frozen=True)
class Reason:
    """One cause as the reader sees it: what it is, how to tell it is theirs, the fix for their numbers, a section."""

    title: str
    tell: str
    fix: str
    anchor: str
    page: str

    @property
    def link(self) -> str:
        """The section on the book's website, relative to its root."""
        return f"{self.page}.html#{self.anchor}"

    @property
    def more(self) -> str:
        """The line that names the section, in the notebook and on the website."""
        return f"More: section {self.anchor} of {self.page}.ipynb (website: {self.link})"


@dataclass(frozen=True)
class Explanation:
    """What ``convshapes explain`` prints: the family, the numbers read, what they say, and every cause with its fix."""

    family: str
    title: str
    wording: str
    numbers: tuple[tuple[str, str], ...]
    reading: str
    reasons: tuple[Reason, ...]
    cut: bool

    @property
    def anchor(self) -> str:
        """The section of the likeliest cause."""
        return self.reasons[0].anchor

    @property
    def page(self) -> str:
        """The chapter of the likeliest cause."""
        return self.reasons[0].page

    @property
    def link(self) -> str:
        """The website link of the likeliest cause."""
        return self.reasons[0].link

    @property
    def fix(self) -> str:
        """The fixes of every cause, likeliest first."""
        return "\n".join(reason.fix for reason in self.reasons)

    def __str__(self) -> str:
        """The explanation as ``convshapes explain`` prints it and the paste page shows it."""
        read = ", ".join(f"{name}={value}" for name, value in self.numbers) or "no numbers"
        lines = [f"Recognised: {self.title} ({self.wording}).", f"Read from the message: {read}.", self.reading]
        if self.cut:
            lines.append("The message looks cut off: paste all of it (its last lines) for a surer answer.")
        if len(self.reasons) == 1:
            (reason,) = self.reasons
            lines += [
                "",
                f"Cause: {reason.title}",
                *([f"Yours if: {reason.tell}"] if reason.tell else []),
                f"Fix: {reason.fix}",
            ]
            return "\n".join([*lines, reason.more])
        lines += ["", f"{len(self.reasons)} causes give this message, the likeliest first; check which one is yours."]
        for number, reason in enumerate(self.reasons, 1):
            lines += ["", f"{number}. {reason.title}"]
            lines += [f"   Yours if: {reason.tell}"] if reason.tell else []
            lines += [f"   Fix: {reason.fix}", f"   {reason.more}"]
        return "\n".join(lines)


def normalise(message: str) -> str:
    """The message without colour codes, its whitespace collapsed to single spaces."""
    return " ".join(without_colours(message).split())


def variants(message: str) -> list[str]:
    """The message as pasted, then with its lines joined without a space (a terminal wrapped a word).

    HTML entities (``&quot;`` from a message copied out of a web page's source) are read as their characters.
    """
    text = html.unescape(without_colours(message))
    joined = "".join(line.strip() for line in text.splitlines())
    return list(dict.fromkeys([normalise(text), normalise(joined)]))


def layer_kind(layer: str | None) -> str:
    """The kind of a layer from its name (``lstm_1`` -> rnn; the kind named first wins), ``other``, or ``unknown``."""
    if not layer:
        return "unknown"
    found = {kind: re.search(pattern, layer, re.I) for kind, pattern in TABLE.layer_kinds.items()}
    starts = {kind: match.start() for kind, match in found.items() if match}
    return min(starts, key=starts.get) if starts else "other"


def facts_of(family: Family, wording: Wording, groups: dict[str, str | None]) -> tuple[Facts, Facts]:
    """The facts a pattern read, and those plus each shape's rank, the source, the layer kind and derived facts."""
    read = {name: value for name, value in groups.items() if value is not None}
    facts = dict(read)
    facts |= {f"{name}_rank": str(shape_rank(value)) for name, value in read.items() if shape_rank(value) is not None}
    facts |= {"source": wording.source, "kind": layer_kind(read.get("layer"))}
    return read, facts | family.derive(facts)


def applicable(family: Family, facts: Facts) -> tuple[Cause, ...]:
    """The causes whose conditions hold, the likeliest first (fallback causes only when no other holds)."""
    holding = [cause for cause in family.causes if not cause.fallback and holds(cause.when, facts)]
    if not holding:
        holding = [cause for cause in family.causes if cause.fallback and holds(cause.when, facts)]
    alone = [cause for cause in holding if cause.alone]
    if alone:
        return (alone[0],)
    likely = [cause for cause in holding if cause.likely is not None and holds(cause.likely, facts)]
    return tuple(likely + [cause for cause in holding if cause not in likely])


def claim(family: Family, wording: Wording, text: str) -> Match | None:
    """The family's match of one wording in a normalised text, unless a look-alike rule declines it or no cause applies."""
    found = re.search(wording.pattern, text, re.IGNORECASE)
    if not found:
        return None
    read, facts = facts_of(family, wording, found.groupdict())
    causes = applicable(family, facts)
    if not causes or any(holds(when, facts) for when in family.declines):
        return None
    return Match(family, wording, read, facts, causes)


def recognise(message: str) -> Match | None:
    """The first family that claims the message with one of its wordings (never a guess).

    Whole wordings are tried first in every family, then fragment wordings (what is left of a cut message).
    """
    for fragment in (False, True):
        for text in variants(message):
            for family in TABLE.families:
                for wording in family.wordings:
                    match = wording.fragment == fragment and claim(family, wording, text)
                    if match:
                        return match
    return None


def explain(message: str) -> Explanation | None:
    """Explain an error message, or None when no family recognises it (never a guess)."""
    match = recognise(message)
    if match is None:
        return None
    facts = match.facts
    reasons = tuple(
        Reason(cause.title, fill(cause.tell, facts), cause.fix(facts), cause.anchor, TABLE.page(cause.anchor))
        for cause in match.causes
    )
    cut = match.wording.fragment or bool(re.search(r"(\.\.\.|…)\s*$", message.strip()))
    return Explanation(
        match.family.id,
        match.family.title,
        match.wording.label,
        tuple(match.read.items()),
        match.family.read(facts),
        reasons,
        cut,
    )


def explain_text(message: str) -> str:
    """What ``convshapes explain`` and the website's "Paste your error" page print for a message."""
    explanation = explain(message)
    return NOT_RECOGNISED if explanation is None else str(explanation)
