"""The ``convshapes`` command: ``convshapes check exercises/<name>.ipynb`` scores a student's notebook."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .assignment.check import check_notebook


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="convshapes", description="Tools for the convshapes exercises.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser(
        "check",
        help="run your exercise notebook in a fresh kernel and print your score per question",
        description="Runs a copy of the notebook in a fresh kernel (your file is never modified) and "
        "compares each check with the reference pass line from the solutions.",
    )
    check.add_argument("notebook", type=Path, help="your exercise notebook, e.g. exercises/shape_arithmetic.ipynb")
    check.add_argument("--master", type=Path, help="the solution notebook (default: solutions/<same name>)")
    check.add_argument("--timeout", type=int, default=60, help="seconds allowed per cell (default 60)")
    arguments = parser.parse_args(argv)
    try:
        table, all_passed = check_notebook(arguments.notebook, arguments.master, arguments.timeout)
    except (OSError, ValueError) as error:
        print(f"convshapes check: {error}", file=sys.stderr)
        return 2
    print(table)
    return 0 if all_passed else 1


if __name__ == "__main__":
    raise SystemExit(main())
