"""``%load_ext convshapes`` in a real kernel (nbclient), with the lock's IPython and with Colab's IPython 7.34:
a failing cell is followed by the doctor's or the decoder's advice, other cells are untouched, and unloading
restores IPython's own handling."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from notebook_files import ROOT

from convshapes.authoring.runtimes import colab_environment, colab_profiles, find_python, profile_venv, run_notebook
from convshapes.doctor.extension import HEADER

COLAB_IPYTHON_7 = next(profile for profile in colab_profiles() if profile.name == "colab-2025.07")
"""Colab's runtime 2025.07: IPython 7.34 and Keras 3.8."""

CELLS = {
    "load": "%load_ext convshapes",
    "sequential": (
        "import keras\nfrom keras import layers\n\n"
        "keras.Sequential([keras.Input(shape=(28, 28)), layers.Conv2D(8, 3), layers.Flatten(), layers.Dense(10)])"
    ),
    "message": (
        'raise ValueError(\'Input 0 of layer "conv2d" is incompatible with the layer: expected min_ndim=4, '
        "found ndim=3. Full shape received: (None, 28, 28)')"
    ),
    "other error": "1 / 0",
    "syntax": "x = (",
    "fine": "print('fine')",
    "unload": "%unload_ext convshapes",
    "after": "keras.Sequential([keras.Input(shape=(28, 28)), layers.Conv2D(8, 3)])",
}


def python_of(runtime: str) -> Path:
    if runtime == "lock":
        return Path(sys.executable)
    python = find_python(COLAB_IPYTHON_7.python_version)
    if python is None:
        pytest.skip(f"no Python {COLAB_IPYTHON_7.python_version} for the {COLAB_IPYTHON_7.name} profile")
    return profile_venv(COLAB_IPYTHON_7, python) / "bin" / "python"


def executed(runtime: str, folder: Path) -> dict[str, list]:
    """Run CELLS in a fresh kernel of ``runtime``; the outputs of each cell, by its key."""
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source) for source in CELLS.values()])
    source = folder / "extension.ipynb"
    nbformat.write(notebook, source)
    work = folder / "work"
    work.mkdir()
    env = colab_environment(folder) | {"PYTHONPATH": str(ROOT / "src"), "TF_CPP_MIN_LOG_LEVEL": "3"}
    result = nbformat.read(run_notebook(python_of(runtime), source, work, env, allow_errors=True), as_version=4)
    return {key: cell.outputs for key, cell in zip(CELLS, result.cells)}


def stdout(outputs: list) -> str:
    return "".join(output.text for output in outputs if output.output_type == "stream" and output.name == "stdout")


def errors(outputs: list) -> list[str]:
    return [output.ename for output in outputs if output.output_type == "error"]


@pytest.fixture(scope="module", params=["lock", "colab-2025.07"])
def outputs(request, tmp_path_factory) -> dict[str, list]:
    return executed(request.param, tmp_path_factory.mktemp(request.param))


def test_a_failing_model_shows_its_traceback_then_the_doctors_checked_fixes(outputs):
    assert errors(outputs["sequential"]) == ["ValueError"]
    text = stdout(outputs["sequential"])
    assert text.startswith(HEADER)
    assert "Problem at layer 1: conv2d (Conv2D) needs 4 axes (batch, height, width, channels)" in text
    assert "layers.Reshape((28, 28, 1))" in text and "Recognised:" in text
    kinds = [output.output_type for output in outputs["sequential"] if output.get("name") != "stderr"]
    assert kinds.index("error") < kinds.index("stream"), "the advice comes after the traceback"


def test_a_known_message_without_a_model_shows_the_decoders_explanation(outputs):
    assert errors(outputs["message"]) == ["ValueError"]
    text = stdout(outputs["message"])
    assert text.startswith(HEADER) and "Recognised:" in text and "Problem at layer" not in text


def test_other_errors_and_cells_that_do_not_fail_are_untouched(outputs):
    assert errors(outputs["other error"]) == ["ZeroDivisionError"] and stdout(outputs["other error"]) == ""
    assert errors(outputs["syntax"]) == ["SyntaxError"] and stdout(outputs["syntax"]) == ""
    assert stdout(outputs["fine"]) == "fine\n" and errors(outputs["fine"]) == []
    assert outputs["load"] == [] and outputs["unload"] == []


def test_unloading_restores_ipythons_own_handling(outputs):
    assert errors(outputs["after"]) == ["ValueError"] and stdout(outputs["after"]) == ""


def test_loading_the_extension_imports_neither_keras_nor_numpy():
    probe = (
        "import sys\nfrom IPython.testing.globalipapp import get_ipython\nshell = get_ipython()\n"
        "heavy = lambda: {m for m in sys.modules if m.split('.')[0] in ('keras', 'numpy', 'tensorflow')}\n"
        "before = heavy()\nshell.run_line_magic('load_ext', 'convshapes')\nprint(sorted(heavy() - before))"
    )
    env = os.environ | {"PYTHONPATH": str(ROOT / "src")}
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True)
    assert result.stdout.strip().splitlines()[-1] == "[]"
