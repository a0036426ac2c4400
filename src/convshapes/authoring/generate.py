"""`make exercises`: the student notebooks in ``exercises/`` and their answer keys, from ``solutions/``.

An exercise is its solution with every answer replaced by a stub, outputs cleared, and every check cell
reduced to one locked line, ``checks.check("<question>", <answer>)``, that judges against the answer
key; hidden checks are left out. The key comes from a trusted run of the solution.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

import nbformat

from ..checks.answer_key import PACKAGE_KEYS, key_text
from ..grading.reference import master_references
from ..notebook.check_cells import answer_expression, plain_name
from ..notebook.format import canonical_text
from ..notebook.markers import stub_regions
from ..notebook.questions import answer_id, questions
from .key_builder import build_key, existing_salt

# JupyterLab and Jupyter Notebook keep a cell with this metadata from being edited or deleted.
LOCKED = {"editable": False, "deletable": False}


def one_line_check(question_id: str, check_source: str) -> str:
    """The exercise's check cell: the question id and the answer the solution's check inspects."""
    return f"checks.check({json.dumps(question_id)}, {plain_name(answer_expression(check_source, question_id))})"


def exercise_from_solution(solution: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The notebook a student gets: stubs for answers, one-line locked checks, no hidden checks, no outputs."""
    graded = questions(solution)
    exercise = nbformat.from_dict(solution)
    for question in graded:
        cell = exercise.cells[question.check_index]
        cell.source = one_line_check(question.question_id, cell.source)
        cell.metadata = nbformat.from_dict(
            {"convshapes": {"question": question.question_id, "points": question.points}, **LOCKED}
        )
    hidden = {question.check_index for question in graded if question.hidden}
    exercise.cells = [cell for index, cell in enumerate(exercise.cells) if index not in hidden]
    for cell in exercise.cells:
        if cell.cell_type != "code":
            continue
        cell.outputs, cell.execution_count = [], None
        if answer_id(cell) is not None:
            cell.source = stub_regions(cell.source)
            cell.metadata.convshapes = {"answer": answer_id(cell)}
    return exercise


def key_from_solution(path: Path, salt: str, timeout: int = 300) -> dict:
    """Run the solution once in a fresh kernel (trusted) and build its answer key with ``salt``."""
    solution = nbformat.read(path, as_version=4)
    with tempfile.TemporaryDirectory(prefix="convshapes-key-") as cache:
        references = master_references(solution, Path(cache), timeout)
    return build_key(path.stem, references, questions(solution), salt)


def write_if_changed(target: Path, text: str) -> None:
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")
        print(f"wrote {target}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("solutions", nargs="*", type=Path, help="solution notebooks (default: solutions/*.ipynb)")
    parser.add_argument("--exercises", type=Path, default=Path("exercises"), help="folder to write the exercises to")
    parser.add_argument("--keys", type=Path, default=PACKAGE_KEYS, help="folder to write the answer keys to")
    arguments = parser.parse_args(argv)
    arguments.exercises.mkdir(exist_ok=True)
    arguments.keys.mkdir(exist_ok=True)
    for path in arguments.solutions or sorted(Path("solutions").glob("*.ipynb")):
        write_if_changed(
            arguments.exercises / path.name, canonical_text(exercise_from_solution(nbformat.read(path, as_version=4)))
        )
        key_path = arguments.keys / f"{path.stem}.json"
        write_if_changed(key_path, key_text(key_from_solution(path, existing_salt(key_path))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
