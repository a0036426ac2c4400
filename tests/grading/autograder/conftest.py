"""Bundles shared by the bundle tests and the Gradescope stand-in: each (master, options) is built once a session,
since every build runs ``pip wheel`` (about 2-3 s)."""

import hashlib
from pathlib import Path

import pytest
from grading.autograder.bundles import make_bundle
from notebook_files import ROOT


@pytest.fixture(scope="session")
def autograder_bundle(tmp_path_factory):
    """``bundle(master stem, *options)`` -> the zip ``convshapes autograder`` built, once per master content and
    options."""
    folder = tmp_path_factory.mktemp("bundles")
    built: dict[tuple, Path] = {}

    def bundle(master: str, *options: str) -> Path:
        path = ROOT / "solutions" / f"{master}.ipynb"
        key = (hashlib.sha256(path.read_bytes()).hexdigest(), options)
        if key not in built:
            out = folder / f"{master}-{len(built)}.zip"
            result = make_bundle(path, out, *options)
            assert result.returncode == 0, result.stderr
            built[key] = out
        return built[key]

    return bundle
