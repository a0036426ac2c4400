"""LMS gradebooks: canvas.csv read back the way Canvas's importer reads it, scores.csv with csv.DictReader."""

import csv
import io

import nbformat
import pytest
from mini_submissions import MASTER, answered, grade_cli
from small_master import student_result

from convshapes.grading.lms import canvas_csv, canvas_user_id, scores_csv, write_lms_gradebooks
from convshapes.grading.settings import CanvasMatch, GradingSettings, LmsFormat

CANVAS_TOTALS = ("Current Score", "Current Points", "Final Score", "Final Points", "Final Grade")


def read_canvas_import(text: str) -> dict:
    """Read a gradebook CSV as Canvas's importer does (canvas-lms app/models/gradebook_importer.rb).

    The header starts ``Student, ID``, then ``SIS Login ID`` or ``SIS User ID, SIS Login ID``, then ``Section``;
    the remaining columns are assignments, except totals. A row whose first cell contains "Points Possible"
    gives each assignment's points; every other row is a student."""
    header, *rows = csv.reader(io.StringIO(text))
    assert header[0] == "Student" and header[1] == "ID", header
    identity = ["Student", "ID", "SIS Login ID", "Section"]
    if header[2] == "SIS User ID":
        identity = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
    assert header[: len(identity)] == identity, f"Canvas reports 'Invalid header row' for {header}"
    assignments = [title for title in header[len(identity) :] if not any(total in title for total in CANVAS_TOTALS)]
    points, students = {}, []
    for row in rows:
        assert len(row) == len(header), row
        cells = dict(zip(header, row))
        if "Points Possible" in row[0]:
            points = {title: cells[title] for title in assignments}
        else:
            students.append(cells)
    return {"assignments": assignments, "points": points, "students": students}


def canvas(*results, match=CanvasMatch.SIS_LOGIN_ID, points_possible=3) -> dict:
    return read_canvas_import(canvas_csv(list(results), "mini", points_possible, match))


def test_canvas_header_has_the_identity_columns_canvas_requires_in_its_order():
    header = canvas_csv([student_result()], "mini", 3, CanvasMatch.SIS_LOGIN_ID).splitlines()[0]
    assert header == "Student,ID,SIS User ID,SIS Login ID,Section,mini"


def test_canvas_has_one_assignment_column_named_after_the_assignment():
    assert canvas(student_result())["assignments"] == ["mini"]


def test_canvas_points_possible_row_is_the_second_row_as_canvas_exports_it():
    lines = canvas_csv([student_result()], "mini", 3, CanvasMatch.SIS_LOGIN_ID).splitlines()
    assert lines[1] == "    Points Possible,,,,,3"


def test_canvas_points_possible_row_gives_the_assignment_its_maximum():
    assert canvas(student_result(), points_possible=7)["points"] == {"mini": "7"}


def test_canvas_score_is_the_numeric_total_of_each_student():
    students = canvas(student_result("ann", points=(1, 2)), student_result("bob", points=(0, 0)))["students"]
    assert [(row["Student"], float(row["mini"])) for row in students] == [("ann", 3.0), ("bob", 0.0)]


@pytest.mark.parametrize("student", ['Smith, Jo "JJ"', "Zoë Ærø-Łukasz", "李小龙", "line\nbreak, and ;semicolon"])
def test_names_with_commas_quotes_and_unicode_survive_the_canvas_file(student):
    (row,) = canvas(student_result(student))["students"]
    assert (row["Student"], row["SIS Login ID"]) == (student, student)


@pytest.mark.parametrize(
    "student, user_id",
    [
        ("smithjohn_12345_67890_mini_solution", "12345"),
        ("smithjohn_late_12345_67890_mini_solution", "12345"),
        ("smithjohn_LATE_12345_67890_mini_solution", "12345"),
        ("müllerjörg_4711_90210_homework 2-1", "4711"),
        ("12345_67890_mini", "12345"),
    ],
)
def test_canvas_download_names_fill_the_canvas_user_id(student, user_id):
    (row,) = canvas(student_result(student))["students"]
    assert (row["ID"], row["SIS User ID"], row["SIS Login ID"]) == (user_id, "", "")


