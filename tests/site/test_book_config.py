"""The Jupyter Book configuration gives every notebook page a Colab button and fails on any error."""

import yaml
from notebook_files import ROOT

CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text())
TOC = yaml.safe_load((ROOT / "_toc.yml").read_text())


def toc_files():
    def walk(entries):
        for entry in entries:
            yield entry["file"]
            yield from walk(entry.get("sections", []))

    return [file for part in TOC["parts"] for file in walk(part["chapters"])]


def test_colab_launch_button_points_at_the_main_branch_of_the_repository():
    assert CONFIG["launch_buttons"]["colab_url"] == "https://colab.research.google.com"
    assert CONFIG["repository"]["url"].startswith("https://github.com/")
    assert CONFIG["repository"]["branch"] == "main"


def test_execution_fails_the_build_on_errors_and_stderr():
    assert CONFIG["execute"]["allow_errors"] is False
    assert CONFIG["execute"]["stderr_output"] in ("warn", "error", "severe")
    assert CONFIG["sphinx"]["config"]["nb_execution_raise_on_error"] is True
    assert 60 <= CONFIG["execute"]["timeout"] <= 600


def test_every_toc_entry_exists():
    missing = [entry for entry in [TOC["root"], *toc_files()] if not list(ROOT.glob(entry + ".*"))]
    assert not missing


def test_every_chapter_notebook_is_in_the_toc():
    chapters = {f"notebooks/{path.stem}" for path in (ROOT / "notebooks").glob("*.ipynb")}
    assert chapters <= set(toc_files())


def test_chapters_appear_in_file_order():
    chapters = [entry for entry in toc_files() if entry.startswith("notebooks/")]
    assert chapters == sorted(chapters)


def test_the_book_shows_every_exercise_and_no_solution():
    exercises = {f"exercises/{path.stem}" for path in (ROOT / "exercises").glob("*.ipynb")}
    assert exercises and exercises <= set(toc_files())
    assert not [entry for entry in toc_files() if entry.startswith("solutions/")]


def test_exercises_are_not_executed_at_build_time():
    assert "exercises/*" in CONFIG["execute"]["exclude_patterns"]
