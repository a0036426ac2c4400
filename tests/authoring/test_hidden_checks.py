"""Hidden checks and hidden cases: they count when grading, and stay out of the exercise and its key."""

import nbformat
from notebook_files import ROOT

from convshapes.authoring.generate import exercise_from_solution
from convshapes.authoring.key_builder import build_key
from convshapes.checks.fingerprint import Fingerprinter, fingerprint_cases
from convshapes.notebook.questions import check_id, questions

FIXTURE = ROOT / "tests" / "fixtures" / "mini_solution.ipynb"


def with_hidden(question_id: str) -> nbformat.NotebookNode:
    solution = nbformat.read(FIXTURE, as_version=4)
    for cell in solution.cells:
        if check_id(cell) == question_id:
            cell.metadata["convshapes"]["hidden"] = True
    return solution


def test_a_hidden_check_is_marked_on_its_question():
    assert [(q.question_id, q.hidden) for q in questions(with_hidden("mini-length"))] == [
        ("mini-conv1d", False),
        ("mini-length", True),
    ]


def test_the_exercise_leaves_a_hidden_check_out_but_keeps_its_answer_cell():
    exercise = exercise_from_solution(with_hidden("mini-length"))
    assert [check_id(cell) for cell in exercise.cells if check_id(cell)] == ["mini-conv1d"]
    assert any(cell.metadata.get("convshapes", {}).get("answer") == "mini-length" for cell in exercise.cells)


def test_the_key_has_no_entry_for_a_hidden_question():
    solution = with_hidden("mini-length")
    references = {
        "mini-conv1d": {"kind": "shape", "reference": {"expected": [16, 98, 32], "hints": []}},
        "mini-length": {"kind": "cases", "reference": {"cases": [[5]], "argument_names": ["n"], "expected": [3]}},
    }
    assert list(build_key("mini", references, questions(solution), "salt")["questions"]) == ["mini-conv1d"]


def test_hidden_cases_stay_out_of_the_key_but_count_when_grading():
    reference = {
        "cases": [[1], [2], [3]],
        "public_cases": 2,
        "argument_names": ["n"],
        "expected": [10, 20, 30],
        "mistakes": {"off by one": [11, 21, 31]},
    }
    fingerprint = Fingerprinter("salt", "q")
    public = fingerprint_cases(reference, fingerprint, public_only=True)
    graded = fingerprint_cases(reference, fingerprint)
    assert public["cases"] == [[1], [2]] and len(public["expected"]) == 2 and len(public["mistakes"]["off by one"]) == 2
    assert graded["cases"] == [[1], [2], [3]] and len(graded["expected"]) == 3
