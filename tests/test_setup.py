"""The environment is pinned exactly, and the helper package depends only on what Colab already has."""

import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOCK = (ROOT / "requirements.lock").read_text().splitlines()
PINS = dict(line.split("==", 1) for line in LOCK if line and not line.startswith("#"))


def test_every_locked_requirement_is_an_exact_pin():
    assert all(
        re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[^=<>~ ]+", line) for line in LOCK if line and not line.startswith("#")
    )


def test_the_book_pins_tensorflow_with_keras_3_and_jupyter_book_1():
    assert PINS["tensorflow"].startswith("2.") and int(PINS["tensorflow"].split(".")[1]) >= 16
    assert PINS["keras"].startswith("3.")
    assert PINS["jupyter-book"].startswith("1.0.4")
    for tool in ("jupyterlab", "matplotlib", "nbval", "pytest", "hypothesis", "nbclient", "nbformat"):
        assert tool in PINS, tool


def test_convshapes_needs_only_numpy_matplotlib_and_keras():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert sorted(re.split(r"[<>=~ ]", requirement)[0] for requirement in project["dependencies"]) == [
        "keras",
        "matplotlib",
        "numpy",
    ]


def test_the_package_imports_no_tensorflow_at_module_level():
    sources = (ROOT / "src" / "convshapes").rglob("*.py")
    offenders = [
        path.name for path in sources if re.search(r"^(import tensorflow|from tensorflow)", path.read_text(), re.M)
    ]
    assert not offenders


def test_reading_a_notebook_compiles_no_iri_grammars():
    """jsonschema 4.24 to 4.26 import rfc3987_syntax eagerly, which compiles ~35 Lark grammars (about 1.4 s here) in
    every process that imports nbformat: each grading run, CLI call and book build (python-jsonschema/jsonschema#1428).
    No notebook schema checks the IRI formats it serves, so the lock pins jsonschema 4.23.0, which has no such import."""
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, nbformat; print(sorted(m for m in ('rfc3987_syntax', 'lark') if m in sys.modules))",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert probe.stdout.strip() == "[]"
    assert "rfc3987-syntax" not in PINS and "lark" not in PINS


def test_the_packages_lower_bounds_are_the_oldest_versions_a_tested_runtime_has():
    """pyproject.toml promises what the tests run: each bound is the lowest version any runtime profile pins."""
    from packaging.version import Version

    from convshapes.authoring.runtimes import ALL_PROFILES

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    bounds = dict(requirement.split(">=") for requirement in project["dependencies"])
    bounds |= dict(requirement.split(">=") for requirement in project["optional-dependencies"]["tensorflow"])
    for package, bound in bounds.items():
        assert bound == str(min(Version(profile.version_of(package)) for profile in ALL_PROFILES)), package
    oldest_python = min(ALL_PROFILES, key=lambda profile: Version(profile.python_version)).python_version
    assert project["requires-python"] == f">={oldest_python}"
