"""The answer keys the exercises check against: each question in fingerprinted form, shipped as package data.

``make exercises`` writes one key per assignment into ``convshapes/checks/keys/``. An instructor's own
keys can live elsewhere: list their folders in the environment variable ``CONVSHAPES_KEY_PATH``.
"""

from __future__ import annotations

import functools
import json
import os
from importlib import resources
from pathlib import Path

from .fingerprint import Fingerprinter

KEY_PATH = "CONVSHAPES_KEY_PATH"
PACKAGE_KEYS = Path(str(resources.files("convshapes") / "checks" / "keys"))


def key_text(key: dict) -> str:
    """A key as its file holds it: ``{"assignment", "salt", "questions": {id: entry}}`` in stable JSON."""
    return json.dumps(key, indent=1, sort_keys=True) + "\n"


def read_key(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def key_folders() -> list[Path]:
    """Where keys are looked for: the package's own, then every folder in ``CONVSHAPES_KEY_PATH``."""
    extra = [Path(folder) for folder in os.environ.get(KEY_PATH, "").split(os.pathsep) if folder]
    return [PACKAGE_KEYS, *extra]


@functools.cache
def _entries(folders: tuple[Path, ...]) -> dict[str, tuple[str, dict]]:
    entries = {}
    for folder in folders:
        for path in sorted(folder.glob("*.json")):
            key = read_key(path)
            entries.update({question: (key["salt"], entry) for question, entry in key["questions"].items()})
    return entries


def lookup(question: str) -> tuple[Fingerprinter, dict]:
    """The fingerprinter and the key entry for ``question``; KeyError saying what to do if no key has it."""
    found = _entries(tuple(key_folders())).get(question)
    if found is None:
        raise KeyError(
            f"no answer key holds question {question!r}: re-run the notebook's first cell to install the "
            "convshapes that goes with this notebook, or ask your instructor for the key"
        )
    salt, entry = found
    return Fingerprinter(salt, question), entry
