"""convshapes check: the score table it prints."""

from small_master import student_result

from convshapes.grading.check import score_table
from convshapes.grading.status import SubmissionStatus


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
