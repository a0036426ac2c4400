"""The "Paste your error" page: its JavaScript matches like convshapes.explain, and the page links into the book.

The first test needs only Chromium; the others build the website (slow the first time). The tests share one
browser context (conftest's `shared_context`), each in its own tab.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from decoder.corpus_files import CORPUS, LOOKALIKES
from site_browser import Visit, gallery_error_messages, search_results
from site_server import ROOT

from convshapes.decoder.explain import recognise
from convshapes.decoder.export import write_table

PAGE = "book/paste_your_error.html"
SAMPLES = [CORPUS[index] for index in range(0, len(CORPUS), 9)]


@pytest.fixture
def decoder_page(shared_context, base_url) -> Visit:
    """The "Paste your error" page, freshly loaded in its own tab."""
    opened = Visit(shared_context, base_url, PAGE)
    with opened.tab:
        yield opened


def test_the_page_script_recognises_every_message_as_python_does(tab, tmp_path):
    table = write_table(tmp_path / "decoder-table.js")
    messages = [record["message"] for record in CORPUS + LOOKALIKES]
    tab.set_content("<html><body></body></html>")
    tab.add_script_tag(path=str(table))
    tab.add_script_tag(path=str(ROOT / "book" / "_static" / "decoder.js"))
    found = tab.evaluate(
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


def pasted(opened: Visit, message: str) -> dict:
    """Paste ``message`` into the page, ask for the explanation and read the result."""
    opened.tab.locator("#convshapes-decoder textarea").fill(message)
    opened.tab.locator("#convshapes-decoder button").click()
    result = opened.tab.locator("#convshapes-decoder .decoder-result")
    return {
        "family": result.get_attribute("data-family"),
        "text": result.inner_text(),
        "href": result.locator("a.decoder-link").get_attribute("href"),
    }


@pytest.mark.parametrize("record", SAMPLES, ids=[f"{record['family']}-{index}" for index, record in enumerate(SAMPLES)])
def test_a_pasted_message_shows_its_family_numbers_and_a_link_to_its_section(decoder_page, student_site, record):
    shown = pasted(decoder_page, record["message"])
    assert shown["family"] == record["family"]
    assert "Read from the message" in shown["text"]
    target, anchor = shown["href"].removeprefix("../").split("#")
    assert anchor == recognise(record["message"]).anchor
    if (ROOT / target.replace(".html", ".ipynb")).exists():  # chapters 08-10 arrive with their own branches
        assert f'id="{anchor}"' in (student_site / target).read_text()
    assert decoder_page.problems == []


def test_an_unknown_message_is_not_recognised_and_points_at_the_gallery(decoder_page, student_site):
    shown = pasted(decoder_page, "KeyError: 'learning_rate'")
    assert shown["text"].startswith("Not recognised")
    assert (student_site / shown["href"].removeprefix("../")).is_file()


@pytest.mark.parametrize("message", gallery_error_messages()[:3])
def test_the_page_does_not_show_up_when_searching_for_an_error_message(tab, base_url, message):
    links = search_results(tab, base_url, message)
    assert links, f"no search results for {message!r}"
    assert not any(Path(PAGE).stem in link for link in links), links
