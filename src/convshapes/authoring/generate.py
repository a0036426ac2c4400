"""Generate the student notebooks in ``exercises/`` from their sources in ``solutions/``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat

from ..notebook.format import canonical_text
from ..notebook.markers import stub_regions
from ..notebook.questions import answer_id, questions


def exercise_from_solution(solution: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The same notebook with answers replaced by stubs, outputs cleared and test-only metadata dropped."""
    questions(solution)
    exercise = nbformat.from_dict(solution)
    for cell in exercise.cells:
        if cell.cell_type != "code":
            continue
        cell.outputs, cell.execution_count = [], None
        if answer_id(cell) is not None:
            cell.source = stub_regions(cell.source)
            cell.metadata.convshapes = {"answer": answer_id(cell)}
    return exercise


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("solutions", nargs="*", type=Path, help="solution notebooks (default: solutions/*.ipynb)")
    parser.add_argument("--exercises", type=Path, default=Path("exercises"), help="folder to write the exercises to")
    arguments = parser.parse_args(argv)
    arguments.exercises.mkdir(exist_ok=True)
    for path in arguments.solutions or sorted(Path("solutions").glob("*.ipynb")):
        target = arguments.exercises / path.name
        text = canonical_text(exercise_from_solution(nbformat.read(path, as_version=4)))
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
            print(f"wrote {target}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
