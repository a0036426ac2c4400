"""``convshapes check``: the grading pipeline for one notebook, without the sandbox, as a score table."""

from __future__ import annotations

import tempfile
from pathlib import Path

from ..tables import text_table
from .discover import Submission
from .grade import Grader
from .gradebook import StudentResult
from .load import load
from .settings import GradingSettings


def default_master(notebook_path: Path) -> Path:
    """``solutions/<name>.ipynb`` beside the ``exercises/`` folder that holds the notebook."""
    return notebook_path.resolve().parent.parent / "solutions" / notebook_path.name


def check_notebook(path: Path, master_path: Path | None = None, timeout: int = 60) -> tuple[str, bool]:
    """Grade ``path`` (never modified) against its master; return the score table and whether all passed.

    Raises ValueError when the notebook is missing or unreadable, and GraderError when the master is.
    """
    if not path.is_file():
        raise ValueError(f"the notebook {path} does not exist.")
    loaded = load(path)
    if loaded.notebook is None:
        raise ValueError(f"the notebook {path} is not a readable notebook: {loaded.message}")
    with tempfile.TemporaryDirectory(prefix="convshapes-check-") as folder:
        settings = GradingSettings(cell_timeout=timeout, sandbox=False)
        grader = Grader(master_path or default_master(path), Path(folder), settings, [])
        result = grader.grade(Submission(path.stem, path))
    return score_table(result), result.total == result.maximum


def score_table(result: StudentResult) -> str:
    """One row per question with its points and feedback, then the total (and why the run stopped, if it did)."""
    rows = [
        (
            verdict.question_id,
            f"{verdict.points}/{verdict.max_points}",
            f"{'PASS' if verdict.passed else 'FAIL'} {verdict.message}",
        )
        for verdict in result.verdicts
    ]
    table = text_table(
        ("question", "points", "result"), [*rows, ("total", f"{result.total}/{result.maximum}", "")], [1]
    )
    return f"{table}\n{result.message}" if result.message else table
