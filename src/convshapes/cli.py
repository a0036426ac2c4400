"""The ``convshapes`` command: ``check`` scores one student's notebook, ``grade`` grades a class, ``autograder``
builds a Gradescope autograder, ``explain`` decodes an error."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .grading.autograder.config import VISIBILITIES
from .grading.settings import CanvasMatch, GradingSettings, LmsFormat

DEFAULTS = GradingSettings()


def positive_int(text: str) -> int:
    """An argparse type: a whole number of at least 1, or an error that says so."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def run_check(arguments: argparse.Namespace) -> int:
    """Score one notebook; exit 0 when every question passes, 1 otherwise, 2 when it cannot be checked."""
    from .grading.check import check_notebook
    from .grading.grade import GraderError

    try:
        table, all_passed = check_notebook(arguments.notebook, arguments.master, arguments.timeout)
    except (GraderError, OSError, ValueError) as error:
        print(f"convshapes check: {error}", file=sys.stderr)
        return 2
    print(table)
    return 0 if all_passed else 1


def run_grade(arguments: argparse.Namespace) -> int:
    """Grade a class; exit 2 only when the grader itself cannot run."""
    from .grading.grade import GraderError, grade_folder, summary_table

    settings = GradingSettings(
        cell_timeout=arguments.timeout,
        total_timeout=arguments.total_timeout,
        jobs=arguments.jobs,
        sandbox=not arguments.no_sandbox,
        formats=tuple(LmsFormat(name) for name in dict.fromkeys(arguments.formats)),
        canvas_match=CanvasMatch(arguments.canvas_match),
    )
    try:
        results = grade_folder(arguments.submissions, arguments.master, arguments.out, settings)
    except (GraderError, OSError, ValueError) as error:
        print(f"convshapes grade: {error}", file=sys.stderr)
        return 2
    print(summary_table(results))
    print(f"gradebook: {arguments.out / 'gradebook.csv'}")
    for lms_format in settings.formats:
        print(f"{lms_format} gradebook: {arguments.out / lms_format.file_name}")
    return 0


def run_autograder(arguments: argparse.Namespace) -> int:
    """Build a Gradescope autograder bundle; exit 2 when the master or the checkout cannot make one."""
    from .grading.autograder.bundle import build_autograder
    from .grading.autograder.config import AutograderConfig
    from .grading.grade import GraderError

    master = arguments.master
    out = arguments.out or Path(f"{master.stem}-autograder.zip")
    settings = GradingSettings(cell_timeout=arguments.timeout, total_timeout=arguments.total_timeout)
    config = AutograderConfig(
        master.stem, master.name, settings.cell_timeout, settings.submission_timeout, arguments.visibility
    )
    try:
        names = build_autograder(master, out, config)
    except (GraderError, OSError) as error:
        print(f"convshapes autograder: {error}", file=sys.stderr)
        return 2
    print(f"{out}: {', '.join(names)}")
    print(
        f"Upload it as a Gradescope programming assignment's autograder (Ubuntu 22.04 base image) and set its "
        f"timeout above {config.total_timeout + 180} seconds: a submission may run {config.total_timeout} seconds."
    )
    return 0


def run_explain(arguments: argparse.Namespace) -> int:
    """Explain an error message; exit 0 when recognised, 1 when not, 2 when there is no message."""
    from .decoder import explain_text
    from .decoder.explain import NOT_RECOGNISED

    message = sys.stdin.read() if arguments.message in (None, "-") else arguments.message
    if not message.strip():
        print("convshapes explain: give the error message as an argument or on standard input", file=sys.stderr)
        return 2
    text = explain_text(message)
    print(text)
    return 1 if text == NOT_RECOGNISED else 0


