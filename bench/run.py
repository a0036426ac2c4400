"""`make bench`: time the book's heavy paths on this machine, each as a ratio to a floor measured in the same run.

Prints a table and writes it to bench/results.md. Targets (2 cores): cold `make book` (notebooks run in
parallel) at most 0.6 x a cold build that runs them one after another; warm `make book` under 20 s;
grading with -j 1 at most 1.8 x the floor per submission, and -j 2 at least 1.8 x faster than -j 1 (per
submission: the master's trusted run, once per master whatever the class size, is its own row); on a fresh
clone with an empty wheel cache, as on a fresh machine, `make test` in at most 15 minutes and `.ci/run` (every
runtime profile) in at most 40; the "Paste your error" page, in headless Chromium on the built site, shows its
first explanation at most 5 s after the page has loaded (Python starts in the browser) and each later one in
at most 0.2 s (median over the decoder's corpus). Grading also reports its peak memory
(resident set, sampled every 0.1 s) and the throughput the instructor guide's "Past one machine" section
turns into course sizes."""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import psutil
import yaml

from convshapes.decoder.table import MESSAGES_FILE
from convshapes.notebook.execute import QUIET_KERNEL_ENVIRONMENT, execute

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
ENVIRONMENT = {**os.environ, **QUIET_KERNEL_ENVIRONMENT}
GRADED = ROOT / "solutions" / "shape_arithmetic.ipynb"
EVENING_MINUTES = 4 * 60  # "one evening" in the course sizes below
MIB = 1024**2


def seconds(command: list[str], cwd: Path = ROOT, environment: dict[str, str] = ENVIRONMENT) -> float:
    """Wall-clock seconds of a command that must succeed."""
    started = time.monotonic()
    subprocess.run(command, cwd=cwd, env=environment, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.monotonic() - started


def fresh_clone_seconds(command: list[str], scratch: Path) -> float:
    """Seconds of ``command`` in a fresh clone of HEAD, as on a fresh machine: no venvs, an empty wheel cache.

    Its output goes to _build/bench-<scratch name>.log. The clone is deleted afterwards: with every runtime
    profile's venv and the wheelhouse it takes about 24 GB."""
    clone = scratch / "clone"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith(("CONVSHAPES_", "VIRTUAL_ENV"))
    }
    environment["PIP_CACHE_DIR"] = str(scratch / "wheel-cache")
    log = ROOT / "_build" / f"bench-{scratch.name}.log"
    log.parent.mkdir(exist_ok=True)
    started = time.monotonic()
    try:
        with log.open("w") as output:
            finished = subprocess.run(command, cwd=clone, env=environment, stdout=output, stderr=subprocess.STDOUT)
        if finished.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed in a fresh clone (exit {finished.returncode}): see {log}")
        return time.monotonic() - started
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def execute_seconds(notebook: nbformat.NotebookNode, folder: Path) -> float:
    """Seconds to run a notebook in a fresh kernel, kernel start included."""
    started = time.monotonic()
    execute(notebook, folder, timeout=600)
    return time.monotonic() - started


def floor(folder: Path) -> float:
    """The floor: a fresh kernel that only imports TensorFlow (median of three)."""
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import tensorflow as tf")])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return statistics.median(execute_seconds(nbformat.from_dict(notebook), folder) for _ in range(3))


def class_of_twenty(folder: Path) -> Path:
    """Ten solved and ten blank submissions of the shape arithmetic exercise."""
    submissions = folder / "submissions"
    submissions.mkdir()
    for index in range(10):
        shutil.copy(GRADED, submissions / f"solved{index:02d}.ipynb")
        shutil.copy(ROOT / "exercises" / GRADED.name, submissions / f"blank{index:02d}.ipynb")
    return submissions


def tree_rss(process: psutil.Process) -> tuple[int, int]:
    """Resident bytes of ``process`` itself and of all its descendants (0 for those that just ended)."""

    def rss(member: psutil.Process) -> int:
        try:
            return member.memory_info().rss
        except psutil.Error:
            return 0

    try:
        descendants = process.children(recursive=True)
    except psutil.Error:
        descendants = []
    return rss(process), sum(rss(member) for member in descendants)


def grade_command(submissions: Path, out: Path) -> list[str]:
    return [str(BIN / "convshapes"), "grade", str(submissions), "--master", str(GRADED), "--out", str(out)]


def master_run(scratch: Path, out: Path) -> float:
    """Seconds of the grader's once-per-master step: a trusted run of the master that builds the references
    (cached in ``out``, as when an instructor grades a late submission after the rest)."""
    empty = scratch / "no-submissions"
    empty.mkdir(exist_ok=True)
    return seconds(grade_command(empty, out))


