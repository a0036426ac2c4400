"""The canonical form of the book's notebooks: fixed metadata and sorted-key JSON, so diffs stay readable."""

from __future__ import annotations

from pathlib import Path

import nbformat

NOTEBOOK_METADATA = {
    "accelerator": "GPU",
    "colab": {"gpuType": "T4", "provenance": [], "toc_visible": True},
    "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
    "language_info": {"name": "python"},
}
KEPT_NOTEBOOK_METADATA = ("mystnb",)
KEPT_CELL_METADATA = ("tags", "mystnb", "convshapes", "editable", "deletable")


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
        if "outputs" in cell:
            cell.outputs = _merged_streams(cell.outputs)
    return notebook


def _merged_streams(outputs: list) -> list:
    """Consecutive pieces of one stream as one output: how a kernel happened to flush a print is not content."""
    merged = []
    for output in outputs:
        previous = merged[-1] if merged else None
        if (
            output.output_type == "stream"
            and previous is not None
            and previous.output_type == "stream"
            and previous.name == output.name
        ):
            previous.text += output.text
        else:
            merged.append(output)
    return merged


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
