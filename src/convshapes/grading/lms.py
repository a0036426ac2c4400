"""LMS-ready gradebooks beside ``gradebook.csv``: a Canvas import file and a plain ``student,score,max`` file.

The Canvas file has the layout of Canvas's own gradebook export, which its importer reads back: the columns
``Student, ID, SIS User ID, SIS Login ID, Section``, one assignment column, and a ``Points Possible`` row
(instructure/canvas-lms ``lib/gradebook_exporter.rb`` and ``app/models/gradebook_importer.rb``; Canvas
Instructor Guide, "How do I import grades in the Gradebook?",
https://community.canvaslms.com/t5/Instructor-Guide/How-do-I-import-grades-in-the-Gradebook/ta-p/807).
The importer matches a row to a student by ``ID`` (Canvas's numeric user id), then ``SIS User ID``, then
``SIS Login ID``, then the name in ``Student``."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import TYPE_CHECKING

from .atomic import write_atomically
from .settings import CanvasMatch, GradingSettings, LmsFormat

if TYPE_CHECKING:
    from .gradebook import StudentResult


CANVAS_COLUMNS = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")
POINTS_POSSIBLE = "    Points Possible"  # the first cell of the export's second row, spaces included
# Canvas's importer drops a header holding one of these as a total, not an assignment.
CANVAS_TOTAL_HEADERS = re.compile(
    "Current Score|Current Points|Current Grade|Final Score|Final Points|Final Grade|Override Score|Override Grade|Override Status"
)
# A file in Canvas's "Download submissions" zip: lastfirst[_late]_<user id>_<attachment id>_<original name>,
# lower-cased with everything but letters, digits and "_" removed (canvas-lms lib/content_zipper.rb).
CANVAS_DOWNLOAD_NAME = re.compile(r"(?:\w*?_)?(?:late_)?(?P<user_id>\d+)_\d+_.+", re.IGNORECASE)


def canvas_user_id(student: str) -> str | None:
    """Canvas's numeric user id when ``student`` is the name of a file from Canvas's submissions zip."""
    match = CANVAS_DOWNLOAD_NAME.fullmatch(student)
    return match["user_id"] if match else None


def canvas_row(result: StudentResult, match: CanvasMatch) -> list[str | int]:
    """The student's row: a Canvas download name fills ``ID``, any other id goes in the column ``match`` names."""
    if POINTS_POSSIBLE.strip() in result.student:
        raise ValueError(
            f"student id {result.student!r} contains 'Points Possible': Canvas would read the row as points."
        )
    user_id = canvas_user_id(result.student)
    sis_user_id = result.student if user_id is None and match is CanvasMatch.SIS_USER_ID else ""
    sis_login_id = result.student if user_id is None and match is CanvasMatch.SIS_LOGIN_ID else ""
    return [result.student, user_id or "", sis_user_id, sis_login_id, "", result.total]


def canvas_csv(results: list[StudentResult], assignment: str, points_possible: int, match: CanvasMatch) -> str:
    """A gradebook Canvas imports: one assignment column named ``assignment``, worth ``points_possible``."""
    if not assignment.strip() or CANVAS_TOTAL_HEADERS.search(assignment):
        raise ValueError(f"assignment name {assignment!r} cannot be a Canvas assignment column; rename the master.")
    rows = [canvas_row(result, match) for result in results]
    students_by_user_id: dict[str, str] = {}
    for row in rows:
        student, user_id = row[0], row[1]
        if user_id and students_by_user_id.setdefault(user_id, student) != student:
            raise ValueError(
                f"{students_by_user_id[user_id]!r} and {student!r} are both Canvas user {user_id}: "
                "keep one notebook per student in the submissions folder and grade again."
            )
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([*CANVAS_COLUMNS, assignment])
    writer.writerow([POINTS_POSSIBLE, "", "", "", "", points_possible])
    writer.writerows(rows)
    return buffer.getvalue()


def scores_csv(results: list[StudentResult]) -> str:
    """``student,score,max``, every field quoted, as Blackboard's Grade Center upload asks (Blackboard Help,
    "Uploading or Downloading Grade Center Items for Working Offline")."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(["student", "score", "max"])
    writer.writerows([result.student, result.total, result.maximum] for result in results)
    return buffer.getvalue()


def write_lms_gradebooks(
    out: Path, results: list[StudentResult], assignment: str, points_possible: int, settings: GradingSettings
) -> None:
    """Write the files ``settings.formats`` asks for into ``out``, one row per student sorted by student id."""
    results = sorted(results, key=lambda result: result.student)
    texts = {
        lms_format: canvas_csv(results, assignment, points_possible, settings.canvas_match)
        if lms_format is LmsFormat.CANVAS
        else scores_csv(results)
        for lms_format in settings.formats
    }
    for lms_format, text in texts.items():
        write_atomically(out / lms_format.file_name, text)
