"""Outputs as any machine would show them: installed packages' paths written as ``<site-packages>/``."""

from __future__ import annotations

import re

import nbformat

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
