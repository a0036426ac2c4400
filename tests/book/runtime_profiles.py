"""Run the book's notebooks as a learner would on Colab, on a given runtime profile, and judge what they see.

A profile is a Python version and a set of pinned packages: "locked" is the book's own lock (plus the
CPU build of torch that `make test` installs), "colab" is Colab's published GPU runtime
(tests/colab_runtime.txt), which cannot run the notebooks that import torch. Each profile gets a virtual environment with
only those packages, cached by the hash of its Python and pins under _build/profile-venvs/ (or the folder
named by CONVSHAPES_PROFILE_VENVS, which `make bench` points at an empty one); test classes on several
xdist workers share it, built once under a file lock. Each notebook runs from an empty working folder in an
environment of its own that starts without convshapes (a venv layered over the profile's, see
`environment_without_convshapes`), with `google.colab` importable so that its first cell really installs
convshapes, from a wheel of this checkout instead of `git+https://github.com/...`.
"""

from __future__ import annotations

import ast
import copy
import hashlib
import os
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest
from filelock import FileLock
from nbval.plugin import coalesce_streams, get_sanitize_patterns, transform_streams_for_comparison
from notebook_files import ROOT

from convshapes.error_text import first_sentence

LOCKED = dict(line.split("==", 1) for line in (ROOT / "requirements.lock").read_text().splitlines() if "==" in line)
RUNNABLE = sorted(
    str(path.relative_to(ROOT)) for folder in ("notebooks", "solutions") for path in (ROOT / folder).glob("*.ipynb")
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
VENV_CACHE = Path(os.environ.get("CONVSHAPES_PROFILE_VENVS", ROOT / "_build" / "profile-venvs"))
# Set by .ci/run: a profile whose Python is missing fails instead of being skipped.
REQUIRE_ALL_PROFILES = os.environ.get("CONVSHAPES_REQUIRE_ALL_PROFILES") == "1"


@dataclass(frozen=True)
class Profile:
    name: str
    python_version: str  # "3.11"
    requirements: tuple[str, ...]
    left_out: tuple[str, ...] = ()  # notebooks this profile does not run; the reason is stated where it is defined

    @classmethod
    def from_file(cls, name: str, path: Path, left_out: tuple[str, ...] = ()) -> Profile:
        """Read a pinned profile file: a `python==X.Y` line and `package==version` lines; # comments."""
        lines = [line.split("#", 1)[0].strip() for line in path.read_text().splitlines()]
        pins = [line for line in lines if line]
        python = [pin.split("==", 1)[1] for pin in pins if pin.startswith("python==")]
        if len(python) != 1:
            raise ValueError(f"{path} must name exactly one Python version as a `python==X.Y` line")
        return cls(name, python[0], tuple(pin for pin in pins if not pin.startswith("python==")), left_out)

    def runnable(self) -> list[str]:
        """The book's runnable notebooks, less the ones this profile leaves out."""
        return [path for path in RUNNABLE if path not in self.left_out]


# The torch the notebooks that import it are tested with: the same pin as the Makefile's TORCH (a test checks
# it). On these machines and on CI pip takes the CPU build of that release from a local wheel.
TORCH_REQUIREMENT = "torch==2.13.0"
# The notebooks that import torch. Colab ships torch (2.11.0+cu128), but the colab profile cannot install any:
# there is no CPU build of torch for Python 3.13 that this machine or CI can download, only PyPI's CUDA builds
# of about 3 GB. So these notebooks run on the locked profile only (a test fails if this list names a
# notebook that does not exist, or misses one that imports torch).
NEEDS_TORCH = ("notebooks/10_coming_from_pytorch.ipynb",)

# nbval runs every chapter and solution on these very versions in the same test run, comparing every output with
# the stored one (stderr included), and the colab profile runs each of them from its own install cell in a fresh
# venv. So the locked profile runs in full only what no other profile runs: the notebooks that need torch (a test
# checks that every notebook runs on one profile or the other). It still runs every untouched exercise.
LOCKED_PROFILE = Profile(
    "locked",
    f"{sys.version_info.major}.{sys.version_info.minor}",
    (
        *(
            f"{name}=={LOCKED[name]}"
            for name in (
                "tensorflow",
                "keras",
                "tf_keras",
                "numpy",
                "matplotlib",
                "ipywidgets",
                "ipykernel",
                "nbclient",
            )
        ),
        TORCH_REQUIREMENT,
    ),
    left_out=tuple(path for path in RUNNABLE if path not in NEEDS_TORCH),
)
COLAB_PROFILE = Profile.from_file("colab", ROOT / "tests" / "colab_runtime.txt", left_out=NEEDS_TORCH)


def imports_torch(notebook: nbformat.NotebookNode) -> bool:
    """Whether a code cell of ``notebook`` imports torch or one of its modules."""
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        for node in ast.walk(ast.parse(cell.source)):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                modules = [node.module or ""]
            else:
                continue
            if any(module.split(".")[0] == "torch" for module in modules):
                return True
    return False


def run(command: list, **options) -> subprocess.CompletedProcess:
    result = subprocess.run([str(part) for part in command], capture_output=True, text=True, **options)
    assert result.returncode == 0, f"{' '.join(map(str, command))}\n{result.stdout[-3000:]}\n{result.stderr[-5000:]}"
    return result


def find_python(version: str) -> Path | None:
    """A working interpreter of this exact minor version: this one, one of pyenv's, or one on PATH."""
    if f"{sys.version_info.major}.{sys.version_info.minor}" == version:
        return Path(sys.executable)
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    candidates = [
        *sorted(pyenv.glob(f"{version}.*/bin/python{version}"), reverse=True),
        shutil.which(f"python{version}"),
    ]
    for candidate in filter(None, candidates):
        probe = subprocess.run(
            [str(candidate), "-c", "import sys, venv; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True,
            text=True,
        )
        if probe.returncode == 0 and probe.stdout.strip() == version:  # a pyenv shim may exist and not run
            return Path(candidate)
    return None


def colab_environment(home: Path) -> dict[str, str]:
    """The process environment of a Colab kernel: none of this project's or the test run's settings."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "PYTHONPATH",
            "VIRTUAL_ENV",
            "TF_CPP_MIN_LOG_LEVEL",
            "PYTHONHASHSEED",
            "PYTHONDONTWRITEBYTECODE",  # Colab's kernels cache bytecode; so do ours, in the profile venv
            "JUPYTER_PATH",
            "TF_ENABLE_ONEDNN_OPTS",
        }
    }
    env["JUPYTER_DATA_DIR"] = str(home / "jupyter")  # no user-level kernel spec can point elsewhere
    env.pop("MPLBACKEND", None)  # figures render inline, as on Colab, so that they can be compared
    return env


def profile_venv(profile: Profile, python: Path) -> Path:
    """A venv with exactly the profile's packages, reused while its Python and install command stay the same.

    Test classes of one profile may run on two xdist workers at once: the first builds the venv, the other
    waits on the lock and then reuses it. The notebooks never install into it (see
    `environment_without_convshapes`), so it never holds convshapes.
    """
    version = run([python, "-c", "import sys; print(sys.version)"]).stdout.strip()
    # --no-compile: pip would compile every module of TensorFlow and torch (half the install's time); the
    # kernels compile and cache only the modules the notebooks import, on first import.
    install = ["-m", "pip", "install", "--quiet", "--no-compile", "--disable-pip-version-check", *profile.requirements]
    digest = hashlib.sha256("\n".join([version, *install]).encode()).hexdigest()[:12]
    venv = VENV_CACHE / f"{profile.name}-{digest}"
    VENV_CACHE.mkdir(parents=True, exist_ok=True)
    with FileLock(VENV_CACHE / f"{venv.name}.lock"):
        if not (venv / ".ready").exists():
            shutil.rmtree(venv, ignore_errors=True)
            run([python, "-m", "venv", venv])
            run([venv / "bin" / "python", *install], timeout=1800)
            (venv / ".ready").touch()
    return venv


def site_packages(python: Path) -> Path:
    return Path(run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"]).stdout.strip())


def environment_without_convshapes(venv: Path, folder: Path) -> Path:
    """A fresh venv at ``folder`` that sees the profile venv's packages and has none of its own; its Python.

    Its own site-packages comes first on sys.path, so `pip install` in it installs there and leaves the shared
    profile venv untouched (no uninstall between notebooks, none under another worker's running notebook).
    The profile venv is added with `site.addsitedir` from a .pth file (the `site` module's documented hook),
    which also runs the profile venv's own .pth files, as they run in it.
    """
    run([venv / "bin" / "python", "-m", "venv", "--without-pip", folder])
    python = folder / "bin" / "python"
    shared = site_packages(venv / "bin" / "python")
    (site_packages(python) / "profile-venv.pth").write_text(f"import site; site.addsitedir({str(shared)!r})\n")
    return python


def build_wheel(home: Path) -> Path:
    """Build convshapes as `pip install git+...` would, from a clean copy (the checkout is left untouched)."""
    source = home / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "src", source / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            home / "wheel",
            source,
        ]
    )
    (wheel,) = (home / "wheel").glob("convshapes-*.whl")
    return wheel


class ProfileRun:
    """One profile's venv; executes each notebook once, as on Colab, and keeps the result."""

    def __init__(self, profile: Profile, home: Path, wheel: Path):
        python = find_python(profile.python_version)
        if python is None:
            reason = (
                f"the {profile.name} profile needs Python {profile.python_version}, which this machine lacks "
                f"(no python{profile.python_version} on PATH or in pyenv)"
            )
            if REQUIRE_ALL_PROFILES:
                pytest.fail(reason)
            pytest.skip(reason)
        self.home = home
        self.venv = profile_venv(profile, python)
        self.wheel = wheel
        self.env = colab_environment(home)
        (home / "runner.py").write_text(RUNNER)
        self._executed: dict[str, nbformat.NotebookNode] = {}
        self._failed: dict[str, str] = {}  # a notebook that failed once is not run again by the next test

    def python_for(self, path: str) -> Path:
        """The Python of the environment that ``path`` runs in."""
        return self.home / f"env__{path.replace('/', '__')}" / "bin" / "python"

    def execute(self, path: str) -> nbformat.NotebookNode:
        if path in self._failed:
            pytest.fail(f"{path} failed to run on this profile:\n{self._failed[path]}", pytrace=False)
        if path not in self._executed:
            python = environment_without_convshapes(self.venv, self.python_for(path).parents[1])
            missing = subprocess.run(
                [python, "-c", "import convshapes"], capture_output=True, env=self.env, cwd=self.home
            )
            assert missing.returncode != 0, "the environment must not have convshapes before the notebook installs it"
            name = path.replace("/", "__")
            source, output, workdir = (
                self.home / name,
                self.home / f"executed__{name}",
                self.home / f"content__{name}",
            )
            workdir.mkdir()  # an empty working folder, like Colab's /content
            nbformat.write(as_on_colab(nbformat.read(ROOT / path, as_version=4), self.wheel), source)
            try:
                run(
                    [python, self.home / "runner.py", source, output, workdir],
                    env=self.env,
                    cwd=workdir,
                    timeout=900,
                )
            except AssertionError as error:
                self._failed[path] = str(error)
                raise
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
