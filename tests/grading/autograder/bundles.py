"""Build autograder bundles with ``convshapes autograder``, as an instructor does."""

import subprocess
import sys
from pathlib import Path


def make_bundle(master: Path, out: Path, *options: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "convshapes.cli", "autograder", str(master), "--out", str(out), *options]
    return subprocess.run(command, capture_output=True, text=True, timeout=300)
