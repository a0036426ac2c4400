"""A small two-question master notebook, as an author writes it, shared by the grading step tests.

``q-shape`` is worth 1 point and ``q-cases`` 2."""

import hashlib

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from convshapes.grading.gradebook import StudentResult
from convshapes.grading.status import SubmissionStatus
from convshapes.grading.verdict import QuestionVerdict
from convshapes.notebook.questions import Question

SETUP = "from convshapes import checks"
SHAPE_SOLUTION = "# BEGIN SOLUTION\npredicted_shape = (16, 98, 32)\n# END SOLUTION"
CASES_SOLUTION = (
    "# BEGIN SOLUTION\ndef output_length(length, kernel_size):\n    return length - kernel_size + 1\n# END SOLUTION"
)
SHAPE_CHECK = 'checks.check_shape("q-shape", predicted_shape, (16, 98, 32))'
CASES_CHECK = (
    "checks.check_cases(\n"
    '    "q-cases",\n'
    "    output_length,\n"
    "    cases=[(5, 1), (6, 2)],\n"
    "    reference=lambda length, kernel: length - kernel + 1,\n"
    '    argument_names=("length", "kernel_size"),\n'
    ")"
)
SHAPE_PASS = "PASS q-shape: correct.\n"
CASES_PASS = "PASS q-cases: right for all 2 cases.\n"
# Cell indexes in the master; nbval numbers code cells only: 1 -> Cell 0, 3 -> 1, 4 -> 2, 6 -> 3, 7 -> 4.
SETUP_INDEX, SHAPE_ANSWER, SHAPE_CHECK_INDEX, CASES_ANSWER, CASES_CHECK_INDEX = 1, 3, 4, 6, 7
SHAPE_CHECK_CELL_NUMBER, CASES_CHECK_CELL_NUMBER = 2, 4

STUDENT_SHAPE = "predicted_shape = (16, 98, 32)\n"
STUDENT_CASES = "def output_length(length, kernel_size):\n    return length - kernel_size + 1\n"

REFERENCES = {
    "q-shape": {"kind": "shape", "reference": {"expected": [16, 98, 32], "hints": []}},
    "q-cases": {
        "kind": "cases",
        "reference": {
            "cases": [[5, 1], [6, 2]],
            "argument_names": ["length", "kernel_size"],
            "expected": [5, 5],
            "mistakes": {"off by one.": [4, 4]},
        },
    },
}
QUESTIONS = [
    Question("q-shape", 1, SHAPE_ANSWER, SHAPE_CHECK_INDEX),
    Question("q-cases", 2, CASES_ANSWER, CASES_CHECK_INDEX),
]
CELL_NUMBERS = {"q-shape": SHAPE_CHECK_CELL_NUMBER, "q-cases": CASES_CHECK_CELL_NUMBER}


def stdout(text):
    return new_output("stream", name="stdout", text=text)


def make_master():
    return new_notebook(
        cells=[
            new_markdown_cell("# Mini assignment"),
            new_code_cell(
                SETUP,
                metadata={"tags": ["raises-exception"], "scrolled": True},
                outputs=[stdout("setup done\n")],
                execution_count=1,
            ),
            new_markdown_cell("**Q1.** Predict the output shape of `Conv1D(32, 3)` on a `(16, 100, 3)` batch."),
            new_code_cell(
                SHAPE_SOLUTION, metadata={"convshapes": {"answer": "q-shape", "wrong": "predicted_shape = (98, 32)"}}
            ),
            new_code_cell(
                SHAPE_CHECK,
                metadata={"convshapes": {"question": "q-shape", "points": 1}},
                outputs=[stdout(SHAPE_PASS)],
                execution_count=3,
            ),
            new_markdown_cell("**Q2.** Write `output_length(length, kernel_size)`."),
            new_code_cell(
                CASES_SOLUTION,
                metadata={"convshapes": {"answer": "q-cases", "wrong": "def output_length(length, kernel_size): ..."}},
            ),
            new_code_cell(
                CASES_CHECK,
                metadata={"convshapes": {"question": "q-cases", "points": 2}},
                outputs=[stdout(CASES_PASS)],
                execution_count=5,
            ),
        ]
    )


def make_student(shape=STUDENT_SHAPE, cases=STUDENT_CASES):
    """The master as a student hands it in: answers filled in, outputs of their own run."""
    notebook = nbformat.from_dict(make_master())
    notebook.cells[SHAPE_ANSWER].source = shape
    notebook.cells[CASES_ANSWER].source = cases
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [stdout("the student's own output\n")], 42
    return notebook


def write_notebook(path, notebook):
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, path)
    return path


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


SHA = "ab" * 32


def student_result(student="alice", points=(1, 0), status=SubmissionStatus.GRADED, message=""):
    return StudentResult(
        student,
        SHA,
        status,
        message,
        [
            QuestionVerdict("q-shape", points[0], 1, "correct." if points[0] else "not the right shape."),
            QuestionVerdict("q-cases", points[1], 2, "right for all 2 cases." if points[1] else "off by one."),
        ],
    )
