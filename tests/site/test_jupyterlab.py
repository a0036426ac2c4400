"""A real JupyterLab session (`make lab`'s environment) driven in Chromium: `%load_ext convshapes` explains a
failing cell on screen, and chapter 5's explorer widget answers a person moving its slider."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect
from site_browser import screenshot
from site_server import ROOT

STARTUP_SECONDS = 120
RUN_SECONDS = 180
DIALOG_SECONDS = 10

NOTEBOOKS = {
    "extension.ipynb": [
        "%load_ext convshapes",
        "import keras\nfrom keras import layers\n\nkeras.Sequential([keras.Input(shape=(28, 28)), layers.Conv2D(8, 3)])",
    ],
    "explorer.ipynb": [
        'from convshapes import explorer\n\nexplorer.shape_explorer(length=10, kernel_size=4, padding="same")',
    ],
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab from this project's venv on localhost, on a folder holding the test notebooks; its base URL
    and token. Its settings, data and runtime folders are its own, so no user setting changes what it shows."""
    folder = tmp_path_factory.mktemp("jupyterlab")
    for name, cells in NOTEBOOKS.items():
        notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source) for source in cells])
        notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nbformat.write(notebook, folder / name)
    home = folder / "home"
    settings = home / "lab-settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text('{"fetchNews": "false", "checkForUpdates": false}')
    env = os.environ | {
        "PYTHONPATH": str(ROOT / "src"),
        "TF_CPP_MIN_LOG_LEVEL": "3",
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTER_DATA_DIR": str(home / "data"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(home / "lab-settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
        "IPYTHONDIR": str(home / "ipython"),
    }
    port, token = free_port(), secrets.token_hex(16)
    command = [
        Path(sys.executable).with_name("jupyter"),
        "lab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={folder}",
        *(["--allow-root"] if os.geteuid() == 0 else []),  # CI containers run as root
    ]
    log = (folder / "jupyterlab.log").open("w")
    server = subprocess.Popen(command, env=env, cwd=folder, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=5)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail(f"JupyterLab did not start:\n{(folder / 'jupyterlab.log').read_text()[-3000:]}")
                time.sleep(1)
        yield base, token
    finally:
        server.terminate()
        server.wait(timeout=60)
        log.close()


def run_all_cells(browser, lab, notebook: str):
    """Open ``notebook`` in JupyterLab, run every cell from the Run menu; the tab."""
    base, token = lab
    tab = browser.new_page(viewport={"width": 1400, "height": 1000})
    tab.goto(f"{base}/lab/tree/{notebook}?token={token}")
    expect(tab.locator(".jp-Notebook .jp-Cell").first).to_be_visible(timeout=STARTUP_SECONDS * 1000)
    expect(tab.get_by_text("Python 3 (ipykernel) | Idle")).to_be_visible(timeout=STARTUP_SECONDS * 1000)
    choose = tab.locator(".jp-Dialog .jp-mod-accept")  # JupyterLab may ask which kernel the notebook wants
    try:
        choose.wait_for(timeout=DIALOG_SECONDS * 1000)
        choose.click()
    except PlaywrightTimeout:
        pass
    tab.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    tab.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
    return tab


def test_a_failing_cell_shows_the_doctors_diagnosis_under_its_traceback(browser, lab):
    tab = run_all_cells(browser, lab, "extension.ipynb")
    outputs = tab.locator(".jp-Notebook .jp-Cell").nth(1).locator(".jp-OutputArea-output")
    advice = outputs.filter(has_text="convshapes: what this error means")
    expect(advice).to_be_visible(timeout=RUN_SECONDS * 1000)
    expect(outputs.filter(has_text="ValueError").first).to_be_visible()
    expect(advice).to_contain_text("needs 4 axes (batch, height, width, channels) and got 3: (None, 28, 28).")
    expect(advice).to_contain_text("layers.Reshape((28, 28, 1))")
    texts = outputs.all_inner_texts()
    assert "ValueError" in texts[0] and "convshapes: what this error means" in texts[-1]
    screenshot(tab, "jupyterlab-load-ext-convshapes")
    tab.close()


def test_the_explorer_redraws_its_figure_and_numbers_when_a_slider_moves(browser, lab):
    tab = run_all_cells(browser, lab, "explorer.ipynb")
    summary = tab.locator(".widget-label", has_text="output length")
    picture = tab.locator(".jupyter-widgets img")
    expect(summary).to_have_text("output length 10; zeros added before 1, after 2", timeout=RUN_SECONDS * 1000)
    before = picture.get_attribute("src")
    kernel_size = tab.locator(".widget-slider", has_text="kernel_size")
    kernel_size.locator(".noUi-handle").focus()
    tab.keyboard.press("ArrowRight")
    expect(kernel_size.locator(".widget-readout")).to_have_text("5")
    expect(summary).to_have_text("output length 10; zeros added before 2, after 2")
    expect(picture).not_to_have_attribute("src", before)
    screenshot(tab, "jupyterlab-shape-explorer")
    tab.close()
