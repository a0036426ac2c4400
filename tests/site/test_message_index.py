"""The "Error messages" page shows every real message of the decoder's corpus and links every cause to its section."""

from __future__ import annotations

import html
import re

from decoder.corpus_files import CORPUS

from convshapes.decoder.table import TABLE
from convshapes.notebook.machine_paths import without_machine_paths

PAGE = "book/error_messages.html"


def visible_text(markup: str) -> str:
    """The page's text with tags removed and whitespace collapsed, as a reader's find-in-page sees it."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", markup)).split())


def test_every_corpus_message_is_on_the_page_in_its_own_words(student_site):
    text = visible_text((student_site / PAGE).read_text())
    # The site writes installed packages' paths as <site-packages>/, in quoted messages as in outputs.
    shown = [(record["source"], " ".join(without_machine_paths(record["message"]).split())) for record in CORPUS]
    missing = [source for source, message in shown if message not in text]
    assert missing == []


def test_every_family_has_an_anchor_and_every_cause_links_to_a_section_that_exists(student_site):
    markup = (student_site / PAGE).read_text()
    assert all(f'id="message-{family.id}"' in markup for family in TABLE.families)
    links = set(re.findall(r'href="\.\./([^"#]+)#([^"]+)"', markup))
    anchors = {cause.anchor for family in TABLE.families for cause in family.causes}
    assert {anchor for _, anchor in links} >= anchors
    for page, anchor in links:
        assert f'id="{anchor}"' in (student_site / page).read_text(), (page, anchor)
