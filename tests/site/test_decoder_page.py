"""The "Paste your error" page shows exactly what `convshapes explain` prints, computed in the browser.

The page runs convshapes.decoder.explain_text in Pyodide (book/_static/decoder.js, book/_ext/decoder_engine.py),
so these tests compare its text with explain_text's in this process, for every message of the decoder's corpus
and look-alikes, and never look at the text's shape. They build the website (slow the first time) and share
one browser context (conftest's `shared_context`), each in its own tab, unless a test needs a cold one.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urldefrag

import pytest
from decoder.corpus_files import CORPUS, LOOKALIKES
from playwright.sync_api import expect
from site_browser import Visit, gallery_error_messages, search_results

from convshapes.decoder import explain_text

PAGE = "book/paste_your_error.html"
WEBSITE_PATH = re.compile(r"notebooks/[\w-]+\.html(?:#[\w-]+)?")
SAMPLES = [CORPUS[index]["message"] for index in range(0, len(CORPUS), 23)] + [LOOKALIKES[0]["message"]]
UNKNOWN = "KeyError: 'learning_rate'"
READY = 60_000  # ms: Pyodide starts in a few seconds; a busy test machine gets room


def opened_and_ready(context, base_url) -> Visit:
    opened = Visit(context, base_url, PAGE)
    opened.tab.evaluate("window.convshapesDecoder.ready")
    return opened


@pytest.fixture(scope="module")
def decoder_page(shared_context, base_url) -> Visit:
    """The "Paste your error" page in its own tab, with Python ready: one for the module (Python takes seconds
    to start)."""
    opened = opened_and_ready(shared_context, base_url)
    with opened.tab:
        yield opened


def test_the_page_shows_what_convshapes_explain_prints_for_every_message(decoder_page):
    messages = [record["message"] for record in CORPUS + LOOKALIKES]
    shown = decoder_page.tab.evaluate(
        "async (messages) => { const shown = [];"
        " for (const message of messages) shown.push(await window.convshapesDecoder.show(message));"
        " return shown; }",
        messages,
    )
    differ = [
        (message[:100], got, explain_text(message))
        for message, got in zip(messages, shown)
        if got != explain_text(message)
    ]
    assert differ == [], f"{len(differ)} of {len(messages)} messages differ; the first: {differ[:1]}"
    page_text = decoder_page.tab.locator("#convshapes-decoder .decoder-result").text_content()
    assert page_text == explain_text(messages[-1])
    assert decoder_page.problems == []  # no console error, failed request or request outside the site


def pasted(opened: Visit, message: str) -> str:
    """Paste ``message`` into the page as a reader does, click Explain, and return the text the page shows.

    The page answers from a worker, so this waits for the text of this message (the previous one stays on
    screen until then); a page that shows anything else fails here after the wait, with both texts.
    """
    opened.tab.locator("#convshapes-decoder textarea").fill(message)
    opened.tab.locator("#convshapes-decoder button").click()
    result = opened.tab.locator("#convshapes-decoder .decoder-result")
    expect(result.locator("pre")).to_have_count(1)
    expect(result).to_have_text(explain_text(message), timeout=15_000)
    return result.text_content()


@pytest.mark.parametrize("message", SAMPLES, ids=[f"sample-{index}" for index in range(len(SAMPLES))])
def test_a_pasted_message_shows_the_explanation_with_working_section_links(decoder_page, student_site, message):
    expected = explain_text(message)
    assert pasted(decoder_page, message) == expected
    links = decoder_page.tab.locator("#convshapes-decoder .decoder-result a")
    assert links.all_text_contents() == WEBSITE_PATH.findall(expected)
    for href in links.evaluate_all("(links) => links.map(a => a.getAttribute('href'))"):
        target, anchor = urldefrag(href.removeprefix("../"))
        assert href.startswith("../") and (student_site / target).is_file(), href
        assert not anchor or f'id="{anchor}"' in (student_site / target).read_text(), href
    assert decoder_page.problems == []


def test_a_section_link_opens_its_section(shared_context, base_url):
    opened = opened_and_ready(shared_context, base_url)
    with opened.tab:
        pasted(opened, CORPUS[0]["message"])
        link = opened.tab.locator("#convshapes-decoder .decoder-result a").first
        anchor = urldefrag(link.get_attribute("href")).fragment
        link.click()
        expect(opened.tab).to_have_url(re.compile(rf"/notebooks/[\w-]+\.html#{anchor}$"))
        expect(opened.tab.locator(f"[id='{anchor}']")).to_be_attached()


def test_an_unknown_message_is_not_recognised_and_points_at_the_gallery(decoder_page, student_site):
    shown = pasted(decoder_page, UNKNOWN)
    assert shown == explain_text(UNKNOWN) and shown.startswith("Not recognised")
    href = decoder_page.tab.locator("#convshapes-decoder .decoder-result a").first.get_attribute("href")
    assert (student_site / href.removeprefix("../")).is_file()


def test_while_python_loads_the_page_says_so_and_explains_what_was_pasted_once_ready(browser, base_url):
    """Holding back Pyodide's WebAssembly keeps the engine loading for as long as the test needs."""
    held, outside = [], []
    with browser.new_context() as context:
        context.route("**/pyodide.asm.wasm", lambda route: held.append(route))
        tab = context.new_page()
        tab.on("request", lambda request: request.url.startswith(base_url) or outside.append(request.url))
        tab.goto(base_url + PAGE, wait_until="domcontentloaded")
        status = tab.locator("#convshapes-decoder .decoder-status")
        expect(status).to_have_attribute("data-state", "loading")
        expect(status).to_contain_text("Loading")
        message = SAMPLES[1]
        tab.locator("#convshapes-decoder textarea").fill(message)
        tab.locator("#convshapes-decoder button").click()
        tab.wait_for_timeout(300)
        assert tab.locator("#convshapes-decoder .decoder-result").text_content() == ""
        assert held, "the page did not ask for Pyodide's WebAssembly"
        for route in held:
            route.continue_()
        expect(status).to_have_attribute("data-state", "ready", timeout=READY)
        result = tab.locator("#convshapes-decoder .decoder-result")
        expect(result.locator("pre")).to_have_count(1)
        assert result.text_content() == explain_text(message)
    assert outside == []


