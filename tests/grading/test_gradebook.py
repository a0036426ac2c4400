"""Gradebook: CSV, JSON, Gradescope results.json and feedback."""

import csv
import json

from small_master import student_result

from convshapes.grading.gradebook import StudentResult, gradescope_results, write_gradebook, write_student
from convshapes.grading.status import SubmissionStatus


def test_student_result_totals_points_and_maximum():
    result = student_result(points=(1, 0))
    assert (result.total, result.maximum) == (1, 3)


def test_student_result_json_holds_total_and_max():
    data = student_result(points=(0, 2)).to_json()
    assert (data["total"], data["max"]) == (2, 3)


def test_student_result_survives_a_json_round_trip_with_its_status():
    result = student_result(status=SubmissionStatus.KERNEL_DIED, message="the kernel died.")
    restored = StudentResult.from_json(json.loads(json.dumps(result.to_json())))
    assert restored == result
    assert restored.status is SubmissionStatus.KERNEL_DIED


def test_gradescope_results_list_each_question_with_its_score_and_hint():
    results = gradescope_results(student_result(points=(1, 0)), "mini")
    assert results["score"] == 1
    assert results["tests"] == [
        {
            "name": "q-shape",
            "number": "1",
            "score": 1,
            "max_score": 1,
            "status": "passed",
            "output": "correct.",
            "visibility": "visible",
        },
        {
            "name": "q-cases",
            "number": "2",
            "score": 0,
            "max_score": 2,
            "status": "failed",
            "output": "off by one.",
            "visibility": "visible",
        },
    ]


def test_gradescope_output_is_the_feedback_with_the_status_and_the_message():
    result = student_result(status=SubmissionStatus.TIMEOUT, message="stopped after 300 s.")
    output = gradescope_results(result, "mini")["output"]
    assert output.splitlines()[:2] == ["mini: 1/3 points (timeout)", "stopped after 300 s."]


def test_gradescope_visibility_applies_to_the_whole_result_and_each_test():
    results = gradescope_results(student_result(), "mini", visibility="after_published")
    assert results["visibility"] == "after_published"
    assert {test["visibility"] for test in results["tests"]} == {"after_published"}
    assert results["stdout_visibility"] == "hidden"


def test_write_student_writes_results_feedback_and_a_record_that_reads_back(tmp_path):
    result = student_result(points=(1, 0), message="the notebook asked for kernel 'ir'.")
    write_student(tmp_path, result, "mini")
    folder = tmp_path / "students" / "alice"
    assert json.loads((folder / "results.json").read_text())["score"] == 1
    assert StudentResult.from_json(json.loads((folder / "record.json").read_text())) == result
    assert (folder / "feedback.txt").read_text().splitlines() == [
        "mini: 1/3 points (graded)",
        "the notebook asked for kernel 'ir'.",
        "PASS q-shape: correct.",
        "FAIL q-cases: off by one.",
    ]


def test_write_gradebook_csv_has_one_row_per_student_sorted_by_student(tmp_path):
    results = [student_result("zoe"), student_result("adam"), student_result("mia")]
    write_gradebook(tmp_path, results, ["q-shape", "q-cases"], "mini")
    lines = (tmp_path / "gradebook.csv").read_text().splitlines()
    assert lines[0] == "student,q-shape,q-cases,total,max,status,message"
    assert [line.split(",")[0] for line in lines[1:]] == ["adam", "mia", "zoe"]


def test_write_gradebook_csv_and_json_agree(tmp_path):
    results = [
        student_result("bob", points=(0, 2), status=SubmissionStatus.TIMEOUT, message="stopped, after 300 s."),
        student_result("alice", points=(1, 0)),
        student_result("carl", points=(0, 0), status=SubmissionStatus.INVALID_JSON, message='a "broken" file'),
    ]
    write_gradebook(tmp_path, results, ["q-shape", "q-cases"], "mini")
    rows = list(csv.DictReader((tmp_path / "gradebook.csv").open(encoding="utf-8")))
    document = json.loads((tmp_path / "gradebook.json").read_text())
    assert (document["assignment"], document["questions"]) == ("mini", ["q-shape", "q-cases"])
    from_json = [
        {
            "student": student["student"],
            **{verdict["question_id"]: str(verdict["points"]) for verdict in student["verdicts"]},
            "total": str(student["total"]),
            "max": str(student["max"]),
            "status": student["status"],
            "message": student["message"],
        }
        for student in document["students"]
    ]
    assert rows == from_json
    assert [row["status"] for row in rows] == ["graded", "timeout", "invalid-json"]


def test_write_gradebook_gives_zero_for_a_question_without_a_verdict(tmp_path):
    write_gradebook(tmp_path, [student_result(points=(1, 2))], ["q-shape", "q-cases", "q-extra"], "mini")
    (row,) = csv.DictReader((tmp_path / "gradebook.csv").open(encoding="utf-8"))
    assert (row["q-shape"], row["q-cases"], row["q-extra"]) == ("1", "2", "0")
