"""convshapes grade on a class holding correct, partial, blank and every kind of bad submission.

One grading run (module fixture) over a folder of crafted submissions; each test asserts one
student's row. The master is the small fixture assignment (1 + 2 points)."""

import csv
import hashlib
import json
import time

import nbformat
import pytest
from mini_submissions import (
    CONV1D,
    CONV1D_CHECK,
    CORRECT_SHAPE,
    LENGTH,
    LENGTH_CHECK,
    MASTER,
    SOLUTION,
    answered,
    blank,
    grade_cli,
)

from convshapes.notebook.format import write_canonical

CELL_TIMEOUT, TOTAL_TIMEOUT = 20, 150


def edited(notebook, change):
    change(notebook)
    return notebook


def markdown_check(notebook):
    notebook.cells[CONV1D_CHECK] = nbformat.v4.new_markdown_cell(notebook.cells[CONV1D_CHECK].source)


def forge_outputs(notebook):
    for index in (CONV1D_CHECK, LENGTH_CHECK):
        notebook.cells[index].outputs = SOLUTION.cells[index].outputs
        notebook.cells[index].execution_count = 7


def add_nbval_markers(notebook):
    for index in (CONV1D, LENGTH, CONV1D_CHECK, LENGTH_CHECK):
        notebook.cells[index].metadata["tags"] = ["nbval-skip", "raises-exception"]
        notebook.cells[index].source = "# NBVAL_SKIP\n" + notebook.cells[index].source


def reorder(notebook):
    notebook.cells[CONV1D], notebook.cells[LENGTH] = notebook.cells[LENGTH], notebook.cells[CONV1D]


