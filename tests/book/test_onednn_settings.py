"""Chapter 01 shows the same outputs whether TensorFlow's oneDNN is off or on, whatever the CPU's default.

TensorFlow turns oneDNN on by default only on CPUs with certain instructions, and a channels_first Conv2D
runs on the CPU only with oneDNN, so the chapter must not depend on it. TF_ENABLE_ONEDNN_OPTS forces
either setting for the kernel nbval starts.
"""

import os
import subprocess
import sys

import pytest
from notebook_files import ROOT

CHAPTER = "notebooks/01_setup_and_conventions.ipynb"
ONEDNN_IN_EFFECT = "from tensorflow.python.util import _pywrap_util_port as port; print(port.IsMklEnabled())"


def with_onednn(setting: str) -> dict[str, str]:
    return dict(os.environ, TF_ENABLE_ONEDNN_OPTS=setting, TF_CPP_MIN_LOG_LEVEL="3", PYTHONHASHSEED="0")


@pytest.mark.parametrize("setting, in_effect", [("0", "False"), ("1", "True")])
def test_the_setting_reaches_tensorflow(setting, in_effect):
    result = subprocess.run(
        [sys.executable, "-c", ONEDNN_IN_EFFECT], capture_output=True, text=True, env=with_onednn(setting)
    )
    assert result.stdout.strip() == in_effect, result.stderr[-2000:]


@pytest.mark.parametrize("setting", ["0", "1"])
def test_chapter_01_passes_nbval_with_onednn_forced(setting):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:xdist",
            "--noconftest",
            "--nbval",
            "--nbval-sanitize-with",
            "tests/nbval_sanitize.cfg",
            CHAPTER,
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=with_onednn(setting),
        timeout=900,
    )
    assert result.returncode == 0, result.stdout[-5000:]
