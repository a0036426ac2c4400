"""Validated notebooks are found in the book's execution cache; a change to convshapes empties it."""

import os

import nbformat
import yaml
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


def tiny_book(root, notebooks: dict[str, str], exclude=()) -> None:
    """A book at ``root``: a _config.yml like ours and a toc naming each notebook (name -> its one code cell)."""
    config = {"execute": {"execute_notebooks": "cache", "timeout": 60, "allow_errors": False, "run_in_temp": False}}
    config["execute"]["exclude_patterns"] = list(exclude)
    (root / "_config.yml").write_text(yaml.safe_dump(config))
    toc = {"format": "jb-book", "root": "intro", "chapters": [{"file": f"notebooks/{name}"} for name in notebooks]}
    (root / "_toc.yml").write_text(yaml.safe_dump(toc))
    (root / "intro.md").write_text("# Intro\n")
    (root / "notebooks").mkdir()
    for name, code in notebooks.items():
        notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
        notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nbformat.write(notebook, root / "notebooks" / f"{name}.ipynb")


def cached(cache, path) -> bool:
    try:
        get_cache(str(cache)).match_cache_notebook(nbformat.read(path, as_version=4))
    except KeyError:
        return False
    return True


def test_the_toc_names_every_file_in_reading_order():
    toc = {"root": "intro", "parts": [{"chapters": [{"file": "a", "sections": [{"file": "b"}]}, {"file": "c"}]}]}
    assert execution_cache.toc_files(toc) == ["intro", "a", "b", "c"]


THREADS = "import os; print(os.environ.get('TF_NUM_INTRAOP_THREADS'), os.environ.get('OMP_NUM_THREADS'))"


def test_missing_notebooks_run_in_parallel_into_the_cache_the_build_reads(tmp_path, monkeypatch):
    monkeypatch.setattr(os, "cpu_count", lambda: 4)  # two kernels at once, two threads each
    tiny_book(tmp_path, {"one": "print(6 * 7)", "two": THREADS, "skipped": "print(1)"}, ["notebooks/skip*"])
    cache = tmp_path / "_build" / ".jupyter_cache"
    assert execution_cache.execute_missing(tmp_path, tmp_path / "_toc.yml", cache) == []
    outputs = {
        path.stem: get_cache(str(cache)).merge_match_into_notebook(nbformat.read(path, as_version=4))[1]
        for path in (tmp_path / "notebooks").glob("*.ipynb")
        if cached(cache, path)
    }
    assert {name: nb.cells[0].outputs[0].text for name, nb in outputs.items()} == {"one": "42\n", "two": "2 2\n"}


def test_a_second_run_executes_nothing_and_a_failure_is_named(tmp_path):
    tiny_book(tmp_path, {"fine": "print('fine')", "broken": "raise ValueError('broken on purpose')"})
    cache = tmp_path / "cache"
    failed = execution_cache.execute_missing(tmp_path, tmp_path / "_toc.yml", cache)
    assert failed == [str(tmp_path / "notebooks" / "broken.ipynb")]
    record = get_cache(str(cache)).match_cache_notebook(
        nbformat.read(tmp_path / "notebooks" / "fine.ipynb", as_version=4)
    )
    assert execution_cache.execute_missing(tmp_path, tmp_path / "_toc.yml", cache) == failed
    again = get_cache(str(cache)).match_cache_notebook(
        nbformat.read(tmp_path / "notebooks" / "fine.ipynb", as_version=4)
    )
    assert (again.pk, again.created) == (record.pk, record.created)


def test_the_notebook_with_the_most_code_counts_as_the_longest(tmp_path):
    tiny_book(tmp_path, {"short": "print(1)", "long": "x = 1\n" * 50})
    sizes = {name: execution_cache.code_size(tmp_path / "notebooks" / f"{name}.ipynb") for name in ("short", "long")}
    assert sizes["long"] > sizes["short"] == len("print(1)")
