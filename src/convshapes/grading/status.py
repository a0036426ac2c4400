"""How a submission's grading ended, as the gradebook's status column names it."""

from __future__ import annotations

from enum import StrEnum


class SubmissionStatus(StrEnum):
    """One value per way a submission can end; the value is what the gradebook and results.json show."""

    GRADED = "graded"
    TIMEOUT = "timeout"
    KERNEL_DIED = "kernel-died"
    NOT_RUN = "not-run"
    NO_SUBMISSION = "no-submission"
    TOO_LARGE = "too-large"
    INVALID_JSON = "invalid-json"
    INVALID_NOTEBOOK = "invalid-notebook"
    WRONG_ASSIGNMENT = "wrong-assignment"
