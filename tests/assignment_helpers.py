"""Notebook surgery the exercise tests share: typical wrong answers and student edits."""

import nbformat

from convshapes.notebook.execute import printed_text
from convshapes.notebook.markers import replace_regions
from convshapes.notebook.questions import answer_id


def with_wrong_answers(solution: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The solution with every answer region replaced by its cell's typical wrong answer."""
    notebook = nbformat.from_dict(solution)
    for cell in notebook.cells:
        if answer_id(cell) is not None:
            wrong = cell.metadata["convshapes"]["wrong"]
            cell.source = replace_regions(
                cell.source,
                lambda indent, region, wrong=wrong: "".join(indent + line + "\n" for line in wrong.splitlines()),
            )
    return notebook


def printed_lines(notebook: nbformat.NotebookNode, indexes) -> list[str]:
    """What each of the cells at ``indexes`` printed, stripped."""
    return [printed_text(notebook.cells[index]).strip() for index in indexes]


def with_key_checks(notebook: nbformat.NotebookNode, solution: nbformat.NotebookNode | None = None):
    """``notebook`` (a solution, or a copy with other answers) with the exercise's one-line checks, which judge
    against the answer key; the questions are read from ``solution`` (default: the notebook itself)."""
    from convshapes.authoring.generate import one_line_check
    from convshapes.notebook.questions import questions

    notebook = nbformat.from_dict(notebook)
    for question in questions(solution or notebook):
        cell = notebook.cells[question.check_index]
        cell.source = one_line_check(question.question_id, cell.source)
    return notebook


def with_answers_from(
    exercise: nbformat.NotebookNode, solution: nbformat.NotebookNode, question_ids
) -> nbformat.NotebookNode:
    """The exercise with the solution's answer cells for ``question_ids``; the other answers stay as they were."""
    solved = {answer_id(cell): cell.source for cell in solution.cells if answer_id(cell) is not None}
    notebook = nbformat.from_dict(exercise)
    for cell in notebook.cells:
        if answer_id(cell) in question_ids:
            cell.source = solved[answer_id(cell)]
    return notebook
