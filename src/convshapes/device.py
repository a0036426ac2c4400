"""Find the GPUs TensorFlow can use, turn on memory growth, and say in one line which device runs the code."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass

from .error_text import essential_message


@dataclass(frozen=True)
class DeviceReport:
    """What :func:`configure_gpus` found: the GPU names, whether memory growth is on, and why not if it failed."""

    gpus: tuple[str, ...]
    memory_growth: bool
    problem: str | None = None

    @property
    def device(self) -> str:
        """``"GPU"`` when TensorFlow places work on a GPU, otherwise ``"CPU"``."""
        return "GPU" if self.gpus else "CPU"

    def __str__(self) -> str:
        if not self.gpus:
            return "No GPU found: running on the CPU."
        plural = "GPU" if len(self.gpus) == 1 else "GPUs"
        growth = "memory growth on" if self.memory_growth else f"memory growth off: {self.problem}"
        return f"Using {len(self.gpus)} {plural}: {', '.join(self.gpus)} ({growth})"


def configure_gpus() -> DeviceReport:
    """Enable memory growth on every visible GPU and report the device; never fails when there is no GPU."""
    import tensorflow as tf

    gpus = tf.config.list_physical_devices("GPU")
    problem = None
    for gpu in gpus:
        try:
            tf.config.experimental.set_memory_growth(gpu, True)
        except (RuntimeError, ValueError) as error:
            problem = f"{error} (restart the runtime and run this cell first)"
    return DeviceReport(
        tuple(_describe(tf, gpu) for gpu in gpus), memory_growth=bool(gpus) and problem is None, problem=problem
    )


def _describe(tf, gpu) -> str:
    try:
        model = tf.config.experimental.get_device_details(gpu).get("device_name")
    except (RuntimeError, ValueError):
        model = None
    return f"{gpu.name} ({model})" if model else gpu.name


# Runs first in each fresh Python of `outcomes_on_cpu`: the snippet reports each thing it tries with `attempt`.
_ATTEMPT = """
import json as _json


def attempt(label, compute):
    try:
        result = compute()
    except Exception as error:
        print("convshapes-attempt", _json.dumps([label, type(error).__name__, str(error)]))
    else:
        print("convshapes-attempt", _json.dumps([label, None, str(tuple(result.shape))]))
"""
_ATTEMPT_LINE = "convshapes-attempt "


def outcomes_on_cpu(snippet: str, onednn_settings: tuple[str, ...] = ("0", "1")) -> dict[str, dict[str, str]]:
    """Run ``snippet`` on the CPU under each ``TF_ENABLE_ONEDNN_OPTS`` setting; say what each of its attempts did.

    The snippet calls ``attempt(label, compute)`` for each thing it tries. Each setting gets its own fresh Python
    process (TensorFlow reads the setting once, when it starts; GPUs hidden, so the CPU runs it), all started at
    once. The result maps each setting to ``{label: outcome}``, where an outcome is
    ``"runs, output shape (2, 8, 62, 62)"`` or the error's name and its own words.
    """
    processes = {}
    for setting in onednn_settings:
        env = dict(
            os.environ,
            TF_ENABLE_ONEDNN_OPTS=setting,
            CUDA_VISIBLE_DEVICES="-1",
            TF_CPP_MIN_LOG_LEVEL="3",
            KERAS_BACKEND="tensorflow",
        )
        processes[setting] = subprocess.Popen(
            [sys.executable, "-c", _ATTEMPT + snippet],
            env=env,
            text=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
    outcomes = {}
    for setting, process in processes.items():
        stdout, stderr = process.communicate()
        reports = [
            json.loads(line[len(_ATTEMPT_LINE) :]) for line in stdout.splitlines() if line.startswith(_ATTEMPT_LINE)
        ]
        if process.returncode != 0 or not reports:
            raise RuntimeError(f"the TF_ENABLE_ONEDNN_OPTS={setting} probe crashed:\n{stderr[-2000:]}")
        outcomes[setting] = {label: _outcome(name, text) for label, name, text in reports}
    return outcomes


def _outcome(error_name: str | None, text: str) -> str:
    """One attempt in words: the shape it returned, or the error's name and its own words."""
    if error_name is None:
        return f"runs, output shape {text}"
    message = essential_message(text)
    return f"{error_name}: {message}" if message else error_name


_CHANNELS_FIRST_PROBE = """
import numpy as np
from keras import layers

conv = layers.Conv2D(8, 3, data_format="channels_first")
attempt("conv", lambda: conv(np.zeros((2, 3, 64, 64), dtype="float32")))
"""


def channels_first_conv_on_cpu(onednn_settings: tuple[str, ...] = ("0", "1")) -> dict[str, str]:
    """Run a ``channels_first`` Conv2D on the CPU under each ``TF_ENABLE_ONEDNN_OPTS`` setting; say what happened.

    The result maps each setting to ``"runs, output shape (2, 8, 62, 62)"`` or to the error's name and message.
    """
    return {
        setting: found["conv"] for setting, found in outcomes_on_cpu(_CHANNELS_FIRST_PROBE, onednn_settings).items()
    }
