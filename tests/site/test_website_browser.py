"""The website as a reader finds their way around it, in headless Chromium: entry points, the next button and
the instructor edition. Each page's own checks are in test_website_pages, the phone in test_website_phone and
the search in test_website_search (separate modules, so pytest-xdist can spread them over its workers).
"""

from __future__ import annotations

import pytest
from site_browser import INSTRUCTOR_ONLY_PAGES, STUDENT_PAGES, html_path, sidebar_pages
from site_server import EDITIONS, ROOT, toc_parts

# ---------------------------------------------------------------- the student edition


@pytest.mark.parametrize("page_path", ["index.html", "search.html?q=Conv1D", "genindex.html"])
def test_site_entry_points_load_without_console_errors(visit, page_path):
    assert visit(page_path).problems == []


def test_the_next_button_walks_through_every_page_in_table_of_contents_order(visit):
    opened = visit("index.html")
    tab, seen = opened.tab, []
    for _ in range(len(STUDENT_PAGES) + 5):
        seen.append(tab.url.removeprefix(opened.base).removesuffix(".html"))
        following = tab.locator("a.right-next")
        if following.count() == 0:
            break
        following.first.click()
        tab.wait_for_load_state("load")
    assert seen == STUDENT_PAGES


def test_the_student_edition_has_no_solutions_and_no_instructor_guide():
    assert not [page for page in STUDENT_PAGES if page.startswith("solutions/") or "instructor" in page]


# ---------------------------------------------------------------- the instructor edition


def test_instructor_toc_is_the_student_toc_plus_solutions_and_the_guide():
    student, instructor = toc_parts(EDITIONS["student"]), toc_parts(EDITIONS["instructor"])
    assert instructor[: len(student)] == student, "_toc_instructor.yml must repeat _toc.yml's parts unchanged"
    extra = [chapter["file"] for part in instructor[len(student) :] for chapter in part["chapters"]]
    solutions = sorted(str(path.relative_to(ROOT).with_suffix("")) for path in (ROOT / "solutions").glob("*.ipynb"))
    assert sorted(page for page in extra if page.startswith("solutions/")) == solutions
    assert "book/instructor_guide" in extra


@pytest.mark.parametrize("page_path", INSTRUCTOR_ONLY_PAGES)
def test_instructor_edition_page_loads_and_is_in_the_sidebar(visit, instructor_url, page_path):
    opened = visit(html_path(page_path), base=instructor_url)
    assert opened.problems == []
    assert page_path in sidebar_pages(opened), "not in the navigation"
    if page_path.startswith("solutions/"):
        assert opened.tab.locator("div.cell_output").count() > 0, "a solution page shows no executed output"
