"""The error decoder's own Python source, zipped for the website's "Paste your error" page.

The page runs ``convshapes.decoder.explain_text`` in Pyodide, so it needs exactly the modules that
``import convshapes.decoder; convshapes.decoder.explain_text(...)`` loads, and the data files the decoder
reads (``convshapes.decoder.DATA_FILES``). The modules are collected from ``sys.modules`` of a fresh
interpreter that does just that, never from a list, so a module the decoder starts to use is bundled
without anyone remembering to. Anything it loads from outside the package and the standard library
(numpy, say) is an error: Pyodide's core has only the standard library.
"""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import convshapes

PACKAGE = Path(convshapes.__file__).resolve().parent
SOURCE_ROOT = PACKAGE.parent
"""The folder the package sits in: paths in the bundle are relative to it (``convshapes/decoder/...``)."""

_PROBE = """
import json, sys
sys.path.insert(0, sys.argv[1])
import convshapes.decoder
convshapes.decoder.explain_text("x")
modules = {
    name: getattr(module, "__file__", None)
    for name, module in sorted(sys.modules.items())
    if module is not None
}
data = [str(path) for path in convshapes.decoder.DATA_FILES]
print(json.dumps({"modules": modules, "data": data}))
"""


class BundleError(RuntimeError):
    """The decoder needs something the browser cannot have."""


def _is_standard(name: str) -> bool:
    top = name.split(".")[0]
    return top in sys.stdlib_module_names or top in sys.builtin_module_names or top == "__main__"


def decoder_files() -> list[Path]:
    """The source files and data files the decoder loads, as absolute paths inside the package, sorted.

    A fresh interpreter without site-packages (``-S``) imports the decoder and explains a message.
    """
    probe = subprocess.run(
        [sys.executable, "-S", "-c", _PROBE, str(SOURCE_ROOT)],
        capture_output=True,
        text=True,
        env={"PYTHONHASHSEED": "0", "PATH": "/usr/bin:/bin"},
    )
    if probe.returncode != 0:
        raise BundleError(f"importing convshapes.decoder without site-packages failed:\n{probe.stderr[-3000:]}")
    loaded = json.loads(probe.stdout)
    files, foreign = set(), []
    for name, file in loaded["modules"].items():
        if name == "convshapes" or name.startswith("convshapes."):
            if file is None:
                raise BundleError(f"{name} has no source file to bundle")
            files.add(Path(file).resolve())
        elif not _is_standard(name):
            foreign.append(name)
    if foreign:
        raise BundleError(
            "convshapes.decoder loads modules from outside the standard library, which the website's Pyodide "
            f"does not have: {', '.join(sorted(foreign))}. Import them lazily where they are needed."
        )
    for data in loaded["data"]:
        path = Path(data).resolve()
        if not path.is_file() or PACKAGE not in path.parents:
            raise BundleError(f"convshapes.decoder.DATA_FILES names {data}, which is not a file inside {PACKAGE}")
        files.add(path)
    return sorted(files)


def write_bundle(path: Path) -> Path:
    """Write the decoder's files to the zip ``path``, each under its package path (``convshapes/...``).

    The zip is the same bytes for the same sources (fixed timestamps), so a rebuild does not change it.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for file in decoder_files():
            entry = zipfile.ZipInfo(file.relative_to(SOURCE_ROOT).as_posix(), date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            bundle.writestr(entry, file.read_bytes())
    partial.replace(path)
    return path
