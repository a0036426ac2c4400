"""Sandbox: the pure helpers only (no sandbox is started)."""

from pathlib import Path

from convshapes.grading.sandbox import _nbval_cells, limits_prefix, sandbox_prefix
from convshapes.grading.settings import GradingSettings


def test_limits_prefix_uses_the_settings_limits():
    settings = GradingSettings(memory_bytes=123_456, processes=7, file_bytes=9_999)
    assert limits_prefix(settings) == ["prlimit", "--as=123456", "--nproc=7", "--fsize=9999", "--core=0"]


BWRAP = "/usr/bin/bwrap"
WORK = Path("/srv/grading/out/.work/alice-0123456789ab")  # inside a hidden folder, as grade_folder does it
HIDDEN = [Path("/srv/grading/submissions"), Path("/srv/grading/out")]
VISIBLE = [Path("/opt/venv"), Path("/srv/grading/src")]


def options(arguments, flag, count=1):
    """(position, values) of every ``flag`` in a bubblewrap command line."""
    return [(i, arguments[i + 1 : i + 1 + count]) for i, item in enumerate(arguments) if item == flag]


def test_sandbox_prefix_starts_with_bwrap_and_a_read_only_root():
    arguments = sandbox_prefix(BWRAP, WORK, HIDDEN, VISIBLE)
    assert arguments[:4] == [BWRAP, "--ro-bind", "/", "/"]


def test_sandbox_prefix_hides_each_hidden_folder_under_an_empty_tmpfs():
    arguments = sandbox_prefix(BWRAP, WORK, HIDDEN, VISIBLE)
    tmpfs = [values[0] for _, values in options(arguments, "--tmpfs")]
    assert tmpfs == ["/tmp", "/srv/grading/submissions", "/srv/grading/out"]


def test_sandbox_prefix_reshows_visible_folders_read_only_after_hiding():
    arguments = sandbox_prefix(BWRAP, WORK, HIDDEN, VISIBLE)
    last_hiding = max(i for i, _ in options(arguments, "--tmpfs"))
    shown = [(i, values) for i, values in options(arguments, "--ro-bind", 2) if values != ["/", "/"]]
    assert [values for _, values in shown] == [["/opt/venv", "/opt/venv"], ["/srv/grading/src", "/srv/grading/src"]]
    assert all(i > last_hiding for i, _ in shown)


def test_sandbox_prefix_binds_the_work_folder_writable_after_hiding():
    arguments = sandbox_prefix(BWRAP, WORK, HIDDEN, VISIBLE)
    last_hiding = max(i for i, _ in options(arguments, "--tmpfs"))
    ((position, values),) = options(arguments, "--bind", 2)
    assert values == [str(WORK), str(WORK)] and position > last_hiding


def test_sandbox_prefix_makes_the_hidden_folders_read_only():
    arguments = sandbox_prefix(BWRAP, WORK, HIDDEN, VISIBLE)
    assert [values[0] for _, values in options(arguments, "--remount-ro")] == [str(folder) for folder in HIDDEN]


def test_sandbox_prefix_unshares_everything_and_runs_in_the_work_folder():
    arguments = sandbox_prefix(BWRAP, WORK, HIDDEN, VISIBLE)
    assert "--unshare-all" in arguments and "--die-with-parent" in arguments
    assert [values for _, values in options(arguments, "--chdir")] == [[str(WORK)]]


def test_sandbox_prefix_ends_with_the_command_separator():
    arguments = sandbox_prefix(BWRAP, WORK, HIDDEN, VISIBLE)
    assert arguments[-1] == "--" and arguments.count("--") == 1


def junit(path, *testcases):
    """A pytest --junitxml report holding the given <testcase> elements."""
    suite = f'<testsuite name="pytest" tests="{len(testcases)}">{"".join(testcases)}</testsuite>'
    path.write_text(f'<?xml version="1.0" encoding="utf-8"?>\n<testsuites>{suite}</testsuites>\n')
    return path


NBVAL_REPORT = (
    '<testcase classname="graded.ipynb" name="Cell 0" time="0.8"/>',
    '<testcase classname="graded.ipynb" name="Cell 1" time="0.1">'
    '<failure message="Cell outputs differ">cell 1 compared with the master</failure></testcase>',
    '<testcase classname="graded.ipynb" name="Cell 2" time="20.0">'
    '<error message="Timeout of 20 seconds exceeded">traceback</error></testcase>',
    '<testcase classname="graded.ipynb" name="Cell 3" time="0.0">'
    '<skipped type="pytest.skip" message="skipped by NBVAL_SKIP">graded.ipynb:3</skipped></testcase>',
    '<testcase classname="" name="graded.ipynb" time="0.0"><error message="collection failure">x</error></testcase>',
    '<testcase classname="graded.ipynb" name="Cell 10" time="0.3"/>',
)


def test_nbval_cells_reads_a_passed_cell_as_none(tmp_path):
    cells = _nbval_cells(junit(tmp_path / "nbval.xml", *NBVAL_REPORT), 1000)
    assert cells[0] is None and cells[10] is None


def test_nbval_cells_reads_a_failed_cell_as_its_failure_message(tmp_path):
    assert _nbval_cells(junit(tmp_path / "nbval.xml", *NBVAL_REPORT), 1000)[1] == "Cell outputs differ"


def test_nbval_cells_reads_an_error_as_its_message(tmp_path):
    assert _nbval_cells(junit(tmp_path / "nbval.xml", *NBVAL_REPORT), 1000)[2] == "Timeout of 20 seconds exceeded"


def test_nbval_cells_counts_a_skipped_cell_as_not_passed(tmp_path):
    assert _nbval_cells(junit(tmp_path / "nbval.xml", *NBVAL_REPORT), 1000)[3] == "skipped by NBVAL_SKIP"


def test_nbval_cells_ignores_test_cases_that_are_not_cells(tmp_path):
    assert set(_nbval_cells(junit(tmp_path / "nbval.xml", *NBVAL_REPORT), 1000)) == {0, 1, 2, 3, 10}


def test_nbval_cells_names_the_problem_kind_when_there_is_no_message(tmp_path):
    report = junit(tmp_path / "nbval.xml", '<testcase name="Cell 0"><failure>long text</failure></testcase>')
    assert _nbval_cells(report, 1000) == {0: "failure"}


def test_nbval_cells_truncates_messages_to_output_characters(tmp_path):
    report = junit(tmp_path / "nbval.xml", f'<testcase name="Cell 0"><failure message="{"x" * 500}"/></testcase>')
    assert _nbval_cells(report, 12) == {0: "x" * 12}


def test_nbval_cells_is_empty_without_a_report(tmp_path):
    assert _nbval_cells(tmp_path / "missing.xml", 1000) == {}
