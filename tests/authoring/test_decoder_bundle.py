"""The decoder runs without numpy (as in the website's Pyodide) and its bundle holds everything it loads."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile

import pytest
from decoder.corpus_files import CORPUS

import convshapes
import convshapes.decoder
from convshapes.authoring.decoder_bundle import SOURCE_ROOT, decoder_files, write_bundle

MESSAGES = [CORPUS[0]["message"], CORPUS[len(CORPUS) // 2]["message"], "KeyError: 'learning_rate'"]
EXPLAIN = "import sys, json\nimport convshapes.decoder\nprint(json.dumps([convshapes.decoder.explain_text(m) for m in json.loads(sys.argv[1])]))"
NO_NUMPY = "import sys\nsys.modules['numpy'] = None\n"


def run_python(code: str, *arguments: str, flags: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *flags, "-c", code, *arguments], capture_output=True, text=True)


def explained_in_python() -> list[str]:
    return [convshapes.decoder.explain_text(message) for message in MESSAGES]


def test_the_decoder_imports_and_explains_with_numpy_blocked():
    result = run_python(NO_NUMPY + EXPLAIN, json.dumps(MESSAGES))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == explained_in_python()


def test_with_numpy_blocked_only_the_index_maps_fail_and_only_when_used():
    probe = NO_NUMPY + (
        "import convshapes\n"
        "print(convshapes.conv_output_length(10, 3), convshapes.fold_options(12)[0].height)\n"
        "try:\n    convshapes.kernel_taps\nexcept ImportError:\n    print('no-numpy')\n"
    )
    result = run_python(probe)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["8", "3", "no-numpy"]


def test_the_learners_api_is_unchanged():
    namespace: dict = {}
    exec("from convshapes import *", namespace)
    assert set(convshapes.shapes.__all__) <= set(namespace)
    assert "explain" not in namespace and convshapes.explain is convshapes.decoder.explain
    assert set(convshapes.__all__) <= set(dir(convshapes)) and set(convshapes.__all__) <= set(dir(convshapes.shapes))
    from convshapes import fold_indices, kernel_taps

    assert (
        fold_indices is convshapes.shapes.indices.fold_indices and kernel_taps.__module__ == "convshapes.shapes.indices"
    )
    with pytest.raises(AttributeError):
        convshapes.no_such_name  # noqa: B018


def test_the_bundle_holds_the_modules_the_decoder_loads_and_its_data_files():
    files = decoder_files()
    names = {path.relative_to(SOURCE_ROOT).as_posix() for path in files}
    assert {"convshapes/__init__.py", "convshapes/decoder/__init__.py", "convshapes/decoder/explain.py"} <= names
    assert "convshapes/shapes/indices.py" not in names  # numpy's
    assert {path.resolve() for path in convshapes.decoder.DATA_FILES} <= set(files)


def test_the_bundle_alone_explains_as_the_installed_package_does(tmp_path):
    bundle = write_bundle(tmp_path / "bundle.zip")
    assert write_bundle(tmp_path / "again.zip").read_bytes() == bundle.read_bytes()
    with zipfile.ZipFile(bundle) as archive:
        archive.extractall(tmp_path / "unpacked")
    # No site-packages (-S) and numpy blocked: only the standard library and the bundle, as in Pyodide's core.
    code = NO_NUMPY + f"sys.path.insert(0, {str(tmp_path / 'unpacked')!r})\n" + EXPLAIN
    result = run_python(code, json.dumps(MESSAGES), flags=("-S",))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == explained_in_python()