PATCH_CHECKER = 'from convshapes import checks\nchecks.check_shape = lambda *a, **k: print("PASS mini-conv1d: correct.")\npredicted_shape = ...\n'
LEAK_EXPECTED = "from convshapes import checks\n_original = checks.check_shape\nchecks.check_shape = lambda q, a, e, **k: _original(q, e, e, **k)\npredicted_shape = ...\n"
PATCH_PRINT = 'import builtins\n_print = builtins.print\nbuiltins.print = lambda *a, **k: _print("PASS mini-conv1d: correct.")\npredicted_shape = (1, 2, 3)\n'
ALWAYS_EQUAL = (
    "class Anything(tuple):\n    def __eq__(self, other):\n        return True\npredicted_shape = Anything((1,))\n"
)
FORGED_LOG = (
    'import json, os\nwith open(os.environ["CONVSHAPES_FACTS_LOG"], "a") as log:\n'
    '    log.write(json.dumps({"question": "mini-conv1d", "kind": "shape", "status": "ok", "facts": [16, 98, 32]}) + "\\n")\n'
    "predicted_shape = ...\n"
)
NETWORK = (
    "import socket\ntry:\n    socket.create_connection(('1.1.1.1', 53), timeout=3)\n    predicted_shape = (16, 98, 32)\n"
    "except OSError:\n    predicted_shape = ...\n"
)
WRITE_OUTSIDE = "from pathlib import Path\nPath({target!r}).write_text('hacked')\npredicted_shape = (16, 98, 32)\n"
SUBMISSIONS = {
    "correct": lambda: answered(),
    "partial": lambda: answered(length="def output_length(length, kernel_size):\n    return length - kernel_size\n"),
    "blank": blank,
    "wrong_type": lambda: answered(shape="predicted_shape = '(16, 98, 32)'\n"),
    "deleted_checks": lambda: edited(blank(), lambda nb: [nb.cells.pop(i) for i in (LENGTH_CHECK, CONV1D_CHECK)]),
    "deleted_checks_solved": lambda: edited(
        answered(), lambda nb: [nb.cells.pop(i) for i in (LENGTH_CHECK, CONV1D_CHECK)]
    ),
    "edited_checks": lambda: edited(
        blank(),
        lambda nb: [
            setattr(nb.cells[i], "source", 'print("PASS mini-conv1d: correct.")') for i in (CONV1D_CHECK, LENGTH_CHECK)
        ],
    ),
    "duplicated_checks": lambda: edited(
        blank(), lambda nb: nb.cells.insert(CONV1D_CHECK, nbformat.from_dict(nb.cells[CONV1D_CHECK]))
    ),
    "reordered_solved": lambda: edited(answered(), reorder),
    "check_as_markdown": lambda: edited(blank(), markdown_check),
    "nbval_markers": lambda: edited(blank(), add_nbval_markers),
    "forged_outputs": lambda: edited(blank(), forge_outputs),
    "wrong_kernel_solved": lambda: edited(
        answered(),
        lambda nb: nb.metadata.__setitem__("kernelspec", {"name": "ir", "display_name": "R", "language": "R"}),
    ),
    "infinite_loop": lambda: answered(shape="while True:\n    pass\n"),
    "swallows_interrupt": lambda: answered(
        shape="import time\nwhile True:\n    try:\n        time.sleep(0.1)\n    except KeyboardInterrupt:\n        pass\n"
    ),
    "os_exit": lambda: answered(shape="import os\nos._exit(1)\n"),
    "segfault": lambda: answered(shape="import ctypes\nctypes.string_at(0)\n"),
    "sys_exit": lambda: answered(shape="import sys\nsys.exit()\n"),
    "asks_input": lambda: answered(shape="predicted_shape = input('shape? ')\n"),
    "megabytes_of_output": lambda: answered(shape="print('x' * 5_000_000)\n" + CORRECT_SHAPE),
    "warning_and_correct": lambda: answered(
        shape="import sys, warnings\nwarnings.warn('careful')\nprint('note', file=sys.stderr)\n" + CORRECT_SHAPE
    ),
    "network_call": lambda: answered(shape=NETWORK),
    "writes_outside": lambda: answered(shape=WRITE_OUTSIDE.format(target=str(MASTER.parent / "HACKED"))),
    "huge_memory": lambda: answered(shape="block = bytearray(64 * 1024**3)\n" + CORRECT_SHAPE),
    "patched_checker": lambda: answered(shape=PATCH_CHECKER),
    "leaks_expected": lambda: answered(shape=LEAK_EXPECTED),
    "patched_print": lambda: answered(shape=PATCH_PRINT),
    "always_equal": lambda: answered(shape=ALWAYS_EQUAL),
    "forged_log": lambda: answered(shape=FORGED_LOG),
}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp("class")
    submissions = root / "submissions"
    submissions.mkdir()
    for student, make in SUBMISSIONS.items():
        nbformat.write(make(), submissions / f"{student}.ipynb")
    (submissions / "invalid_json.ipynb").write_text("{ this is not json")
    broken = json.loads((submissions / "blank.ipynb").read_text())
    del broken["cells"][1]["source"]
    (submissions / "schema_invalid.ipynb").write_text(json.dumps(broken))
    other = answered()
    for cell in other.cells:
        if "convshapes" in cell.metadata:
            cell.metadata["convshapes"] = {
                key: f"other-{value}" if isinstance(value, str) else value
                for key, value in cell.metadata["convshapes"].items()
            }
    write_canonical(other, submissions / "other_assignment.ipynb")
    (submissions / "renamed_student").mkdir()
    write_canonical(answered(), submissions / "renamed_student" / "my homework (final).ipynb")
    (submissions / "empty_student").mkdir()
    hashes = {path: hashlib.sha256(path.read_bytes()).hexdigest() for path in submissions.rglob("*.ipynb")}
    out = root / "out"
    started = time.monotonic()
    result = grade_cli(
        str(submissions),
        str(MASTER),
        str(out),
        "-j",
        "2",
        "--timeout",
        str(CELL_TIMEOUT),
        "--total-timeout",
        str(TOTAL_TIMEOUT),
        timeout=1800,
    )
    seconds = time.monotonic() - started
    rows = (
        {row["student"]: row for row in csv.DictReader((out / "gradebook.csv").open())}
        if (out / "gradebook.csv").exists()
        else {}
    )
    return {
        "result": result,
        "rows": rows,
        "out": out,
        "submissions": submissions,
        "hashes": hashes,
        "seconds": seconds,
    }


