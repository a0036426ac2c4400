"""``convshapes autograder``: what the zip holds, that it gives nothing away, and the errors it gives."""

import json
import zipfile

import nbformat
import pytest
from grading.autograder.bundles import make_bundle
from notebook_files import ROOT

from convshapes.grading.autograder.bundle import build_autograder
from convshapes.grading.autograder.config import AutograderConfig
from convshapes.grading.grade import GraderError
from convshapes.notebook.markers import BEGIN, END
from convshapes.notebook.questions import answer_id

MASTERS = sorted((ROOT / "solutions").glob("*.ipynb"))


def answer_lines(master) -> set[str]:
    """Every line of the master's answer regions that could identify an answer (not blank, not a comment)."""
    lines = set()
    for cell in nbformat.read(master, as_version=4).cells:
        if answer_id(cell) is None:
            continue
        inside = False
        for line in cell.source.splitlines():
            stripped = line.strip()
            if stripped.startswith((BEGIN, END)):
                inside = stripped.startswith(BEGIN)
            elif inside and len(stripped) > 12 and not stripped.startswith("#"):
                lines.add(stripped)
    return lines


def texts_in(bundle) -> dict[str, str]:
    """Every file of the bundle and of the wheel inside it, as text."""
    found = {}
    with zipfile.ZipFile(bundle) as archive:
        for name in archive.namelist():
            data = archive.read(name)
            if name.endswith(".whl"):
                with zipfile.ZipFile(archive.open(name)) as wheel:
                    found.update(
                        {f"{name}/{inner}": wheel.read(inner).decode(errors="replace") for inner in wheel.namelist()}
                    )
            else:
                found[name] = data.decode(errors="replace")
    return found


@pytest.fixture(scope="module")
def bundles(autograder_bundle):
    return {master: autograder_bundle(master.stem) for master in MASTERS}


def test_the_scripts_gradescope_runs_are_at_the_root_and_executable(bundles):
    with zipfile.ZipFile(bundles[MASTERS[0]]) as archive:
        modes = {entry.filename: (entry.external_attr >> 16) & 0o777 for entry in archive.infolist()}
    assert modes["setup.sh"] == modes["run_autograder"] == 0o755
    assert {"constraints.txt", "convshapes-autograder.json", MASTERS[0].name} <= set(modes)
    assert [name for name in modes if name.endswith(".whl")] == ["convshapes-0.1.0-py3-none-any.whl"]


def test_the_runtime_is_pinned_by_the_projects_lock(bundles):
    with zipfile.ZipFile(bundles[MASTERS[0]]) as archive:
        assert archive.read("constraints.txt") == (ROOT / "requirements.lock").read_bytes()
        setup = archive.read("setup.sh").decode()
    assert "-c constraints.txt" in setup and "[grading,tensorflow]" in setup


def test_the_settings_name_the_master_and_its_limits(tmp_path):
    master = ROOT / "solutions" / "shape_arithmetic.ipynb"
    result = make_bundle(
        master, tmp_path / "a.zip", "--timeout=30", "--total-timeout=200", "--visibility=after_published"
    )
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(tmp_path / "a.zip") as archive:
        config = json.loads(archive.read("convshapes-autograder.json"))
    assert config == {
        "assignment": "shape_arithmetic",
        "master": "shape_arithmetic.ipynb",
        "cell_timeout": 30,
        "total_timeout": 200,
        "visibility": "after_published",
    }
    assert "timeout above 380 seconds" in result.stdout


def public_text(master) -> str:
    """What students already have: the exercise they were handed and convshapes' own (open) library source."""
    files = [ROOT / "exercises" / master.name, *(ROOT / "src").rglob("*.py")]
    return "\n".join(path.read_text() for path in files)


@pytest.mark.parametrize("master", MASTERS, ids=lambda path: path.stem)
def test_no_answer_is_in_clear_text_anywhere_but_the_master(bundles, master):
    # An answer line that also sits in the library (e.g. `keras.Input(shape=(100, 3)),` in an example) or in the
    # exercise gives nothing away; every other answer line must appear in the master and nowhere else.
    public = public_text(master)
    secret = {line for line in answer_lines(master) if line not in public}
    assert secret, "the master has answer lines of its own to look for"
    for name, text in texts_in(bundles[master]).items():
        if name != master.name:
            assert not [line for line in secret if line in text], name


def test_the_same_master_gives_the_same_zip_and_leaves_the_checkout_as_it_was(bundles, tmp_path):
    master = MASTERS[0]
    before = sorted(path.name for path in ROOT.iterdir())
    assert make_bundle(master, tmp_path / "again.zip").returncode == 0
    assert (tmp_path / "again.zip").read_bytes() == bundles[master].read_bytes()
    assert sorted(path.name for path in ROOT.iterdir()) == before


def test_an_exercise_is_refused_as_a_master_with_the_reason(tmp_path):
    result = make_bundle(ROOT / "exercises" / "shape_arithmetic.ipynb", tmp_path / "x.zip")
    assert result.returncode == 2
    assert (
        "is not a gradable solution notebook" in result.stderr and "solutions/shape_arithmetic.ipynb" in result.stderr
    )
    assert not (tmp_path / "x.zip").exists()


def test_a_missing_master_is_named(tmp_path):
    result = make_bundle(tmp_path / "nowhere.ipynb", tmp_path / "x.zip")
    assert result.returncode == 2 and "nowhere.ipynb" in result.stderr


def test_an_unknown_visibility_is_refused_by_the_settings():
    with pytest.raises(ValueError, match="visibility must be one of visible, after_due_date"):
        AutograderConfig("a", "a.ipynb", 60, 300, "students")


def test_build_raises_a_grader_error_for_a_notebook_without_questions(tmp_path):
    empty = tmp_path / "empty.ipynb"
    nbformat.write(nbformat.v4.new_notebook(), empty)
    with pytest.raises(GraderError, match="has no graded questions"):
        build_autograder(empty, tmp_path / "x.zip", AutograderConfig("empty", "empty.ipynb", 60, 300))
