"""Discover: one submission per student, named by file or by folder."""

import pytest
from nbformat.v4 import new_notebook
from small_master import write_notebook

from convshapes.grading.discover import Submission, discover


def test_discover_names_a_top_level_notebook_after_its_file(tmp_path):
    path = write_notebook(tmp_path / "alice.ipynb", new_notebook())
    assert discover(tmp_path) == [Submission("alice", path)]


def test_discover_names_a_notebook_in_a_student_folder_after_the_folder(tmp_path):
    path = write_notebook(tmp_path / "bob" / "my homework (final).ipynb", new_notebook())
    assert discover(tmp_path) == [Submission("bob", path)]


def test_discover_finds_a_notebook_nested_below_a_student_folder(tmp_path):
    path = write_notebook(tmp_path / "bob" / "unzipped" / "hw.ipynb", new_notebook())
    assert discover(tmp_path) == [Submission("bob", path)]


def test_discover_gives_an_empty_student_folder_a_submission_without_a_notebook(tmp_path):
    (tmp_path / "carol").mkdir()
    assert discover(tmp_path) == [Submission("carol", None, "no notebook was submitted.")]


def test_discover_refuses_to_choose_between_several_notebooks_in_one_folder(tmp_path):
    write_notebook(tmp_path / "dave" / "a.ipynb", new_notebook())
    write_notebook(tmp_path / "dave" / "b.ipynb", new_notebook())
    (submission,) = discover(tmp_path)
    assert (submission.student, submission.path) == ("dave", None)
    assert "more than one notebook" in submission.problem
    assert "a.ipynb" in submission.problem and "b.ipynb" in submission.problem


def test_discover_ignores_hidden_folders(tmp_path):
    alice = write_notebook(tmp_path / "alice.ipynb", new_notebook())
    write_notebook(tmp_path / ".ipynb_checkpoints" / "alice-checkpoint.ipynb", new_notebook())
    write_notebook(tmp_path / ".git" / "stray.ipynb", new_notebook())
    assert discover(tmp_path) == [Submission("alice", alice)]


def test_discover_ignores_checkpoint_copies_inside_a_student_folder(tmp_path):
    path = write_notebook(tmp_path / "bob" / "hw.ipynb", new_notebook())
    write_notebook(tmp_path / "bob" / ".ipynb_checkpoints" / "hw-checkpoint.ipynb", new_notebook())
    assert discover(tmp_path) == [Submission("bob", path)]


def test_discover_ignores_files_that_are_not_notebooks(tmp_path):
    (tmp_path / "README.txt").write_text("grading instructions")
    (tmp_path / "alice.py").write_text("print('hello')")
    assert discover(tmp_path) == []


def test_discover_lists_students_in_name_order(tmp_path):
    for name in ("zoe", "adam", "mia"):
        write_notebook(tmp_path / f"{name}.ipynb", new_notebook())
    write_notebook(tmp_path / "bert" / "hw.ipynb", new_notebook())
    assert [submission.student for submission in discover(tmp_path)] == ["adam", "bert", "mia", "zoe"]


def test_discover_grades_two_submissions_with_one_name_separately_and_says_so(tmp_path):
    write_notebook(tmp_path / "alice.ipynb", new_notebook())
    write_notebook(tmp_path / "alice" / "hw.ipynb", new_notebook())
    first, second = discover(tmp_path)
    assert first.student == "alice" and first.problem is None
    assert second.student == "alice~2" and "also named 'alice'" in second.problem
    assert {first.path, second.path} == {tmp_path / "alice.ipynb", tmp_path / "alice" / "hw.ipynb"}


def test_discover_raises_value_error_for_a_missing_folder(tmp_path):
    with pytest.raises(ValueError, match="does not exist"):
        discover(tmp_path / "nowhere")


def test_discover_raises_value_error_for_a_file_given_as_the_folder(tmp_path):
    path = write_notebook(tmp_path / "alice.ipynb", new_notebook())
    with pytest.raises(ValueError):
        discover(path)


def test_discover_ignores_hidden_notebooks_and_the_macos_zip_folder(tmp_path):
    for relative in (
        "alice.ipynb",
        "._alice.ipynb",
        ".x.ipynb",
        "bob/hw.ipynb",
        "bob/._hw.ipynb",
        "__MACOSX/bob/._hw.ipynb",
    ):
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text("{}")
    found = {submission.student: submission for submission in discover(tmp_path)}
    assert sorted(found) == ["alice", "bob"]
    assert found["bob"].path == tmp_path / "bob" / "hw.ipynb" and found["bob"].problem is None
