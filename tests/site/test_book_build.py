"""The student website as built (offline, zero warnings): what the HTML holds, beyond what the browser tests see.

The build itself is shared with tests/site/test_website_browser.py through site_server.built_site, which
fails with the build's warnings if `jupyter-book build --warningiserror` does not succeed."""

import pytest
from site_server import built_site, shared_tmp


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return built_site("student", shared_tmp(tmp_path_factory))


def test_exercise_pages_show_empty_answer_cells(site):
    html = (site / "exercises" / "shape_arithmetic.html").read_text()
    assert "YOUR CODE HERE" in html and "BEGIN SOLUTION" not in html and "PASS sa-" not in html


def test_the_student_site_has_no_solution_pages(site):
    assert not (site / "solutions").exists()
