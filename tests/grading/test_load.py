"""Load: read a submission without trusting it."""

import hashlib
import json

import nbformat
import pytest
from small_master import SHAPE_ANSWER, STUDENT_SHAPE, make_student, sha256, write_notebook

from convshapes.grading.load import load
from convshapes.grading.status import SubmissionStatus


def test_load_reads_a_valid_notebook(tmp_path):
    path = write_notebook(tmp_path / "alice.ipynb", make_student())
    loaded = load(path)
    assert loaded.status is None and loaded.message == ""
    assert loaded.notebook.cells[SHAPE_ANSWER].source == STUDENT_SHAPE


def test_load_returns_the_sha256_of_the_file(tmp_path):
    path = write_notebook(tmp_path / "alice.ipynb", make_student())
    assert load(path).sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_load_names_invalid_json(tmp_path):
    path = tmp_path / "broken.ipynb"
    path.write_text("{ this is not json")
    loaded = load(path)
    assert (loaded.notebook, loaded.status) == (None, SubmissionStatus.INVALID_JSON)
    assert "not valid notebook JSON" in loaded.message


def test_load_names_a_file_that_is_not_utf8_as_invalid_json(tmp_path):
    path = tmp_path / "binary.ipynb"
    path.write_bytes(b"\xff\xfe\x00\x01 not text")
    assert load(path).status is SubmissionStatus.INVALID_JSON


@pytest.mark.parametrize(
    "text",
    ['{"hello": "world"}', "[1, 2, 3]", '"a string"'],
    ids=["object-without-notebook-fields", "list", "string"],
)
def test_load_names_json_that_is_not_a_notebook(tmp_path, text):
    path = tmp_path / "other.ipynb"
    path.write_text(text)
    loaded = load(path)
    assert (loaded.notebook, loaded.status) == (None, SubmissionStatus.INVALID_NOTEBOOK)
    assert loaded.message.startswith("the file is JSON but not a valid notebook")


def test_load_names_a_notebook_that_breaks_the_schema(tmp_path):
    document = json.loads(nbformat.writes(make_student()))
    del document["cells"][SHAPE_ANSWER]["source"]
    path = tmp_path / "schema.ipynb"
    path.write_text(json.dumps(document))
    assert load(path).status is SubmissionStatus.INVALID_NOTEBOOK


def test_load_refuses_a_file_above_the_size_limit(tmp_path):
    path = write_notebook(tmp_path / "big.ipynb", make_student())
    loaded = load(path, max_bytes=path.stat().st_size - 1)
    assert (loaded.notebook, loaded.status) == (None, SubmissionStatus.TOO_LARGE)
    assert "clear the outputs" in loaded.message


def test_load_accepts_a_file_exactly_at_the_size_limit(tmp_path):
    path = write_notebook(tmp_path / "big.ipynb", make_student())
    assert load(path, max_bytes=path.stat().st_size).status is None


def test_load_still_hashes_a_file_it_refuses(tmp_path):
    path = write_notebook(tmp_path / "big.ipynb", make_student())
    assert load(path, max_bytes=10).sha256 == sha256(path)


def test_load_names_the_size_rounded_up_and_the_limit(tmp_path):
    path = tmp_path / "big.ipynb"
    path.write_bytes(b" " * (3 * 1024**2 + 1))
    assert "about 4 MB, more than the 3 MB allowed" in load(path, max_bytes=3 * 1024**2).message


def test_load_notes_a_wrong_kernel_but_still_loads_the_notebook(tmp_path):
    notebook = make_student()
    notebook.metadata["kernelspec"] = {"name": "ir", "display_name": "R", "language": "R"}
    loaded = load(write_notebook(tmp_path / "r.ipynb", notebook))
    assert loaded.status is None and loaded.notebook is not None
    assert "'ir'" in loaded.message and "graded with Python 3" in loaded.message


def test_load_says_nothing_about_a_python3_kernel(tmp_path):
    notebook = make_student()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    assert load(write_notebook(tmp_path / "py.ipynb", notebook)).message == ""


@pytest.mark.filterwarnings("ignore::nbformat.warnings.MissingIDFieldWarning")
@pytest.mark.parametrize(
    "content",
    [
        None,  # a valid notebook
        b"{ this is not json",
        b'{"hello": "world"}',
    ],
    ids=["valid", "invalid-json", "not-a-notebook"],
)
def test_load_never_modifies_the_file(tmp_path, content):
    path = tmp_path / "alice.ipynb"
    if content is None:
        notebook = make_student()
        notebook.metadata["kernelspec"] = {"name": "ir", "display_name": "R", "language": "R"}
        del notebook.cells[0]["id"]  # a fixable quirk that a normalising reader might write back
        path.write_text(json.dumps(notebook))
    else:
        path.write_bytes(content)
    before = sha256(path)
    load(path)
    assert sha256(path) == before


@pytest.mark.parametrize(
    "text",
    ["[" * 100_000 + "]" * 100_000, '{"nbformat": 4, "nbformat_minor": 5, "x": ' + "1" * 5000 + "}"],
    ids=["deeply-nested-arrays", "5000-digit-number"],
)
def test_load_reports_json_python_cannot_decode_instead_of_raising(tmp_path, text):
    # A crafted (well under the size limit) submission must not crash the whole grading run:
    # today json.loads raises RecursionError / a plain ValueError that load() does not catch.
    path = tmp_path / "crafted.ipynb"
    path.write_text(text)
    loaded = load(path)
    assert loaded.notebook is None
    assert loaded.status in (SubmissionStatus.INVALID_JSON, SubmissionStatus.INVALID_NOTEBOOK)
