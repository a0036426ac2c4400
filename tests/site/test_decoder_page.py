"""The "Paste your error" page: its JavaScript matches like convshapes.explain, and the page links into the book.

The first test needs only Chromium; the others build the website (slow the first time). This module drives its
own Chromium from one worker thread: Playwright's sync API allows one driver per thread, and
test_website_browser's session-wide driver may be running in the main thread of the same test process.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote_plus

import pytest
from decoder.corpus_files import CORPUS, LOOKALIKES
from playwright.sync_api import sync_playwright
from site_server import ROOT, built_site, serve, shared_tmp
from test_website_browser import CHROMIUM, CHROMIUM_ARGS, Visit, gallery_error_messages

from convshapes.decoder.explain import recognise
from convshapes.decoder.export import write_table

PAGE = "book/paste_your_error.html"
SAMPLES = [CORPUS[index] for index in range(0, len(CORPUS), 9)]


class BrowserThread:
    """Chromium driven from one worker thread: ``run(function)`` calls ``function(browser)`` there."""

    def __init__(self):
        self.pool = ThreadPoolExecutor(max_workers=1)
        self.pool.submit(self._start).result()

    def _start(self):
        self.driver = sync_playwright().start()
        self.browser = self.driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

    def run(self, function):
        return self.pool.submit(function, self.browser).result()

    def close(self):
        self.pool.submit(lambda: (self.browser.close(), self.driver.stop())).result()
        self.pool.shutdown()


@pytest.fixture(scope="module")
def chromium():
    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: apt-get install chromium (see .ci/run)"
    thread = BrowserThread()
    yield thread
    thread.close()


@pytest.fixture(scope="module")
def student_site(tmp_path_factory) -> Path:
    return built_site("student", shared_tmp(tmp_path_factory))


@pytest.fixture(scope="module")
def base_url(student_site):
    with serve(student_site) as url:
        yield url


def in_page(chromium, base_url, path: str, action):
    """Open ``path`` of the site, run ``action(visit)`` in the browser's thread, and return its result."""

    def run(browser):
        opened = Visit(browser, base_url, path)
        try:
            return action(opened)
        finally:
            opened.close()

    return chromium.run(run)


def test_the_page_script_recognises_every_message_as_python_does(chromium, tmp_path):
    table = write_table(tmp_path / "decoder-table.js")
    messages = [record["message"] for record in CORPUS + LOOKALIKES]

    def run(browser):
        context = browser.new_context()
        try:
            tab = context.new_page()
            tab.set_content("<html><body></body></html>")
            tab.add_script_tag(path=str(table))
            tab.add_script_tag(path=str(ROOT / "book" / "_static" / "decoder.js"))
            return tab.evaluate(
                "(messages) => messages.map((m) => { const r = window.convshapesDecoder.recognise("
                "window.convshapesDecoderTable, m); return r && {family: r.family.id, anchor: r.anchor, facts: r.facts}; })",
                messages,
            )
        finally:
            context.close()

    found = chromium.run(run)
    expected = []
    for message in messages:
        match = recognise(message)
        expected.append(match and {"family": match.family.id, "anchor": match.anchor, "facts": match.facts})
    differ = [(message[:80], got, want) for message, got, want in zip(messages, found, expected) if got != want]
    assert differ == []


def pasted(message: str):
    """An action that pastes ``message``, asks for the explanation and reads the result."""

    def action(opened):
        opened.tab.locator("#convshapes-decoder textarea").fill(message)
        opened.tab.locator("#convshapes-decoder button").click()
        result = opened.tab.locator("#convshapes-decoder .decoder-result")
        return {
            "family": result.get_attribute("data-family"),
            "text": result.inner_text(),
            "href": result.locator("a.decoder-link").get_attribute("href"),
            "problems": list(opened.problems),
        }

    return action


@pytest.mark.parametrize("record", SAMPLES, ids=[f"{record['family']}-{index}" for index, record in enumerate(SAMPLES)])
def test_a_pasted_message_shows_its_family_numbers_and_a_link_to_its_section(chromium, base_url, student_site, record):
    shown = in_page(chromium, base_url, PAGE, pasted(record["message"]))
    assert shown["family"] == record["family"]
    assert "Read from the message" in shown["text"]
    target, anchor = shown["href"].removeprefix("../").split("#")
    assert anchor == recognise(record["message"]).anchor
    if (ROOT / target.replace(".html", ".ipynb")).exists():  # chapters 08-10 arrive with their own branches
        assert f'id="{anchor}"' in (student_site / target).read_text()
    assert shown["problems"] == []


def test_an_unknown_message_is_not_recognised_and_points_at_the_gallery(chromium, base_url, student_site):
    shown = in_page(chromium, base_url, PAGE, pasted("KeyError: 'learning_rate'"))
    assert shown["text"].startswith("Not recognised")
    assert (student_site / shown["href"].removeprefix("../")).is_file()


def search_results(opened) -> list[str]:
    opened.tab.wait_for_function(
        "() => !document.querySelector('#search-progress') || "
        "document.querySelector('#search-progress').textContent.trim().length > 0",
        timeout=20000,
    )
    opened.tab.wait_for_timeout(300)
    return opened.tab.locator("#search-results ul.search li a").evaluate_all("(links) => links.map(a => a.href)")


@pytest.mark.parametrize("message", gallery_error_messages()[:3])
def test_the_page_does_not_show_up_when_searching_for_an_error_message(chromium, base_url, message):
    links = in_page(chromium, base_url, "search.html?q=" + quote_plus(message), search_results)
    assert links, f"no search results for {message!r}"
    assert not any(Path(PAGE).stem in link for link in links), links
