"""Put the "Paste your error" page's engine into the site at build time (never committed).

The page (book/paste_your_error.md, book/_static/decoder.js) runs ``convshapes.decoder.explain_text``, the
function ``convshapes explain`` prints, in the reader's browser with Pyodide, in a worker
(book/_static/decoder-worker.mjs). This writes into the site's _static:

- ``pyodide/``: the files of the Pyodide release pinned in book/_ext/pyodide.toml, taken from its npm
  tarball. The tarball is downloaded once into _build/pyodide/ and checked against the pinned sha512
  integrity every time it is used.
- ``convshapes-decoder.zip``: the decoder's Python modules and data files
  (convshapes.authoring.decoder_bundle).
"""

from __future__ import annotations

import base64
import fcntl
import hashlib
import shutil
import tarfile
import tomllib
import urllib.request
from pathlib import Path

from sphinx.errors import ExtensionError

from convshapes.authoring.decoder_bundle import BundleError, write_bundle

HERE = Path(__file__).resolve().parent
PIN = HERE / "pyodide.toml"
CACHE = HERE.parents[1] / "_build" / "pyodide"
BUNDLE = "convshapes-decoder.zip"


def pin() -> dict:
    return tomllib.loads(PIN.read_text())


def integrity_of(data: bytes) -> str:
    """The npm registry's ``dist.integrity`` of a tarball: ``sha512-`` and the base64 digest."""
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


def _verified(path: Path, expected: str) -> bool:
    return path.is_file() and integrity_of(path.read_bytes()) == expected


def tarball(cache: Path = CACHE) -> Path:
    """The pinned Pyodide tarball in ``cache``, downloaded the first time, its integrity checked every time."""
    wanted = pin()
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / wanted["tarball"].rsplit("/", 1)[-1]
    with open(cache / "download.lock", "w") as lock:  # the two editions may build at once
        fcntl.flock(lock, fcntl.LOCK_EX)
        if _verified(path, wanted["integrity"]):
            return path
        partial = path.with_name(path.name + ".partial")
        try:
            with urllib.request.urlopen(wanted["tarball"], timeout=120) as response, partial.open("wb") as out:
                shutil.copyfileobj(response, out)
        except OSError as error:
            partial.unlink(missing_ok=True)
            raise ExtensionError(
                f"could not download Pyodide {wanted['version']} from {wanted['tarball']} ({error}). The "
                f'"Paste your error" page needs it; with no access to the npm registry, put that file into {cache}/.'
            ) from error
        got = integrity_of(partial.read_bytes())
        if got != wanted["integrity"]:
            partial.unlink()
            raise ExtensionError(
                f"the Pyodide tarball downloaded from {wanted['tarball']} does not match the integrity pinned in "
                f"{PIN}: expected {wanted['integrity']}, got {got}. Nothing was installed into the site."
            )
        partial.replace(path)
    return path


def vendor_pyodide(static: Path, cache: Path = CACHE) -> Path:
    """Copy the page's Pyodide files from the pinned tarball into ``static``/pyodide/."""
    wanted = pin()
    target = static / "pyodide"
    target.mkdir(parents=True, exist_ok=True)
    with tarfile.open(tarball(cache), "r:gz") as archive:
        for name in wanted["files"]:
            try:
                member = archive.extractfile(f"package/{name}")
            except KeyError:
                member = None
            if member is None:
                raise ExtensionError(f"Pyodide {wanted['version']}'s tarball has no {name} (listed in {PIN})")
            with member, (target / name).open("wb") as out:
                shutil.copyfileobj(member, out)
    return target


def _check_pin(app):
    if app.builder.format == "html":
        tarball()  # fail before the long part of the build, not after it


def _write(app, exception):
    if exception is None and app.builder.format == "html":
        static = Path(app.outdir) / "_static"
        vendor_pyodide(static)
        try:
            write_bundle(static / BUNDLE)
        except BundleError as error:
            raise ExtensionError(f"the error decoder cannot run on the website: {error}") from error


def setup(app):
    app.connect("builder-inited", _check_pin)
    app.connect("build-finished", _write)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
