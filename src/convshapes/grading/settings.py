"""Every setting of a grading run in one frozen record, filled from the command line."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class LmsFormat(StrEnum):
    """An LMS gradebook ``convshapes grade --format`` can add; the value is the option's word."""

    CANVAS = "canvas"
    PLAIN = "plain"

    @property
    def file_name(self) -> str:
        return "canvas.csv" if self is LmsFormat.CANVAS else "scores.csv"


class CanvasMatch(StrEnum):
    """The ``canvas.csv`` column that holds a student id which is not a Canvas download name."""

    SIS_LOGIN_ID = "sis-login-id"
    SIS_USER_ID = "sis-user-id"
    STUDENT = "student"


@dataclass(frozen=True)
class GradingSettings:
    """Limits and options of one grading run; the defaults are the ones `convshapes grade --help` documents."""

    cell_timeout: int = 60  # seconds one cell may run
    total_timeout: int | None = None  # seconds one submission may run; None: four cell timeouts plus a minute
    jobs: int = 1  # submissions graded at once
    sandbox: bool = True  # run each submission in bubblewrap
    unprivileged_uid: int | None = None  # without bubblewrap: run the notebook as this user (the grader runs as root)
    memory_bytes: int = 6 * 1024**3  # address space of a submission's processes
    processes: int = 512
    file_bytes: int = 64 * 1024**2  # largest file a submission may write
    output_characters: int = 20_000  # longest nbval message kept per cell
    max_submission_bytes: int = 20 * 1024**2  # larger notebooks are refused unread
    formats: tuple[LmsFormat, ...] = ()  # LMS gradebooks written beside gradebook.csv and gradebook.json
    canvas_match: CanvasMatch = CanvasMatch.SIS_LOGIN_ID  # canvas.csv column for ids that are not Canvas download names

    @property
    def submission_timeout(self) -> int:
        return 4 * self.cell_timeout + 60 if self.total_timeout is None else self.total_timeout
