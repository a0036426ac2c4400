"""Test-run hooks for the whole repository (tests/, notebooks/ and solutions/ under nbval)."""

import contextlib
import os
import threading
from collections import defaultdict
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

ROOT = Path(__file__).resolve().parent
BOOK_NOTEBOOKS = ("notebooks", "solutions")
PROFILE_TESTS = ROOT / "tests" / "book" / "test_colab_ready.py"
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


def runs_profile_tests(config) -> bool:
    """Whether this run's arguments include the notebooks-on-every-runtime tests."""
    paths = [Path(config.invocation_params.dir, arg.split("::", 1)[0]).resolve() for arg in config.args]
    return any(path == PROFILE_TESTS or path in PROFILE_TESTS.parents for path in paths)


def pytest_configure(config):
    """Build the runtime profiles' venvs in the background while the other tests run (each test waits on its own)."""
    if hasattr(config, "workerinput") or not runs_profile_tests(config):
        return
    from convshapes.authoring.runtimes import build_profile_venvs, selected_profiles

    def build():
        with contextlib.suppress(RuntimeError):  # the profile's own tests build it again and say why it failed
            build_profile_venvs(selected_profiles())

    threading.Thread(target=build, name="profile-venvs", daemon=True).start()


def pytest_collection_modifyitems(items):
    """Run the notebooks on the runtime profiles last, when the background build has had the most time."""
    items.sort(key=lambda item: Path(item.path) == PROFILE_TESTS)