def grading_run(submissions: Path, out: Path, jobs: int) -> tuple[float, int, int]:
    """Seconds per submission of `convshapes grade -j jobs` on the class of twenty, the master's references
    already built in ``out``, with the peak resident bytes of the whole run and of its workers alone
    (sandboxes, nbval and kernels, without the grader)."""
    command = grade_command(submissions, out)
    started = time.monotonic()
    with subprocess.Popen(
        [*command, "-j", str(jobs)], env=ENVIRONMENT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    ) as grading:
        watched, whole, workers = psutil.Process(grading.pid), 0, 0
        while grading.poll() is None:
            own, below = tree_rss(watched)
            whole, workers = max(whole, own + below), max(workers, below)
            time.sleep(0.1)
    if grading.returncode != 0:
        raise subprocess.CalledProcessError(grading.returncode, command)
    return (time.monotonic() - started) / 20, whole, workers


def book_build(output: Path) -> list[str]:
    """`make book`'s jupyter-book command, writing to ``output`` (its execution cache in output/_build)."""
    return [
        str(BIN / "jupyter-book"),
        "build",
        "--warningiserror",
        "--keep-going",
        "--path-output",
        str(output),
        str(ROOT),
    ]


def book_prefill(output: Path) -> list[str]:
    """`make book`'s first step: run the notebooks the cache lacks, in parallel, into the cache ``output`` uses."""
    cache = output / "_build" / ".jupyter_cache"
    return [str(BIN / "python"), "-m", "convshapes.authoring.execution_cache", "--execute", "--cache", str(cache)]


PASTE_PAGE = "book/paste_your_error.html"


def paste_page_rows(site: Path, cold_loads: int = 3) -> list[tuple[str, float, str, str]]:
    """The "Paste your error" page's speed in headless Chromium, the site served on localhost.

    First explanation: a fresh browser context (empty cache) opens the page; as soon as it has loaded, the
    first corpus message is explained (what a reader who pastes at once waits for: Python's start plus one
    call); seconds from the page's load event to the text on the page, median of ``cold_loads``. Later:
    seconds per explanation once Python is ready, median over the corpus (in the last page opened)."""
    sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "site")]
    from playwright.sync_api import sync_playwright
    from site_browser import CHROMIUM, CHROMIUM_ARGS
    from site_server import serve

    messages = [record["message"] for record in yaml.safe_load(MESSAGES_FILE.read_text())]
    first, later = [], []
    with serve(site) as base, sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(cold_loads):
            with browser.new_context() as context:
                tab = context.new_page()
                tab.goto(base + PASTE_PAGE, wait_until="load")
                first.append(
                    tab.evaluate(
                        "async (message) => { await window.convshapesDecoder.show(message);"
                        " return performance.now() - performance.getEntriesByType('navigation')[0].loadEventEnd; }",
                        messages[0],
                    )
                    / 1000
                )
                later = tab.evaluate(
                    "async (messages) => { const spent = [];"
                    " for (const message of messages) { const started = performance.now();"
                    " await window.convshapesDecoder.show(message); spent.push(performance.now() - started); }"
                    " return spent; }",
                    messages,
                )
        browser.close()
    first_seconds, later_seconds = statistics.median(first), statistics.median(later) / 1000
    return [
        (
            "paste page: first explanation after load (cold cache, Python starting)",
            first_seconds,
            f"median of {cold_loads} loads",
            f"<= 5 s: {'met' if first_seconds <= 5 else 'MISSED'}",
        ),
        (
            "paste page: later explanations",
            later_seconds,
            f"median over {len(messages)} messages (max {max(later) / 1000:.3f} s)",
            f"<= 0.2 s: {'met' if later_seconds <= 0.2 else 'MISSED'}",
        ),
    ]


