"""Run the book's notebooks as a learner would on Colab, on a given runtime profile, and judge what they see.

The profiles and their venvs are convshapes.authoring.runtimes'. Each notebook runs from an empty working folder
in an environment of its own that starts without convshapes (a venv layered over the profile's), with
`google.colab` importable so that its first cell really installs convshapes, from a wheel of this checkout
instead of `git+https://github.com/...`.
"""

from __future__ import annotations

import ast
import copy
import re
import subprocess
from collections import defaultdict
from pathlib import Path

import nbformat
import pytest
from nbval.plugin import coalesce_streams, get_sanitize_patterns, transform_streams_for_comparison
from notebook_files import ROOT

from convshapes.authoring.runtimes import (
    REQUIRE_ALL_PROFILES,
    Profile,
    colab_environment,
    find_python,
    layered_environment,
    missing_python,
    profile_venv,
    run_notebook,
)
from convshapes.error_text import first_sentence
from convshapes.notebook.cell_names import as_python

GIT_INSTALL = re.compile(r"convshapes @ git\+https://github\.com/[^\"']+")
PRETEND_COLAB = 'import sys, types\nsys.modules["google.colab"] = types.ModuleType("google.colab")\n'
WHERE_AM_I = "import sys\nimport convshapes\nprint(sys.executable)\nprint(convshapes.__file__)"
# What nbval leaves out of its comparison (nbval.plugin.IPyNbFile.skip_compare, images included).
NOT_COMPARED = {
    "metadata",
    "traceback",
    "prompt_number",
    "output_type",
    "name",
    "execution_count",
    "application/vnd.jupyter.widget-view+json",
    "image/png",
    "image/jpeg",
}
SANITIZE = get_sanitize_patterns((ROOT / "tests" / "nbval_sanitize.cfg").read_text())


class ProfileRun:
    """One profile's venv; executes each notebook once, as on Colab, and keeps the result."""

    def __init__(self, profile: Profile, home: Path, wheel: Path):
        python = find_python(profile.python_version)
        if python is None:
            reason = missing_python(profile)
            if REQUIRE_ALL_PROFILES:
                pytest.fail(reason)
            pytest.skip(reason)
        self.home = home
        self.venv = profile_venv(profile, python)
        self.wheel = wheel
        self.env = colab_environment(home)
        self._executed: dict[str, nbformat.NotebookNode] = {}
        self._failed: dict[str, str] = {}  # a notebook that failed once is not run again by the next test

    def python_for(self, path: str) -> Path:
        """The Python of the environment that ``path`` runs in."""
        return self.home / f"env__{path.replace('/', '__')}" / "bin" / "python"

    def execute(self, path: str) -> nbformat.NotebookNode:
        if path in self._failed:
            pytest.fail(f"{path} failed to run on this profile:\n{self._failed[path]}", pytrace=False)
        if path not in self._executed:
            python = layered_environment(self.venv, self.python_for(path).parents[1])
            missing = subprocess.run(
                [python, "-c", "import convshapes"], capture_output=True, env=self.env, cwd=self.home
            )
            assert missing.returncode != 0, "the environment must not have convshapes before the notebook installs it"
            name = path.replace("/", "__")
            source, workdir = self.home / name, self.home / f"content__{name}"
            workdir.mkdir()  # an empty working folder, like Colab's /content
            nbformat.write(as_on_colab(nbformat.read(ROOT / path, as_version=4), self.wheel), source)
            try:
                output = run_notebook(python, source, workdir, self.env)
            except RuntimeError as error:
                self._failed[path] = str(error)
                pytest.fail(str(error), pytrace=False)
            self._executed[path] = nbformat.read(output, as_version=4)
        return self._executed[path]


def as_on_colab(notebook: nbformat.NotebookNode, wheel: Path) -> nbformat.NotebookNode:
    """The notebook with `google.colab` present and its install cell pointed at the local wheel."""
    install_cells = [cell for cell in notebook.cells if cell.cell_type == "code" and "google.colab" in cell.source]
    assert install_cells, "no setup cell that installs convshapes on Colab"
    first = install_cells[0]
    assert first is next(cell for cell in notebook.cells if cell.cell_type == "code"), (
        "the install cell must come first"
    )
    assert len(GIT_INSTALL.findall(first.source)) == 1, (
        "the install cell must pip install convshapes from the repository"
    )
    first.source = PRETEND_COLAB + GIT_INSTALL.sub(f"convshapes @ {wheel.as_uri()}", first.source)
    notebook.cells.append(nbformat.v4.new_code_cell(WHERE_AM_I))
    return notebook


def where_it_ran(executed: nbformat.NotebookNode) -> tuple[str, str]:
    """(sys.executable, convshapes.__file__) as printed by the cell `as_on_colab` appends."""
    python, module = "".join(output.get("text", "") for output in executed.cells[-1].outputs).split()
    return python, module


def sanitize(text):
    if not isinstance(text, str):
        return text
    for regex, replace in SANITIZE:
        text = re.sub(regex, replace, text)
    return text


def compared_outputs(outputs) -> dict[str, list]:
    """A cell's outputs as nbval compares them: streams merged, sanitized, uncompared keys dropped."""
    flat = defaultdict(list)
    for output in transform_streams_for_comparison(coalesce_streams(copy.deepcopy(outputs))):
        for key, value in output.items():
            if key == "data":
                for kind, data in value.items():
                    if kind not in NOT_COMPARED:
                        flat[kind].append(sanitize(data))
            elif key not in NOT_COMPARED:
                flat[key].append(sanitize(value))
    return dict(flat)


def output_differences(committed: nbformat.NotebookNode, executed: nbformat.NotebookNode) -> list[str]:
    """The code cells whose fresh outputs differ from the committed ones under nbval's rules."""
    differences = []
    for index, (stored, fresh) in enumerate(zip(committed.cells, executed.cells)):
        if stored.cell_type != "code" or {"nbval-ignore-output", "nbval-skip"} & set(stored.metadata.get("tags", [])):
            continue
        expected, seen = compared_outputs(stored.outputs), compared_outputs(fresh.outputs)
        if expected != seen:
            differences.append(
                f"cell {index} ({stored.source.splitlines()[0]!r}):\n  stored {expected}\n  seen   {seen}"
            )
    return differences


def stderr_outside_expected_warnings(executed: nbformat.NotebookNode) -> list[int]:
    return [
        index
        for index, cell in enumerate(executed.cells)
        if cell.cell_type == "code"
        and "expected-warning" not in cell.metadata.get("tags", [])
        and any(output.get("name") == "stderr" for output in cell.get("outputs", []))
    ]


def unquoted_errors(notebook: nbformat.NotebookNode) -> list[str]:
    """Errors whose first sentence, as this run raised it, appears nowhere in the notebook's prose."""

    def plain(text: str) -> str:
        return " ".join(text.replace("`", "").split())

    prose = plain(" ".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown"))
    errors = [
        output
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if output.output_type == "error"
    ]
    return [
        f"{error.ename}: {first_sentence(error.evalue)}"
        for error in errors
        if plain(first_sentence(error.evalue)) not in prose
    ]


def imports_torch(notebook: nbformat.NotebookNode) -> bool:
    """Whether a code cell of ``notebook`` imports torch or one of its modules."""
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        for node in ast.walk(ast.parse(as_python(cell.source))):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                modules = [node.module or ""]
            else:
                continue
            if any(module.split(".")[0] == "torch" for module in modules):
                return True
    return False
