"""The build's Pyodide step (book/_ext/decoder_engine.py): a pinned tarball, checked, copied file by file.

These use a small stand-in tarball through a file:// URL, so they need neither the network nor Chromium.
"""

from __future__ import annotations

import io
import sys
import tarfile
import tomllib

import pytest
from site_server import ROOT
from sphinx.errors import ExtensionError

sys.path.insert(0, str(ROOT / "book" / "_ext"))
import decoder_engine  # noqa: E402  (a Sphinx extension, not a package)

PINNED = tomllib.loads((ROOT / "book" / "_ext" / "pyodide.toml").read_text())


def stand_in_tarball(folder, files: list[str]) -> bytes:
    """An npm-style tarball (package/<name>) holding ``files`` and one file the site does not need."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name in [*files, "pyodide.d.ts"]:
            data = f"contents of {name}".encode()
            entry = tarfile.TarInfo(f"package/{name}")
            entry.size = len(data)
            archive.addfile(entry, io.BytesIO(data))
    path = folder / "pyodide-0.0.0.tgz"
    path.write_bytes(buffer.getvalue())
    return path


@pytest.fixture
def pinned(tmp_path, monkeypatch):
    """Pin a stand-in tarball with its right integrity; tests change what they need."""
    tarball = stand_in_tarball(tmp_path, PINNED["files"])
    pin = {
        "version": "0.0.0",
        "tarball": tarball.as_uri(),
        "integrity": decoder_engine.integrity_of(tarball.read_bytes()),
        "files": PINNED["files"],
    }
    monkeypatch.setattr(decoder_engine, "pin", lambda: pin)
    return pin


def test_the_pin_names_an_npm_tarball_its_sha512_and_the_files_the_page_loads():
    assert PINNED["tarball"] == f"https://registry.npmjs.org/pyodide/-/pyodide-{PINNED['version']}.tgz"
    assert PINNED["integrity"].startswith("sha512-")
    assert {"pyodide.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"} <= set(PINNED["files"])
    assert "pyodide/pyodide.mjs" in (ROOT / "book" / "_static" / "decoder-worker.mjs").read_text()


def test_only_the_listed_files_are_copied_and_the_download_is_cached(pinned, tmp_path):
    target = decoder_engine.vendor_pyodide(tmp_path / "static", cache=tmp_path / "cache")
    assert sorted(path.name for path in target.iterdir()) == sorted(pinned["files"])
    (tmp_path / "pyodide-0.0.0.tgz").unlink()  # the cached copy is used from now on
    decoder_engine.vendor_pyodide(tmp_path / "static2", cache=tmp_path / "cache")


def test_a_tarball_that_does_not_match_its_integrity_is_refused(pinned, tmp_path):
    pinned["integrity"] = "sha512-" + "A" * 86 + "=="
    with pytest.raises(ExtensionError, match="does not match the integrity pinned"):
        decoder_engine.vendor_pyodide(tmp_path / "static", cache=tmp_path / "cache")
    assert not (tmp_path / "static" / "pyodide" / "pyodide.mjs").exists()
    assert [path.name for path in (tmp_path / "cache").iterdir()] == ["download.lock"]


def test_a_failed_download_says_what_to_do(pinned, tmp_path):
    pinned["tarball"] = (tmp_path / "missing.tgz").as_uri()
    with pytest.raises(ExtensionError, match="could not download Pyodide 0.0.0.*put that file into"):
        decoder_engine.tarball(cache=tmp_path / "cache")
