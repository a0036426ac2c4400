"""Rebuild a checkable notebook: every cell from the master, only the answer cells from the student."""

from __future__ import annotations

import nbformat

from ..notebook.markers import stub_regions
from ..notebook.questions import Question, answer_id, questions


def rebuild(
    master: nbformat.NotebookNode, student: nbformat.NotebookNode, graded: list[Question] | None = None
) -> tuple[nbformat.NotebookNode, dict[str, str]]:
    """Return the master with each answer cell's source taken from the student's cell of the same
    question id, and the problems found (question id -> reason) where no usable answer cell exists.

    ``graded`` is ``questions(master)`` when the caller already has it (a grader reads the master once)."""
    rebuilt = nbformat.from_dict(master)
    problems: dict[str, str] = {}
    student_cells: dict[str, list] = {}
    for cell in student.cells:
        if answer_id(cell) is not None:
            student_cells.setdefault(answer_id(cell), []).append(cell)
    for question in graded if graded is not None else questions(master):
        cell = rebuilt.cells[question.answer_index]
        candidates = student_cells.get(question.question_id, [])
        if len(candidates) == 1 and candidates[0].cell_type == "code":
            cell.source = candidates[0].source
            continue
        cell.source = stub_regions(cell.source)
        if not candidates:
            problems[question.question_id] = "the answer cell is missing (deleted, or its metadata was removed)."
        elif len(candidates) > 1:
            problems[question.question_id] = "the answer cell appears more than once; keep exactly one."
        else:
            problems[question.question_id] = "the answer cell is no longer a code cell."
    for cell in rebuilt.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    return rebuilt, problems
