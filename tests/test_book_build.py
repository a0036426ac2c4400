"""The website builds offline with zero warnings, and every notebook page links to Colab and to its file."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text())
REPOSITORY = CONFIG["repository"]["url"].removeprefix("https://github.com/")
NOTEBOOK_PAGES = sorted(
    str(path.relative_to(ROOT).with_suffix("")) for folder in ("notebooks", "exercises") for path in (ROOT / folder).glob("*.ipynb")
)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    output = tmp_path_factory.mktemp("book")
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    result = subprocess.run(
        [str(jupyter_book), "build", "--warningiserror", "--keep-going", "--path-output", str(output), str(ROOT)],
        capture_output=True, text=True, timeout=1800, env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"},
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return output / "_build" / "html"


@pytest.mark.parametrize("page", NOTEBOOK_PAGES)
def test_notebook_page_has_a_colab_button_for_its_own_notebook(site, page):
    html = (site / f"{page}.html").read_text()
    expected = f"https://colab.research.google.com/github/{REPOSITORY}/blob/main/{page}.ipynb"
    assert expected in html


@pytest.mark.parametrize("page", NOTEBOOK_PAGES)
def test_download_button_returns_the_committed_notebook(site, page):
    html = (site / f"{page}.html").read_text()
    link = re.search(r'href="([^"]*_sources/[^"]*\.ipynb)"', html)
    assert link, "no download link"
    downloaded = (site / page).parent / link.group(1)
    assert downloaded.resolve().read_bytes() == (ROOT / f"{page}.ipynb").read_bytes()


def test_chapters_render_their_figures_with_alt_text(site):
    images = re.findall(r"<img [^>]*>", (site / "notebooks" / "02_pattern1_conv1d_to_conv2d.html").read_text())
    figures = [image for image in images if "jupyter_execute" in image or "_images" in image]
    assert figures, "no executed figures on the pattern 1 page"
    assert all(re.search(r'alt="[^"]{10,}"', image) for image in figures)


def test_exercise_pages_show_empty_answer_cells(site):
    html = (site / "exercises" / "shape_arithmetic.html").read_text()
    assert "YOUR CODE HERE" in html and "BEGIN SOLUTION" not in html and "PASS sa-" not in html
