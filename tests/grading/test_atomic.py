"""write_atomically: a file is replaced whole or not at all."""

import os

import pytest

from convshapes.grading.atomic import write_atomically


def test_write_atomically_replaces_the_file_and_leaves_no_temporary_file(tmp_path):
    path = tmp_path / "gradebook.csv"
    path.write_text("old content\n")
    write_atomically(path, "new content\n")
    assert path.read_text() == "new content\n"
    assert os.listdir(tmp_path) == ["gradebook.csv"]


def test_write_atomically_creates_missing_parent_folders(tmp_path):
    path = tmp_path / "students" / "alice" / "feedback.txt"
    write_atomically(path, "text")
    assert path.read_text() == "text"


def test_write_atomically_keeps_the_old_content_when_the_write_is_interrupted(tmp_path, monkeypatch):
    path = tmp_path / "gradebook.csv"
    path.write_text("old content\n")

    def interrupted(source, destination):
        raise KeyboardInterrupt

    monkeypatch.setattr("convshapes.grading.atomic.os.replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(path, "new content\n")
    assert path.read_text() == "old content\n"
