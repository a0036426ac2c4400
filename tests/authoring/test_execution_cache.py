"""Validated notebooks are found in the book's execution cache; a change to convshapes empties it."""

import nbformat
from jupyter_cache import get_cache
from notebook_files import ROOT

from convshapes.authoring import execution_cache

FIXTURE = ROOT / "tests" / "fixtures" / "mini_solution.ipynb"


def test_a_stored_notebook_matches_its_committed_code(tmp_path):
    cache = tmp_path / "cache"
    execution_cache.store_validated([FIXTURE], cache)
    notebook = nbformat.read(FIXTURE, as_version=4)
    assert get_cache(str(cache)).match_cache_notebook(notebook) is not None


def test_an_edited_notebook_does_not_match(tmp_path):
    cache = tmp_path / "cache"
    execution_cache.store_validated([FIXTURE], cache)
    edited = nbformat.read(FIXTURE, as_version=4)
    edited.cells[4].source += "\n# edited"
    matched = True
    try:
        get_cache(str(cache)).match_cache_notebook(edited)
    except KeyError:
        matched = False
    assert not matched


def test_the_cache_survives_only_while_convshapes_is_unchanged(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    execution_cache.store_validated([FIXTURE], cache)
    assert execution_cache.ensure_current(cache) is True
    monkeypatch.setattr(execution_cache, "sources_digest", lambda: "changed")
    assert execution_cache.ensure_current(cache) is False
    assert not any(path.name != execution_cache.STAMP for path in cache.iterdir())
