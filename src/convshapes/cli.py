"""The ``convshapes`` command: ``convshapes check exercises/<name>.ipynb`` scores a student's notebook."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def run_grade(arguments: argparse.Namespace) -> int:
    """Grade a class; exit 2 only when the grader itself cannot run."""
    from .grading.grade import GraderError, grade_folder, summary_table
    from .grading.settings import GradingSettings

    try:
        settings = GradingSettings(
            cell_timeout=arguments.timeout,
            total_timeout=arguments.total_timeout,
            jobs=arguments.jobs,
            sandbox=not arguments.no_sandbox,
        )
        results = grade_folder(arguments.submissions, arguments.master, arguments.out, settings)
    except (GraderError, OSError, ValueError) as error:
        print(f"convshapes grade: {error}", file=sys.stderr)
        return 2
    print(summary_table(results))
    print(f"gradebook: {arguments.out / 'gradebook.csv'}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="convshapes", description="Tools for the convshapes exercises.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser(
        "check",
        help="run your exercise notebook in a fresh kernel and print your score per question",
        description="Grades a copy of the notebook in a fresh kernel (your file is never modified) the way "
        "`convshapes grade` does, judging each answer against the solution notebook, without the sandbox.",
    )
    check.add_argument("notebook", type=Path, help="your exercise notebook, e.g. exercises/shape_arithmetic.ipynb")
    check.add_argument("--master", type=Path, help="the solution notebook (default: solutions/<same name>)")
    check.add_argument("--timeout", type=int, default=60, help="seconds allowed per cell (default 60)")
    grade = commands.add_parser(
        "grade",
        help="grade a folder of submissions against a master solution notebook",
        description="Grades every .ipynb under SUBMISSIONS_DIR (the file or folder name is the student id) "
        "in its own sandbox, and writes gradebook.csv, gradebook.json and per-student results to OUT_DIR.",
    )
    grade.add_argument("submissions", type=Path, metavar="SUBMISSIONS_DIR")
    grade.add_argument(
        "--master", type=Path, required=True, help="the solution notebook, e.g. solutions/shape_arithmetic.ipynb"
    )
    grade.add_argument("--out", type=Path, required=True, metavar="OUT_DIR")
    grade.add_argument("-j", "--jobs", type=int, default=1, help="submissions graded at once (default 1)")
    grade.add_argument("--timeout", type=int, default=60, help="seconds allowed per cell (default 60)")
    grade.add_argument(
        "--total-timeout", type=int, help="seconds allowed per submission (default: 4 cell timeouts + 60)"
    )
    grade.add_argument(
        "--no-sandbox", action="store_true", help="grade without bubblewrap isolation (trusted submissions only)"
    )
    arguments = parser.parse_args(argv)
    if arguments.command == "grade":
        return run_grade(arguments)
    from .grading.check import check_notebook
    from .grading.grade import GraderError

    try:
        table, all_passed = check_notebook(arguments.notebook, arguments.master, arguments.timeout)
    except (GraderError, OSError, ValueError) as error:
        print(f"convshapes check: {error}", file=sys.stderr)
        return 2
    print(table)
    return 0 if all_passed else 1


if __name__ == "__main__":
    raise SystemExit(main())
