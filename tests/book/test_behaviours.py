"""The behaviour file (`make behaviours`) against the notebooks, their prose, the nbval sanitizer and the decoder.

The file records what every example of the book raised or printed on every runtime profile with oneDNN off and
on. These tests need no runtime but the lock's: they hold the book to what the other runtimes really printed.
"""

from __future__ import annotations

import json

import nbformat
import pytest
from runtime_profiles import ROOT, sanitize

from convshapes.authoring.behaviours import (
    BEHAVIOURS,
    ONEDNN,
    VERSIONS_SHOWN,
    example_key,
    examples,
    outcome,
    portable,
    source_digest,
)
from convshapes.authoring.runtimes import ALL_PROFILES, RUNNABLE
from convshapes.decoder.explain import recognise
from convshapes.error_text import first_sentence

RECORD = json.loads(BEHAVIOURS.read_text())
WITH_EXAMPLES = [path for path in RUNNABLE if examples(path)]
REMEASURE = "the notebooks' examples changed since the behaviour file was measured: run `make behaviours`"


def settings_running(path: str) -> set[str]:
    return {
        f"{profile.name} oneDNN {onednn}" for profile in ALL_PROFILES if path in profile.runnable() for onednn in ONEDNN
    }


def recorded(path: str) -> dict[str, dict]:
    return {key: value for key, value in RECORD["examples"].items() if key.split("#", 1)[0] == path}


def prose(path: str) -> str:
    cells = nbformat.read(ROOT / path, as_version=4).cells
    return " ".join(" ".join(cell.source.replace("`", "").split()) for cell in cells if cell.cell_type == "markdown")


def test_the_file_records_every_example_of_every_notebook_and_nothing_else():
    expected = {example_key(path, cell) for path in WITH_EXAMPLES for cell in examples(path)}
    assert set(RECORD["examples"]) == expected, REMEASURE


@pytest.mark.parametrize("path", WITH_EXAMPLES)
def test_each_example_was_measured_as_its_cell_reads_now(path):
    changed = [
        example_key(path, cell)
        for cell in examples(path)
        if RECORD["examples"].get(example_key(path, cell), {}).get("source") != source_digest(cell.source)
    ]
    assert changed == [], REMEASURE


@pytest.mark.parametrize("path", WITH_EXAMPLES)
def test_each_example_was_measured_on_every_runtime_that_runs_its_notebook_with_onednn_off_and_on(path):
    for key, example in recorded(path).items():
        measured = [name for group in example["outcomes"] for name in group["settings"]]
        assert sorted(measured) == sorted(settings_running(path)), key


def test_the_file_names_the_versions_of_every_runtime_profile():
    expected = {
        profile.name: {"python": profile.python_version, **{name: profile.version_of(name) for name in VERSIONS_SHOWN}}
        for profile in ALL_PROFILES
    }
    assert RECORD["runtimes"] == expected, "a runtime profile changed: run `make behaviours`"


@pytest.mark.parametrize("path", WITH_EXAMPLES)
def test_every_wording_a_runtime_printed_is_quoted_in_the_notebooks_prose(path):
    text = prose(path)
    unquoted = {
        f"{group['raises']}: {first_sentence(group['message'])} ({', '.join(group['settings'])})"
        for example in recorded(path).values()
        for group in example["outcomes"]
        if "raises" in group and " ".join(first_sentence(group["message"]).replace("`", "").split()) not in text
    }
    assert sorted(unquoted) == []


def reading_of(message: str) -> tuple[str, str] | None:
    """The family the decoder recognises in a message and the section of its likeliest cause, or None."""
    match = recognise(message)
    return (match.family.id, match.anchor) if match else None


def agree(readings: list[tuple[str, str] | None]) -> bool:
    """Every wording recognised, as one family or pointing at one section, or none recognised."""
    if not readings or None in readings:
        return set(readings) <= {None}
    return len({family for family, _ in readings}) == 1 or len({anchor for _, anchor in readings}) == 1


@pytest.mark.parametrize("path", WITH_EXAMPLES)
def test_every_runtime_shows_the_stored_output_of_each_example_under_the_sanitizer(path):
    """nbval compares an error's name and message after tests/nbval_sanitize.cfg: every runtime must pass."""
    differing = []
    for cell in examples(path):
        if {"nbval-ignore-output", "nbval-skip"} & set(cell.metadata.get("tags", [])):
            continue
        stored = outcome(cell)
        for group in RECORD["examples"][example_key(path, cell)]["outcomes"]:
            seen = {key: value for key, value in group.items() if key != "settings"}
            if {key: sanitize(value) for key, value in seen.items()} != {
                key: sanitize(value) for key, value in stored.items()
            }:
                differing.append(
                    f"{cell.source.splitlines()[0]!r} on {group['settings']}:\n  {seen}\n  stored {stored}"
                )
    assert differing == [], "\n".join(differing)


@pytest.mark.parametrize("path", WITH_EXAMPLES)
def test_the_decoder_recognises_an_example_in_every_runtimes_wording_or_in_none(path):
    """A message the decoder explains on one runtime is explained, as its family or its section, on all of them."""
    uneven = []
    for example in recorded(path).values():
        readings = {
            group["settings"][0]: reading_of(group["message"]) for group in example["outcomes"] if "raises" in group
        }
        if not agree(list(readings.values())):
            uneven.append(f"{example['first_line']!r}: {readings}")
    assert uneven == [], "\n".join(uneven)


def test_portable_text_has_no_machine_paths_colour_codes_or_addresses():
    text = "\x1b[1mboom\x1b[0m at 0x7f3a2b1c9d80 in /root/x/.venv/lib/python3.11/site-packages/keras/a.py"
    assert portable(text) == "boom at 0xADDRESS in <site-packages>/keras/a.py"


def test_an_executed_example_records_its_exception_or_what_it_printed():
    raised = nbformat.v4.new_code_cell(
        "x", outputs=[nbformat.v4.new_output("error", ename="ValueError", evalue="bad", traceback=[])]
    )
    printed = nbformat.v4.new_code_cell("x", outputs=[nbformat.v4.new_output("stream", name="stdout", text="(2, 3)\n")])
    assert outcome(raised) == {"raises": "ValueError", "message": "bad"}
    assert outcome(printed) == {"prints": "(2, 3)\n"}
