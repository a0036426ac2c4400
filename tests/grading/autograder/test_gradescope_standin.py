"""Each master's autograder bundle, installed in a stand-in for Gradescope's harness, grades uploads with the same
scores as ``convshapes grade``; every bad upload gets a readable 0 and every results.json follows Gradescope's
specification. setup.sh installs from the registries once (later bundles find everything installed)."""

import re

import jsonschema
import nbformat
import pytest
from assignment_helpers import with_answers_from
from grading.autograder.gradescope_schema import RESULTS
from grading.autograder.gradescope_standin import GradescopeStandIn
from notebook_files import ROOT

from convshapes.grading.grade import grade_folder
from convshapes.grading.settings import GradingSettings
from convshapes.notebook.questions import answer_id, questions

MASTERS = sorted(path.stem for path in (ROOT / "solutions").glob("*.ipynb"))
# One master also gets every bad upload, with short limits so that the endless loop costs little.
EDGE_MASTER = "pattern1_conv1d_to_conv2d"
EDGE_LIMITS = {"cell_timeout": 10, "total_timeout": 60}
EDGE_OPTIONS = ["--timeout=10", "--total-timeout=60"]
# Copies the master's answer if it can read it (then the question would pass), and tries to overwrite the result
# and the code that judges it.
TAMPERING = """import json, pathlib, convshapes
try:
    master = json.loads(pathlib.Path("/autograder/source/{master}.ipynb").read_text())
    copied = next(c for c in master["cells"] if c["metadata"].get("convshapes", {{}}).get("answer") == "{question}")
    exec("".join(copied["source"]))
except OSError:
    pass
for path in ["/autograder/results/results.json", pathlib.Path(convshapes.__file__).parent / "grading" / "verdict.py"]:
    try:
        pathlib.Path(path).write_text('{{"score": 99}}')
    except OSError:
        pass
"""


def notebook_bytes(notebook) -> bytes:
    return nbformat.writes(notebook).encode()


def with_first_answer(exercise, source: str):
    notebook = nbformat.from_dict(exercise)
    next(cell for cell in notebook.cells if answer_id(cell) is not None).source = source
    return notebook


def uploads_for(master: str) -> dict[str, dict[str, bytes]]:
    """Upload name -> the files a student uploads, for one master."""
    solution = nbformat.read(ROOT / "solutions" / f"{master}.ipynb", as_version=4)
    exercise = nbformat.read(ROOT / "exercises" / f"{master}.ipynb", as_version=4)
    question_ids = [question.question_id for question in questions(solution)]
    name = f"{master}.ipynb"
    partial = notebook_bytes(with_answers_from(exercise, solution, question_ids[:1]))
    if master != EDGE_MASTER:
        return {"partial": {name: partial}}
    looping = with_first_answer(exercise, "while True:\n    pass\n")
    tampering = with_first_answer(exercise, TAMPERING.format(master=master, question=question_ids[0]))
    other = nbformat.read(ROOT / "exercises" / "shape_arithmetic.ipynb", as_version=4)
    return {
        "partial": {name: partial},
        "correct": {name: notebook_bytes(with_answers_from(exercise, solution, question_ids))},
        "blank": {name: notebook_bytes(exercise)},
        "renamed": {"my homework (1).ipynb": partial},
        "endless-loop": {name: notebook_bytes(looping)},
        "tampering": {name: notebook_bytes(tampering)},
        "nothing": {},
        "no-notebook": {"answers.py": b"predicted_shape = (1, 2)\n"},
        "two-notebooks": {name: partial, "copy.ipynb": partial},
        "invalid-json": {name: b'{"cells": [{"cell_type": "code", '},
        "wrong-assignment": {name: notebook_bytes(other)},
    }


UPLOADS = {(master, case): files for master in MASTERS for case, files in uploads_for(master).items()}


def limits(master: str) -> dict:
    return EDGE_LIMITS if master == EDGE_MASTER else {}


@pytest.fixture(scope="module")
def gradescope(tmp_path_factory, autograder_bundle):
    """(master, upload) -> (results.json or None, run_autograder's output), and each bundle's setup.sh result."""
    standin = GradescopeStandIn(tmp_path_factory.mktemp("gradescope") / "image")
    graded, setups = {}, {}
    for master in MASTERS:
        options = EDGE_OPTIONS if master == EDGE_MASTER else []
        setups[master] = standin.install(autograder_bundle(master, *options))
        if setups[master].returncode != 0:
            continue
        for (owner, case), files in UPLOADS.items():
            if owner == master:
                graded[master, case] = standin.submit(files)
    return {"graded": graded, "setups": setups, "root": standin.root}


