"""The website's search finds where a pasted error message is explained, in headless Chromium.

The searches share one browser context (`tab`): they check what the search lists, not how pages load.
"""

from __future__ import annotations

import pytest
from decoder.corpus_files import CORPUS, is_public
from site_browser import ERROR_GALLERY, gallery_error_messages, screenshot, search_results


@pytest.mark.parametrize("message", gallery_error_messages())
def test_search_finds_the_error_gallery_entry_for_its_exact_message(tab, base_url, message):
    results = search_results(tab, base_url, message)
    # The gallery must be among the first few results, where a reader looks.
    assert any(f"{ERROR_GALLERY}.html" in link for link in results[:3]), f"results for {message!r}: {results}"


def test_search_page_screenshot(tab, base_url):
    search_results(tab, base_url, gallery_error_messages()[0])
    tab.wait_for_load_state("networkidle")  # each result's summary is fetched after the list is complete
    screenshot(tab, "search-error-message")


def pasted_messages() -> list[str]:
    """One real message per decoder family, as its public thread shows it (other names, other numbers)."""
    first: dict[str, str] = {}
    for record in CORPUS:
        if is_public(record) and "\n" not in record["message"]:
            first.setdefault(record["family"], record["message"])
    return list(first.values())


MESSAGE_INDEX = "book/error_messages.html"


@pytest.mark.parametrize("message", pasted_messages())
def test_search_finds_the_explanation_of_a_real_message_with_its_own_names_and_numbers(tab, base_url, message):
    """A page whose job is to explain messages (the error gallery or the Error messages page) comes first, and the
    Error messages page, which quotes every wording with links to the chapter that runs each cause, is in the
    first five.

    Sphinx lists only pages holding every word left in the query, so a message in another version's wording
    (an extra sentence the chapter does not quote) may find only the Error messages page, which quotes it.
    """
    results = search_results(tab, base_url, message)
    first_five = results[:5]
    assert results and (ERROR_GALLERY in results[0] or MESSAGE_INDEX in results[0]), (
        f"results for {message!r}: {results}"
    )
    assert any(MESSAGE_INDEX in link for link in first_five), f"results for {message!r}: {results}"
