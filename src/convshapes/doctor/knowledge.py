"""The doctor's knowledge of layers and fixes, read from ``data/doctor.toml``: ranks, twins and fix kinds."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

KNOWLEDGE_FILE = Path(__file__).resolve().parents[1] / "data" / "doctor.toml"
_DATA = tomllib.loads(KNOWLEDGE_FILE.read_text(encoding="utf-8"))
_SPATIAL = re.compile(r"^(?P<stem>\w*?)(?P<dims>[123])D$")

ELEMENTWISE: frozenset[str] = frozenset(_DATA["elementwise"]["classes"])
RECURRENT: frozenset[str] = frozenset(_DATA["recurrent"]["classes"])


@dataclass(frozen=True)
class FixKind:
    """One kind of fix: how likely it is when it builds, and the sentence that names what it changes."""

    name: str
    likely: int
    title: str

    def sentence(self, **names: object) -> str:
        """The title with the proposer's names filled in."""
        return self.title.format(**names)


FIX_KINDS: dict[str, FixKind] = {
    name: FixKind(name, entry["likely"], entry["title"]) for name, entry in _DATA["fix"].items()
}


def spatial_dims(class_name: str) -> int | None:
    """How many axes a ``<n>D`` layer slides or pools over (``Conv2D`` -> 2), or None for other layers."""
    found = _SPATIAL.match(class_name)
    return int(found["dims"]) if found else None


def twin(class_name: str, dims: int) -> str | None:
    """The name of the same layer over ``dims`` axes (``MaxPooling2D``, 1 -> ``MaxPooling1D``), or None."""
    found = _SPATIAL.match(class_name)
    return f"{found['stem']}{dims}D" if found and 1 <= dims <= 3 else None


def class_rank(class_name: str) -> int | None:
    """The rank (batch axis included) a layer class needs on its own, or None when it takes any rank."""
    if class_name in _DATA["ranks"]:
        return _DATA["ranks"][class_name]
    dims = spatial_dims(class_name)
    if dims is None:
        return None
    return dims + (3 if class_name.startswith("ConvLSTM") else 2)