def add_total_timeout(parser: argparse.ArgumentParser) -> None:
    """The --total-timeout option; its default is GradingSettings.submission_timeout's rule."""
    parser.add_argument(
        "--total-timeout", type=positive_int, help="seconds per submission (default: 4 cell timeouts + 60)"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="convshapes", description="Tools for the convshapes exercises.")
    commands = parser.add_subparsers(dest="command", required=True)

    def command(name: str, summary: str, description: str, run) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=summary, description=description)
        sub.set_defaults(run=run)
        sub.add_argument(
            "--timeout", type=positive_int, default=DEFAULTS.cell_timeout, help="seconds per cell (default %(default)s)"
        )
        return sub

    check = command(
        "check",
        "run your exercise notebook in a fresh kernel and print your score per question",
        "Grades a copy of the notebook in a fresh kernel (your file is never modified) the way `convshapes grade` "
        "does, judging each answer against the solution notebook, without the sandbox.",
        run_check,
    )
    check.add_argument("notebook", type=Path, help="your exercise notebook, e.g. exercises/shape_arithmetic.ipynb")
    check.add_argument("--master", type=Path, help="the solution notebook (default: solutions/<same name>)")
    grade = command(
        "grade",
        "grade a folder of submissions against a master solution notebook",
        "Grades every .ipynb under SUBMISSIONS_DIR (the file or folder name is the student id) in its own sandbox, "
        "and writes gradebook.csv, gradebook.json, per-student results and any --format gradebooks to OUT_DIR.",
        run_grade,
    )
    grade.add_argument("submissions", type=Path, metavar="SUBMISSIONS_DIR")
    grade.add_argument("--master", type=Path, required=True, help="the solution notebook, e.g. solutions/x.ipynb")
    grade.add_argument("--out", type=Path, required=True, metavar="OUT_DIR")
    grade.add_argument(
        "-j",
        "--jobs",
        type=positive_int,
        default=DEFAULTS.jobs,
        help="submissions graded at once (default %(default)s)",
    )
    add_total_timeout(grade)
    grade.add_argument("--no-sandbox", action="store_true", help="grade without bubblewrap (trusted submissions only)")
    grade.add_argument(
        "--format",
        dest="formats",
        action="append",
        default=[],
        choices=[lms_format.value for lms_format in LmsFormat],
        help="also write an LMS gradebook: canvas (canvas.csv) or plain (scores.csv, student,score,max); "
        "repeat for both. gradebook.csv and gradebook.json are always written",
    )
    grade.add_argument(
        "--canvas-match",
        choices=[column.value for column in CanvasMatch],
        default=DEFAULTS.canvas_match.value,
        help="the canvas.csv column for a student id that is not a Canvas download name: SIS Login ID, SIS User ID "
        "or the Student name (default %(default)s)",
    )
    autograder = command(
        "autograder",
        "build a Gradescope autograder zip that grades one assignment",
        "Writes OUT (default: <master name>-autograder.zip) for a Gradescope programming assignment: setup.sh "
        "installs the pinned runtime and convshapes, run_autograder grades each submission like `convshapes grade` "
        "and writes results.json with one test per question.",
        run_autograder,
    )
    autograder.add_argument("master", type=Path, help="the solution notebook, e.g. solutions/shape_arithmetic.ipynb")
    autograder.add_argument("--out", type=Path, help="the zip to write (default: <master name>-autograder.zip)")
    add_total_timeout(autograder)
    autograder.add_argument(
        "--visibility",
        choices=VISIBILITIES,
        default="visible",
        help="when students see their per-question hints, in Gradescope's terms (default: %(default)s)",
    )
    explain = commands.add_parser(
        "explain",
        help="explain a shape error message and compute its fix",
        description="Recognises a Keras, TensorFlow, NumPy or PyTorch shape error, reads its numbers and prints the "
        "cause, the fix for those numbers and the book section that explains it. Exits 1 when not recognised.",
    )
    explain.set_defaults(run=run_explain)
    explain.add_argument("message", nargs="?", help="the error message (default, or '-': read it from standard input)")
    return parser


def main(argv: list[str] | None = None) -> int:
    arguments = build_parser().parse_args(argv)
    return arguments.run(arguments)


if __name__ == "__main__":
    raise SystemExit(main())
