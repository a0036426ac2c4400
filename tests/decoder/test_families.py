"""The pattern table works in both languages, routes every match somewhere, and links only to agreed labels."""

import re
from pathlib import Path

import nbformat
import pytest

from convshapes.decoder.export import javascript_pattern, table
from convshapes.decoder.families import FAMILIES, normalise, section_page, shape_rank

ROOT = Path(__file__).resolve().parents[2]
# The labels the chapters of issue 14 agreed to define (err-* exist; nb-*, bt-*, pt-* come with chapters 08-10).
AGREED_LABELS = {
    "err-output-size", "err-conv1d-2d", "err-conv1d-4d", "err-conv2d-3d", "err-tf-reshape", "err-reshape-layer",
    "err-batch-in-input", "err-none-batch", "err-kerastensor-tf", "err-input-shape-warning", "err-channels-first",
    "err-pytorch-layout", "nb-embedding", "nb-crnn", "nb-return-sequences", "nb-timedistributed", "nb-convlstm2d",
    "nb-global-pooling", "nb-dense-3d", "nb-symbolic-slicing", "bt-unbatched-sample", "bt-fixed-batch",
    "bt-unknown-axes", "bt-tf-data", "bt-reshape-arguments", "bt-tf-in-sequential", "pt-layouts", "pt-permute",
    "pt-channels-mismatch", "pt-unbatched", "pt-kernel-too-large", "pt-view-size",
}  # fmt: skip
LINKED = sorted({route.anchor for family in FAMILIES for route in family.routes if route.anchor})
PYTHON_ONLY = re.compile(r"\(\?P=|\(\?[aiLmsux]|\(\?#|\\[AZ]|\(\?<(?![=!])|[*+?}]\+")


def defined_labels(page: str) -> set[str]:
    notebook = nbformat.read(ROOT / f"{page}.ipynb", as_version=4)
    return {
        label
        for cell in notebook.cells
        if cell.cell_type == "markdown"
        for label in re.findall(r"^\((\S+)\)=$", cell.source, re.M)
    }


@pytest.mark.parametrize("anchor", LINKED)
def test_every_link_is_an_agreed_label_that_its_chapter_defines(anchor):
    assert anchor in AGREED_LABELS
    assert anchor in defined_labels(section_page(anchor))


def test_every_family_ends_with_a_route_that_always_holds():
    assert all(family.routes[-1].when == {} for family in FAMILIES)


def test_patterns_use_only_syntax_javascript_shares_and_compile():
    for family in FAMILIES:
        for wording in family.wordings:
            assert not PYTHON_ONLY.search(wording.pattern), (family.id, wording.label)
            re.compile(wording.pattern)
            assert "(?P<" not in javascript_pattern(wording.pattern)


def test_the_exported_table_holds_every_family_and_the_page_of_every_link():
    exported = table()
    assert [family["id"] for family in exported["families"]] == [family.id for family in FAMILIES]
    assert set(exported["pages"]) == set(LINKED)


def test_normalise_drops_colour_codes_and_line_breaks():
    assert normalise("\x1b[1mThe total size\n  of the tensor\x1b[0m") == "The total size of the tensor"


@pytest.mark.parametrize(
    "shape, rank",
    [("(None, 5, 3)", 3), ("[?,1,5,3]", 4), ("[None 3 3]", 3), ("(3,)", 1), ("[]", 0), ("[Dimension(None), -1]", 2)],
)
def test_shape_rank_counts_axes_in_every_spelling(shape, rank):
    assert shape_rank(shape) == rank
