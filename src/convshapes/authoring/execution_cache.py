"""Let the book build reuse executions that the test suite has just validated.

nbval checks that a notebook's stored outputs are what a fresh run prints; when every cell of a
notebook passes, its stored outputs are a validated execution, so ``make test`` puts them in the
jupyter-cache that ``jupyter-book build`` reads and ``make book`` does not run the notebook again. The
cache is keyed by the notebook's code (jupyter-cache's own hash) and, through a stamp file, by the
convshapes sources: when they change, ``make book`` empties the cache and everything runs afresh.

What is missing from the cache, ``make book`` runs first with jupyter-cache's execution workers in a
process pool, one notebook per core and one more (longest first, each kernel limited to its share of
the threads), so that ``jupyter-book build`` (which runs notebooks one after another) finds every
execution cached. It runs each notebook exactly as the build would: in its own folder, with the build's
timeout and ``allow_errors``."""

from __future__ import annotations

import argparse
import fnmatch
import hashlib
import logging
import multiprocessing
import os
import shutil
from pathlib import Path

import nbformat
import yaml

from ..notebook.execute import thread_share

BOOK_CACHE = Path("_build/.jupyter_cache")
STAMP = "convshapes-sources.sha256"


def sources_digest() -> str:
    """SHA-256 over every Python source of the convshapes package, in a stable order."""
    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def ensure_current(cache: Path = BOOK_CACHE) -> bool:
    """Empty ``cache`` unless it was filled with the current convshapes sources; return whether it was kept."""
    stamp, digest = cache / STAMP, sources_digest()
    if stamp.exists() and stamp.read_text().strip() == digest:
        return True
    shutil.rmtree(cache, ignore_errors=True)
    cache.mkdir(parents=True)
    stamp.write_text(digest + "\n")
    return False


def store_validated(notebooks: list[Path], cache: Path = BOOK_CACHE) -> None:
    """Put notebooks whose stored outputs were just validated into the book's execution cache."""
    from jupyter_cache import get_cache

    ensure_current(cache)
    store = get_cache(str(cache))
    for path in notebooks:
        store.cache_notebook_file(str(path.resolve()), check_validity=False, overwrite=True)


def toc_files(entry) -> list[str]:
    """Every ``file`` a jupyter-book ``_toc.yml`` names, in reading order."""
    if isinstance(entry, list):
        return [name for item in entry for name in toc_files(item)]
    if not isinstance(entry, dict):
        return []
    own = [entry[key] for key in ("root", "file") if key in entry]
    return own + [name for key in ("parts", "chapters", "sections") for name in toc_files(entry.get(key, []))]


def executed_notebooks(root: Path, toc: Path, config: dict) -> list[Path]:
    """The notebooks ``jupyter-book build`` executes: the toc's ``.ipynb`` files not in ``execute.exclude_patterns``."""
    excluded = config.get("execute", {}).get("exclude_patterns", [])
    paths = [root / f"{name}.ipynb" for name in toc_files(yaml.safe_load(toc.read_text()))]
    return [
        path
        for path in paths
        if path.is_file() and not any(fnmatch.fnmatch(path.relative_to(root).as_posix(), p) for p in excluded)
    ]


def code_size(notebook: Path) -> int:
    """Characters of code in a notebook: the longest notebooks start first, so that no core is left running
    the capstone alone at the end."""
    cells = nbformat.read(notebook, as_version=4).cells
    return sum(len(cell.source) for cell in cells if cell.cell_type == "code")


def execute_missing(root: Path, toc: Path, cache: Path) -> list[str]:
    """Run in parallel every book notebook the cache lacks, as the build would; return those that failed
    (the build then runs them again itself and reports the error in its own words).

    jupyter-cache's own parallel executor hands its pool two notebooks at a time (``Pool.map``'s default
    chunks), so one core could sit idle while the other ran the capstone and then the next chapter. Its
    workers are used here as they are, one notebook per task, each core taking the next as it frees up."""
    from jupyter_cache import get_cache
    from jupyter_cache.executors import load_executor
    from jupyter_cache.executors.basic import (
        REPORT_LEVEL,
        ExecutionWorkerLocalMProc,
        ExecutionWorkerTempMProc,
        ProcessData,
    )

    config = yaml.safe_load((root / "_config.yml").read_text())
    execute = config.get("execute", {})
    store = get_cache(str(cache))
    records = [store.add_nb_to_project(str(path)) for path in executed_notebooks(root, toc, config)]
    executor = load_executor("local-serial", store, logging.getLogger("convshapes.execution_cache"))
    missing = executor.get_records(filter_pks=[record.pk for record in records], clear_tracebacks=True)
    worker = ExecutionWorkerTempMProc() if execute.get("run_in_temp") else ExecutionWorkerLocalMProc()
    tasks = [
        ProcessData(record.pk, record.uri, store, execute.get("timeout", 30), execute.get("allow_errors", False))
        for record in sorted(missing, key=lambda record: code_size(Path(record.uri)), reverse=True)
    ]
    if not tasks:
        return []
    # One notebook more than the cores: a kernel also waits (starting up, reading and writing files), and
    # the extra one fills those gaps and shortens the tail when the last notebooks run.
    processes = min((os.cpu_count() or 1) + 1, len(tasks))
    multiprocessing.log_to_stderr(REPORT_LEVEL)  # each notebook's start and end, nothing more
    with multiprocessing.Pool(processes, initializer=os.environ.update, initargs=(thread_share(processes),)) as pool:
        failed = {uri for status, uri in pool.imap_unordered(worker, tasks, chunksize=1) if status != 0}
    # Kernels started at the same moment can race for a port (ZMQError: Address already in use): a notebook
    # that failed in the pool gets one more run on its own before it is reported.
    return [task.uri for task in tasks if task.uri in failed and worker(task)[0] != 0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=BOOK_CACHE)
    parser.add_argument("--toc", type=Path, default=Path("_toc.yml"), help="the book's table of contents")
    parser.add_argument(
        "--execute", action="store_true", help="run the notebooks the cache lacks, in parallel, before the build"
    )
    arguments = parser.parse_args(argv)
    kept = ensure_current(arguments.cache)
    print(f"execution cache {arguments.cache}: {'kept' if kept else 'emptied (convshapes changed or no cache yet)'}")
    if arguments.execute:
        failed = execute_missing(Path.cwd(), arguments.toc, arguments.cache)
        for uri in failed:
            print(f"execution failed, the build will run it again and report why: {uri}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
