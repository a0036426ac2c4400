"""Build the website once per test run and serve it on localhost, for the browser tests.

Pages are discovered from the table of contents, never from a fixed list, so chapters added later are
tested too. Builds are shared between pytest-xdist workers through a lock file in the run's common
temporary folder (the pattern pytest-xdist documents for session fixtures that must run once). They show the
outputs the notebooks store, which nbval checks against a fresh run in the same test run.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import yaml
from notebook_files import ROOT

from convshapes.authoring.execution_cache import executed_notebooks, store_validated

CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text())
REPOSITORY = CONFIG["repository"]["url"].removeprefix("https://github.com/").strip("/")
EDITIONS = {"student": ROOT / "_toc.yml", "instructor": ROOT / "_toc_instructor.yml"}


def toc_pages(toc: Path) -> list[str]:
    """Every page of a table of contents, in reading order (root first), as paths without suffix."""
    data = yaml.safe_load(toc.read_text())
    pages = [data["root"]]

    def walk(entries: list[dict]) -> None:
        for entry in entries:
            if "file" in entry:
                pages.append(entry["file"])
            walk(entry.get("sections", []))

    for part in data.get("parts", []):
        walk(part.get("chapters", []))
    walk(data.get("chapters", []))
    return pages


def toc_parts(toc: Path) -> list[dict]:
    """The parts of a table of contents, as YAML data."""
    return yaml.safe_load(toc.read_text()).get("parts", [])


def is_notebook(page: str) -> bool:
    """Whether a page is a notebook (a page whose source is missing is not, and fails to load)."""
    return (ROOT / f"{page}.ipynb").is_file()


def build_command(edition: str, output: Path) -> list[str]:
    """The jupyter-book command that builds an edition offline, failing on any warning."""
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    return [
        str(jupyter_book),
        "build",
        "--warningiserror",
        "--keep-going",
        "--toc",
        str(EDITIONS[edition]),
        "--path-output",
        str(output),
        str(ROOT),
    ]


def _build(edition: str, output: Path) -> subprocess.CompletedProcess:
    # The stored outputs go into the build's execution cache first, as `make test` hands them to `make book`:
    # nbval checks in this same run that a fresh kernel prints them, so the site is not executed a second time.
    notebooks = executed_notebooks(ROOT, EDITIONS[edition], CONFIG)
    store_validated(notebooks, output / "_build" / ".jupyter_cache")
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONHASHSEED": "0"}
    return subprocess.run(
        build_command(edition, output), capture_output=True, text=True, timeout=1800, env=env, cwd=ROOT
    )


def built_site(edition: str, shared_tmp: Path) -> Path:
    """Build an edition once per test run (across xdist workers) and return its `html` folder.

    `shared_tmp` is a folder every worker of the run sees, e.g. `tmp_path_factory.getbasetemp().parent`
    under xdist. A failed build is recorded and reported by every test that needs the site.
    """
    prebuilt = os.environ.get("CONVSHAPES_PREBUILT_SITES")  # for iterating on the tests: <dir>/<edition>/_build/html
    if prebuilt:
        return Path(prebuilt) / edition / "_build" / "html"
    folder = shared_tmp / "website" / edition
    folder.mkdir(parents=True, exist_ok=True)
    with open(shared_tmp / "website" / f"{edition}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done, log = folder / "build.ok", folder / "build.log"
        if not done.exists() and not log.exists():
            result = _build(edition, folder)
            output = result.stdout + result.stderr
            warnings = [
                line[:400]
                for line in output.splitlines()
                if ("WARNING" in line or "ERROR" in line) and "IPKernelApp" not in line
            ]
            log.write_text(f"exit status {result.returncode}\n" + "\n".join(warnings) + f"\n---\n{output[-3000:]}")
            if result.returncode == 0:
                done.touch()
        if not done.exists():
            raise AssertionError(f"the {edition} edition did not build cleanly:\n{log.read_text()}")
    return folder / "_build" / "html"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the stdlib's signature
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass  # a browser that cancels a request (it navigated away) is not a site problem


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve a folder over HTTP on a free localhost port; yield the base URL (ending in '/')."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def shared_tmp(tmp_path_factory) -> Path:
    """The temporary folder every xdist worker of this run shares (the base temp without xdist)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
