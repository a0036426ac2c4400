"""`make notebooks`: run the book's notebooks in a fresh kernel and store their outputs in canonical form."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat

from ..notebook.execute import execute
from ..notebook.format import write_canonical
from ..notebook.machine_paths import outputs_without_machine_paths


def execute_in_place(path: Path, timeout: int = 300) -> None:
    """Execute ``path`` top to bottom with its folder as working directory; write it back without machine paths."""
    notebook = execute(nbformat.read(path, as_version=4), path.parent, timeout)
    outputs_without_machine_paths(notebook)
    write_canonical(notebook, path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--timeout", type=int, default=300, help="seconds allowed per cell")
    arguments = parser.parse_args(argv)
    for path in arguments.notebooks:
        print(f"executing {path}", file=sys.stderr)
        execute_in_place(path, arguments.timeout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
