"""Execute a graded notebook with nbval in a bubblewrap sandbox: no network, read-only system, a
private /tmp, hidden solutions and submissions, and limits on memory, processes, file size and time."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from ..checks import FACTS_LOG
from .nbval_watchdog import KERNEL_DIED

MEMORY_BYTES = 6 * 1024**3
PROCESSES = 512
FILE_BYTES = 64 * 1024**2
OUTPUT_CHARACTERS = 20_000


@dataclass
class RunResult:
    """What came out of the sandbox: nbval's verdict per code cell, the facts log and how it ended."""

    cells: dict[int, str | None] = field(default_factory=dict)  # cell number -> None if passed, else reason
    facts: list[dict] = field(default_factory=list)
    stopped: str | None = None
    status: str = "graded"
    seconds: float = 0.0
    log_tail: str = ""


def bubblewrap_path() -> str | None:
    """The bwrap executable, if it is installed and can create a sandbox here."""
    path = shutil.which("bwrap")
    if path is None:
        return None
    trial = subprocess.run([path, "--ro-bind", "/", "/", "--unshare-net", "true"], capture_output=True, timeout=30)
    return path if trial.returncode == 0 else None


def sandbox_prefix(bwrap: str, work: Path, hidden: list[Path], visible: list[Path]) -> list[str]:
    """bubblewrap arguments: everything read-only, ``hidden`` folders emptied, ``visible`` ones re-shown."""
    arguments = [bwrap, "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp"]
    for folder in hidden:
        arguments += ["--tmpfs", str(folder)]
    for folder in visible:
        arguments += ["--ro-bind", str(folder), str(folder)]
    arguments += ["--bind", str(work), str(work)]
    for folder in hidden:
        arguments += ["--remount-ro", str(folder)]
    arguments += ["--unshare-all", "--die-with-parent", "--new-session", "--chdir", str(work)]
    return arguments + ["--"]


def limits_prefix() -> list[str]:
    return ["prlimit", f"--as={MEMORY_BYTES}", f"--nproc={PROCESSES}", f"--fsize={FILE_BYTES}", "--core=0"]


def run_in_sandbox(
    notebook: nbformat.NotebookNode,
    work: Path,
    cell_timeout: int,
    total_timeout: int,
    bwrap: str | None,
    hidden: list[Path],
) -> RunResult:
    """Run nbval on ``notebook`` inside ``work`` (a fresh folder) and collect what it reports."""
    work = work.resolve()
    work.mkdir(parents=True)
    notebook_path, report, facts = work / "graded.ipynb", work / "nbval.xml", work / "facts.jsonl"
    nbformat.write(notebook, notebook_path)
    (work / "pytest.ini").write_text("[pytest]\n")
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-p",
        "no:cacheprovider",
        "-p",
        "convshapes.grading.nbval_watchdog",
        "-q",
        "--rootdir",
        str(work),
        "-c",
        str(work / "pytest.ini"),
        "--nbval-lax",
        "--nbval-current-env",
        f"--nbval-cell-timeout={cell_timeout}",
        "--junitxml",
        str(report),
        str(notebook_path),
    ]
    visible = [Path(sys.prefix), *_package_roots()]
    prefix = sandbox_prefix(bwrap, work, hidden, visible) if bwrap else []
    environment = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": "/tmp",
        "LANG": "C.UTF-8",
        "TF_CPP_MIN_LOG_LEVEL": "3",
        "MPLBACKEND": "Agg",
        "PYTHONDONTWRITEBYTECODE": "1",
        "JUPYTER_RUNTIME_DIR": "/tmp/jupyter-runtime",
        "IPYTHONDIR": "/tmp/ipython",
        "MPLCONFIGDIR": "/tmp/matplotlib",
        FACTS_LOG: str(facts),
    }
    started = time.monotonic()
    result = RunResult()
    log = (work / "sandbox.log").open("wb")
    process = subprocess.Popen(
        prefix + limits_prefix() + command,
        cwd=work,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        process.wait(timeout=total_timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        result.stopped = f"grading stopped after {total_timeout} seconds (an endless loop?)."
        result.status = "timeout"
    log.close()
    result.seconds = time.monotonic() - started
    result.log_tail = (work / "sandbox.log").read_bytes()[-2000:].decode("utf-8", "replace")
    result.cells = _nbval_cells(report)
    died = [number for number, problem in result.cells.items() if problem and KERNEL_DIED in problem]
    if died and result.stopped is None:
        result.status = "kernel-died"
        result.stopped = KERNEL_DIED + "; the questions after it could not be graded."
    timed_out = [
        number
        for number, problem in result.cells.items()
        if problem and ("Timeout" in problem or "Failed to interrupt" in problem)
    ]
    if timed_out and result.stopped is None:
        result.status = "timeout"
        result.stopped = f"{len(timed_out)} cell(s) ran longer than {cell_timeout} seconds and were stopped."
    result.facts = _facts(facts)
    if result.stopped is None and not report.exists():
        result.stopped = "the notebook could not be run (the kernel did not start or was killed)."
        result.status = "not-run"
    return result


def _package_roots() -> list[Path]:
    """Folders the sandbox must see for ``import convshapes`` to work (an editable install lives outside the venv)."""
    import convshapes

    package = Path(convshapes.__file__).resolve().parent
    return [] if str(package).startswith(sys.prefix) else [package.parent]


def _nbval_cells(report: Path) -> dict[int, str | None]:
    if not report.exists():
        return {}
    cells = {}
    for case in ElementTree.parse(report).getroot().iter("testcase"):
        name = case.get("name", "")
        if not name.startswith("Cell "):
            continue
        problem = next((child for child in case if child.tag in ("failure", "error", "skipped")), None)
        text = None if problem is None else (problem.get("message") or problem.tag)[:OUTPUT_CHARACTERS]
        cells[int(name.removeprefix("Cell "))] = text
    return cells


def _facts(path: Path) -> list[dict]:
    if not path.exists():
        return []
    records = []
    with path.open(encoding="utf-8", errors="replace") as log:
        for line in log:
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(record, dict):
                records.append(record)
    return records
