"""A stand-in for Gradescope's autograder harness, laid out as its specification describes
(https://gradescope-autograders.readthedocs.io/en/latest/specs/): the bundle unpacked in /autograder/source,
setup.sh run as root from there, then for each submission the upload in /autograder/submission and
/autograder/run_autograder run from /autograder, its output kept in /autograder/results/stdout.

/autograder is a folder of the test's, mounted by bubblewrap over a read-only copy of this machine's root;
run_autograder runs without network."""

from __future__ import annotations

import functools
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

from convshapes.authoring.runtimes import WHEELHOUSE, fill_wheelhouse

PYTHON_PREFIX = "/python3.11"
WHEELHOUSE_MOUNT = "/wheelhouse"


class GradescopeStandIn:
    """One autograder image: ``install`` a bundle (runs its setup.sh), then ``submit`` uploads to it."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.root = folder / "autograder"
        (self.root / "source").mkdir(parents=True)

    def install(self, bundle: Path) -> subprocess.CompletedProcess:
        """Unpack ``bundle`` into source/ (replacing an earlier one) and run its setup.sh, with network."""
        shutil.rmtree(self.root / "source")
        with zipfile.ZipFile(bundle) as archive:
            archive.extractall(self.root / "source")
            for entry in archive.infolist():  # zipfile drops the permission bits; Gradescope keeps them
                (self.root / "source" / entry.filename).chmod((entry.external_attr >> 16) & 0o777)
        shutil.copy2(self.root / "source" / "run_autograder", self.root / "run_autograder")
        shutil.rmtree(self.root / "convshapes-work", ignore_errors=True)
        # What setup.sh installs, downloaded once per machine into the wheelhouse its pip finds first.
        (wheel,) = (self.root / "source").glob("convshapes-*.whl")
        constraints = ["--constraint", str(self.root / "source" / "constraints.txt")]
        fill_wheelhouse(python_prefix() / "bin" / "python3.11", [*constraints, f"{wheel}[grading,tensorflow]"])
        return self._run(["bash", "/autograder/source/setup.sh"], "/autograder/source", network=True, timeout=1200)

    def submit(self, files: dict[str, bytes]) -> tuple[dict | None, str]:
        """Upload ``files`` (path -> content), run run_autograder, return results.json (None if missing) and stdout."""
        for name in ("submission", "results"):
            shutil.rmtree(self.root / name, ignore_errors=True)
            (self.root / name).mkdir()
        for name, content in files.items():
            (self.root / "submission" / name).parent.mkdir(parents=True, exist_ok=True)
            (self.root / "submission" / name).write_bytes(content)
        metadata = {"id": 1, "users": [{"email": "student@example.edu", "id": 1, "name": "A Student"}]}
        (self.root / "submission_metadata.json").write_text(json.dumps(metadata))
        run = self._run(["/autograder/run_autograder"], "/autograder", network=False, timeout=900)
        (self.root / "results" / "stdout").write_text(run.stdout)
        results = self.root / "results" / "results.json"
        return (json.loads(results.read_text()) if results.exists() else None), run.stdout

    def _run(self, command: list[str], cwd: str, network: bool, timeout: int) -> subprocess.CompletedProcess:
        arguments = ["bwrap", "--tmpfs", "/"]
        for entry in sorted(Path("/").iterdir()):
            if entry.name in ("proc", "dev", "tmp", "sys", "autograder"):
                continue
            if entry.is_symlink():
                arguments += ["--symlink", str(entry.readlink()), str(entry)]
            elif entry.is_dir():
                arguments += ["--ro-bind", str(entry), str(entry)]
        arguments += ["--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp", "--bind", str(self.root), "/autograder"]
        arguments += ["--ro-bind", str(python_prefix()), PYTHON_PREFIX]
        arguments += ["--die-with-parent", "--chdir", cwd] + ([] if network else ["--unshare-net"])
        environment = {"PATH": f"{PYTHON_PREFIX}/bin:/usr/local/bin:/usr/bin:/bin", "HOME": "/tmp", "LANG": "C.UTF-8"}
        if network:  # setup.sh's pip takes the wheels the runtime profiles already downloaded from their wheelhouse
            WHEELHOUSE.mkdir(parents=True, exist_ok=True)
            arguments += ["--ro-bind", str(WHEELHOUSE), WHEELHOUSE_MOUNT]
            environment["PIP_FIND_LINKS"] = WHEELHOUSE_MOUNT
        return subprocess.run(
            [*arguments, *command], capture_output=True, text=True, timeout=timeout, env=environment, check=False
        )


@functools.cache
def python_prefix() -> Path:
    """Where this machine's python3.11 is installed (asked once, not on each run: pyenv's shim is slow to start).
    pyenv keeps it under /root, which user nobody cannot enter, so the stand-in mounts it at PYTHON_PREFIX,
    world-readable, as a base image's /usr/bin/python3.11 is."""
    found = shutil.which("python3.11")
    if found is None:
        raise RuntimeError("the Gradescope stand-in needs python3.11 on PATH")
    prefix = subprocess.run(
        [found, "-c", "import sys; print(sys.base_prefix)"], capture_output=True, text=True, check=True
    ).stdout.strip()
    return Path(prefix)
