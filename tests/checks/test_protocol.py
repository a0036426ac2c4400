"""Protocol: verdict lines and the JSON-lines logs."""

import json

import pytest

from convshapes.checks.protocol import append_record, parse_verdict_line, read_records, verdict_line


def test_verdict_line_reads_pass_or_fail_question_and_message():
    assert verdict_line("q-shape", True, "correct.") == "PASS q-shape: correct."
    assert verdict_line("q-shape", False, "off by one.") == "FAIL q-shape: off by one."


@pytest.mark.parametrize("passed", [True, False])
def test_parse_verdict_line_inverts_verdict_line(passed):
    message = "wrong for 1 of 2 cases, for example length=5: try again."
    assert parse_verdict_line(verdict_line("q-cases", passed, message)) == ("q-cases", passed, message)


def test_parse_verdict_line_accepts_surrounding_whitespace():
    assert parse_verdict_line("  PASS q: correct.\n") == ("q", True, "correct.")


@pytest.mark.parametrize(
    "text",
    [
        "PASS q: correct.\nPASS r: correct.",
        "some output\nPASS q: correct.",
        "OK q: correct.",
        "pass q: correct.",
        "PASS q correct.",
        "",
    ],
    ids=["two-verdicts", "text-before", "no-pass-or-fail", "lowercase", "no-colon", "empty"],
)
def test_parse_verdict_line_rejects_anything_but_one_verdict_line(text):
    assert parse_verdict_line(text) is None


def test_read_records_keeps_only_json_object_lines(tmp_path):
    log = tmp_path / "facts.jsonl"
    log.write_bytes(
        b'{"question": "a"}\n'
        b"not json at all\n"
        b"[1, 2, 3]\n"
        b"42\n"
        b'"a string"\n'
        b"\n"
        b"\xff\xfe binary noise\n"
        b'{"question": "b", "facts": [1, 2]}\n'
        b'{"question": "c"'  # a line cut short by a dying kernel
    )
    assert read_records(log) == [{"question": "a"}, {"question": "b", "facts": [1, 2]}]


def test_read_records_of_a_missing_file_is_empty(tmp_path):
    assert read_records(tmp_path / "never-written.jsonl") == []


def test_append_record_appends_a_json_line_to_the_file_the_variable_names(tmp_path, monkeypatch):
    log = tmp_path / "facts.jsonl"
    monkeypatch.setenv("CONVSHAPES_TEST_LOG", str(log))
    append_record("CONVSHAPES_TEST_LOG", {"question": "a", "facts": [1]})
    append_record("CONVSHAPES_TEST_LOG", {"question": "b"})
    assert [json.loads(line) for line in log.read_text().splitlines()] == [
        {"question": "a", "facts": [1]},
        {"question": "b"},
    ]


def test_append_record_writes_nothing_when_the_variable_is_not_set(tmp_path, monkeypatch):
    monkeypatch.delenv("CONVSHAPES_TEST_LOG", raising=False)
    monkeypatch.chdir(tmp_path)
    append_record("CONVSHAPES_TEST_LOG", {"question": "a"})
    assert list(tmp_path.iterdir()) == []


def test_append_record_writes_nothing_when_the_variable_is_empty(tmp_path, monkeypatch):
    monkeypatch.setenv("CONVSHAPES_TEST_LOG", "")
    monkeypatch.chdir(tmp_path)
    append_record("CONVSHAPES_TEST_LOG", {"question": "a"})
    assert list(tmp_path.iterdir()) == []
