"""The notebook a submission is graded with: master cells, the student's answers, and checks that
also export the answer's facts for the clean judge."""

from __future__ import annotations

import nbformat

from ..checks.facts import collect_arguments
from ..notebook.check_cells import answer_expression
from ..notebook.questions import Question, questions
from .rebuild import rebuild

NBVAL_CHECK = "nbval-check-output"
RAISES_EXCEPTION = "raises-exception"


def export_call(check_source: str, question_id: str, kind: str, reference: dict) -> str:
    """The line that exports the facts of the answer the master's check cell inspects."""
    answer = answer_expression(check_source, question_id, kind)
    arguments = "".join(f", {value!r}" for value in collect_arguments(kind, reference))
    return f'__import__("convshapes.checks").checks.export_facts({question_id!r}, {kind!r}, {answer}{arguments})'


def graded_notebook(
    master: nbformat.NotebookNode,
    student: nbformat.NotebookNode,
    references: dict[str, dict],
    graded: list[Question] | None = None,
) -> tuple[nbformat.NotebookNode, dict[str, str], dict[str, int]]:
    """Return the notebook to run, the problems found while rebuilding, and each question's nbval cell number.

    ``graded`` is ``questions(master)`` when the caller already has it."""
    graded = questions(master) if graded is None else graded
    notebook, problems = rebuild(master, student, graded)
    code_numbers = {
        index: number
        for number, index in enumerate(i for i, cell in enumerate(notebook.cells) if cell.cell_type == "code")
    }
    cell_numbers = {}
    for question in graded:
        cell = notebook.cells[question.check_index]
        entry = references[question.question_id]
        cell.source = (
            cell.source.rstrip()
            + "\n"
            + export_call(cell.source, question.question_id, entry["kind"], entry["reference"])
            + "\n"
        )
        cell.metadata = nbformat.from_dict({"tags": [NBVAL_CHECK]})
        cell.outputs = master.cells[question.check_index].outputs
        cell.execution_count = master.cells[question.check_index].execution_count or 1
        cell_numbers[question.question_id] = code_numbers[question.check_index]
    check_indexes = {question.check_index for question in graded}
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "code" and index not in check_indexes:
            # Only the master's own "this cell raises" mark survives, so that nbval expects the seed's errors.
            raises = RAISES_EXCEPTION in master.cells[index].metadata.get("tags", [])
            cell.metadata = nbformat.from_dict({"tags": [RAISES_EXCEPTION]} if raises else {})
    return notebook, problems, cell_numbers
