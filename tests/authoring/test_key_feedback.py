"""Feedback from the answer key is the feedback the solution's own checks give: PASS for the solution's
answers, and for every typical wrong answer the same FAIL line, with its hint, never the answer."""

import nbformat
import pytest
from assignment_helpers import printed_lines, with_key_checks, with_wrong_answers
from notebook_files import ROOT

from convshapes.notebook.execute import execute
from convshapes.notebook.questions import questions

SOLUTIONS = sorted((ROOT / "solutions").glob("*.ipynb"))
names = [path.stem for path in SOLUTIONS]


def check_lines(notebook, solution, folder) -> list[str]:
    folder.mkdir(exist_ok=True)
    executed = execute(notebook, folder, 120, allow_errors=True)
    return printed_lines(executed, [question.check_index for question in questions(solution) if not question.hidden])


@pytest.mark.parametrize("path", SOLUTIONS, ids=names)
def test_the_solutions_answers_pass_the_key_checks_with_the_solutions_own_lines(path, tmp_path):
    solution = nbformat.read(path, as_version=4)
    stored = printed_lines(solution, [question.check_index for question in questions(solution) if not question.hidden])
    assert check_lines(with_key_checks(solution), solution, tmp_path) == stored


@pytest.mark.parametrize("path", SOLUTIONS, ids=names)
def test_each_typical_wrong_answer_gets_the_same_hint_from_the_key_as_from_the_solution(path, tmp_path):
    solution = nbformat.read(path, as_version=4)
    wrong = with_wrong_answers(solution)
    from_solution = check_lines(wrong, solution, tmp_path / "solution")
    from_key = check_lines(with_key_checks(wrong, solution), solution, tmp_path / "key")
    for question, line in zip(questions(solution), from_solution):
        assert line.startswith(f"FAIL {question.question_id}: ") and "\n" not in line, line
    assert from_key == from_solution
