"""Every chapter and solution runs top to bottom on what Colab provides, plus what its own first cell installs.

A fresh virtual environment gets only Colab's relevant packages (tensorflow at the locked version,
ipywidgets, matplotlib, and the ipykernel/nbclient that run notebooks). Each notebook is executed in it
from an empty working folder, as on Colab, with `google.colab` importable so that its first cell
really installs `convshapes`, from a wheel of this checkout instead of `git+https://github.com/...`.
The first run downloads TensorFlow (about 2 minutes); later runs take it from pip's cache.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
LOCKED = dict(
    line.split("==", 1) for line in (ROOT / "requirements.lock").read_text().splitlines() if "==" in line
)
COLAB_PACKAGES = [f"tensorflow=={LOCKED['tensorflow']}", "ipywidgets", "matplotlib", "ipykernel", "nbclient"]
RUNNABLE = sorted(str(path.relative_to(ROOT)) for folder in ("notebooks", "solutions") for path in (ROOT / folder).glob("*.ipynb"))
EVERY_NOTEBOOK = sorted(
    str(path.relative_to(ROOT)) for folder in ("notebooks", "exercises", "solutions") for path in (ROOT / folder).glob("*.ipynb")
)
GIT_INSTALL = re.compile(r"convshapes @ git\+https://github\.com/[^\"']+")
PRETEND_COLAB = 'import sys, types\nsys.modules["google.colab"] = types.ModuleType("google.colab")\n'
WHERE_AM_I = "import sys\nimport convshapes\nprint(sys.executable)\nprint(convshapes.__file__)"
RUNNER = """
import sys
import nbformat
from nbclient import NotebookClient

notebook = nbformat.read(sys.argv[1], as_version=4)
NotebookClient(notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": sys.argv[3]}}).execute()
nbformat.write(notebook, sys.argv[2])
"""


def run(command: list[str], **options) -> subprocess.CompletedProcess:
    result = subprocess.run(command, capture_output=True, text=True, **options)
    assert result.returncode == 0, f"{' '.join(command)}\n{result.stdout[-3000:]}\n{result.stderr[-5000:]}"
    return result


def colab_environment(home: Path) -> dict[str, str]:
    """The process environment of a Colab kernel: none of this project's or the test run's settings."""
    env = {key: value for key, value in os.environ.items()
           if key not in {"PYTHONPATH", "VIRTUAL_ENV", "TF_CPP_MIN_LOG_LEVEL", "PYTHONHASHSEED", "JUPYTER_PATH"}}
    env["JUPYTER_DATA_DIR"] = str(home / "jupyter")  # no user-level kernel spec can point elsewhere
    env["MPLBACKEND"] = "agg"
    return env


@pytest.fixture(scope="module")
def colab(tmp_path_factory):
    """A fresh venv with Colab's packages and a wheel of this checkout; returns (python, wheel, env)."""
    home = tmp_path_factory.mktemp("colab")
    venv = home / "venv"
    run([sys.executable, "-m", "venv", str(venv)])
    python = venv / "bin" / "python"
    run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *COLAB_PACKAGES], timeout=1800)
    # Build the wheel as `pip install git+...` would, from a clean copy (the checkout is left untouched).
    source = home / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "src", source / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", str(home / "wheel"), str(source)])
    (wheel,) = (home / "wheel").glob("convshapes-*.whl")
    (home / "runner.py").write_text(RUNNER)
    env = colab_environment(home)
    missing = subprocess.run([str(python), "-c", "import convshapes"], capture_output=True, env=env, cwd=home)
    assert missing.returncode != 0, "the fresh environment must not have convshapes before a notebook installs it"
    return {"home": home, "python": python, "wheel": wheel, "env": env}


def as_on_colab(notebook: nbformat.NotebookNode, wheel: Path) -> nbformat.NotebookNode:
    """The notebook with `google.colab` present and its install cell pointed at the local wheel."""
    install_cells = [cell for cell in notebook.cells if cell.cell_type == "code" and "google.colab" in cell.source]
    assert install_cells, "no setup cell that installs convshapes on Colab"
    first = install_cells[0]
    assert first is next(cell for cell in notebook.cells if cell.cell_type == "code"), "the install cell must come first"
    assert len(GIT_INSTALL.findall(first.source)) == 1, "the install cell must pip install convshapes from the repository"
    first.source = PRETEND_COLAB + GIT_INSTALL.sub(f"convshapes @ {wheel.as_uri()}", first.source)
    notebook.cells.append(nbformat.v4.new_code_cell(WHERE_AM_I))
    return notebook


_executed: dict[str, nbformat.NotebookNode] = {}


def execute_on_colab(colab, path: str) -> nbformat.NotebookNode:
    if path not in _executed:
        home, python = colab["home"], str(colab["python"])
        run([python, "-m", "pip", "uninstall", "--quiet", "--yes", "convshapes"], env=colab["env"])
        name = path.replace("/", "__")
        source, output, workdir = home / name, home / f"executed__{name}", home / f"content__{Path(path).stem}"
        workdir.mkdir()  # an empty working folder, like Colab's /content
        nbformat.write(as_on_colab(nbformat.read(ROOT / path, as_version=4), colab["wheel"]), source)
        run([python, str(home / "runner.py"), str(source), str(output), str(workdir)], env=colab["env"], cwd=workdir, timeout=900)
        _executed[path] = nbformat.read(output, as_version=4)
    return _executed[path]


@pytest.mark.parametrize("path", RUNNABLE)
def test_notebook_runs_top_to_bottom_on_colab_packages_plus_its_own_install(colab, path):
    notebook = execute_on_colab(colab, path)
    where = "".join(output.get("text", "") for output in notebook.cells[-1].outputs).split()
    assert where[0] == str(colab["python"]), "the notebook ran in another Python"
    assert "/site-packages/convshapes/" in where[1], f"convshapes came from {where[1]}, not from the notebook's install"


@pytest.mark.parametrize("path", RUNNABLE)
def test_notebook_shows_no_stderr_on_colab_outside_expected_warnings(colab, path):
    notebook = execute_on_colab(colab, path)
    noisy = [
        index for index, cell in enumerate(notebook.cells)
        if cell.cell_type == "code" and "expected-warning" not in cell.metadata.get("tags", [])
        and any(output.get("name") == "stderr" for output in cell.get("outputs", []))
    ]
    assert noisy == [], f"cells {noisy} write to stderr on Colab"


@pytest.mark.parametrize("path", EVERY_NOTEBOOK)
def test_notebook_asks_colab_for_a_gpu_runtime(path):
    metadata = nbformat.read(ROOT / path, as_version=4).metadata
    assert metadata.get("accelerator") == "GPU"
    assert metadata.get("colab", {}).get("gpuType"), "Colab picks the GPU type from metadata.colab.gpuType"
