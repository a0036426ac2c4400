"""The mini master (tests/fixtures/mini_solution.ipynb), submissions answering it, and `convshapes grade` run as an
instructor runs it: shared by the grade and LMS tests."""

import subprocess
import sys

import nbformat
from notebook_files import ROOT

from convshapes.authoring.generate import exercise_from_solution
from convshapes.notebook.questions import questions

MASTER = ROOT / "tests" / "fixtures" / "mini_solution.ipynb"
SOLUTION = nbformat.read(MASTER, as_version=4)
QUESTIONS = questions(SOLUTION)
CONV1D, LENGTH = (question.answer_index for question in QUESTIONS)
CONV1D_CHECK, LENGTH_CHECK = (question.check_index for question in QUESTIONS)
CORRECT_SHAPE = "predicted_shape = (16, 98, 32)\n"
CORRECT_LENGTH = "def output_length(length, kernel_size):\n    return length - kernel_size + 1\n"


def grade_cli(submissions, master, out, *options, timeout: int) -> subprocess.CompletedProcess:
    """Run `convshapes grade` as an instructor would, in a separate process."""
    command = [sys.executable, "-m", "convshapes.cli", "grade", str(submissions), "--master", str(master)]
    return subprocess.run(
        [*command, "--out", str(out), *map(str, options)], capture_output=True, text=True, timeout=timeout
    )


def blank():
    """The exercise students get: the master without its solutions."""
    return exercise_from_solution(SOLUTION)


def answered(shape=CORRECT_SHAPE, length=CORRECT_LENGTH):
    """A submission with these two answers."""
    notebook = blank()
    notebook.cells[CONV1D].source = shape
    notebook.cells[LENGTH].source = length
    return notebook