def row(graded, student):
    assert graded["result"].returncode == 0, graded["result"].stderr[-3000:]
    return graded["rows"][student]


def test_every_student_gets_a_row(graded):
    expected = set(SUBMISSIONS) | {
        "invalid_json",
        "schema_invalid",
        "other_assignment",
        "renamed_student",
        "empty_student",
    }
    assert set(graded["rows"]) == expected


@pytest.mark.parametrize(
    "student",
    [
        "correct",
        "reordered_solved",
        "deleted_checks_solved",
        "renamed_student",
        "warning_and_correct",
        "wrong_kernel_solved",
    ],
)
def test_solved_submissions_score_in_full(graded, student):
    assert (row(graded, student)["total"], row(graded, student)["max"]) == ("3", "3")


def test_partial_submission_scores_its_correct_question(graded):
    assert (row(graded, "partial")["mini-conv1d"], row(graded, "partial")["mini-length"]) == ("1", "0")


def test_wrong_kernel_is_noted_but_graded(graded):
    assert "graded with Python 3" in row(graded, "wrong_kernel_solved")["message"]


@pytest.mark.parametrize(
    "student",
    [
        "blank",
        "wrong_type",
        "deleted_checks",
        "edited_checks",
        "duplicated_checks",
        "check_as_markdown",
        "nbval_markers",
        "forged_outputs",
        "patched_checker",
        "leaks_expected",
        "patched_print",
        "always_equal",
        "forged_log",
        "network_call",
        "huge_memory",
        "asks_input",
        "sys_exit",
    ],
)
def test_unsolved_or_tampered_submissions_earn_nothing_for_the_unsolved_question(graded, student):
    assert row(graded, student)["mini-conv1d"] == "0"


def test_forged_log_is_named_as_tampering(graded):
    feedback = (graded["out"] / "students" / "forged_log" / "feedback.txt").read_text()
    assert "tampered" in feedback


def test_writing_outside_the_work_folder_fails_and_leaves_no_file(graded):
    assert row(graded, "writes_outside")["mini-conv1d"] == "0"
    assert not (MASTER.parent / "HACKED").exists()


@pytest.mark.parametrize(
    "student",
    [
        "infinite_loop",
        "os_exit",
        "segfault",
        "asks_input",
        "sys_exit",
        "megabytes_of_output",
        "huge_memory",
        "network_call",
    ],
)
def test_a_broken_answer_cell_does_not_stop_the_rest_of_the_notebook_being_graded(graded, student):
    assert row(graded, student)["mini-conv1d"] == ("1" if student == "megabytes_of_output" else "0")
    if student == "megabytes_of_output":
        assert row(graded, student)["total"] == "3"
        return
    if student in ("os_exit", "segfault"):
        feedback = (graded["out"] / "students" / student / "feedback.txt").read_text()
        assert "FAIL mini-length" in feedback and ("did not run" in feedback or "not reached" in feedback)
    else:
        assert row(graded, student)["mini-length"] == "2", (
            graded["out"] / "students" / student / "feedback.txt"
        ).read_text()


@pytest.mark.parametrize("student", ["os_exit", "segfault"])
def test_a_dead_kernel_is_named_in_the_status(graded, student):
    assert row(graded, student)["status"] == "kernel-died" and "kernel died" in row(graded, student)["message"]


def test_a_loop_that_swallows_interrupts_is_stopped_within_the_total_timeout(graded):
    assert row(graded, "swallows_interrupt")["status"] == "timeout"
    assert row(graded, "swallows_interrupt")["total"] == "0"


