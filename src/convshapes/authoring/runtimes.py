"""The runtimes the book is tested on, and a virtual environment for each, as the tests and `make behaviours` use them.

A runtime profile is a Python version and pinned packages: "locked" is the book's own lock (plus the CPU build
of torch that `make test` installs); each "colab-<version>" profile is one of the runtime versions Colab
offers, as Colab publishes its packages (tests/runtimes/colab-*.txt, source commit in each file's header).
Each profile gets one venv with only those packages, cached by the hash of its Python and install command.
Every venv is installed from one wheelhouse (a folder of wheels that pip downloads into once and installs from
without an index), which the Gradescope stand-in's setup also reads, so a machine downloads each wheel once.
A wheelhouse rather than pip's HTTP cache: the registry these machines reach answers without caching headers
(no Cache-Control, ETag or Last-Modified), so pip's cache keeps nothing and every venv would download again.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock

from ..grading.autograder.bundle import project_root

ROOT = project_root()
RUNTIMES = ROOT / "tests" / "runtimes"
LOCKED = dict(line.split("==", 1) for line in (ROOT / "requirements.lock").read_text().splitlines() if "==" in line)
RUNNABLE = sorted(
    str(path.relative_to(ROOT)) for folder in ("notebooks", "solutions") for path in (ROOT / folder).glob("*.ipynb")
)
# The torch the notebooks that import it run with: the Makefile's TORCH (a test checks it). On these machines
# and on CI pip takes the CPU build of that release from a local wheel.
TORCH_REQUIREMENT = "torch==2.13.0"
# The notebooks that import torch (a test checks this list). Every Colab runtime ships a CUDA build of torch of
# several GB, and no CPU build of those releases for their Pythons can be downloaded here, so these notebooks
# run on the locked profile only.
NEEDS_TORCH = ("notebooks/10_coming_from_pytorch.ipynb",)
# What `make test` runs for real on a developer's machine: the lock and Colab's latest runtime, within its
# 15-minute budget (with Colab's oldest runtime as well it took 19.6 minutes on a fresh 2-core machine). The
# other runtimes' outputs are still checked there, against what behaviours.json records they print.
# `.ci/run` sets CONVSHAPES_REQUIRE_ALL_PROFILES=1: every profile runs, and a missing Python fails the run.
DEVELOPER_PROFILES = ("locked", "colab-latest")
REQUIRE_ALL_PROFILES = os.environ.get("CONVSHAPES_REQUIRE_ALL_PROFILES") == "1"
VENV_CACHE = Path(os.environ.get("CONVSHAPES_PROFILE_VENVS", ROOT / "_build" / "profile-venvs"))
WHEELHOUSE = ROOT / "_build" / "wheelhouse"


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

    def version_of(self, package: str) -> str:
        """The pinned version of ``package`` (``tf_keras`` and ``tf-keras`` are one name, as pip reads them)."""
        wanted = package.lower().replace("-", "_")
        for pin in self.requirements:
            name, _, version = pin.partition("==")
            if name.lower().replace("-", "_") == wanted:
                return version
        raise KeyError(f"the {self.name} profile pins no {package}")


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
)


def colab_profiles() -> list[Profile]:
    """Every Colab runtime version the book supports: the latest first, then the pinned ones, newest first."""
    paths = sorted(RUNTIMES.glob("colab-*.txt"), key=lambda path: (path.stem != "colab-latest", path.stem))
    latest, *pinned = paths
    return [Profile.from_file(path.stem, path, left_out=NEEDS_TORCH) for path in [latest, *reversed(pinned)]]


ALL_PROFILES = (LOCKED_PROFILE, *colab_profiles())


def selected_profiles() -> tuple[Profile, ...]:
    """The profiles this run tests: all of them on CI, DEVELOPER_PROFILES otherwise."""
    if REQUIRE_ALL_PROFILES:
        return ALL_PROFILES
    return tuple(profile for profile in ALL_PROFILES if profile.name in DEVELOPER_PROFILES)


def run(command: list, **options) -> subprocess.CompletedProcess:
    result = subprocess.run([str(part) for part in command], capture_output=True, text=True, **options)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, command))}\n{result.stdout[-3000:]}\n{result.stderr[-5000:]}")
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


def missing_python(profile: Profile) -> str:
    """Why ``profile`` cannot run on this machine."""
    return (
        f"the {profile.name} profile needs Python {profile.python_version}, which this machine lacks "
        f"(no python{profile.python_version} on PATH or in pyenv)"
    )


def fill_wheelhouse(python: Path, requirements: list[str]) -> None:
    """Download into the wheelhouse, for ``python``, every wheel ``requirements`` need that it does not hold yet."""
    WHEELHOUSE.mkdir(parents=True, exist_ok=True)
    with FileLock(WHEELHOUSE.with_suffix(".lock")):  # each wheel is written once, by whoever asks first
        download = ["-m", "pip", "download", "--quiet", "--disable-pip-version-check", "--dest", WHEELHOUSE]
        run([python, *download, "--find-links", WHEELHOUSE, *requirements], timeout=1800)


def install_from_wheelhouse(python: Path, requirements: tuple[str, ...]) -> None:
    """Install ``requirements`` with ``python``'s pip from the wheelhouse alone, filling it first."""
    fill_wheelhouse(python, list(requirements))
    # --no-compile: pip would compile every module of TensorFlow and torch (half the install's time); the
    # kernels compile and cache only the modules the notebooks import, on first import.
    install = ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-index", "--no-compile"]
    run([python, *install, "--find-links", WHEELHOUSE, *requirements], timeout=1800)


