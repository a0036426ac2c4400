"""Test-run hooks for the whole repository (tests/, notebooks/ and solutions/ under nbval)."""

import os
from collections import defaultdict
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

ROOT = Path(__file__).resolve().parent
BOOK_NOTEBOOKS = ("notebooks", "solutions")
_cell_results: dict[str, list[bool]] = defaultdict(list)


def pytest_runtest_logreport(report):
    """Remember nbval's verdict for every cell of the book's notebooks."""
    path, _, cell = report.nodeid.partition("::Cell ")
    if cell and path.startswith(BOOK_NOTEBOOKS) and (report.when == "call" or report.failed):
        _cell_results[path].append(report.passed)


def pytest_sessionfinish(session, exitstatus):
    """Hand notebooks whose every cell passed nbval to the book build (see convshapes.authoring.execution_cache)."""
    if hasattr(session.config, "workerinput"):
        return  # under xdist the controller sees every worker's reports and does this once
    validated = [ROOT / path for path, passed in _cell_results.items() if passed and all(passed)]
    if validated:
        from convshapes.authoring.execution_cache import store_validated

        store_validated(validated, ROOT / "_build" / ".jupyter_cache")
