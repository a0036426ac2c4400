"""Load the decoder's pattern table (``data/decoder.toml``) into dataclasses, checking it as it loads.

The table is data: families, the wordings that name them, the causes each message can have, when a cause
applies, and the texts. Python computes only what depends on the numbers a message holds: the facts a family
derives (``derive``), the sentence that reads the message (``read``) and the fix of a cause (``fix``), each
named in the table as ``module.function`` of :mod:`convshapes.decoder.fixes`.
"""

from __future__ import annotations

import importlib
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

TABLE_FILE = Path(__file__).resolve().parents[1] / "data" / "decoder.toml"
MESSAGES_FILE = TABLE_FILE.with_name("messages.yaml")
"""Real messages with their sources: the decoder's test corpus and the website's Error messages page (the decoder
itself never reads it)."""

Facts = dict[str, str]


class TableError(ValueError):
    """The pattern table is malformed: the message names the entry and what is wrong with it."""


@dataclass(frozen=True)
class Wording:
    """One way a library words the error; a fragment wording matches only what is left of a cut message."""

    source: str
    label: str
    pattern: str
    fragment: bool = False


@dataclass(frozen=True)
class Cause:
    """One reason a message can have: when it applies, when it is the likeliest, how to tell, and its fix.

    An ``alone`` cause excludes every other when it applies; a ``fallback`` cause applies only when no other does.
    """

    anchor: str
    title: str
    tell: str
    fix: Callable[[Facts], str]
    when: dict[str, str]
    likely: dict[str, str] | None
    alone: bool
    fallback: bool


@dataclass(frozen=True)
class Family:
    """A message family: its wordings, the facts it derives and reads, its causes, and its look-alikes."""

    id: str
    title: str
    summary: str
    wordings: tuple[Wording, ...]
    causes: tuple[Cause, ...]
    declines: tuple[dict[str, str], ...]
    derive: Callable[[Facts], Facts]
    read: Callable[[Facts], str]


@dataclass(frozen=True)
class Table:
    """The whole table: the families in matching order, the page of every section prefix, and layer kinds."""

    families: tuple[Family, ...]
    pages: dict[str, str]
    layer_kinds: dict[str, str]

    def page(self, anchor: str) -> str:
        """The chapter (path without suffix) that defines a section label."""
        return self.pages[anchor.split("-", 1)[0]]


def fill(template: str, facts: Facts) -> str:
    """A template with every ``{name}`` replaced by that fact (empty when the message did not hold it)."""
    return re.sub(r"\{(\w+)\}", lambda name: facts.get(name.group(1), ""), template)


def holds(when: dict[str, str], facts: Facts) -> bool:
    """Whether every template of a condition, filled in from the facts, matches its regex in full."""
    return all(re.fullmatch(pattern, fill(template, facts), re.IGNORECASE) for template, pattern in when.items())


def function(name: str, where: str) -> Callable:
    """The function ``module.function`` of :mod:`convshapes.decoder.fixes`, or a TableError naming ``where``."""
    module, _, attribute = name.rpartition(".")
    try:
        return getattr(importlib.import_module(f"convshapes.decoder.fixes.{module}"), attribute)
    except (ImportError, AttributeError, ValueError):
        raise TableError(f"{where}: no function {name!r} in convshapes.decoder.fixes") from None


def fixed_text(template: str) -> Callable[[Facts], str]:
    """A fix that needs no computing: the table's text with the message's facts filled in."""
    return lambda facts: fill(template, facts)


def expand(pattern: str, fragments: dict[str, str], where: str) -> str:
    """A wording's pattern with every ``{NAME}`` fragment spelled out, compiled once to check it."""
    expanded = re.sub(r"\{([A-Z_]+)\}", lambda name: fragments[name.group(1)], pattern)
    try:
        re.compile(expanded)
    except re.error as error:
        raise TableError(f"{where}: the pattern does not compile ({error})") from None
    return expanded


def load_cause(entry: dict, where: str, pages: dict[str, str]) -> Cause:
    """One ``[[family.cause]]`` entry, its anchor's chapter and its fix checked."""
    if entry["anchor"].split("-", 1)[0] not in pages:
        raise TableError(f"{where}: anchor {entry['anchor']!r} has no page in [pages]")
    if ("fix" in entry) == ("fix_text" in entry):
        raise TableError(f"{where}: give exactly one of fix (a function) and fix_text (a text)")
    return Cause(
        anchor=entry["anchor"],
        title=entry["title"],
        tell=entry.get("tell", ""),
        fix=function(entry["fix"], where) if "fix" in entry else fixed_text(entry["fix_text"]),
        when=entry.get("when", {}),
        likely=entry.get("likely"),
        alone=entry.get("alone", False),
        fallback=entry.get("fallback", False),
    )


def no_facts(facts: Facts) -> Facts:
    """The ``derive`` of a family that computes no facts."""
    return {}


def load_family(entry: dict, fragments: dict[str, str], pages: dict[str, str]) -> Family:
    """One ``[[family]]`` entry with its wordings (patterns compiled once) and causes."""
    where = f"family {entry.get('id', '?')}"
    wordings = tuple(
        Wording(item["source"], item["label"], expand(item["pattern"], fragments, f"{where}, {item['label']}"),
            item.get("fragment", False))
        for item in entry["wording"]
    )  # fmt: skip
    causes = tuple(load_cause(item, f"{where}, cause {item['anchor']}", pages) for item in entry["cause"])
    if not causes:
        raise TableError(f"{where}: a family needs at least one cause")
    return Family(
        id=entry["id"],
        title=entry["title"],
        summary=entry["summary"],
        wordings=wordings,
        causes=causes,
        declines=tuple(item["when"] for item in entry.get("decline", [])),
        derive=function(entry["derive"], where) if "derive" in entry else no_facts,
        read=function(entry["read"], where) if "read" in entry else fixed_text(entry["summary"]),
    )


def load_table(path: Path = TABLE_FILE) -> Table:
    """Read and check the table; a TableError names the entry that is wrong."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    pages, fragments = data["pages"], data["fragments"]
    families = tuple(load_family(entry, fragments, pages) for entry in data["family"])
    ids = [family.id for family in families]
    if len(set(ids)) != len(ids):
        raise TableError(f"{path.name}: family ids repeat: {sorted(i for i in ids if ids.count(i) > 1)}")
    return Table(families, pages, data["layer_kinds"])


TABLE = load_table()