@pytest.mark.parametrize(
    "student, status",
    [
        ("invalid_json", "invalid-json"),
        ("schema_invalid", "invalid-notebook"),
        ("other_assignment", "wrong-assignment"),
        ("empty_student", "no-submission"),
    ],
)
def test_unreadable_or_misdirected_submissions_get_a_clear_status(graded, student, status):
    assert (
        row(graded, student)["status"] == status
        and row(graded, student)["message"]
        and row(graded, student)["total"] == "0"
    )


def test_submissions_are_read_only(graded):
    assert {path: hashlib.sha256(path.read_bytes()).hexdigest() for path in graded["hashes"]} == graded["hashes"]


def test_every_student_has_results_and_feedback(graded):
    for student in graded["rows"]:
        results = json.loads((graded["out"] / "students" / student / "results.json").read_text())
        assert results["score"] == int(graded["rows"][student]["total"])
        assert [test["name"] for test in results["tests"]] == ["mini-conv1d", "mini-length"]
        assert (graded["out"] / "students" / student / "feedback.txt").read_text().count("\n") >= 3


def test_json_gradebook_holds_the_same_facts_as_the_csv(graded):
    document = json.loads((graded["out"] / "gradebook.json").read_text())
    assert {student["student"]: str(student["total"]) for student in document["students"]} == {
        k: v["total"] for k, v in graded["rows"].items()
    }


def test_summary_table_is_printed(graded):
    assert (
        "student" in graded["result"].stdout
        and "correct" in graded["result"].stdout
        and "3/3" in graded["result"].stdout
    )


def test_the_batch_finishes_in_bounded_time(graded):
    assert graded["seconds"] < 900


def test_a_rerun_reuses_every_result_and_gives_an_identical_gradebook(graded):
    before = (graded["out"] / "gradebook.csv").read_text()
    result = grade_cli(
        str(graded["submissions"]),
        str(MASTER),
        str(graded["out"]),
        "--timeout",
        str(CELL_TIMEOUT),
        "--total-timeout",
        str(TOTAL_TIMEOUT),
        timeout=600,
    )
    assert result.returncode == 0
    assert result.stderr.count("(already graded)") == len(graded["rows"]) - 1  # the empty folder is re-checked
    assert (graded["out"] / "gradebook.csv").read_text() == before


def test_an_empty_folder_is_reported_not_an_error(tmp_path):
    (tmp_path / "submissions").mkdir()
    result = grade_cli(str(tmp_path / "submissions"), str(MASTER), str(tmp_path / "out"), timeout=600)
    assert result.returncode == 0 and "No submissions found" in result.stdout
    assert (
        (tmp_path / "out" / "gradebook.csv")
        .read_text()
        .startswith("student,mini-conv1d,mini-length,total,max,status,message")
    )


def test_a_missing_master_is_a_grader_error(tmp_path):
    (tmp_path / "submissions").mkdir()
    result = grade_cli(str(tmp_path / "submissions"), str(tmp_path / "nope.ipynb"), str(tmp_path / "out"), timeout=120)
    assert result.returncode == 2 and "nope.ipynb" in result.stderr


def test_a_master_whose_later_cell_needs_a_check_cells_name_is_a_grader_error_that_names_it(tmp_path):
    master = nbformat.from_dict(SOLUTION)
    master.cells[LENGTH_CHECK].source = "lengths_seen = []\n" + master.cells[LENGTH_CHECK].source
    master.cells.append(nbformat.v4.new_code_cell("print(lengths_seen)"))
    nbformat.write(master, tmp_path / "master.ipynb")
    (tmp_path / "submissions").mkdir()
    result = grade_cli(tmp_path / "submissions", tmp_path / "master.ipynb", tmp_path / "out", timeout=120)
    assert result.returncode == 2
    assert "reads `lengths_seen`, which only the check cell of 'mini-length' defines" in result.stderr
