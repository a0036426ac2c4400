"""Grade every submission in a folder against a master notebook; resume where an earlier run stopped."""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

import nbformat

from ..notebook.questions import answer_id, questions
from ..tables import text_table
from .discover import Submission, discover
from .export import graded_notebook, names_only_check_cells_bind
from .gradebook import StudentResult, write_gradebook, write_student
from .lms import write_lms_gradebooks
from .load import load
from .reference import master_references
from .sandbox import bubblewrap_path, run_in_sandbox
from .settings import GradingSettings
from .status import SubmissionStatus
from .verdict import QuestionVerdict, verdicts


class GraderError(RuntimeError):
    """The grader itself cannot run (as opposed to a submission that scores low)."""


def read_master(path: Path) -> tuple[nbformat.NotebookNode, list]:
    """The master notebook and its questions, or a GraderError that says which notebook to pass instead."""
    try:
        master = nbformat.read(path, as_version=4)
        graded = questions(master)
    except Exception as error:
        raise GraderError(
            f"the master {path} is not a gradable solution notebook: {error}. Pass the solution notebook "
            f"(solutions/{Path(path).name}), not the exercise."
        ) from error
    problems = names_only_check_cells_bind(master, graded)
    if problems:
        raise GraderError(f"the master {path} cannot be graded: " + "; ".join(problems) + ".")
    return master, graded


class Grader:
    """Everything one grading run needs, shared by the workers."""

    def __init__(self, master_path: Path, out: Path, settings: GradingSettings, hidden: list[Path]):
        self.master_path, self.out, self.settings = master_path, out, settings
        self.bwrap = bubblewrap_path() if settings.sandbox else None
        if settings.sandbox and self.bwrap is None:
            raise GraderError(
                "bubblewrap (bwrap) is missing or cannot create a sandbox on this machine: install it "
                "(apt-get install bubblewrap), or pass --no-sandbox to grade without isolation."
            )
        self.master, self.questions = read_master(master_path)
        self.references = master_references(self.master, out / ".work", settings.cell_timeout)
        self.master_sha256 = hashlib.sha256(master_path.read_bytes()).hexdigest()
        self.hidden = hidden

    def zero(self, submission: Submission, sha: str | None, status: SubmissionStatus, message: str) -> StudentResult:
        reason = message or status
        return StudentResult(
            submission.student,
            sha,
            status,
            message,
            [QuestionVerdict(q.question_id, 0, q.points, reason) for q in self.questions],
        )

    def grade(self, submission: Submission) -> StudentResult:
        if submission.path is None:
            return self.zero(
                submission, None, SubmissionStatus.NO_SUBMISSION, submission.problem or "no notebook was submitted."
            )
        loaded = load(submission.path, self.settings.max_submission_bytes)
        if loaded.notebook is None:
            return self.zero(submission, loaded.sha256, loaded.status, loaded.message)
        answered = {answer_id(cell) for cell in loaded.notebook.cells} - {None}
        if answered and not answered & {q.question_id for q in self.questions}:
            return self.zero(
                submission,
                loaded.sha256,
                SubmissionStatus.WRONG_ASSIGNMENT,
                f"this notebook answers other questions ({', '.join(sorted(answered)[:3])}, ...): was it submitted to the wrong assignment?",
            )
        notebook, problems, cell_numbers = graded_notebook(
            self.master, loaded.notebook, self.references, self.questions
        )
        work = self.out / ".work" / f"{submission.student}-{loaded.sha256[:12]}"
        shutil.rmtree(work, ignore_errors=True)
        run = run_in_sandbox(notebook, work, self.settings, self.bwrap, self.hidden)
        shutil.rmtree(work, ignore_errors=True)
        results = verdicts(self.questions, self.references, run.facts, run.cells, cell_numbers, problems, run.stopped)
        messages = [message for message in (submission.problem, loaded.message, run.stopped) if message]
        status = run.status
        return StudentResult(submission.student, loaded.sha256, status, " ".join(messages), results)

    def previous(self, submission: Submission) -> StudentResult | None:
        """The stored result of an earlier run, if it graded this very file against this very master."""
        record = self.out / "students" / submission.student / "record.json"
        if submission.path is None or not record.exists():
            return None
        try:
            result = StudentResult.from_json(json.loads(record.read_text()))
        except Exception:
            return None
        key = self.out / "students" / submission.student / "master.sha256"
        same_master = key.exists() and key.read_text().strip() == self.master_sha256
        same_file = result.submission_sha256 == hashlib.sha256(submission.path.read_bytes()).hexdigest()
        return result if same_master and same_file else None


def grade_folder(
    submissions: Path,
    master: Path,
    out: Path,
    settings: GradingSettings | None = None,
) -> list[StudentResult]:
    """Grade every submission, write the gradebook and return the results (default settings if none)."""
    settings = settings or GradingSettings()
    found = discover(submissions)
    out.mkdir(parents=True, exist_ok=True)
    hidden = sorted({path.resolve() for path in (submissions, out, master.parent, Path.cwd())} - {Path("/")})
    grader = Grader(master, out, settings, hidden)
    results: list[StudentResult] = []
    with ThreadPoolExecutor(max_workers=max(1, settings.jobs)) as pool:
        futures = {}
        for submission in found:
            stored = grader.previous(submission)
            if stored is not None:
                results.append(stored)
                print(
                    f"[{len(results)}/{len(found)}] {submission.student}: {stored.total}/{stored.maximum} (already graded)",
                    file=sys.stderr,
                )
            else:
                futures[pool.submit(grader.grade, submission)] = submission
        for future in as_completed(futures):
            result = future.result()
            write_student(out, result, master.stem)
            (out / "students" / result.student / "master.sha256").write_text(grader.master_sha256 + "\n")
            results.append(result)
            print(
                f"[{len(results)}/{len(found)}] {result.student}: {result.total}/{result.maximum} ({result.status})",
                file=sys.stderr,
            )
    write_gradebook(out, results, [q.question_id for q in grader.questions], master.stem)
    write_lms_gradebooks(out, results, master.stem, sum(q.points for q in grader.questions), settings)
    return sorted(results, key=lambda result: result.student)


def summary_table(results: list[StudentResult]) -> str:
    if not results:
        return "No submissions found: the folder holds no .ipynb files and no student folders."
    rows = [(result.student, f"{result.total}/{result.maximum}", str(result.status)) for result in results]
    return text_table(("student", "score", "status"), rows, right_aligned=[1])
