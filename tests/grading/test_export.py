"""Export: the graded notebook, with each check cell reduced to its check call against the master's reference."""

import nbformat
import pytest
from nbformat.v4 import new_code_cell
from notebook_files import ROOT
from small_master import (
    CASES_ANSWER,
    CASES_CHECK,
    CASES_CHECK_CELL_NUMBER,
    CASES_CHECK_INDEX,
    CASES_PASS,
    REFERENCES,
    SETUP_INDEX,
    SHAPE_ANSWER,
    SHAPE_CHECK,
    SHAPE_CHECK_CELL_NUMBER,
    SHAPE_CHECK_INDEX,
    SHAPE_PASS,
    make_master,
    make_student,
    stdout,
)

from convshapes.checks.protocol import FACTS_LOG, read_records
from convshapes.grading.export import NBVAL_CHECK, graded_call, graded_notebook, names_only_check_cells_bind
from convshapes.notebook.execute import printed_text
from convshapes.notebook.questions import questions

ANSWERS = {"predicted_shape": (16, 98, 32), "output_length": lambda length, kernel_size: length - kernel_size + 1}
GRADED = '__import__("convshapes.checks").checks.graded_check('


def test_graded_call_checks_the_answer_expression_against_the_given_reference():
    reference = REFERENCES["q-shape"]["reference"]
    assert (
        graded_call(SHAPE_CHECK, "q-shape", "shape", reference)
        == f"{GRADED}'q-shape', 'shape', predicted_shape, {reference!r})"
    )


def test_graded_call_keeps_a_compound_answer_expression_verbatim():
    source = 'checks.check_shape("q", model.output_shape[1:], (98, 32))'
    assert graded_call(source, "q", "shape", {}) == f"{GRADED}'q', 'shape', model.output_shape[1:], {{}})"


def test_graded_call_recognises_a_check_imported_by_name():
    source = 'from convshapes.checks import check_shape\ncheck_shape("q", answer, (1, 2))'
    assert graded_call(source, "q", "shape", {}) == f"{GRADED}'q', 'shape', answer, {{}})"


@pytest.mark.parametrize(
    "source",
    [
        'print("no check here")',
        'checks.check_value("q", answer, 3)',  # a check of another kind
        'checks.check_shape("q", a, (1,))\nchecks.check_shape("q", b, (1,))',
        'checks.check_shape("q", answer=a, expected=(1,))',  # the answer is not positional
    ],
    ids=["no-call", "other-kind", "two-calls", "answer-by-keyword"],
)
def test_graded_call_raises_value_error_unless_the_cell_makes_exactly_one_check_call(source):
    with pytest.raises(ValueError, match="exactly one check_shape"):
        graded_call(source, "q", "shape", {})


@pytest.mark.parametrize(
    "question, namespace, expected_facts, printed",
    [
        ("q-shape", {"predicted_shape": (16, 98, 32)}, [16, 98, 32], SHAPE_PASS),
        (
            "q-cases",
            {"output_length": lambda length, kernel_size: length - kernel_size},
            [4, 4],
            "FAIL q-cases: wrong for 2 of 2 cases: off by one.\n",
        ),
    ],
)
def test_the_graded_call_logs_the_answers_facts_and_prints_the_verdict_the_master_check_prints(
    tmp_path, monkeypatch, capsys, question, namespace, expected_facts, printed
):
    log = tmp_path / "facts.jsonl"
    monkeypatch.setenv(FACTS_LOG, str(log))
    entry = REFERENCES[question]
    source = SHAPE_CHECK if question == "q-shape" else CASES_CHECK
    exec(graded_call(source, question, entry["kind"], entry["reference"]), dict(namespace))
    assert read_records(log) == [{"question": question, "kind": entry["kind"], "status": "ok", "facts": expected_facts}]
    assert capsys.readouterr().out.startswith(printed)


def test_the_graded_call_prints_exactly_what_the_masters_own_check_prints(capsys):
    master = make_master()
    for index, expected in ((SHAPE_CHECK_INDEX, SHAPE_PASS), (CASES_CHECK_INDEX, CASES_PASS)):
        exec(master.cells[index].source, {"checks": __import__("convshapes.checks").checks, **ANSWERS})
        assert capsys.readouterr().out == expected
    notebook, _, _ = graded_notebook(master, make_student(), REFERENCES)
    for index, expected in ((SHAPE_CHECK_INDEX, SHAPE_PASS), (CASES_CHECK_INDEX, CASES_PASS)):
        exec(notebook.cells[index].source, dict(ANSWERS))
        assert capsys.readouterr().out == expected


def test_graded_notebook_reduces_each_check_cell_to_its_graded_call():
    notebook, _, _ = graded_notebook(make_master(), make_student(), REFERENCES)
    assert notebook.cells[SHAPE_CHECK_INDEX].source == graded_call(
        SHAPE_CHECK, "q-shape", "shape", REFERENCES["q-shape"]["reference"]
    )
    assert notebook.cells[CASES_CHECK_INDEX].source == graded_call(
        CASES_CHECK, "q-cases", "cases", REFERENCES["q-cases"]["reference"]
    )


def test_every_master_of_the_book_can_be_graded_with_its_check_cells_reduced():
    for master in sorted((ROOT / "solutions").glob("*.ipynb")):
        notebook = nbformat.read(master, as_version=4)
        assert names_only_check_cells_bind(notebook, questions(notebook)) == [], master.name


