"""Inside Gradescope's container: ``prepare`` once from setup.sh, ``run`` once per submission from run_autograder.

Gradescope's contract (https://gradescope-autograders.readthedocs.io/en/latest/specs/): the bundle is unpacked in
/autograder/source, the student's upload in /autograder/submission, and run_autograder must leave
/autograder/results/results.json. Whatever was uploaded, ``run`` writes a results.json that says what to do;
its own failures too become a readable 0, with the details in the log only the instructor sees.
"""

from __future__ import annotations

import argparse
import json
import os
import pwd
import sys
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from ..atomic import write_atomically
from ..discover import Submission, submitted_notebooks
from ..grade import Grader
from ..gradebook import StudentResult, gradescope_results
from ..sandbox import bubblewrap_path
from ..status import SubmissionStatus
from .config import AutograderConfig

NOT_SANDBOXED = (
    "bubblewrap cannot create a sandbox in this container, so the notebook runs without one: as user {user}, "
    "with the memory, process, file-size and time limits, but with the container's network. Gradescope's own "
    "container keeps each submission apart from the others."
)


@dataclass(frozen=True)
class Layout:
    """Gradescope's folders under one root (``/autograder`` on Gradescope, a temporary folder in the tests)."""

    root: Path

    @property
    def source(self) -> Path:
        return self.root / "source"

    @property
    def submission(self) -> Path:
        return self.root / "submission"

    @property
    def results(self) -> Path:
        return self.root / "results" / "results.json"

    @property
    def work(self) -> Path:
        """Where the master's reference facts are cached and each submission runs."""
        return self.root / "convshapes-work"


def prepare(layout: Layout) -> None:
    """Check the master and cache its reference facts, so each submission is graded without re-running it."""
    config = AutograderConfig.read(layout.source)
    grader = make_grader(layout, config)
    print(f"{config.assignment}: {len(grader.questions)} questions checked against the master; references cached.")
    print(grading_mode(grader))


def run(layout: Layout) -> dict:
    """Grade the one notebook in /autograder/submission and write results.json; return what was written."""
    started = time.monotonic()
    try:
        config = AutograderConfig.read(layout.source)
    except Exception:
        traceback.print_exc()
        config = None
    try:
        if config is None:
            raise RuntimeError(f"the bundle's settings ({layout.source}) could not be read")
        grader = make_grader(layout, config)
        print(grading_mode(grader))
        submission = find_submission(layout.submission, config.master)
        print(f"submission: {submission.path.name if submission.path else 'none'} {submission.problem or ''}".strip())
        result = grader.grade(submission)
        results = gradescope_results(result, config.assignment, config.visibility)
    except Exception as error:  # the grader's own failure, not the student's
        traceback.print_exc()
        results = autograder_failure(error)
    results["execution_time"] = round(time.monotonic() - started)
    write_atomically(layout.results, json.dumps(results, indent=1, sort_keys=True) + "\n")
    print(f"score: {results['score']} ({results['execution_time']} s)")
    return results


def make_grader(layout: Layout, config: AutograderConfig) -> Grader:
    """The grader ``convshapes grade`` uses, in bubblewrap where the container allows it, else as user nobody."""
    sandboxed = bubblewrap_path() is not None
    unprivileged = None if sandboxed or os.geteuid() != 0 else pwd.getpwnam("nobody").pw_uid
    layout.work.mkdir(parents=True, exist_ok=True)
    grader = Grader(
        layout.source / config.master,
        layout.work,
        config.grading_settings(sandboxed, unprivileged),
        hidden=[layout.source, layout.results.parent, layout.work],
    )
    if unprivileged is not None:
        keep_from_students(layout)
    return grader


def keep_from_students(layout: Layout) -> None:
    """Without a sandbox the notebook runs as another user: the master and its cached answers become unreadable
    to it, and the work folder can be passed through but not listed."""
    layout.source.chmod(0o700)
    for folder in (layout.work, layout.work / ".work"):
        folder.mkdir(exist_ok=True)
        folder.chmod(0o711)
    for cached in (layout.work / ".work").glob("reference-*.json"):
        cached.chmod(0o600)


def grading_mode(grader: Grader) -> str:
    if grader.bwrap:
        return "sandbox: bubblewrap (no network, read-only system, solutions hidden)."
    uid = grader.settings.unprivileged_uid
    return NOT_SANDBOXED.format(user=pwd.getpwuid(uid).pw_name if uid is not None else "the grader's own user")


def find_submission(folder: Path, expected_name: str) -> Submission:
    """The one notebook the student uploaded, or a submission without one that says what to upload instead."""
    notebooks = submitted_notebooks(folder)
    if len(notebooks) == 1:
        path = notebooks[0]
        renamed = (
            ""
            if path.name == expected_name
            else f"Your notebook is named {path.name}, not {expected_name}: graded all the same, by the question ids in its answer cells."
        )
        return Submission("submission", path, renamed or None)
    if not notebooks:
        uploaded = (
            sorted(str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file())
            if folder.is_dir()
            else []
        )
        what = f"You uploaded {', '.join(uploaded[:5])}, but no notebook" if uploaded else "No file was uploaded"
        return Submission(
            "submission",
            None,
            f"{what}: upload your exercise notebook {expected_name} (in Colab: File > Download > Download .ipynb).",
        )
    names = ", ".join(str(path.relative_to(folder)) for path in notebooks)
    return Submission(
        "submission", None, f"You uploaded {len(notebooks)} notebooks ({names}): upload only {expected_name}."
    )


def autograder_failure(error: Exception) -> dict:
    """A readable 0 when the autograder itself fails; the traceback is in the log the instructor sees."""
    message = (
        f"The autograder could not grade this submission ({type(error).__name__}). This is not your fault: "
        "your instructor can see the details. Try submitting again, or ask them."
    )
    result = StudentResult("submission", None, SubmissionStatus.NOT_RUN, message, [])
    return {**gradescope_results(result, "autograder"), "output": message}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m convshapes.grading.autograder.container")
    parser.add_argument("step", choices=("prepare", "run"))
    parser.add_argument("--root", type=Path, default=Path("/autograder"), help="Gradescope's folder (default)")
    arguments = parser.parse_args(argv)
    layout = Layout(arguments.root)
    if arguments.step == "prepare":
        prepare(layout)
    else:
        run(layout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
