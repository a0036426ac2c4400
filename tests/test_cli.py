"""The convshapes command reads its settings as declared flags and refuses nonsense with a clear message."""

import io

import pytest

from convshapes.cli import build_parser, main


def test_grade_flags_default_to_the_grading_settings():
    arguments = build_parser().parse_args(["grade", "subs", "--master", "m.ipynb", "--out", "out"])
    assert (arguments.timeout, arguments.jobs, arguments.total_timeout, arguments.no_sandbox) == (60, 1, None, False)


@pytest.mark.parametrize("flag, value", [("--timeout", "0"), ("-j", "-2"), ("--total-timeout", "soon")])
def test_a_non_positive_or_non_numeric_limit_is_refused_with_the_flag_named(capsys, flag, value):
    with pytest.raises(SystemExit) as stopped:
        build_parser().parse_args(["grade", "subs", "--master", "m.ipynb", "--out", "out", flag, value])
    assert stopped.value.code == 2
    assert flag.lstrip("-") in capsys.readouterr().err


def test_check_takes_the_notebook_and_an_optional_master():
    arguments = build_parser().parse_args(["check", "exercises/x.ipynb"])
    assert str(arguments.notebook) == "exercises/x.ipynb" and arguments.master is None and arguments.timeout == 60


RESHAPE_MESSAGE = (
    "The total size of the tensor must be unchanged. Received: input_shape=(98, 32), target_shape=(20, 20, 32)"
)


def test_explain_prints_the_fix_for_a_message_given_as_argument_and_exits_0(capsys):
    assert main(["explain", RESHAPE_MESSAGE]) == 0
    out = capsys.readouterr().out
    assert "Reshape((7, 14, 32))" in out and "#err-reshape-layer" in out


@pytest.mark.parametrize("argument", [[], ["-"]])
def test_explain_reads_the_message_from_standard_input(monkeypatch, capsys, argument):
    monkeypatch.setattr(
        "sys.stdin", io.StringIO(f"Traceback (most recent call last):\n  ...\nValueError: {RESHAPE_MESSAGE}\n")
    )
    assert main(["explain", *argument]) == 0
    assert "Recognised:" in capsys.readouterr().out


def test_explain_says_not_recognised_and_points_at_the_gallery_with_exit_1(capsys):
    assert main(["explain", "KeyError: 'learning_rate'"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("Not recognised") and "06_error_gallery" in out


def test_explain_without_a_message_is_bad_usage(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("  \n"))
    assert main(["explain"]) == 2
    assert "standard input" in capsys.readouterr().err
