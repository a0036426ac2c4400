"""From a solution to an exercise and back: stubs fail, wrong answers fail, solutions pass, files stay untouched."""

import hashlib
import subprocess
import sys

import nbformat
import pytest
from assignment_helpers import printed_lines, with_wrong_answers
from notebook_files import ROOT

from convshapes.authoring.generate import exercise_from_solution
from convshapes.grading.rebuild import rebuild
from convshapes.notebook.execute import execute
from convshapes.notebook.format import write_canonical
from convshapes.notebook.questions import questions

FIXTURE = ROOT / "tests" / "fixtures" / "mini_solution.ipynb"


@pytest.fixture(scope="module")
def solution():
    return nbformat.read(FIXTURE, as_version=4)


@pytest.fixture
def course(tmp_path, solution):
    """A folder laid out like the book: solutions/mini.ipynb and exercises/mini.ipynb."""
    (tmp_path / "solutions").mkdir()
    (tmp_path / "exercises").mkdir()
    write_canonical(solution, tmp_path / "solutions" / "mini.ipynb")
    write_canonical(exercise_from_solution(solution), tmp_path / "exercises" / "mini.ipynb")
    return tmp_path


def run_check(notebook_path):
    return subprocess.run(
        [sys.executable, "-m", "convshapes.cli", "check", str(notebook_path)],
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_exercise_has_no_answers_and_no_outputs(solution):
    exercise = exercise_from_solution(solution)
    text = nbformat.writes(exercise)
    assert "(16, 98, 32)" not in text and "length - kernel_size + 1" not in text
    assert all(cell.outputs == [] for cell in exercise.cells if cell.cell_type == "code")
    assert "wrong" not in text


def test_check_scores_an_untouched_exercise_zero_with_not_answered_yet(course):
    result = run_check(course / "exercises" / "mini.ipynb")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "total           0/3" in result.stdout
    rows = [line for line in result.stdout.splitlines() if line.startswith("mini-")]
    assert len(rows) == 2 and all("FAIL not answered yet" in row for row in rows), result.stdout


def test_typical_wrong_answers_fail_with_hints(solution, tmp_path):
    executed = execute(with_wrong_answers(solution), tmp_path, 120, allow_errors=True)
    lines = printed_lines(executed, [q.check_index for q in questions(solution)])
    assert (
        lines[0] == "FAIL mini-conv1d: you left out the batch axis: a layer's output shape starts with the batch size."
    )
    assert lines[1].startswith("FAIL mini-length: wrong for 48 of 48 cases: off by one: count every position")


def test_check_scores_a_solved_notebook_in_full_and_leaves_the_file_untouched(course):
    student = course / "exercises" / "mini.ipynb"
    write_canonical(nbformat.read(course / "solutions" / "mini.ipynb", as_version=4), student)
    before = hashlib.sha256(student.read_bytes()).hexdigest()
    result = run_check(student)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "total           3/3" in result.stdout
    assert hashlib.sha256(student.read_bytes()).hexdigest() == before


def test_check_ignores_pass_lines_forged_into_the_students_outputs(course, solution):
    student = course / "exercises" / "mini.ipynb"
    forged = exercise_from_solution(solution)
    for question in questions(solution):
        forged.cells[question.check_index].outputs = solution.cells[question.check_index].outputs
    write_canonical(forged, student)
    result = run_check(student)
    assert result.returncode == 1
    assert "total           0/3" in result.stdout


def test_check_uses_the_masters_check_cells_not_the_students(course, solution):
    student = course / "exercises" / "mini.ipynb"
    edited = exercise_from_solution(solution)
    for question in questions(solution):
        edited.cells[question.check_index].source = f'print("PASS {question.question_id}: correct.")'
    write_canonical(edited, student)
    assert "total           0/3" in run_check(student).stdout


def test_deleted_answer_cell_scores_zero_with_the_reason(solution):
    edited = exercise_from_solution(solution)
    del edited.cells[questions(solution)[0].answer_index]
    _, problems = rebuild(solution, edited)
    assert problems == {"mini-conv1d": "the answer cell is missing (deleted, or its metadata was removed)."}


def test_missing_or_corrupt_notebook_gives_a_clear_error(course):
    missing = run_check(course / "exercises" / "nope.ipynb")
    assert missing.returncode == 2 and "does not exist" in missing.stderr
    broken = course / "exercises" / "mini.ipynb"
    broken.write_text("{not json")
    result = run_check(broken)
    assert result.returncode == 2 and "is not a readable notebook" in result.stderr


def test_a_hidden_check_counts_when_grading_though_the_exercise_has_none(course, solution):
    master = nbformat.from_dict(solution)
    hidden = questions(master)[1]
    master.cells[hidden.check_index].metadata["convshapes"]["hidden"] = True
    write_canonical(master, course / "solutions" / "mini.ipynb")
    student = course / "exercises" / "mini.ipynb"
    answers = nbformat.from_dict(master)  # the answers of the master, in the exercise's cells
    exercise = exercise_from_solution(master)
    for cell in exercise.cells:
        match = [
            c
            for c in answers.cells
            if c.metadata.get("convshapes", {}).get("answer") == cell.metadata.get("convshapes", {}).get("answer")
        ]
        if cell.metadata.get("convshapes", {}).get("answer") and match:
            cell.source = match[0].source
    write_canonical(exercise, student)
    result = run_check(student)
    assert f"{hidden.question_id}  " in result.stdout and "total           3/3" in result.stdout, result.stdout
