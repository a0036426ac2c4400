"""The pattern table loads from its data file, links only to sections the chapters define, and rejects bad entries."""

import re
from functools import cache
from pathlib import Path

import nbformat
import pytest

from convshapes.decoder.explain import normalise
from convshapes.decoder.fixes.numbers import shape_rank
from convshapes.decoder.table import TABLE, TABLE_FILE, TableError, load_table

ROOT = Path(__file__).resolve().parents[2]
LINKED = sorted({cause.anchor for family in TABLE.families for cause in family.causes})


@cache
def defined_labels(page: str) -> set[str]:
    notebook = nbformat.read(ROOT / f"{page}.ipynb", as_version=4)
    return {
        label
        for cell in notebook.cells
        if cell.cell_type == "markdown"
        for label in re.findall(r"^\((\S+)\)=$", cell.source, re.M)
    }


@pytest.mark.parametrize("anchor", LINKED)
def test_every_cause_links_to_a_label_that_its_chapter_defines(anchor):
    assert anchor in defined_labels(TABLE.page(anchor))


def test_every_family_has_a_wording_and_a_cause_and_ids_are_unique():
    ids = [family.id for family in TABLE.families]
    assert len(ids) == len(set(ids))
    assert all(family.wordings and family.causes for family in TABLE.families)


def test_every_whole_wording_of_a_family_is_tried_before_any_fragment():
    fragments = [wording for family in TABLE.families for wording in family.wordings if wording.fragment]
    assert fragments, "the table reads cut-off messages with fragment wordings"
    assert all(wording.pattern.endswith("$") for wording in fragments), "a fragment must end the message"


def rewritten(tmp_path: Path, old: str, new: str) -> Path:
    text = TABLE_FILE.read_text()
    assert old in text
    path = tmp_path / "decoder.toml"
    path.write_text(text.replace(old, new, 1))
    return path


def test_a_table_naming_a_missing_function_is_refused_with_the_entry_named(tmp_path):
    path = rewritten(tmp_path, 'fix = "windows.too_short"', 'fix = "windows.no_such_fix"')
    with pytest.raises(TableError, match=r"family output-size, cause .*no function 'windows.no_such_fix'"):
        load_table(path)


def test_a_table_with_a_broken_pattern_is_refused_with_the_wording_named(tmp_path):
    path = rewritten(tmp_path, "Computed output size would be (?:zero or )?negative\\.", "Computed output (size")
    with pytest.raises(TableError, match=r"Keras 3 convolution: the pattern does not compile"):
        load_table(path)


def test_a_cause_linking_to_a_chapter_without_a_page_is_refused(tmp_path):
    path = rewritten(tmp_path, 'anchor = "err-output-size"', 'anchor = "zz-output-size"')
    with pytest.raises(TableError, match=r"anchor 'zz-output-size' has no page"):
        load_table(path)


def test_normalise_drops_colour_codes_and_line_breaks():
    assert normalise("\x1b[1mThe total size\n  of the tensor\x1b[0m") == "The total size of the tensor"


@pytest.mark.parametrize(
    "shape, rank",
    [("(None, 5, 3)", 3), ("[?,1,5,3]", 4), ("[None 3 3]", 3), ("(3,)", 1), ("[]", 0), ("[Dimension(None), -1]", 2)],
)
def test_shape_rank_counts_axes_in_every_spelling(shape, rank):
    assert shape_rank(shape) == rank
