"""`make behaviours`: measure what every example of the book does on every runtime, and record it in one file.

An example is a code cell that fails on purpose (tagged ``raises-exception``) or one whose silent outcome differs
between runtimes (tagged ``behaviour``: a layer that builds but returns another shape, or an empty tensor). Each
notebook that holds one runs on every runtime profile (convshapes.authoring.runtimes), with TensorFlow's oneDNN
forced off and on, and src/convshapes/data/behaviours.json records, for each example and setting, the exception
and its message, or what the cell printed. The tests check the chapters' prose, the nbval sanitizer and the
error decoder against that file, and the file against the notebooks. Adding a runtime is a profile file and
`make behaviours`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import nbformat
from filelock import FileLock

from ..error_text import without_colours
from ..notebook.execute import thread_share
from ..notebook.machine_paths import without_machine_paths
from .runtimes import (
    ALL_PROFILES,
    ROOT,
    RUNNABLE,
    Profile,
    colab_environment,
    find_python,
    missing_python,
    profile_venv,
    run_notebook,
)

BEHAVIOURS = ROOT / "src" / "convshapes" / "data" / "behaviours.json"
EXAMPLE_TAGS = {"raises-exception", "behaviour"}
ONEDNN = {"off": "0", "on": "1"}
VERSIONS_SHOWN = ("tensorflow", "keras", "tf_keras", "numpy")
_ADDRESS = re.compile(r"0x[0-9a-fA-F]{6,16}")


@dataclass(frozen=True)
class Setting:
    """One way of running the book: a runtime profile, with oneDNN off or on."""

    profile: Profile
    onednn: str  # "off" or "on"

    @property
    def name(self) -> str:
        return f"{self.profile.name} oneDNN {self.onednn}"


def example_key(path: str, cell: nbformat.NotebookNode) -> str:
    return f"{path}#{cell.id}"


def source_digest(source: str) -> str:
    return hashlib.sha256(source.encode()).hexdigest()[:16]


def examples(path: str) -> list[nbformat.NotebookNode]:
    """The example cells of the notebook at ``path`` (relative to the checkout)."""
    notebook = nbformat.read(ROOT / path, as_version=4)
    return [cell for cell in notebook.cells if is_example(cell)]


def is_example(cell: nbformat.NotebookNode) -> bool:
    """A code cell whose outcome the behaviour file records: it fails on purpose, or differs between runtimes."""
    return cell.cell_type == "code" and bool(EXAMPLE_TAGS & set(cell.metadata.get("tags", [])))


def portable(text: str) -> str:
    """``text`` as any machine would print it: no colour codes, machine paths or memory addresses."""
    return _ADDRESS.sub("0xADDRESS", without_machine_paths(without_colours(text)))


def outcome(cell: nbformat.NotebookNode) -> dict[str, str]:
    """What an executed example did: the exception it raised, or what it printed."""
    for output in cell.get("outputs", []):
        if output.output_type == "error":
            return {"raises": output.ename, "message": portable(output.evalue)}
    printed = []
    for output in cell.get("outputs", []):
        if output.output_type == "stream" and output.name == "stdout":
            printed.append(output.text)
        elif "text/plain" in output.get("data", {}):
            printed.append(output.data["text/plain"] + "\n")
    return {"prints": portable("".join(printed))}


def measure(setting: Setting, paths: list[str], python: Path) -> dict[str, dict[str, str]]:
    """Run each notebook of ``paths`` on ``setting``; the outcome of each of their examples."""
    found = {}
    with tempfile.TemporaryDirectory(prefix="convshapes-behaviours-") as folder:
        home = Path(folder)
        env = colab_environment(home) | thread_share(2)
        env |= {"PYTHONPATH": str(ROOT / "src"), "TF_ENABLE_ONEDNN_OPTS": ONEDNN[setting.onednn]}
        env |= {"PYTHONHASHSEED": "0", "CUDA_VISIBLE_DEVICES": "-1"}
        for path in paths:
            workdir = home / path.replace("/", "__").removesuffix(".ipynb")
            workdir.mkdir()
            print(f"{setting.name}: {path}", file=sys.stderr)
            executed = nbformat.read(run_notebook(python, ROOT / path, workdir, env, allow_errors=True), as_version=4)
            for cell in executed.cells:
                if is_example(cell):
                    found[example_key(path, cell)] = outcome(cell)
    return found


def grouped(outcomes: dict[str, dict[str, str]]) -> list[dict]:
    """Settings with the same outcome, listed once: [{"settings": [...], "raises": ..., "message": ...}, ...]."""
    groups: dict[str, dict] = {}
    for name, result in outcomes.items():
        groups.setdefault(json.dumps(result, sort_keys=True), {"settings": [], **result})["settings"].append(name)
    return sorted(groups.values(), key=lambda group: group["settings"])


def record(measured: dict[str, dict[str, dict[str, str]]], settings: list[Setting]) -> dict:
    """The behaviour file's content for the measured settings, examples in notebook order."""
    examples_found = {}
    for path in sorted({key.split("#", 1)[0] for results in measured.values() for key in results}):
        for cell in examples(path):
            key = example_key(path, cell)
            outcomes = {name: results[key] for name, results in measured.items() if key in results}
            examples_found[key] = {
                "source": source_digest(cell.source),
                "first_line": cell.source.splitlines()[0],
                "outcomes": grouped(outcomes),
            }
    runtimes = {
        profile.name: {"python": profile.python_version, **{name: profile.version_of(name) for name in VERSIONS_SHOWN}}
        for profile in dict.fromkeys(setting.profile for setting in settings)
    }
    return {"runtimes": runtimes, "settings": [setting.name for setting in settings], "examples": examples_found}


