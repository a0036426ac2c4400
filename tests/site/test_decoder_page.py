"""The "Paste your error" page: its JavaScript matches like convshapes.explain, and the page links into the book.

The first test needs only Chromium; the others build the website (slow the first time).
"""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import quote_plus

import pytest
from site_server import ROOT
from test_website_browser import (  # noqa: F401  (fixtures used by name)
    base_url,
    browser,
    gallery_error_messages,
    student_site,
    visit,
)

sys.path.insert(0, str(ROOT / "tests" / "decoder"))
from corpus_files import CORPUS, LOOKALIKES  # noqa: E402

from convshapes.decoder.explain import recognise  # noqa: E402
from convshapes.decoder.export import write_table  # noqa: E402

PAGE = "book/paste_your_error.html"
SAMPLES = [CORPUS[index] for index in range(0, len(CORPUS), 9)]


@pytest.fixture(scope="module")
def decoder_tab(browser, tmp_path_factory):  # noqa: F811
    table = write_table(tmp_path_factory.mktemp("decoder") / "decoder-table.js")
    context = browser.new_context()
    tab = context.new_page()
    tab.set_content("<html><body></body></html>")
    tab.add_script_tag(path=str(table))
    tab.add_script_tag(path=str(ROOT / "book" / "_static" / "decoder.js"))
    yield tab
    context.close()


def test_the_page_script_recognises_every_message_as_python_does(decoder_tab):
    messages = [record["message"] for record in CORPUS + LOOKALIKES]
    found = decoder_tab.evaluate(
        "(messages) => messages.map((m) => { const r = window.convshapesDecoder.recognise("
        "window.convshapesDecoderTable, m); return r && {family: r.family.id, anchor: r.anchor, facts: r.facts}; })",
        messages,
    )
    expected = []
    for message in messages:
        match = recognise(message)
        expected.append(match and {"family": match.family.id, "anchor": match.anchor, "facts": match.facts})
    differ = [(message[:80], got, want) for message, got, want in zip(messages, found, expected) if got != want]
    assert differ == []


def explain_on_page(visit, message: str):  # noqa: F811
    opened = visit(PAGE)
    opened.tab.locator("#convshapes-decoder textarea").fill(message)
    opened.tab.locator("#convshapes-decoder button").click()
    return opened


@pytest.mark.parametrize("record", SAMPLES, ids=[f"{record['family']}-{index}" for index, record in enumerate(SAMPLES)])
def test_a_pasted_message_shows_its_family_numbers_and_a_link_to_its_section(visit, student_site, record):  # noqa: F811
    opened = explain_on_page(visit, record["message"])
    result = opened.tab.locator("#convshapes-decoder .decoder-result")
    assert result.get_attribute("data-family") == record["family"]
    assert "Read from the message" in result.inner_text()
    href = result.locator("a.decoder-link").get_attribute("href")
    target, anchor = href.removeprefix("../").split("#")
    assert anchor == recognise(record["message"]).anchor
    if (ROOT / target.replace(".html", ".ipynb")).exists():  # chapters 08-10 arrive with their own branches
        assert f'id="{anchor}"' in (student_site / target).read_text()
    assert opened.problems == []


def test_an_unknown_message_is_not_recognised_and_points_at_the_gallery(visit, student_site):  # noqa: F811
    opened = explain_on_page(visit, "KeyError: 'learning_rate'")
    result = opened.tab.locator("#convshapes-decoder .decoder-result")
    assert result.inner_text().startswith("Not recognised")
    href = result.locator("a.decoder-link").get_attribute("href")
    assert (student_site / href.removeprefix("../")).is_file()


def test_the_page_does_not_show_up_when_searching_for_an_error_message(visit):  # noqa: F811
    for message in gallery_error_messages()[:3]:
        tab = visit("search.html?q=" + quote_plus(message)).tab
        tab.wait_for_function(
            "() => !document.querySelector('#search-progress') || "
            "document.querySelector('#search-progress').textContent.trim().length > 0",
            timeout=20000,
        )
        tab.wait_for_timeout(300)
        links = tab.locator("#search-results ul.search li a").evaluate_all("(links) => links.map(a => a.href)")
        assert links, f"no search results for {message!r}"
        assert not any(Path(PAGE).stem in link for link in links), links