def profile_venv(profile: Profile, python: Path) -> Path:
    """A venv with exactly the profile's packages, reused while its Python and install command stay the same.

    Several processes may want it at once (test workers, the background build, `make behaviours`): the first
    builds it, the others wait on its lock and then reuse it. Nothing ever installs into it afterwards.
    """
    version = run([python, "-c", "import sys; print(sys.version)"]).stdout.strip()
    digest = hashlib.sha256("\n".join([version, *profile.requirements]).encode()).hexdigest()[:12]
    venv = VENV_CACHE / f"{profile.name}-{digest}"
    VENV_CACHE.mkdir(parents=True, exist_ok=True)
    with FileLock(VENV_CACHE / f"{venv.name}.lock"):
        if not (venv / ".ready").exists():
            shutil.rmtree(venv, ignore_errors=True)
            run([python, "-m", "venv", venv])
            install_from_wheelhouse(venv / "bin" / "python", profile.requirements)
            (venv / ".ready").touch()
    return venv


def build_profile_venvs(profiles: tuple[Profile, ...]) -> None:
    """Build the venvs of ``profiles`` whose Python this machine has, one after another (the tests wait on each)."""
    for profile in profiles:
        python = find_python(profile.python_version)
        if python is not None:
            profile_venv(profile, python)


def site_packages(python: Path) -> Path:
    return Path(run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"]).stdout.strip())


def layered_environment(venv: Path, folder: Path) -> Path:
    """A fresh venv at ``folder`` that sees the profile venv's packages and has none of its own; its Python.

    Its own site-packages comes first on sys.path, so `pip install` in it installs there and leaves the shared
    profile venv untouched. The profile venv is added with `site.addsitedir` from a .pth file (the `site`
    module's documented hook), which also runs the profile venv's own .pth files, as they run in it.
    """
    run([venv / "bin" / "python", "-m", "venv", "--without-pip", folder])
    python = folder / "bin" / "python"
    shared = site_packages(venv / "bin" / "python")
    (site_packages(python) / "profile-venv.pth").write_text(f"import site; site.addsitedir({str(shared)!r})\n")
    return python


# Runs inside a profile's Python, with that profile's nbclient: argv is the notebook, where to write it executed,
# the working folder, and "allow-errors" or "stop-on-error" (cells tagged raises-exception may fail either way).
NOTEBOOK_RUNNER = """
import sys
import nbformat
from nbclient import NotebookClient

notebook = nbformat.read(sys.argv[1], as_version=4)
client = NotebookClient(
    notebook, timeout=600, kernel_name="python3", allow_errors=sys.argv[4] == "allow-errors",
    resources={"metadata": {"path": sys.argv[3]}},
)
client.execute()
nbformat.write(notebook, sys.argv[2])
"""


def run_notebook(python: Path, source: Path, folder: Path, env: dict[str, str], allow_errors: bool = False) -> Path:
    """Execute the notebook ``source`` with ``python``'s nbclient and kernel, in ``folder``; the executed copy's path."""
    runner, executed = folder.parent / f"{folder.name}-runner.py", folder.parent / f"{folder.name}-executed.ipynb"
    runner.write_text(NOTEBOOK_RUNNER)
    mode = "allow-errors" if allow_errors else "stop-on-error"
    run([python, runner, source, executed, folder, mode], env=env, cwd=folder, timeout=900)
    return executed


def colab_environment(home: Path) -> dict[str, str]:
    """The process environment of a Colab kernel: none of this project's or the test run's settings."""
    left_out = {
        "PYTHONPATH",
        "VIRTUAL_ENV",
        "TF_CPP_MIN_LOG_LEVEL",
        "PYTHONHASHSEED",
        "PYTHONDONTWRITEBYTECODE",  # Colab's kernels cache bytecode; so do ours, in the profile venv
        "JUPYTER_PATH",
        "TF_ENABLE_ONEDNN_OPTS",
        "MPLBACKEND",  # figures render inline, as on Colab, so that they can be compared
    }
    env = {key: value for key, value in os.environ.items() if key not in left_out}
    env["JUPYTER_DATA_DIR"] = str(home / "jupyter")  # no user-level kernel spec can point elsewhere
    return env
