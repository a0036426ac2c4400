"""Write the gradebook (CSV and JSON), a Gradescope-style results.json and a feedback file per student,
each atomically, so an interrupted run never leaves a half-written file."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from .atomic import write_atomically
from .status import SubmissionStatus
from .verdict import QuestionVerdict


@dataclass
class StudentResult:
    """One gradebook row with the verdicts behind it."""

    student: str
    submission_sha256: str | None
    status: SubmissionStatus
    message: str
    verdicts: list[QuestionVerdict]

    @property
    def total(self) -> int:
        return sum(verdict.points for verdict in self.verdicts)

    @property
    def maximum(self) -> int:
        return sum(verdict.max_points for verdict in self.verdicts)

    def to_json(self) -> dict:
        return {**asdict(self), "total": self.total, "max": self.maximum}

    @classmethod
    def from_json(cls, data: dict) -> StudentResult:
        verdicts = [QuestionVerdict(**verdict) for verdict in data["verdicts"]]
        return cls(
            data["student"], data["submission_sha256"], SubmissionStatus(data["status"]), data["message"], verdicts
        )


def gradescope_results(result: StudentResult, assignment: str, visibility: str = "visible") -> dict:
    """The per-student ``results.json`` in Gradescope's autograder format
    (https://gradescope-autograders.readthedocs.io/en/latest/specs/): one test per question with its hint as
    output, the total, and the feedback summary as the output the student sees."""
    return {
        "score": result.total,
        "output": feedback_text(result, assignment),
        "output_format": "text",
        "visibility": visibility,
        "stdout_visibility": "hidden",
        "tests": [
            {
                "name": verdict.question_id,
                "number": str(number),
                "score": verdict.points,
                "max_score": verdict.max_points,
                "status": "passed" if verdict.passed else "failed",
                "output": verdict.message,
                "visibility": visibility,
            }
            for number, verdict in enumerate(result.verdicts, start=1)
        ],
    }


def feedback_text(result: StudentResult, assignment: str) -> str:
    lines = [f"{assignment}: {result.total}/{result.maximum} points ({result.status})"]
    if result.message:
        lines.append(result.message)
    lines += [verdict.line for verdict in result.verdicts]
    return "\n".join(lines) + "\n"


def write_student(out: Path, result: StudentResult, assignment: str) -> None:
    folder = out / "students" / result.student
    write_atomically(
        folder / "results.json", json.dumps(gradescope_results(result, assignment), indent=1, sort_keys=True) + "\n"
    )
    write_atomically(folder / "feedback.txt", feedback_text(result, assignment))
    write_atomically(folder / "record.json", json.dumps(result.to_json(), indent=1, sort_keys=True) + "\n")


def write_gradebook(out: Path, results: list[StudentResult], question_ids: list[str], assignment: str) -> None:
    """``gradebook.csv`` and ``gradebook.json``, one row per student, sorted by student id."""
    results = sorted(results, key=lambda result: result.student)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["student", *question_ids, "total", "max", "status", "message"])
    for result in results:
        points = {verdict.question_id: verdict.points for verdict in result.verdicts}
        writer.writerow(
            [
                result.student,
                *(points.get(question, 0) for question in question_ids),
                result.total,
                result.maximum,
                result.status,
                result.message,
            ]
        )
    write_atomically(out / "gradebook.csv", buffer.getvalue())
    document = {
        "assignment": assignment,
        "questions": question_ids,
        "students": [result.to_json() for result in results],
    }
    write_atomically(out / "gradebook.json", json.dumps(document, indent=1, sort_keys=True) + "\n")
