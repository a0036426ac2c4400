"""Every page of the student website in headless Chromium: it loads cleanly and shows what a reader needs.

Each page is loaded once, in a fresh browser context, and every check below reads that one loaded page:
`student_page` is a module-scoped fixture parametrized by page, so pytest runs the checks page by page, in the
order they are written here. The checks that click (a menu, a toggle) come last and each clicks only its own
control, so the read-only checks see the page as it loaded.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urldefrag

import pytest
from site_browser import NOTEBOOK_PAGES, STUDENT_PAGES, Visit, html_path, screenshot, sidebar_pages
from site_server import REPOSITORY, ROOT

from convshapes.notebook.machine_paths import MACHINE_PATH


@pytest.fixture(scope="module")
def student_page(request, browser, base_url) -> Visit:
    """The page ``request.param`` of the student edition, loaded in a fresh context."""
    with browser.new_context() as context:
        yield Visit(context, base_url, html_path(request.param))


every_page = pytest.mark.parametrize("student_page", STUDENT_PAGES, indirect=True)
every_notebook_page = pytest.mark.parametrize("student_page", NOTEBOOK_PAGES, indirect=True)


# ---------------------------------------------------------------- read-only checks


@every_page
def test_page_loads_without_console_errors_or_missing_resources(student_page):
    assert student_page.tab.title(), "the page has no title"
    assert student_page.problems == []


@pytest.mark.parametrize("student_page", STUDENT_PAGES[:1], indirect=True)
def test_the_sidebar_lists_every_page_in_table_of_contents_order(student_page):
    listed = sidebar_pages(student_page)
    assert listed == STUDENT_PAGES[1:] or listed == STUDENT_PAGES


@every_page
def test_page_shows_no_path_of_the_machine_that_built_it(student_page):
    text = student_page.tab.locator("article.bd-article").inner_text()
    assert not MACHINE_PATH.search(text), f"machine path on the page: {MACHINE_PATH.search(text).group()!r}"


@every_page
def test_figures_render_and_carry_alt_text(student_page):
    images = student_page.tab.locator("article.bd-article img").evaluate_all(
        "(images) => images.map(i => ({src: i.getAttribute('src'), alt: i.getAttribute('alt') || '',"
        " loaded: i.complete && i.naturalWidth > 0}))"
    )
    for image in images:
        assert image["loaded"], f"{image['src']} does not render"
        assert len(image["alt"].strip()) >= 10, f"{image['src']} has no useful alt text: {image['alt']!r}"


@every_page
def test_no_internal_link_is_broken(student_page, student_site):
    broken = []
    links = student_page.tab.locator("a[href]").evaluate_all("(links) => links.map(a => a.href)")
    for link in links:
        address, fragment = urldefrag(link)
        if not address.startswith(student_page.base):
            continue
        target = student_site / unquote(address.removeprefix(student_page.base).split("?")[0] or "index.html")
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            broken.append(link)
        elif fragment and target.suffix == ".html" and f'id="{fragment}"' not in target.read_text():
            broken.append(f"{link} (no such anchor)")
    assert broken == []


@every_page
def test_headings_go_down_one_level_at_a_time(student_page):
    levels = student_page.tab.locator("article.bd-article :is(h1,h2,h3,h4,h5,h6)").evaluate_all(
        "(hs) => hs.map(h => Number(h.tagName[1]))"
    )
    assert levels[:1] == [1] and levels.count(1) == 1, f"one h1 first: {levels}"
    assert all(after - before <= 1 for before, after in zip(levels, levels[1:])), (
        f"a heading level is skipped: {levels}"
    )


# ---------------------------------------------------------------- checks that click: Colab, download, install cell


@every_notebook_page
def test_notebook_page_opens_its_own_notebook_in_colab(student_page):
    colab = student_page.tab.locator("a[href^='https://colab.research.google.com/']")
    assert colab.count() == 1
    expected = f"https://colab.research.google.com/github/{REPOSITORY}/blob/main/{student_page.page}.ipynb"
    assert colab.get_attribute("href") == expected
    student_page.tab.locator("button[aria-label='Launch interactive content']").click()
    assert colab.is_visible(), "the Colab button does not appear in the launch menu"


@every_notebook_page
def test_notebook_page_download_button_returns_that_notebook(student_page):
    student_page.tab.locator("button[aria-label='Download this page']").click()
    download = student_page.tab.locator(".dropdown-download-buttons a[href$='.ipynb']")
    assert download.count() == 1, "no .ipynb download button"
    assert download.is_visible()
    url = download.evaluate("(a) => a.href")
    response = student_page.tab.request.get(url)
    assert response.ok
    assert response.body() == (ROOT / f"{student_page.page}.ipynb").read_bytes()


@every_notebook_page
def test_notebook_page_hides_the_install_cell_behind_a_toggle(student_page):
    install = student_page.tab.get_by_text("convshapes @ git+https://github.com/", exact=False)
    assert install.count() == 1, "the install cell is missing from the page"
    assert not install.is_visible(), "the install cell's source is shown; it should be folded away"
    student_page.tab.get_by_text("Show code cell source").first.click()
    assert install.is_visible(), "the folded install cell does not open"


# ---------------------------------------------------------------- one chapter, with its own browser state


def test_a_chapter_with_figures_shows_them_with_captions(visit):
    for page_path in NOTEBOOK_PAGES:
        tab = visit(html_path(page_path)).tab
        figures = tab.locator("article.bd-article figure")
        if figures.count():
            figures.first.scroll_into_view_if_needed()
            screenshot(tab, "chapter-with-figure", full_page=False)
            captions = figures.evaluate_all(
                "(fs) => fs.map(f => (f.querySelector('figcaption') || {}).innerText || '')"
            )
            # Each caption shows one number: the chapter's own "Figure N.", not also Sphinx's "Fig. N".
            assert all(re.match(r"\s*Figure \d+\.", caption) for caption in captions), captions
            return
    pytest.fail("no chapter shows a figure")


def test_code_is_copied_with_one_click(browser, base_url):
    with browser.new_context(permissions=["clipboard-read", "clipboard-write"]) as context:
        tab = context.new_page()
        tab.goto(base_url + html_path(NOTEBOOK_PAGES[0]), wait_until="networkidle")
        cells = tab.locator("div.cell_input div.highlight")
        assert cells.count() > 0
        for index in range(cells.count()):
            assert cells.nth(index).locator("button.copybtn").count() == 1, f"code cell {index} has no copy button"
        first = tab.locator("div.cell_input div.highlight >> visible=true").first  # the install cell is folded away
        first.hover()
        first.locator("button.copybtn").click()
        copied = tab.evaluate("() => navigator.clipboard.readText()")
        assert copied.strip() == first.locator("pre").inner_text().strip()
        screenshot(tab, "chapter-top", full_page=False)
