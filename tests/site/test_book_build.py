"""The student website as built (offline, zero warnings): what the HTML holds, beyond what the browser tests see.

The build itself is shared with the browser tests through conftest's `student_site` (site_server.built_site), which
fails with the build's warnings if `jupyter-book build --warningiserror` does not succeed."""


def test_exercise_pages_show_empty_answer_cells(student_site):
    html = (student_site / "exercises" / "shape_arithmetic.html").read_text()
    assert "YOUR CODE HERE" in html and "BEGIN SOLUTION" not in html and "PASS sa-" not in html


def test_the_student_site_has_no_solution_pages(student_site):
    assert not (student_site / "solutions").exists()
