"""The website as a reader meets it: headless Chromium against the built site served on localhost.

Pages come from `_toc.yml` (and `_toc_instructor.yml`), so chapters added later are covered too.
Screenshots of key pages are saved under `_build/test-artifacts/screenshots/` (or the folder named
by the `CONVSHAPES_ARTIFACTS` environment variable) for CI to keep.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import quote_plus, unquote, urldefrag, urlparse

import nbformat
import pytest
import yaml
from playwright.sync_api import sync_playwright
from site_server import EDITIONS, REPOSITORY, ROOT, built_site, is_notebook, serve, shared_tmp, toc_pages, toc_parts

from convshapes import explain
from convshapes.notebook.machine_paths import MACHINE_PATH

CHROMIUM = os.environ.get("CONVSHAPES_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(os.environ.get("CONVSHAPES_ARTIFACTS", ROOT / "_build" / "test-artifacts")) / "screenshots"
STUDENT_PAGES = toc_pages(EDITIONS["student"])
INSTRUCTOR_ONLY_PAGES = [page for page in toc_pages(EDITIONS["instructor"]) if page not in STUDENT_PAGES]
NOTEBOOK_PAGES = [page for page in STUDENT_PAGES if is_notebook(page)]
ERROR_GALLERY = next(page for page in STUDENT_PAGES if page.endswith("error_gallery"))
PHONE = {"width": 390, "height": 844}
ANSI = re.compile(r"\x1b\[[0-9;]*m")


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def student_site(tmp_path_factory) -> Path:
    return built_site("student", shared_tmp(tmp_path_factory))


@pytest.fixture(scope="session")
def instructor_site(tmp_path_factory) -> Path:
    return built_site("instructor", shared_tmp(tmp_path_factory))


@pytest.fixture(scope="session")
def base_url(student_site):
    with serve(student_site) as url:
        yield url


@pytest.fixture(scope="session")
def instructor_url(instructor_site):
    with serve(instructor_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: apt-get install chromium (see .ci/run)"
    with sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Visit:
    """A page opened in a fresh tab, with every console error and failed or foreign request recorded."""

    def __init__(self, browser, base: str, path: str, **context_options):
        self.base, self.path = base, path
        self.context = browser.new_context(**context_options)
        self.tab = self.context.new_page()
        self.problems: list[str] = []
        self.tab.on(
            "console", lambda m: m.type == "error" and self.problems.append(f"console error: {m.text} {m.location}")
        )
        self.tab.on("pageerror", lambda error: self.problems.append(f"script error: {error}"))
        self.tab.on("requestfailed", lambda r: self.problems.append(f"failed request: {r.url} ({r.failure})"))
        self.tab.on("response", lambda r: r.status >= 400 and self.problems.append(f"HTTP {r.status}: {r.url}"))
        self.tab.on("request", lambda r: self._check_host(r.url))
        self.tab.goto(base + path, wait_until="networkidle")

    def _check_host(self, url: str) -> None:
        if urlparse(url).scheme in ("http", "https") and not url.startswith(self.base):
            self.problems.append(f"resource from outside the site (missing offline): {url}")

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser, base_url):
    opened: list[Visit] = []

    def open_page(path: str, base: str | None = None, **context_options) -> Visit:
        opened.append(Visit(browser, base or base_url, path, **context_options))
        return opened[-1]

    yield open_page
    for item in opened:
        item.close()


def html_path(page: str) -> str:
    return f"{page}.html"


def screenshot(tab, name: str, full_page: bool = True) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)


def gallery_error_messages() -> list[str]:
    """The headline sentence of every error the gallery shows, as a reader would paste it."""
    notebook = nbformat.read(ROOT / f"{ERROR_GALLERY}.ipynb", as_version=4)
    messages = []
    for cell in notebook.cells:
        if "raises-exception" not in cell.metadata.get("tags", []):
            continue
        for output in cell.get("outputs", []):
            if output.output_type != "error":
                continue
            bold = re.search(r"\x1b\[1m(.*?)\x1b\[0m", output.evalue, re.S)
            text = ANSI.sub("", bold.group(1) if bold else output.evalue.splitlines()[0])
            text = re.sub(r"^\{\{[^}]*\}\}\s*", "", text)  # TensorFlow's op prefix is not part of the message
            messages.append(re.split(r"(?<=\.)\s", text.strip())[0])
    return messages


# ---------------------------------------------------------------- loading


@pytest.mark.parametrize("page_path", STUDENT_PAGES)
def test_page_loads_without_console_errors_or_missing_resources(visit, page_path):
    opened = visit(html_path(page_path))
    assert opened.tab.title(), "the page has no title"
    assert opened.problems == []


@pytest.mark.parametrize("page_path", ["index.html", "search.html?q=Conv1D", "genindex.html"])
def test_site_entry_points_load_without_console_errors(visit, page_path):
    assert visit(page_path).problems == []


# ---------------------------------------------------------------- navigation


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


def sidebar_pages(opened: Visit) -> list[str]:
    links = opened.tab.locator("nav.bd-docs-nav a.reference.internal").evaluate_all("(links) => links.map(a => a.href)")
    pages = [urldefrag(link)[0].removeprefix(opened.base).removesuffix(".html") for link in links]
    return list(dict.fromkeys(pages))


def test_the_sidebar_lists_every_page_in_table_of_contents_order(visit):
    listed = sidebar_pages(visit(html_path(STUDENT_PAGES[0])))
    assert listed == STUDENT_PAGES[1:] or listed == STUDENT_PAGES


def test_the_student_edition_has_no_solutions_and_no_instructor_guide():
    assert not [page for page in STUDENT_PAGES if page.startswith("solutions/") or "instructor" in page]


# ---------------------------------------------------------------- search


@pytest.mark.parametrize("message", gallery_error_messages())
def test_search_finds_the_error_gallery_entry_for_its_exact_message(visit, message):
    opened = visit("search.html?q=" + quote_plus(message))
    tab = opened.tab
    tab.wait_for_function(
        "() => !document.querySelector('#search-progress') || "
        "document.querySelector('#search-progress').textContent.trim().length > 0",
        timeout=20000,
    )
    tab.wait_for_timeout(300)
    results = tab.locator("#search-results ul.search li a").evaluate_all("(links) => links.map(a => a.href)")
    # The gallery must be among the first few results, where a reader looks.
    assert any(f"{ERROR_GALLERY}.html" in link for link in results[:3]), f"results for {message!r}: {results}"


def test_search_page_screenshot(visit):
    message = gallery_error_messages()[0]
    opened = visit("search.html?q=" + quote_plus(message))
    opened.tab.wait_for_timeout(1500)
    screenshot(opened.tab, "search-error-message")


# ---------------------------------------------------------------- Colab and download buttons


@pytest.mark.parametrize("page_path", NOTEBOOK_PAGES)
def test_notebook_page_opens_its_own_notebook_in_colab(visit, page_path):
    opened = visit(html_path(page_path))
    colab = opened.tab.locator("a[href^='https://colab.research.google.com/']")
    assert colab.count() == 1
    expected = f"https://colab.research.google.com/github/{REPOSITORY}/blob/main/{page_path}.ipynb"
    assert colab.get_attribute("href") == expected
    opened.tab.locator("button[aria-label='Launch interactive content']").click()
    assert colab.is_visible(), "the Colab button does not appear in the launch menu"


@pytest.mark.parametrize("page_path", NOTEBOOK_PAGES)
def test_notebook_page_download_button_returns_that_notebook(visit, page_path):
    opened = visit(html_path(page_path))
    opened.tab.locator("button[aria-label='Download this page']").click()
    download = opened.tab.locator(".dropdown-download-buttons a[href$='.ipynb']")
    assert download.count() == 1, "no .ipynb download button"
    assert download.is_visible()
    url = download.evaluate("(a) => a.href")
    response = opened.tab.request.get(url)
    assert response.ok
    assert response.body() == (ROOT / f"{page_path}.ipynb").read_bytes()


@pytest.mark.parametrize("page_path", NOTEBOOK_PAGES)
def test_notebook_page_hides_the_install_cell_behind_a_toggle(visit, page_path):
    tab = visit(html_path(page_path)).tab
    install = tab.get_by_text("convshapes @ git+https://github.com/", exact=False)
    assert install.count() == 1, "the install cell is missing from the page"
    assert not install.is_visible(), "the install cell's source is shown; it should be folded away"
    tab.get_by_text("Show code cell source").first.click()
    assert install.is_visible(), "the folded install cell does not open"


@pytest.mark.parametrize("page_path", STUDENT_PAGES)
def test_page_shows_no_path_of_the_machine_that_built_it(visit, page_path):
    text = visit(html_path(page_path)).tab.locator("article.bd-article").inner_text()
    assert not MACHINE_PATH.search(text), f"machine path on the page: {MACHINE_PATH.search(text).group()!r}"


# ---------------------------------------------------------------- figures and links


@pytest.mark.parametrize("page_path", STUDENT_PAGES)
def test_figures_render_and_carry_alt_text(visit, page_path):
    tab = visit(html_path(page_path)).tab
    images = tab.locator("article.bd-article img").evaluate_all(
        "(images) => images.map(i => ({src: i.getAttribute('src'), alt: i.getAttribute('alt') || '',"
        " loaded: i.complete && i.naturalWidth > 0}))"
    )
    for image in images:
        assert image["loaded"], f"{image['src']} does not render"
        assert len(image["alt"].strip()) >= 10, f"{image['src']} has no useful alt text: {image['alt']!r}"


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


def test_no_internal_link_is_broken(visit, student_site):
    broken = []
    for page_path in STUDENT_PAGES:
        opened = visit(html_path(page_path))
        links = opened.tab.locator("a[href]").evaluate_all("(links) => links.map(a => a.href)")
        for link in links:
            address, fragment = urldefrag(link)
            if not address.startswith(opened.base):
                continue
            target = student_site / unquote(address.removeprefix(opened.base).split("?")[0] or "index.html")
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page_path}: {link}")
            elif fragment and target.suffix == ".html" and f'id="{fragment}"' not in target.read_text():
                broken.append(f"{page_path}: {link} (no such anchor)")
        opened.close()
    assert broken == []


# ---------------------------------------------------------------- phone and accessibility


@pytest.mark.parametrize("page_path", STUDENT_PAGES)
def test_page_is_readable_on_a_phone(visit, page_path):
    opened = visit(html_path(page_path), viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    tab = opened.tab
    overflow = tab.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"the page scrolls sideways by {overflow}px"
    font_size = tab.evaluate(
        "() => parseFloat(getComputedStyle(document.querySelector('article.bd-article p') || document.body).fontSize)"
    )
    assert font_size >= 14
    assert not tab.locator("#pst-primary-sidebar").is_visible(), "the sidebar covers the page on a phone"
    assert tab.locator("button.primary-toggle:visible").count() >= 1, "no visible menu button"
    if page_path in (STUDENT_PAGES[0], ERROR_GALLERY):
        screenshot(tab, f"phone-{Path(page_path).name}", full_page=False)


@pytest.mark.parametrize("page_path", STUDENT_PAGES)
def test_headings_go_down_one_level_at_a_time(visit, page_path):
    levels = (
        visit(html_path(page_path))
        .tab.locator("article.bd-article :is(h1,h2,h3,h4,h5,h6)")
        .evaluate_all("(hs) => hs.map(h => Number(h.tagName[1]))")
    )
    assert levels[:1] == [1] and levels.count(1) == 1, f"one h1 first: {levels}"
    assert all(after - before <= 1 for before, after in zip(levels, levels[1:])), (
        f"a heading level is skipped: {levels}"
    )


def test_code_is_copied_with_one_click(browser, base_url):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        tab = context.new_page()
        page_path = NOTEBOOK_PAGES[0]
        tab.goto(base_url + html_path(page_path), wait_until="networkidle")
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
    finally:
        context.close()


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


def pasted_messages() -> list[str]:
    """One real message per decoder family, as its public thread shows it (other names, other numbers)."""
    corpus = yaml.safe_load((ROOT / "tests" / "decoder" / "corpus.yaml").read_text())
    first: dict[str, str] = {}
    for record in corpus:
        if record["source"].startswith("https://") and "\n" not in record["message"]:
            first.setdefault(record["family"], record["message"])
    return list(first.values())


@pytest.mark.parametrize("message", pasted_messages())
def test_search_finds_the_explanation_of_a_real_message_with_its_own_names_and_numbers(visit, message):
    expected = f"{explain(message).page}.html"
    opened = visit("search.html?q=" + quote_plus(message))
    tab = opened.tab
    tab.wait_for_function(
        "() => !document.querySelector('#search-progress') || "
        "document.querySelector('#search-progress').textContent.trim().length > 0",
        timeout=20000,
    )
    tab.wait_for_timeout(300)
    results = tab.locator("#search-results ul.search li a").evaluate_all("(links) => links.map(a => a.href)")
    assert any(expected in link for link in results[:5]), f"results for {message!r}: {results}"
