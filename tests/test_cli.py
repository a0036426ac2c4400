"""The convshapes command reads its settings as declared flags and refuses nonsense with a clear message."""

import pytest

from convshapes.cli import build_parser


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