@pytest.mark.parametrize("student", ["alice", "alice_smith", "2023_alice", "s1234567", "lab_1", "bob~2"])
def test_ordinary_student_ids_are_not_taken_for_canvas_download_names(student):
    assert canvas_user_id(student) is None


@pytest.mark.parametrize(
    "match, column",
    [(CanvasMatch.SIS_LOGIN_ID, "SIS Login ID"), (CanvasMatch.SIS_USER_ID, "SIS User ID"), (CanvasMatch.STUDENT, None)],
)
def test_other_student_ids_go_in_the_column_the_instructor_chose(match, column):
    (row,) = canvas(student_result("jdoe"), match=match)["students"]
    filled = {name for name in ("ID", "SIS User ID", "SIS Login ID") if row[name]}
    assert (row["Student"], filled) == ("jdoe", {column} - {None})


def test_two_notebooks_of_one_canvas_user_are_an_error():
    with pytest.raises(ValueError, match="both Canvas user 12345"):
        canvas(student_result("smithjohn_12345_1_a"), student_result("smithjohn_12345_2_b"))


def test_a_student_id_canvas_would_read_as_the_points_row_is_an_error():
    with pytest.raises(ValueError, match="Points Possible"):
        canvas(student_result("Points Possible"))


@pytest.mark.parametrize("assignment", ["Final Score", "", "  "])
def test_an_assignment_name_canvas_cannot_import_is_an_error(assignment):
    with pytest.raises(ValueError, match="assignment name"):
        canvas_csv([student_result()], assignment, 3, CanvasMatch.SIS_LOGIN_ID)


def test_scores_csv_round_trips_with_dict_reader():
    results = [student_result("Smith, Jo", points=(1, 2)), student_result('Zoë "Z"', points=(0, 2))]
    rows = list(csv.DictReader(io.StringIO(scores_csv(results))))
    assert rows == [
        {"student": "Smith, Jo", "score": "3", "max": "3"},
        {"student": 'Zoë "Z"', "score": "2", "max": "3"},
    ]


def test_write_lms_gradebooks_writes_only_the_files_asked_for_sorted_by_student(tmp_path):
    settings = GradingSettings(formats=(LmsFormat.PLAIN,))
    write_lms_gradebooks(tmp_path, [student_result("zoe"), student_result("adam")], "mini", 3, settings)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["scores.csv"]
    assert [row["student"] for row in csv.DictReader((tmp_path / "scores.csv").open(encoding="utf-8"))] == [
        "adam",
        "zoe",
    ]


def test_write_lms_gradebooks_writes_nothing_when_one_file_is_bad(tmp_path):
    settings = GradingSettings(formats=(LmsFormat.PLAIN, LmsFormat.CANVAS))
    with pytest.raises(ValueError):
        write_lms_gradebooks(tmp_path, [student_result("Points Possible")], "mini", 3, settings)
    assert list(tmp_path.iterdir()) == []


def test_an_empty_class_still_gets_a_canvas_file_with_the_points_possible():
    imported = canvas(points_possible=3)
    assert (imported["points"], imported["students"]) == ({"mini": "3"}, [])


def test_grade_with_format_canvas_and_plain_writes_both(tmp_path):
    submissions = tmp_path / "submissions"
    submissions.mkdir()
    nbformat.write(answered(), submissions / "smithjohn_12345_67890_mini.ipynb")
    nbformat.write(
        answered(length="def output_length(length, kernel_size):\n    return 0\n"), submissions / "jdoe.ipynb"
    )
    out = tmp_path / "out"
    result = grade_cli(submissions, MASTER, out, "--no-sandbox", "--format", "canvas", "--format", "plain", timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    imported = read_canvas_import((out / "canvas.csv").read_text(encoding="utf-8"))
    assert imported["points"] == {"mini_solution": "3"}
    assert [(row["ID"], row["SIS Login ID"], row["mini_solution"]) for row in imported["students"]] == [
        ("", "jdoe", "1"),
        ("12345", "", "3"),
    ]
    scores = list(csv.DictReader((out / "scores.csv").open(encoding="utf-8")))
    assert [(row["student"], row["score"], row["max"]) for row in scores] == [
        ("jdoe", "1", "3"),
        ("smithjohn_12345_67890_mini", "3", "3"),
    ]
    assert "canvas gradebook:" in result.stdout and "plain gradebook:" in result.stdout
