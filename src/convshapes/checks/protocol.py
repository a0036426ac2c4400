"""What the student's kernel and the grader exchange: the one-line verdict, and the facts and reference logs."""

from __future__ import annotations

import json
import os
import re
from enum import StrEnum

NOT_ANSWERED = "not answered yet: replace the ... with your answer and run the cell again."
REFERENCE_LOG = "CONVSHAPES_REFERENCE_LOG"
FACTS_LOG = "CONVSHAPES_FACTS_LOG"


class Outcome(StrEnum):
    """How collecting an answer's facts went; the value travels in the facts log as ``"status"``."""

    OK = "ok"
    UNANSWERED = "unanswered"
    WRONG_TYPE = "wrong-type"
    ERROR = "error"


_VERDICT_LINE = re.compile(r"^(PASS|FAIL) (\S+): (.*)$")


def verdict_line(question: str, passed: bool, message: str) -> str:
    """The one line a check prints: ``PASS <question>: <message>`` or ``FAIL ...``."""
    return f"{'PASS' if passed else 'FAIL'} {question}: {message}"


def parse_verdict_line(line: str) -> tuple[str, bool, str] | None:
    """``(question, passed, message)`` from a verdict line, or None if the text is not exactly one such line."""
    match = _VERDICT_LINE.match(line.strip())
    if match is None or "\n" in line.strip():
        return None
    return match.group(2), match.group(1) == "PASS", match.group(3)


def append_record(variable: str, record: dict) -> None:
    """Append ``record`` as a JSON line to the log file the environment variable ``variable`` names, if any."""
    path = os.environ.get(variable)
    if path:
        with open(path, "a", encoding="utf-8") as log:
            log.write(json.dumps(record) + "\n")


def read_records(path) -> list[dict]:
    """The JSON-object lines of a log, skipping any line that is not one (a student's kernel may write anything)."""
    records = []
    try:
        with open(path, encoding="utf-8", errors="replace") as log:
            for line in log:
                try:
                    record = json.loads(line)
                except json.JSONDecodeError:
                    continue
                if isinstance(record, dict):
                    records.append(record)
    except FileNotFoundError:
        pass
    return records
