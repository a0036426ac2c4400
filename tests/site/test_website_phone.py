"""Every page of the student website on a phone-sized screen, in headless Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest
from site_browser import ERROR_GALLERY, STUDENT_PAGES, html_path, screenshot

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}


@pytest.fixture(scope="module")
def phone(browser):
    """One phone for every page (its cache warms up): these checks look at layout, not at loading."""
    with browser.new_context(**PHONE) as context:
        yield context


def laid_out(tab) -> None:
    """Wait until MathJax has typeset the page and its fonts are in, which can still change the layout after `load`."""
    tab.evaluate(
        "async () => { if (window.MathJax?.startup) await MathJax.startup.promise; await document.fonts.ready; }"
    )


@pytest.mark.parametrize("page_path", STUDENT_PAGES)
def test_page_is_readable_on_a_phone(phone, base_url, page_path):
    with phone.new_page() as tab:
        tab.goto(base_url + html_path(page_path))
        laid_out(tab)
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
