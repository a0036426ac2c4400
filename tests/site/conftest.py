"""Fixtures of the website tests: the built editions served on localhost, and one Chromium per test process.

One definition of the browser for every module here, so a test process runs one Playwright driver (its sync
API allows one per thread) however pytest-xdist spreads the modules over workers.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright
from site_browser import CHROMIUM, CHROMIUM_ARGS, Visit
from site_server import built_site, serve, shared_tmp


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


@pytest.fixture(scope="session")
def shared_context(browser):
    """One browser context for checks where isolation is not the point: its cache is warm after the first page."""
    with browser.new_context() as context:
        yield context


@pytest.fixture
def tab(shared_context):
    """A new tab in the shared context, closed after the test."""
    with shared_context.new_page() as page:
        yield page


@pytest.fixture
def visit(browser, base_url):
    """Open pages as a reader arriving from elsewhere: each in a fresh context (cold cache, no state)."""
    contexts = []

    def open_page(path: str, base: str | None = None, **context_options) -> Visit:
        contexts.append(browser.new_context(**context_options))
        return Visit(contexts[-1], base or base_url, path)

    yield open_page
    for context in contexts:
        context.close()