@pytest.mark.parametrize(
    "later_cell, problem",
    [
        ("print(helper)", "cell 8 reads `helper`, which only the check cell of 'q-cases' defines"),
        ("def f():\n    return helper", "cell 8 reads `helper`"),  # read inside a function body
        ("%matplotlib inline\nprint(helper)", "cell 8 reads `helper`"),  # beside IPython syntax
    ],
    ids=["module-level", "in-a-function", "in-a-magic"],
)
def test_a_master_whose_later_cell_reads_a_name_only_a_check_cell_binds_cannot_be_graded(later_cell, problem):
    master = make_master()
    master.cells[CASES_CHECK_INDEX].source = "helper = 1\n" + CASES_CHECK
    master.cells.append(new_code_cell(later_cell))
    problems = names_only_check_cells_bind(master, questions(master))
    assert len(problems) == 1 and problem in problems[0] and "define `helper` in an ordinary cell" in problems[0]


@pytest.mark.parametrize(
    "check_prefix, later_cell",
    [
        ("import math\n", "def f(math):\n    return math"),  # a parameter, not the global
        ("from convshapes import checks\n", "print(checks)"),  # an import the setup cell already made
    ],
    ids=["parameter", "repeated-import"],
)
def test_names_a_check_cell_binds_are_fine_where_no_later_cell_needs_them_from_it(check_prefix, later_cell):
    master = make_master()
    master.cells[CASES_CHECK_INDEX].source = check_prefix + CASES_CHECK
    master.cells.append(new_code_cell(later_cell))
    problems = names_only_check_cells_bind(master, questions(master))
    assert problems == []


def test_an_answer_expression_that_reads_its_check_cells_own_name_cannot_be_graded():
    master = make_master()
    master.cells[SHAPE_CHECK_INDEX].source = 'model = 1\nchecks.check_shape("q-shape", model, (16, 98, 32))'
    problems = names_only_check_cells_bind(master, questions(master))
    assert [problem.split(",")[0] for problem in problems] == ["cell 4 reads `model`"]


def test_graded_notebook_tags_only_the_check_cells_for_nbval_output_checking():
    notebook, _, _ = graded_notebook(make_master(), make_student(), REFERENCES)
    tagged = [i for i, cell in enumerate(notebook.cells) if NBVAL_CHECK in cell.metadata.get("tags", [])]
    assert NBVAL_CHECK == "nbval-check-output"
    assert tagged == [SHAPE_CHECK_INDEX, CASES_CHECK_INDEX]
    assert notebook.cells[SHAPE_CHECK_INDEX].metadata == {"tags": ["nbval-check-output"]}


def test_graded_notebook_gives_check_cells_the_masters_outputs_not_the_students():
    student = make_student()
    student.cells[SHAPE_CHECK_INDEX].outputs = [stdout("PASS q-shape: forged.\n")]
    notebook, _, _ = graded_notebook(make_master(), student, REFERENCES)
    assert printed_text(notebook.cells[SHAPE_CHECK_INDEX]) == SHAPE_PASS
    assert printed_text(notebook.cells[CASES_CHECK_INDEX]) == CASES_PASS
    assert notebook.cells[SHAPE_CHECK_INDEX].execution_count == 3


def test_graded_notebook_strips_the_metadata_of_every_other_code_cell_but_the_masters_raises_exception_tag():
    student = make_student()
    student.cells[SHAPE_ANSWER].metadata["tags"] = ["raises-exception", "nbval-skip"]
    notebook, _, _ = graded_notebook(make_master(), student, REFERENCES)
    # the student's tags, the master's other metadata and the answer cells' convshapes metadata (with its wrong
    # answer) are gone; the master's mark on a cell that raises on purpose stays, so that nbval expects the error
    assert [notebook.cells[i].metadata for i in (SETUP_INDEX, SHAPE_ANSWER, CASES_ANSWER)] == [
        {"tags": ["raises-exception"]},
        {},
        {},
    ]


def test_graded_notebook_leaves_non_check_cells_without_outputs():
    notebook, _, _ = graded_notebook(make_master(), make_student(), REFERENCES)
    assert [notebook.cells[i].outputs for i in (SETUP_INDEX, SHAPE_ANSWER, CASES_ANSWER)] == [[], [], []]


def test_graded_notebook_numbers_each_check_cell_as_nbval_does_counting_code_cells_only():
    _, _, cell_numbers = graded_notebook(make_master(), make_student(), REFERENCES)
    assert cell_numbers == {"q-shape": SHAPE_CHECK_CELL_NUMBER, "q-cases": CASES_CHECK_CELL_NUMBER}


def test_graded_notebook_cell_numbers_do_not_depend_on_cells_the_student_added():
    student = make_student()
    student.cells.insert(SHAPE_ANSWER, new_code_cell("print('scratch')"))
    _, _, cell_numbers = graded_notebook(make_master(), student, REFERENCES)
    assert cell_numbers == {"q-shape": SHAPE_CHECK_CELL_NUMBER, "q-cases": CASES_CHECK_CELL_NUMBER}


def test_graded_notebook_passes_on_the_problems_found_while_rebuilding():
    student = make_student()
    del student.cells[CASES_ANSWER]
    _, problems, _ = graded_notebook(make_master(), student, REFERENCES)
    assert set(problems) == {"q-cases"}


def test_graded_notebook_is_a_valid_notebook():
    notebook, _, _ = graded_notebook(make_master(), make_student(), REFERENCES)
    nbformat.validate(notebook)
