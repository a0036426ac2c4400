"""SubmissionStatus: the words the gradebook writes."""

import json

import pytest

from convshapes.grading.status import SubmissionStatus


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
