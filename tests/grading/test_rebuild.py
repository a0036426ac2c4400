"""Rebuild: master cells, the student's answer cells."""

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell
from small_master import (
    CASES_ANSWER,
    SETUP,
    SETUP_INDEX,
    SHAPE_ANSWER,
    SHAPE_CHECK,
    SHAPE_CHECK_INDEX,
    STUDENT_CASES,
    make_master,
    make_student,
)

from convshapes.grading.rebuild import rebuild
from convshapes.notebook.markers import STUB_COMMENT

SHAPE_STUB = f"{STUB_COMMENT}\npredicted_shape = ...\n"


def test_rebuild_takes_the_answer_from_the_student_cell_with_the_same_question_id():
    rebuilt, problems = rebuild(make_master(), make_student(shape="predicted_shape = (1, 2, 3)\n"))
    assert rebuilt.cells[SHAPE_ANSWER].source == "predicted_shape = (1, 2, 3)\n"
    assert problems == {}


def test_rebuild_finds_an_answer_cell_by_id_not_by_position():
    student = make_student(shape="predicted_shape = (7, 7)\n")
    student.cells.insert(0, new_code_cell("print('my scratch work')"))
    student.cells.insert(0, new_markdown_cell("my notes"))
    student.cells.reverse()
    rebuilt, problems = rebuild(make_master(), student)
    assert rebuilt.cells[SHAPE_ANSWER].source == "predicted_shape = (7, 7)\n"
    assert rebuilt.cells[CASES_ANSWER].source == STUDENT_CASES
    assert problems == {}


def test_rebuild_keeps_every_other_cell_from_the_master():
    student = make_student()
    student.cells[SHAPE_CHECK_INDEX].source = 'print("PASS q-shape: correct.")'
    student.cells.insert(2, new_code_cell("import os"))
    rebuilt, _ = rebuild(make_master(), student)
    assert [cell.cell_type for cell in rebuilt.cells] == [cell.cell_type for cell in make_master().cells]
    assert rebuilt.cells[SHAPE_CHECK_INDEX].source == SHAPE_CHECK
    assert rebuilt.cells[SETUP_INDEX].source == SETUP


def test_rebuild_reports_a_deleted_answer_cell_and_puts_the_stub_in_its_place():
    student = make_student()
    del student.cells[SHAPE_ANSWER]
    rebuilt, problems = rebuild(make_master(), student)
    assert problems == {"q-shape": "the answer cell is missing (deleted, or its metadata was removed)."}
    assert rebuilt.cells[SHAPE_ANSWER].source == SHAPE_STUB


def test_rebuild_reports_a_duplicated_answer_cell_and_puts_the_stub_in_its_place():
    student = make_student()
    student.cells.insert(SHAPE_ANSWER, nbformat.from_dict(student.cells[SHAPE_ANSWER]))
    rebuilt, problems = rebuild(make_master(), student)
    assert problems == {"q-shape": "the answer cell appears more than once; keep exactly one."}
    assert rebuilt.cells[SHAPE_ANSWER].source == SHAPE_STUB


def test_rebuild_reports_an_answer_cell_turned_into_markdown_and_puts_the_stub_in_its_place():
    student = make_student()
    answer = student.cells[SHAPE_ANSWER]
    student.cells[SHAPE_ANSWER] = new_markdown_cell(answer.source, metadata=answer.metadata)
    rebuilt, problems = rebuild(make_master(), student)
    assert problems == {"q-shape": "the answer cell is no longer a code cell."}
    assert rebuilt.cells[SHAPE_ANSWER].source == SHAPE_STUB


def test_rebuild_stub_for_a_function_keeps_the_signature_and_not_the_solution():
    student = make_student()
    del student.cells[CASES_ANSWER]
    rebuilt, problems = rebuild(make_master(), student)
    source = rebuilt.cells[CASES_ANSWER].source
    assert set(problems) == {"q-cases"}
    assert "def output_length(length, kernel_size):" in source and "return ..." in source
    assert "kernel_size + 1" not in source


def test_rebuild_clears_every_code_cells_outputs():
    rebuilt, _ = rebuild(make_master(), make_student())
    code = [cell for cell in rebuilt.cells if cell.cell_type == "code"]
    assert [(cell.outputs, cell.execution_count) for cell in code] == [([], None)] * 5


def test_rebuild_leaves_the_master_unchanged():
    master = make_master()
    before = nbformat.writes(master)
    rebuild(master, make_student(shape="predicted_shape = (1,)\n"))
    assert nbformat.writes(master) == before


@pytest.mark.parametrize(
    "metadata",
    ["q-shape", None, {"answer": ["q-shape"]}],
    ids=["metadata-is-a-string", "metadata-is-null", "answer-id-is-a-list"],
)
def test_rebuild_treats_an_answer_cell_with_malformed_metadata_as_missing(metadata):
    # Cell metadata is the student's to edit (Jupyter's metadata editor); a malformed value must cost
    # that question, not crash the grading run. Today answer_id() raises AttributeError / TypeError.
    student = make_student()
    student.cells[SHAPE_ANSWER].metadata["convshapes"] = metadata
    nbformat.validate(student)  # the notebook is valid: cell metadata may hold anything
    rebuilt, problems = rebuild(make_master(), student)
    assert set(problems) == {"q-shape"}
    assert rebuilt.cells[SHAPE_ANSWER].source == SHAPE_STUB
