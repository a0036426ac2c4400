"""``convshapes check``: score one student notebook against its master, without touching the file."""

from __future__ import annotations

from pathlib import Path

import nbformat

from .rebuild import rebuild
from .run import execute
from .score import format_table, score


def default_master(notebook_path: Path) -> Path:
    """``solutions/<name>.ipynb`` beside the ``exercises/`` folder that holds the notebook."""
    return notebook_path.resolve().parent.parent / "solutions" / notebook_path.name


def read_notebook(path: Path, role: str) -> nbformat.NotebookNode:
    """Read a notebook, turning unreadable files into a ValueError that says what to do."""
    if not path.is_file():
        raise ValueError(f"{role} notebook {path} does not exist.")
    try:
        return nbformat.read(path, as_version=4)
    except Exception as error:
        raise ValueError(
            f"{role} notebook {path} is not a readable notebook ({error.__class__.__name__}): "
            "open it in Jupyter and save it again, or fetch a fresh copy."
        ) from error


def check_notebook(path: Path, master_path: Path | None = None, timeout: int = 60) -> tuple[str, bool]:
    """Return the score table for ``path`` and whether every question passed."""
    student = read_notebook(path, "the")
    master = read_notebook(master_path or default_master(path), "the master")
    rebuilt, problems = rebuild(master, student)
    executed, stopped = execute(rebuilt, timeout)
    results = score(master, executed, problems, stopped)
    return format_table(results), all(result.passed for result in results)