def measure(run_suite: bool) -> list[tuple[str, float, str, str]]:
    """Rows of (what, seconds, ratio, target verdict)."""
    rows = []
    with tempfile.TemporaryDirectory(prefix="convshapes-bench-") as scratch:
        scratch = Path(scratch)
        base = floor(scratch)
        rows.append(("floor: fresh kernel importing TensorFlow", base, "1.00", ""))
        for chapter in sorted((ROOT / "notebooks").glob("*.ipynb")):
            spent = execute_seconds(nbformat.read(chapter, as_version=4), chapter.parent)
            rows.append((f"chapter {chapter.stem}", spent, f"{spent / base:.2f} x floor", ""))
        serial_cold = seconds(book_build(scratch / "book-serial"))
        cold = seconds(book_prefill(scratch / "book")) + seconds(book_build(scratch / "book"))
        warm = seconds(book_prefill(scratch / "book")) + seconds(book_build(scratch / "book"))
        rows.append(
            (
                "make book, cold, notebooks run by the build one after another",
                serial_cold,
                f"{serial_cold / base:.2f} x floor",
                "",
            )
        )
        rows.append(
            (
                "make book, cold (nothing cached), notebooks run side by side (one per core, plus one)",
                cold,
                f"{cold / serial_cold:.2f} x one after another",
                f"<= 0.6: {'met' if cold / serial_cold <= 0.6 else 'MISSED'}",
            )
        )
        rows.append(
            (
                "make book, warm (nothing changed)",
                warm,
                f"{warm / base:.2f} x floor",
                f"< 20 s: {'met' if warm < 20 else 'MISSED'}",
            )
        )
        rows += paste_page_rows(scratch / "book" / "_build" / "html")
        nbconvert = seconds(
            [
                str(BIN / "jupyter"),
                "nbconvert",
                "--to",
                "notebook",
                "--execute",
                "--output-dir",
                str(scratch),
                str(GRADED),
            ]
        )
        rows.append(("jupyter nbconvert --execute (graded notebook)", nbconvert, f"{nbconvert / base:.2f} x floor", ""))
        submissions = class_of_twenty(scratch)
        master = master_run(scratch, scratch / "grades-j1")
        master_run(scratch, scratch / "grades-j2")
        rows.append(("grading, the master's references (once per master)", master, f"{master / base:.2f} x floor", ""))
        one, whole_one, worker = grading_run(submissions, scratch / "grades-j1", 1)
        two, whole_two, _ = grading_run(submissions, scratch / "grades-j2", 2)
        rows.append(
            (
                "grading, -j 1, per submission (20)",
                one,
                f"{one / base:.2f} x floor ({one / nbconvert:.2f} x nbconvert)",
                f"<= 1.8: {'met' if one / base <= 1.8 else 'MISSED'}",
            )
        )
        rows.append(
            (
                "grading, -j 2, per submission (20)",
                two,
                f"{one / two:.2f} x faster than -j 1",
                f">= 1.8: {'met' if one / two >= 1.8 else 'MISSED'}",
            )
        )
        cores = os.cpu_count() or 1
        per_core = 60 / two / cores
        rows += [
            ("grading, -j 1, peak memory of one worker (sandbox, nbval, kernel)", worker / MIB, "MiB", ""),
            ("grading, -j 1, peak memory of the whole run", whole_one / MIB, "MiB", ""),
            ("grading, -j 2, peak memory of the whole run", whole_two / MIB, "MiB", ""),
            ("grading, -j 2, submissions per minute per core", per_core, "per minute", ""),
            (
                f"submissions graded in a {EVENING_MINUTES // 60}-hour evening, -j {cores}",
                per_core * cores * EVENING_MINUTES,
                "submissions",
                "",
            ),
        ]
        if run_suite:
            developer = fresh_clone_seconds(["make", "test"], scratch / "fresh-make-test")
            ci = fresh_clone_seconds([".ci/run"], scratch / "fresh-ci")
            rows.append(
                (
                    "make test on a fresh clone (empty wheel cache, no venvs; the developer's runtime profiles)",
                    developer,
                    f"{developer / 60:.1f} minutes",
                    f"<= 15 minutes: {'met' if developer <= 15 * 60 else 'MISSED'}",
                )
            )
            rows.append(
                (
                    ".ci/run on a fresh clone (empty wheel cache, no venvs; every runtime profile)",
                    ci,
                    f"{ci / 60:.1f} minutes",
                    f"<= 40 minutes: {'met' if ci <= 40 * 60 else 'MISSED'}",
                )
            )
    return rows


def table(rows: list[tuple[str, float, str, str]]) -> str:
    """Seconds unless the ratio column names another unit."""
    lines = ["| measure | value | ratio or unit | target |", "| --- | ---: | --- | --- |"]
    lines += [
        f"| {what} | {spent:{'.1f' if spent >= 1 else '.2g'}} | {ratio} | {target} |"
        for what, spent, ratio, target in rows
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--skip-suite",
        action="store_true",
        help="leave out the two fresh-clone runs of make test and .ci/run (about an hour)",
    )
    parser.add_argument(
        "--paste-page-only",
        metavar="SITE",
        type=Path,
        help="measure only the paste page's rows on an already built site (e.g. _build/html after make book); "
        "prints them and leaves bench/results.md alone",
    )
    arguments = parser.parse_args(argv)
    if arguments.paste_page_only:
        if not (arguments.paste_page_only / PASTE_PAGE).is_file():
            parser.error(f"{arguments.paste_page_only / PASTE_PAGE} does not exist: run make book first")
        print(table(paste_page_rows(arguments.paste_page_only)))
        return 0
    rows = measure(run_suite=not arguments.skip_suite)
    report = f"# Benchmark ({time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores)\n\n{table(rows)}\n"
    print(report)
    (ROOT / "bench" / "results.md").write_text(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
