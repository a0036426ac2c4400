"""The real exercise notebooks: generated from solutions, enough questions, and every check bites."""

import nbformat
import pytest
from assignment_helpers import printed_lines
from notebook_files import ROOT

from convshapes.authoring.generate import exercise_from_solution
from convshapes.notebook.execute import execute
from convshapes.notebook.format import canonical_text
from convshapes.notebook.questions import questions

SOLUTIONS = sorted((ROOT / "solutions").glob("*.ipynb"))
names = [path.stem for path in SOLUTIONS]


def test_four_exercise_notebooks_hold_at_least_30_questions():
    assert len(SOLUTIONS) >= 4
    assert sum(len(questions(nbformat.read(path, as_version=4))) for path in SOLUTIONS) >= 30


@pytest.mark.parametrize("path", SOLUTIONS, ids=names)
def test_exercise_is_generated_from_the_current_solution(path):
    exercise = ROOT / "exercises" / path.name
    assert exercise.exists(), f"{exercise.name} is missing: run make exercises"
    expected = canonical_text(exercise_from_solution(nbformat.read(path, as_version=4)))
    assert exercise.read_text(encoding="utf-8") == expected, f"exercises/{path.name} is out of date: run make exercises"


@pytest.mark.parametrize("path", SOLUTIONS, ids=names)
def test_every_solution_check_passes_as_stored(path):
    solution = nbformat.read(path, as_version=4)
    lines = printed_lines(solution, [question.check_index for question in questions(solution)])
    failing = [line for line in lines if not line.startswith("PASS")]
    assert not failing


@pytest.mark.parametrize("path", SOLUTIONS, ids=names)
def test_untouched_exercise_fails_every_check(path, tmp_path):
    solution = nbformat.read(path, as_version=4)
    executed = execute(nbformat.read(ROOT / "exercises" / path.name, as_version=4), tmp_path, 120, allow_errors=True)
    lines = printed_lines(executed, [question.check_index for question in questions(solution)])
    assert all(line.startswith("FAIL") and "not answered yet" in line for line in lines), lines
