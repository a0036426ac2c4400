"""check.score_table, and printed_text (what an executed cell printed)."""

from nbformat.v4 import new_code_cell, new_output
from small_master import stdout, student_result

from convshapes.grading.check import score_table
from convshapes.grading.status import SubmissionStatus
from convshapes.notebook.execute import printed_text


def test_score_table_has_a_header_a_row_per_question_and_a_total():
    lines = score_table(student_result(points=(1, 0))).splitlines()
    assert lines[0].split() == ["question", "points", "result"]
    assert set(lines[1]) == {"-", " "}
    assert lines[2].split() == ["q-shape", "1/1", "PASS", "correct."]
    assert lines[3].split() == ["q-cases", "0/2", "FAIL", "off", "by", "one."]
    assert lines[4].split() == ["total", "1/3"]
    assert len(lines) == 5


def test_score_table_ends_with_the_message_when_there_is_one():
    table = score_table(student_result(status=SubmissionStatus.TIMEOUT, message="grading stopped after 300 s."))
    assert table.splitlines()[-1] == "grading stopped after 300 s."
    assert table.splitlines()[-2].split()[0] == "total"


def test_printed_text_is_only_what_the_cell_printed_on_stdout():
    cell = new_code_cell(
        "x",
        outputs=[
            stdout("PASS q: "),
            new_output("stream", name="stderr", text="a warning\n"),
            new_output("execute_result", data={"text/plain": "42"}, execution_count=1),
            stdout("correct.\n"),
        ],
    )
    assert printed_text(cell) == "PASS q: correct.\n"
