"""The master's expected facts for each question, from a trusted run of the solution notebook."""

from __future__ import annotations

import hashlib
import json
import tempfile
from pathlib import Path

import nbformat

from ..checks.protocol import REFERENCE_LOG, parse_verdict_line, read_records
from ..notebook.execute import ExecutionStopped, execute, printed_text
from ..notebook.questions import questions
from .atomic import write_atomically


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
        try:
            executed = execute(master, Path(folder), timeout, allow_errors=True, environment={REFERENCE_LOG: str(log)})
        except ExecutionStopped as stopped:
            raise MasterError(f"the master notebook did not run to the end: {stopped}") from stopped
        records = read_records(log)
    references = {record["question"]: {"kind": record["kind"], "reference": record["reference"]} for record in records}
    for question in questions(master):
        line = printed_text(executed.cells[question.check_index]).strip()
        verdict = parse_verdict_line(line)
        if verdict is None or verdict[:2] != (question.question_id, True):
            raise MasterError(f"the master's own answer to {question.question_id!r} does not pass its check: {line!r}")
        if question.question_id not in references:
            raise MasterError(f"the check for {question.question_id!r} did not record a reference")
    write_atomically(cache, json.dumps(references, sort_keys=True))
    return references
