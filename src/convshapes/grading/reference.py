"""The master's expected facts for each question, from a trusted run of the solution notebook."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

import nbformat

from ..assignment.questions import questions
from ..assignment.run import execute
from ..assignment.score import printed_text
from ..checks import REFERENCE_LOG


class MasterError(ValueError):
    """The master notebook cannot serve as a reference."""


def master_references(master: nbformat.NotebookNode, cache_folder: Path, timeout: int) -> dict[str, dict]:
    """Run the master once (cached by its content) and return ``{question: {"kind", "reference"}}``."""
    digest = hashlib.sha256(nbformat.writes(master).encode()).hexdigest()[:16]
    cache = cache_folder / f"reference-{digest}.json"
    if cache.exists():
        return json.loads(cache.read_text())
    with tempfile.TemporaryDirectory(prefix="convshapes-reference-") as folder:
        log = Path(folder) / "reference.jsonl"
        previous = os.environ.get(REFERENCE_LOG)
        os.environ[REFERENCE_LOG] = str(log)
        try:
            executed, stopped = execute(master, timeout)
        finally:
            os.environ.pop(REFERENCE_LOG) if previous is None else os.environ.__setitem__(REFERENCE_LOG, previous)
        records = [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []
    if stopped:
        raise MasterError(f"the master notebook did not run to the end: {stopped}")
    references = {record["question"]: {"kind": record["kind"], "reference": record["reference"]} for record in records}
    for question in questions(master):
        line = printed_text(executed.cells[question.check_index]).strip()
        if not line.startswith(f"PASS {question.question_id}:"):
            raise MasterError(f"the master's own answer to {question.question_id!r} does not pass its check: {line!r}")
        if question.question_id not in references:
            raise MasterError(f"the check for {question.question_id!r} did not record a reference")
    cache_folder.mkdir(parents=True, exist_ok=True)
    temporary = cache.with_suffix(".tmp")
    temporary.write_text(json.dumps(references, sort_keys=True))
    os.replace(temporary, cache)
    return references
