"""Execute a graded notebook with nbval in a bubblewrap sandbox: no network, read-only system, a
private /tmp, hidden solutions and submissions, and limits on memory, processes, file size and time."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from ..checks.protocol import FACTS_LOG, read_records
from ..notebook.execute import QUIET_KERNEL_ENVIRONMENT, thread_share
from .nbval_watchdog import KERNEL_DIED
from .settings import GradingSettings
from .status import SubmissionStatus


@dataclass
class RunResult:
    """What came out of the sandbox: nbval's verdict per code cell, the facts log and how it ended."""

    cells: dict[int, str | None] = field(default_factory=dict)  # cell number -> None if passed, else reason
    facts: list[dict] = field(default_factory=list)
    stopped: str | None = None
    status: SubmissionStatus = SubmissionStatus.GRADED


def bubblewrap_path() -> str | None:
    """The bwrap executable, if it is installed and can create the sandbox grading uses here (inside some
    containers bwrap starts but cannot mount /proc, for instance)."""
    path = shutil.which("bwrap")
    if path is None:
        return None
    with tempfile.TemporaryDirectory(prefix="convshapes-probe-") as work:
        trial = subprocess.run([*sandbox_prefix(path, Path(work), [], []), "true"], capture_output=True, timeout=30)
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


def limits_prefix(settings: GradingSettings) -> list[str]:
    """prlimit arguments: memory, processes and file size from ``settings``, and no core dumps."""
    return [
        "prlimit",
        f"--as={settings.memory_bytes}",
        f"--nproc={settings.processes}",
        f"--fsize={settings.file_bytes}",
        "--core=0",
    ]


def privilege_prefix(uid: int) -> list[str]:
    """setpriv arguments that run a command as user ``uid`` (its own group, no others), so that a notebook run by a
    root grader without bubblewrap can neither read the grader's files nor change the code that judges it."""
    return ["setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups", "--"]


def run_in_sandbox(
    notebook: nbformat.NotebookNode,
    work: Path,
    settings: GradingSettings,
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
        "nbval",
        "-p",
        "convshapes.grading.nbval_watchdog",
        "-q",
        "--rootdir",
        str(work),
        "-c",
        str(work / "pytest.ini"),
        "--nbval-lax",
        "--nbval-current-env",
        f"--nbval-cell-timeout={settings.cell_timeout}",
        "--junitxml",
        str(report),
        str(notebook_path),
    ]
    visible = [Path(sys.prefix), *_package_roots()]
    if bwrap:
        prefix, home = sandbox_prefix(bwrap, work, hidden, visible), Path("/tmp")  # a private /tmp
    else:
        prefix, home = [], work / "home"  # the shared /tmp may hold another user's or another run's files
        home.mkdir()
        if settings.unprivileged_uid is not None:
            for path in (work, *work.iterdir()):
                os.chown(path, settings.unprivileged_uid, settings.unprivileged_uid)
            prefix = privilege_prefix(settings.unprivileged_uid)
    environment = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "LANG": "C.UTF-8",
        **QUIET_KERNEL_ENVIRONMENT,
        **thread_share(settings.jobs),
        "MPLBACKEND": "Agg",
        # Only the plugins named on the command line: the others installed here (xdist, hypothesis, anyio, ...)
        # take seconds to import and a graded run uses none of them.
        "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
        "JUPYTER_RUNTIME_DIR": str(home / "jupyter-runtime"),
        "IPYTHONDIR": str(home / "ipython"),
        "MPLCONFIGDIR": str(home / "matplotlib"),
        FACTS_LOG: str(facts),
    }
    result = RunResult()
    log = (work / "sandbox.log").open("wb")
    process = subprocess.Popen(
        prefix + limits_prefix(settings) + command,
        cwd=work,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        process.wait(timeout=settings.submission_timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        result.stopped = f"grading stopped after {settings.submission_timeout} seconds (an endless loop?)."
        result.status = SubmissionStatus.TIMEOUT
    log.close()
    result.cells = _nbval_cells(report, settings.output_characters)
    died = [number for number, problem in result.cells.items() if problem and KERNEL_DIED in problem]
    if died and result.stopped is None:
        result.status = SubmissionStatus.KERNEL_DIED
        result.stopped = KERNEL_DIED + "; the questions after it could not be graded."
    timed_out = [
        number
        for number, problem in result.cells.items()
        if problem and ("Timeout" in problem or "Failed to interrupt" in problem)
    ]
    if timed_out and result.stopped is None:
        result.status = SubmissionStatus.TIMEOUT
        result.stopped = f"{len(timed_out)} cell(s) ran longer than {settings.cell_timeout} seconds and were stopped."
    result.facts = read_records(facts)
    if result.stopped is None and not report.exists():
        result.stopped = "the notebook could not be run (the kernel did not start or was killed)."
        result.status = SubmissionStatus.NOT_RUN
    return result


def _package_roots() -> list[Path]:
    """Folders the sandbox must see for ``import convshapes`` to work (an editable install lives outside the venv)."""
    import convshapes

    package = Path(convshapes.__file__).resolve().parent
    return [] if str(package).startswith(sys.prefix) else [package.parent]


def _nbval_cells(report: Path, output_characters: int) -> dict[int, str | None]:
    if not report.exists():
        return {}
    cells = {}
    for case in ElementTree.parse(report).getroot().iter("testcase"):
        name = case.get("name", "")
        if not name.startswith("Cell "):
            continue
        problem = next((child for child in case if child.tag in ("failure", "error", "skipped")), None)
        text = None if problem is None else (problem.get("message") or problem.tag)[:output_characters]
        cells[int(name.removeprefix("Cell "))] = text
    return cells
