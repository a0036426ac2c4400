"""Export: the graded notebook, with a line exporting the answer's facts in every check cell."""

import nbformat
import pytest
from nbformat.v4 import new_code_cell
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
from convshapes.grading.export import NBVAL_CHECK, export_call, graded_notebook
from convshapes.notebook.execute import printed_text

SHAPE_EXPORT = "__import__(\"convshapes.checks\").checks.export_facts('q-shape', 'shape', predicted_shape)"
CASES_EXPORT = (
    '__import__("convshapes.checks").checks.export_facts('
    "'q-cases', 'cases', output_length, [[5, 1], [6, 2]], ['length', 'kernel_size'])"
)


def test_export_call_for_a_shape_check_passes_the_answer_expression():
    assert export_call(SHAPE_CHECK, "q-shape", "shape", REFERENCES["q-shape"]["reference"]) == SHAPE_EXPORT


def test_export_call_for_a_placement_check_adds_the_input_shape():
    source = 'checks.check_placement("q-fold", fold_heads, (4, 6, 2), reference=lambda x: x)'
    line = export_call(source, "q-fold", "placement", {"input_shape": [4, 6, 2], "expected": []})
    assert line == "__import__(\"convshapes.checks\").checks.export_facts('q-fold', 'placement', fold_heads, [4, 6, 2])"


def test_export_call_for_a_cases_check_adds_the_cases_and_argument_names():
    assert export_call(CASES_CHECK, "q-cases", "cases", REFERENCES["q-cases"]["reference"]) == CASES_EXPORT


def test_export_call_keeps_a_compound_answer_expression_verbatim():
    source = 'checks.check_shape("q", model.output_shape[1:], (98, 32))'
    assert export_call(source, "q", "shape", {}).endswith("export_facts('q', 'shape', model.output_shape[1:])")


def test_export_call_recognises_a_check_imported_by_name():
    source = 'from convshapes.checks import check_shape\ncheck_shape("q", answer, (1, 2))'
    assert export_call(source, "q", "shape", {}).endswith("export_facts('q', 'shape', answer)")


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
def test_export_call_raises_value_error_unless_the_cell_makes_exactly_one_check_call(source):
    with pytest.raises(ValueError, match="exactly one check_shape"):
        export_call(source, "q", "shape", {})


@pytest.mark.parametrize(
    "question, namespace, expected_facts",
    [
        ("q-shape", {"predicted_shape": (16, 98, 32)}, [16, 98, 32]),
        ("q-cases", {"output_length": lambda length, kernel_size: length - kernel_size}, [4, 4]),
    ],
)
def test_the_export_line_appends_the_answers_facts_to_the_facts_log(
    tmp_path, monkeypatch, question, namespace, expected_facts
):
    log = tmp_path / "facts.jsonl"
    monkeypatch.setenv(FACTS_LOG, str(log))
    entry = REFERENCES[question]
    source = SHAPE_CHECK if question == "q-shape" else CASES_CHECK
    exec(export_call(source, question, entry["kind"], entry["reference"]), dict(namespace))
    assert read_records(log) == [{"question": question, "kind": entry["kind"], "status": "ok", "facts": expected_facts}]


def test_graded_notebook_appends_the_export_line_to_each_check_cell():
    notebook, _, _ = graded_notebook(make_master(), make_student(), REFERENCES)
    assert notebook.cells[SHAPE_CHECK_INDEX].source == SHAPE_CHECK + "\n" + SHAPE_EXPORT + "\n"
    assert notebook.cells[CASES_CHECK_INDEX].source == CASES_CHECK + "\n" + CASES_EXPORT + "\n"


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
