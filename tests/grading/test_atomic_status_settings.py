"""Atomic, status, settings."""

import dataclasses
import json
import os

import pytest

from convshapes.grading.atomic import write_atomically
from convshapes.grading.settings import GradingSettings
from convshapes.grading.status import SubmissionStatus


def test_write_atomically_replaces_the_file_and_leaves_no_temporary_file(tmp_path):
    path = tmp_path / "gradebook.csv"
    path.write_text("old content\n")
    write_atomically(path, "new content\n")
    assert path.read_text() == "new content\n"
    assert os.listdir(tmp_path) == ["gradebook.csv"]


def test_write_atomically_creates_missing_parent_folders(tmp_path):
    path = tmp_path / "students" / "alice" / "feedback.txt"
    write_atomically(path, "text")
    assert path.read_text() == "text"


def test_write_atomically_keeps_the_old_content_when_the_write_is_interrupted(tmp_path, monkeypatch):
    path = tmp_path / "gradebook.csv"
    path.write_text("old content\n")

    def interrupted(source, destination):
        raise KeyboardInterrupt

    monkeypatch.setattr("convshapes.grading.atomic.os.replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(path, "new content\n")
    assert path.read_text() == "old content\n"


@pytest.mark.parametrize(
    "status, text",
    [
        (SubmissionStatus.GRADED, "graded"),
        (SubmissionStatus.TIMEOUT, "timeout"),
        (SubmissionStatus.KERNEL_DIED, "kernel-died"),
        (SubmissionStatus.NO_SUBMISSION, "no-submission"),
        (SubmissionStatus.INVALID_JSON, "invalid-json"),
        (SubmissionStatus.INVALID_NOTEBOOK, "invalid-notebook"),
        (SubmissionStatus.WRONG_ASSIGNMENT, "wrong-assignment"),
    ],
)
def test_status_value_is_the_gradebook_string(status, text):
    assert (status.value, SubmissionStatus(text)) == (text, status)


@pytest.mark.parametrize("status", list(SubmissionStatus))
def test_status_str_and_format_give_the_value(status):
    assert str(status) == status.value and f"{status}" == status.value


@pytest.mark.parametrize("status", list(SubmissionStatus))
def test_status_json_dumps_gives_the_value(status):
    assert json.dumps({"status": status}) == json.dumps({"status": status.value})


def test_status_values_are_lowercase_words_joined_by_hyphens():
    assert all(status.value.replace("-", "").isalpha() and status.value.islower() for status in SubmissionStatus)
    assert len({status.value for status in SubmissionStatus}) == len(SubmissionStatus)


def test_settings_submission_timeout_defaults_to_four_cell_timeouts_and_a_minute():
    assert GradingSettings().submission_timeout == 4 * 60 + 60
    assert GradingSettings(cell_timeout=20).submission_timeout == 140


def test_settings_total_timeout_overrides_the_submission_timeout():
    assert GradingSettings(cell_timeout=20, total_timeout=150).submission_timeout == 150


def test_settings_are_frozen():
    settings = GradingSettings()
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.cell_timeout = 5


def test_a_total_timeout_of_zero_is_kept_not_replaced_by_the_default():
    assert GradingSettings(cell_timeout=60, total_timeout=0).submission_timeout == 0
