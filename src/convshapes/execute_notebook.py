"""Run the book's notebooks in a fresh kernel and store their outputs in canonical form (for authors)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import nbclient
import nbformat

from .notebook_format import outputs_without_machine_paths, write_canonical

QUIET_KERNEL_ENVIRONMENT = {"TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONHASHSEED": "0"}


def execute(path: Path, timeout: int = 300) -> None:
    """Execute ``path`` top to bottom with its folder as working directory and write it back, without machine paths."""
    notebook = nbformat.read(path, as_version=4)
    os.environ.update(QUIET_KERNEL_ENVIRONMENT)
    client = nbclient.NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        record_timing=False,
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
    )
    client.execute()
    outputs_without_machine_paths(notebook)
    write_canonical(notebook, path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--timeout", type=int, default=300, help="seconds allowed per cell")
    arguments = parser.parse_args(argv)
    for path in arguments.notebooks:
        print(f"executing {path}", file=sys.stderr)
        execute(path, arguments.timeout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
