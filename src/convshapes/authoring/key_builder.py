"""Building answer keys: each exercise's questions in fingerprinted form, from a trusted run of its solution.

The key's file format and where keys live belong to ``checks.answer_key``, which reads them in a learner's kernel.

A key holds no answer in clear text: exact answers and the typical wrong answers its hints react to are
salted SHA-256 fingerprints. What the question states anyway stays plain: a model's contract, the input
shape of a placement, the public cases of a function. Hidden questions and hidden cases are left out.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from ..checks.answer_key import read_key
from ..checks.fingerprint import Fingerprinter
from ..checks.kinds import kind_named
from ..notebook.questions import Question


def build_key(assignment: str, references: dict[str, dict], graded: list[Question], salt: str) -> dict:
    """The key of one assignment from the master's references (``{question: {"kind", "reference"}}``)."""
    entries = {}
    for question in graded:
        if question.hidden:
            continue
        recorded = references[question.question_id]
        fingerprint = Fingerprinter(salt, question.question_id)
        entries[question.question_id] = kind_named(recorded["kind"]).key_entry(recorded["reference"], fingerprint)
    return {"assignment": assignment, "salt": salt, "questions": entries}


def existing_salt(path: Path) -> str:
    """The salt of the key already at ``path`` (so a rebuilt key only changes where the answers did), or a new one."""
    try:
        return read_key(path)["salt"]
    except (OSError, ValueError, KeyError):
        return secrets.token_hex(16)