@pytest.fixture(scope="module")
def convshapes_grade(tmp_path_factory):
    """(master, upload) -> the StudentResult ``convshapes grade`` gives the same files (each upload a student folder)."""
    found = {}
    for master in MASTERS:
        folder = tmp_path_factory.mktemp(f"class-{master}")
        for (owner, case), files in UPLOADS.items():
            if owner == master:
                (folder / case).mkdir()
                for name, content in files.items():
                    (folder / case / name).write_bytes(content)
        settings = GradingSettings(jobs=2, **limits(master))
        results = grade_folder(
            folder, ROOT / "solutions" / f"{master}.ipynb", folder.parent / f"out-{master}", settings
        )
        found.update({(master, result.student): result for result in results})
    return found


@pytest.mark.parametrize("master", MASTERS)
def test_setup_installs_the_runtime_and_checks_the_master(gradescope, master):
    setup = gradescope["setups"][master]
    assert setup.returncode == 0, setup.stdout[-3000:] + setup.stderr[-3000:]
    assert "references cached" in setup.stdout


@pytest.mark.parametrize("upload", sorted(UPLOADS), ids="-".join)
def test_every_upload_gets_a_results_json_that_follows_gradescopes_specification(gradescope, upload):
    results, log = gradescope["graded"][upload]
    assert results is not None, log
    jsonschema.validate(results, RESULTS)
    assert results["output"].strip() and results["execution_time"] >= 0


@pytest.mark.parametrize("upload", sorted(UPLOADS), ids="-".join)
def test_scores_are_those_of_convshapes_grade_question_by_question(gradescope, convshapes_grade, upload):
    results, log = gradescope["graded"][upload]
    expected = convshapes_grade[upload]
    assert results["score"] == expected.total, log
    assert [(test["name"], test["score"], test["max_score"]) for test in results["tests"]] == [
        (verdict.question_id, verdict.points, verdict.max_points) for verdict in expected.verdicts
    ]


@pytest.mark.parametrize("master", MASTERS)
def test_a_partial_answer_earns_some_points_but_not_all(gradescope, master):
    results, _ = gradescope["graded"][master, "partial"]
    maximum = sum(test["max_score"] for test in results["tests"])
    assert 0 < results["score"] < maximum
    assert [test["status"] for test in results["tests"]].count("passed") == 1


def test_a_correct_notebook_earns_every_point(gradescope):
    results, _ = gradescope["graded"][EDGE_MASTER, "correct"]
    assert results["score"] == sum(test["max_score"] for test in results["tests"]) > 0
    assert {test["status"] for test in results["tests"]} == {"passed"}


def test_a_renamed_notebook_is_graded_by_its_question_ids_and_told_so(gradescope):
    results, _ = gradescope["graded"][EDGE_MASTER, "renamed"]
    assert results["score"] == gradescope["graded"][EDGE_MASTER, "partial"][0]["score"] > 0
    assert "my homework (1).ipynb" in results["output"] and "graded all the same" in results["output"]


@pytest.mark.parametrize(
    "case, says",
    [
        ("blank", "not answered yet"),
        ("nothing", "No file was uploaded: upload your exercise notebook pattern1_conv1d_to_conv2d.ipynb"),
        ("no-notebook", "You uploaded answers.py, but no notebook"),
        ("two-notebooks", "You uploaded 2 notebooks (copy.ipynb, pattern1_conv1d_to_conv2d.ipynb)"),
        ("invalid-json", "not valid notebook JSON"),
        ("wrong-assignment", "submitted to the wrong assignment"),
        ("endless-loop", "ran longer than 10 seconds"),
    ],
)
def test_a_bad_upload_gets_zero_and_a_message_that_says_what_to_do(gradescope, case, says):
    results, log = gradescope["graded"][EDGE_MASTER, case]
    assert results["score"] == 0, log
    assert says in results["output"], results["output"]


def test_the_log_says_when_the_container_cannot_sandbox(gradescope):
    _, log = gradescope["graded"][EDGE_MASTER, "blank"]
    assert "bubblewrap cannot create a sandbox in this container" in log and "as user nobody" in log


def test_student_code_reads_no_master_and_writes_no_result_or_grader(gradescope):
    results, log = gradescope["graded"][EDGE_MASTER, "tampering"]
    assert results["score"] == 0, log
    grading = next((gradescope["root"] / "convshapes-venv" / "lib").glob("python3*/site-packages/convshapes/grading"))
    assert "def verdicts" in (grading / "verdict.py").read_text()


def test_the_build_log_line_the_instructor_guide_quotes_is_the_one_setup_prints(gradescope):
    guide = (ROOT / "book" / "instructor_guide.md").read_text()
    quoted = re.search(r"`((\w+): \d+ questions checked against the master; references cached\.)`", guide)
    assert quoted, "the guide quotes the line setup.sh ends with"
    assert quoted[1] in gradescope["setups"][quoted[2]].stdout.splitlines()