def notebooks_with_examples(profile: Profile, wanted: list[str]) -> list[str]:
    return [path for path in profile.runnable() if examples(path) and (not wanted or path in wanted)]


def merged(previous: dict, measured: dict, paths: list[str]) -> dict:
    """``measured`` (the examples of ``paths``) in place of what ``previous`` recorded for those notebooks."""
    kept = {key: value for key, value in previous.get("examples", {}).items() if key.split("#", 1)[0] not in paths}
    every = kept | measured["examples"]
    return measured | {"examples": {key: every[key] for key in sorted(every, key=lambda key: key.split("#", 1)[0])}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", help="measure only these notebooks (default: every notebook)")
    parser.add_argument("--jobs", type=int, default=2, help="settings measured at once (default 2)")
    arguments = parser.parse_args(argv)
    wanted = [str(Path(path).resolve().relative_to(ROOT)) for path in arguments.notebooks]
    unknown = [path for path in wanted if path not in RUNNABLE]
    if unknown:
        print(f"make behaviours: not a chapter or solution of the book: {', '.join(unknown)}")
        return 2
    settings = [Setting(profile, onednn) for profile in ALL_PROFILES for onednn in ONEDNN]
    pythons = {}
    for profile in ALL_PROFILES:  # one after another: each download goes into the shared wheel cache once
        python = find_python(profile.python_version)
        if python is None:
            print(f"make behaviours: {missing_python(profile)}; install it (pyenv install {profile.python_version}).")
            return 1
        pythons[profile.name] = profile_venv(profile, python) / "bin" / "python"

    def measure_one(setting: Setting) -> tuple[str, dict]:
        paths = notebooks_with_examples(setting.profile, wanted)
        return setting.name, measure(setting, paths, pythons[setting.profile.name])

    with ThreadPoolExecutor(arguments.jobs) as pool:
        measured = record(dict(pool.map(measure_one, settings)), settings)
    (ROOT / "_build").mkdir(exist_ok=True)
    # Under a lock, so that two authors re-measuring different notebooks at once keep both results.
    with FileLock(ROOT / "_build" / "behaviours.lock"):
        previous = json.loads(BEHAVIOURS.read_text()) if wanted and BEHAVIOURS.exists() else {}
        BEHAVIOURS.write_text(
            json.dumps(merged(previous, measured, wanted or RUNNABLE), indent=1, ensure_ascii=False) + "\n"
        )
    print(
        f"wrote {BEHAVIOURS.relative_to(ROOT)}: {len(settings)} settings, {len(wanted) or 'every'} notebook(s) measured"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