def test_python_starts_in_a_worker_so_the_page_stays_responsive(browser, base_url):
    """Python's start is seconds of work: on the page's own thread it would freeze typing that long."""
    with browser.new_context() as context:
        context.add_init_script(
            "window.longTasks = []; new PerformanceObserver((list) => list.getEntries().forEach("
            "(task) => window.longTasks.push(task.duration))).observe({type: 'longtask', buffered: true});"
        )
        tab = context.new_page()
        tab.goto(base_url + PAGE, wait_until="domcontentloaded")
        tab.evaluate("window.convshapesDecoder.ready")
        assert len(tab.workers) == 1
        assert max(tab.evaluate("window.longTasks"), default=0) < 1500  # ms; Python's start takes 2 s or more


def test_the_page_loads_only_files_of_the_site(visit, base_url):
    opened = visit(PAGE)
    requested = []
    opened.tab.on("request", lambda request: requested.append(request.url))
    opened.tab.reload(wait_until="networkidle")
    opened.tab.evaluate("window.convshapesDecoder.ready")
    assert any(url.endswith("/_static/pyodide/pyodide.asm.wasm") for url in requested)
    assert any(url.endswith("/_static/convshapes-decoder.zip") for url in requested)
    assert [url for url in requested if not url.startswith(base_url)] == []
    assert opened.problems == []


@pytest.mark.parametrize("message", gallery_error_messages()[:3])
def test_the_page_does_not_show_up_when_searching_for_an_error_message(tab, base_url, message):
    links = search_results(tab, base_url, message)
    assert links, f"no search results for {message!r}"
    assert not any(Path(PAGE).stem in link for link in links), links
