"""What the browser tests of the website share: the pages to visit, a recorded visit, search and screenshots.

Pages come from `_toc.yml` (and `_toc_instructor.yml`), so chapters added later are covered too.
Screenshots of key pages are saved under `_build/test-artifacts/screenshots/` (or the folder named
by the `CONVSHAPES_ARTIFACTS` environment variable) for CI to keep.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import quote_plus, urldefrag, urlparse

import nbformat
from playwright.sync_api import expect
from site_server import EDITIONS, ROOT, is_notebook, toc_pages

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
ANSI = re.compile(r"\x1b\[[0-9;]*m")


class Visit:
    """A page opened in a new tab of ``context``, with every console error and failed or foreign request recorded.

    ``goto`` waits for network silence, so requests a page makes after its `load` event are recorded too.
    """

    def __init__(self, context, base: str, path: str):
        self.base, self.path = base, path
        self.tab = context.new_page()
        self.problems: list[str] = []
        self.tab.on(
            "console", lambda m: m.type == "error" and self.problems.append(f"console error: {m.text} {m.location}")
        )
        self.tab.on("pageerror", lambda error: self.problems.append(f"script error: {error}"))
        self.tab.on("requestfailed", lambda r: self.problems.append(f"failed request: {r.url} ({r.failure})"))
        self.tab.on("response", lambda r: r.status >= 400 and self.problems.append(f"HTTP {r.status}: {r.url}"))
        self.tab.on("request", lambda r: self._check_host(r.url))
        self.tab.goto(base + path, wait_until="networkidle")

    @property
    def page(self) -> str:
        """The page's path as the table of contents writes it (no `.html`)."""
        return self.path.removesuffix(".html")

    def _check_host(self, url: str) -> None:
        if urlparse(url).scheme in ("http", "https") and not url.startswith(self.base):
            self.problems.append(f"resource from outside the site (missing offline): {url}")


def html_path(page: str) -> str:
    return f"{page}.html"


def screenshot(tab, name: str, full_page: bool = True) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)


def sidebar_pages(opened: Visit) -> list[str]:
    """The pages the navigation sidebar links to, in its order."""
    links = opened.tab.locator("nav.bd-docs-nav a.reference.internal").evaluate_all("(links) => links.map(a => a.href)")
    pages = [urldefrag(link)[0].removeprefix(opened.base).removesuffix(".html") for link in links]
    return list(dict.fromkeys(pages))


def search_results(tab, base: str, query: str) -> list[str]:
    """The links the site's search page lists for ``query``, in its order, once it has listed them all."""
    tab.goto(base + "search.html?q=" + quote_plus(query))
    # Sphinx's searchtools.js fills this summary ("Search finished, found N page(s)...") after the last result.
    expect(tab.locator("#search-results p.search-summary")).not_to_be_empty(timeout=20000)
    return tab.locator("#search-results ul.search li a").evaluate_all("(links) => links.map(a => a.href)")


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
