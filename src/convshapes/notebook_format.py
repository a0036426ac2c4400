"""The canonical form of the book's notebooks: fixed metadata and sorted-key JSON, so diffs stay readable."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

NOTEBOOK_METADATA = {
    "accelerator": "GPU",
    "colab": {"gpuType": "T4", "provenance": [], "toc_visible": True},
    "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
    "language_info": {"name": "python"},
}
KEPT_NOTEBOOK_METADATA = ("mystnb",)
KEPT_CELL_METADATA = ("tags", "mystnb", "convshapes")
# The first code cell of every notebook; the website hides its source (tag hide-input), Colab runs it.
INSTALL_CELL_SOURCE = """\
# On Colab, install this book's helper package (it brings no dependencies of its own).
import os
import subprocess
import sys
import warnings

os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"  # keep TensorFlow's start-up log out of the outputs
# Show a warning as "UserWarning: message", without the path of the library file that raised it.
warnings.formatwarning = lambda message, category, *location: f"{category.__name__}: {message}\\n"
if "google.colab" in sys.modules:
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
         "convshapes @ git+https://github.com/convshapes/convshapes@main"],
        check=True,
    )"""


# Where an installed package lives on the machine that ran the notebook: a site-packages folder, or this
# checkout's src/ for the editable convshapes. Both read as <site-packages>/ to a reader of the book.
_INSTALLED_PACKAGE_FOLDER = re.compile(r"(?:/[^\s'\"(<>\x1b/]+)+?/(?:site-packages/|src/(?=convshapes/))")
# Where a stored output shows a path of the machine that ran it (what the tests forbid).
MACHINE_PATH = re.compile(r"(?:/[^\s'\"(<>\x1b/]+)+/(?:site-packages|src/convshapes|\.venv)/")


def without_machine_paths(text: str) -> str:
    """``text`` with every installed-package path written as ``<site-packages>/``, whatever machine ran it."""
    return _INSTALLED_PACKAGE_FOLDER.sub("<site-packages>/", text)


def outputs_without_machine_paths(notebook: nbformat.NotebookNode) -> None:
    """Rewrite, in place, every output text (streams, errors and their tracebacks, plain text) without machine paths."""
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            if "text" in output:
                output.text = without_machine_paths(output.text)
            if "evalue" in output:
                output.evalue = without_machine_paths(output.evalue)
                output.traceback = [without_machine_paths(line) for line in output.traceback]
            if "text/plain" in output.get("data", {}):
                output.data["text/plain"] = without_machine_paths(output.data["text/plain"])


def canonical_notebook(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Return a copy with the book's notebook metadata and only the cell metadata the book uses."""
    notebook = nbformat.from_dict(notebook)
    kept = {key: notebook.metadata[key] for key in KEPT_NOTEBOOK_METADATA if key in notebook.metadata}
    notebook.metadata = nbformat.from_dict({**NOTEBOOK_METADATA, **kept})
    notebook.nbformat, notebook.nbformat_minor = 4, 5
    for cell in notebook.cells:
        cell.metadata = nbformat.from_dict(
            {key: cell.metadata[key] for key in KEPT_CELL_METADATA if key in cell.metadata}
        )
    return notebook


def canonical_text(notebook: nbformat.NotebookNode) -> str:
    """The exact text a canonical notebook file holds (nbformat's sorted, one-space-indented JSON)."""
    return nbformat.writes(canonical_notebook(notebook)) + "\n"


def write_canonical(notebook: nbformat.NotebookNode, path: str | Path) -> None:
    """Validate ``notebook`` and write it to ``path`` in canonical form."""
    text = canonical_text(notebook)
    nbformat.validate(nbformat.reads(text, as_version=4))
    Path(path).write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Rewrite notebooks in canonical form without executing them; with ``--test``, only report the ones that differ."""
    import argparse
    import sys

    parser = argparse.ArgumentParser(description="Put notebooks in the book's canonical form (outputs are kept).")
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--test", action="store_true", help="change nothing; exit 1 if a notebook is not canonical")
    arguments = parser.parse_args(argv)
    differing = []
    for path in arguments.notebooks:
        notebook = nbformat.read(path, as_version=4)
        if path.read_text(encoding="utf-8") != canonical_text(notebook):
            differing.append(path)
            if not arguments.test:
                write_canonical(notebook, path)
    verb = "not canonical" if arguments.test else "rewritten"
    for path in differing:
        print(f"{path}: {verb}", file=sys.stderr)
    return 1 if arguments.test and differing else 0


if __name__ == "__main__":
    raise SystemExit(main())
