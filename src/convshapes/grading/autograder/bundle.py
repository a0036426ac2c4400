"""Build the zip that Gradescope's programming assignments take: setup.sh and run_autograder at its root, the
master, the pinned runtime (requirements.lock as pip constraints) and convshapes itself as a wheel."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from importlib import resources
from pathlib import Path

import convshapes

from ..grade import GraderError, read_master
from .config import AutograderConfig

SCRIPTS = ("setup.sh", "run_autograder")
FIXED_TIME = (2020, 1, 1, 0, 0, 0)  # every entry gets the same timestamp: the same inputs make the same zip
FIXED_EPOCH = "1577836800"  # FIXED_TIME as SOURCE_DATE_EPOCH, which the wheel builder uses for its own entries


def build_autograder(master: Path, out: Path, config: AutograderConfig) -> list[str]:
    """Write the bundle for ``master`` to ``out`` (replaced whole, never half-written); return its file names."""
    _, found = read_master(master)
    if not found:
        raise GraderError(f"the master {master} has no graded questions: pass a notebook from solutions/.")
    root = project_root()
    with tempfile.TemporaryDirectory(prefix="convshapes-bundle-") as folder:
        wheel = build_wheel(root, Path(folder))
        entries = {
            **{name: (resources.files(__package__) / "files" / name).read_bytes() for name in SCRIPTS},
            "constraints.txt": (root / "requirements.lock").read_bytes(),
            config.master: master.read_bytes(),
            "convshapes-autograder.json": config.to_json().encode(),
            wheel.name: wheel.read_bytes(),
        }
        partial = out.with_name(f".{out.name}.tmp")
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as bundle:
            for name, data in entries.items():
                entry = zipfile.ZipInfo(name, FIXED_TIME)
                entry.external_attr = (0o100755 if name in SCRIPTS else 0o100644) << 16
                bundle.writestr(entry, data, zipfile.ZIP_DEFLATED)
        os.replace(partial, out)
    return list(entries)


def project_root() -> Path:
    """The source checkout convshapes runs from: the bundle's wheel and pins come from it."""
    root = Path(convshapes.__file__).resolve().parents[2]
    if not (root / "pyproject.toml").is_file() or not (root / "requirements.lock").is_file():
        raise GraderError(
            "convshapes autograder bundles convshapes from its source checkout, and none was found beside "
            f"{Path(convshapes.__file__).parent}: run it from a clone of the project (make .venv/.ready)."
        )
    return root


def build_wheel(root: Path, folder: Path) -> Path:
    """convshapes as a wheel, built by pip from a copy of the sources (the checkout is left as it was)."""
    copy = folder / "source"
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    shutil.copytree(root / "src", copy / "src", ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(root / name, copy / name)
    command = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation"]
    built = subprocess.run(
        [*command, "--wheel-dir", str(folder), str(copy)],
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": FIXED_EPOCH},
    )
    wheels = sorted(folder.glob("convshapes-*.whl"))
    if built.returncode != 0 or len(wheels) != 1:
        raise GraderError(f"pip could not build the convshapes wheel:\n{built.stderr[-2000:]}")
    return wheels[0]
