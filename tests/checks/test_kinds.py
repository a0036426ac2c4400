"""Check kinds: each one object that collects, fingerprints and judges, named in keys by a plain word."""

import pytest

from convshapes import checks
from convshapes.checks.fingerprint import Fingerprinter
from convshapes.checks.kinds import KINDS, kind_named


@pytest.mark.parametrize("name", sorted(KINDS))
def test_every_kind_has_its_check_function_in_convshapes_checks(name):
    assert callable(getattr(checks, KINDS[name].function_name))


def test_a_kind_this_version_does_not_know_says_where_the_key_came_from():
    with pytest.raises(ValueError, match=r"unknown check kind 'matrix'.*another convshapes version"):
        kind_named("matrix")


def test_a_key_entry_names_its_kind_and_holds_no_answer_in_clear():
    entry = kind_named("value").key_entry(
        {"expected": 98, "hints": [[100, "valid padding shortens"]]}, Fingerprinter("s", "q")
    )
    assert entry["kind"] == "value" and 98 not in entry.values() and 100 not in entry["hints"]


def test_a_kind_judges_what_it_collected_against_a_clear_reference():
    shape = kind_named("shape")
    reference = {"expected": [None, 98, 32]}
    assert shape.judge_against_reference(shape.collect((None, 98, 32), reference), reference, "q") == (True, "correct.")
    passed, message = shape.judge_against_reference(shape.collect((98, 32), reference), reference, "q")
    assert not passed and "batch axis" in message
