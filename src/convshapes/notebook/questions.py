"""Which cells answer and which cells check each question, read from cell metadata.

An answer cell carries ``{"convshapes": {"answer": ID, "wrong": SOURCE}}`` (``wrong`` is a typical
wrong answer that replaces the answer region in tests); a check cell carries
``{"convshapes": {"question": ID, "points": N}}`` (plus ``"hidden": true`` for a check that only the
grader runs) and follows its answer cell.
"""

from __future__ import annotations

from dataclasses import dataclass

import nbformat

from .markers import has_solution


class AssignmentError(ValueError):
    """A solution notebook breaks the rules that make it gradable."""


@dataclass(frozen=True)
class Question:
    """A graded question: its id, points, the indexes of its answer and check cells, and whether the check is hidden.

    A hidden check counts when grading but is left out of the exercise and its answer key."""

    question_id: str
    points: int
    answer_index: int
    check_index: int
    hidden: bool = False


def answer_id(cell) -> str | None:
    """The question a cell answers, or None (also when a student's edit left the metadata malformed)."""
    return _metadata_id(cell, "answer")


def check_id(cell) -> str | None:
    """The question a cell checks, or None (also when the metadata is malformed)."""
    return _metadata_id(cell, "question")


def _metadata_id(cell, key: str) -> str | None:
    entry = cell.get("metadata", {}).get("convshapes")
    value = entry.get(key) if isinstance(entry, dict) else None
    return value if isinstance(value, str) else None


def questions(notebook: nbformat.NotebookNode) -> list[Question]:
    """The questions of a solution notebook, in order; raises AssignmentError if it is not gradable."""
    answers: dict[str, int] = {}
    found: list[Question] = []
    for index, cell in enumerate(notebook.cells):
        if answer_id(cell) is not None:
            identifier = answer_id(cell)
            if identifier in answers:
                raise AssignmentError(f"two answer cells for question {identifier!r}")
            if cell.cell_type != "code" or not has_solution(cell.source):
                raise AssignmentError(f"answer cell for {identifier!r} must be a code cell with a solution region")
            answers[identifier] = index
        elif cell.cell_type == "code" and has_solution(cell.source):
            raise AssignmentError(f"cell {index} has a solution region but no answer id in its metadata")
        if check_id(cell) is not None:
            identifier = check_id(cell)
            points = cell.metadata["convshapes"].get("points")
            if identifier not in answers or answers[identifier] > index:
                raise AssignmentError(f"check cell for {identifier!r} does not follow an answer cell for it")
            if any(question.question_id == identifier for question in found):
                raise AssignmentError(f"two check cells for question {identifier!r}")
            if not isinstance(points, int) or isinstance(points, bool) or points <= 0:
                raise AssignmentError(f"check cell for {identifier!r} needs positive integer points, got {points!r}")
            hidden = cell.metadata["convshapes"].get("hidden", False)
            if not isinstance(hidden, bool):
                raise AssignmentError(f"check cell for {identifier!r}: hidden must be true or false, got {hidden!r}")
            found.append(Question(identifier, points, answers[identifier], index, hidden))
    unchecked = set(answers) - {question.question_id for question in found}
    if unchecked:
        raise AssignmentError(f"answer cells without a check cell: {sorted(unchecked)}")
    return found
