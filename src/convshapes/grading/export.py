"""The notebook a submission is graded with: master cells and the student's answers, with each check cell
reduced to its check call against the reference the grader built once from the master.

A master's check cell builds its reference (often from hundreds of Keras layers) before it judges; that
is the author's work, done once per master by ``reference.master_references``, not the student's. So the
graded notebook runs ``checks.graded_check`` on the cell's answer expression instead, which judges against
that reference, exports the answer's facts for the clean judge and prints the same verdict line."""

from __future__ import annotations

import nbformat

from ..notebook.cell_names import bound_names, read_names
from ..notebook.check_cells import answer_expression
from ..notebook.questions import Question, questions
from .rebuild import rebuild

NBVAL_CHECK = "nbval-check-output"
RAISES_EXCEPTION = "raises-exception"


def graded_call(check_source: str, question_id: str, kind: str, reference: dict) -> str:
    """The graded form of a master's check cell: its check call on the same answer, against ``reference``."""
    answer = answer_expression(check_source, question_id, kind)
    return f'__import__("convshapes.checks").checks.graded_check({question_id!r}, {kind!r}, {answer}, {reference!r})'


def names_only_check_cells_bind(master: nbformat.NotebookNode, graded: list[Question]) -> list[str]:
    """Why ``master`` cannot be graded with its check cells reduced: each global name that a check cell binds
    (and no ordinary cell bound before it, except by an import a check cell repeats) and that a later cell,
    or a check call's answer expression, reads. Empty when the master can be graded."""
    checks = {question.check_index: question for question in graded}
    binder: dict[str, str | None] = {}  # name -> the question whose check cell bound it last, None if ordinary
    problems = []
    for index, cell in enumerate(master.cells):
        if cell.cell_type != "code":
            continue
        question = checks.get(index)
        if question is None:  # an ordinary cell reads what earlier cells bound, then binds its own names
            problems += _reads_of_check_names(index, read_names(cell.source), binder)
            binder.update(dict.fromkeys(bound_names(cell.source)))
            continue
        for name, imported in bound_names(cell.source).items():  # the answer expression may read these too
            if not (imported and name in binder and binder[name] is None):
                binder[name] = question.question_id
        problems += _reads_of_check_names(
            index, read_names(answer_expression(cell.source, question.question_id)), binder
        )
    return problems


def _reads_of_check_names(index: int, names: set[str], binder: dict[str, str | None]) -> list[str]:
    return [
        f"cell {index} reads `{name}`, which only the check cell of {binder[name]!r} defines: grading runs a "
        f"check cell as its check call alone, so define `{name}` in an ordinary cell"
        for name in sorted(names)
        if binder.get(name) is not None
    ]


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
        cell.source = graded_call(cell.source, question.question_id, entry["kind"], entry["reference"])
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
