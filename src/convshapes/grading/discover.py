"""Find the submissions in a folder: one notebook per student, named by file or by folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Submission:
    """A student's notebook, or ``path=None`` when the student's folder holds no notebook."""

    student: str
    path: Path | None
    problem: str | None = None


def discover(folder: Path) -> list[Submission]:
    """``alice.ipynb`` is student ``alice``; ``bob/anything.ipynb`` is student ``bob``.

    A student folder with no notebook, or with several, still gets a submission with the problem named."""
    if not folder.is_dir():
        raise ValueError(f"submissions folder {folder} does not exist or is not a folder.")
    submissions = [
        Submission(path.stem, path) for path in sorted(folder.glob("*.ipynb")) if is_submitted_notebook(path, folder)
    ]
    for student_folder in sorted(path for path in folder.iterdir() if path.is_dir() and not _is_clutter(path.name)):
        notebooks = submitted_notebooks(student_folder)
        if len(notebooks) == 1:
            submissions.append(Submission(student_folder.name, notebooks[0]))
        elif not notebooks:
            submissions.append(Submission(student_folder.name, None, "no notebook was submitted."))
        else:
            names = ", ".join(str(path.relative_to(student_folder)) for path in notebooks)
            submissions.append(
                Submission(
                    student_folder.name, None, f"more than one notebook was submitted ({names}); submit exactly one."
                )
            )
    seen: dict[str, int] = {}
    unique = []
    for submission in sorted(submissions, key=lambda item: (item.student, str(item.path))):
        seen[submission.student] = seen.get(submission.student, 0) + 1
        if seen[submission.student] > 1:
            submission = Submission(
                f"{submission.student}~{seen[submission.student]}",
                submission.path,
                f"another submission is also named {submission.student!r}; graded separately.",
            )
        unique.append(submission)
    return unique


def _is_clutter(name: str) -> bool:
    """Hidden files and folders (``.ipynb_checkpoints``, macOS ``._x.ipynb``) and the ``__MACOSX`` folder of a zip."""
    return name.startswith(".") or name == "__MACOSX"


def submitted_notebooks(folder: Path) -> list[Path]:
    """The notebooks anywhere under a student's ``folder``, clutter left out, sorted; none if it does not exist."""
    if not folder.is_dir():
        return []
    return sorted(path for path in folder.rglob("*.ipynb") if is_submitted_notebook(path, folder))


def is_submitted_notebook(path: Path, root: Path) -> bool:
    """A file under ``root`` that is not in a hidden or clutter folder."""
    return path.is_file() and not any(_is_clutter(part) for part in path.relative_to(root).parts)
