"""A solution notebook is gradable only if every answer has exactly one check after it, with points."""

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from convshapes.notebook.questions import AssignmentError, questions

ANSWER = "# BEGIN SOLUTION\nx = 1\n# END SOLUTION\n"


def answer(identifier):
    return new_code_cell(ANSWER, metadata={"convshapes": {"answer": identifier}})


def check(identifier, points=1):
    return new_code_cell("check()", metadata={"convshapes": {"question": identifier, "points": points}})


def test_questions_are_listed_in_order_with_their_cells():
    notebook = new_notebook(cells=[new_markdown_cell("# t"), answer("a"), check("a", 2), answer("b"), check("b")])
    assert [(q.question_id, q.points, q.answer_index, q.check_index) for q in questions(notebook)] == [
        ("a", 2, 1, 2),
        ("b", 1, 3, 4),
    ]


@pytest.mark.parametrize(
    "cells, message",
    [
        ([answer("a"), answer("a"), check("a")], "two answer cells"),
        ([answer("a")], "without a check cell"),
        ([check("a"), answer("a")], "does not follow"),
        ([answer("a"), check("a"), check("a")], "two check cells"),
        ([answer("a"), check("a", 0)], "positive integer points"),
        ([new_code_cell(ANSWER), answer("a"), check("a")], "no answer id"),
    ],
)
def test_ungradable_notebooks_are_rejected_with_the_reason(cells, message):
    with pytest.raises(AssignmentError, match=message):
        questions(nbformat.from_dict(new_notebook(cells=cells)))
