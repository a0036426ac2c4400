"""Find the GPUs TensorFlow can use, turn on memory growth, and say in one line which device runs the code."""

from __future__ import annotations

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


# Runs in a fresh Python: TensorFlow reads TF_ENABLE_ONEDNN_OPTS once, when it starts.
_CHANNELS_FIRST_PROBE = """
import numpy as np
from keras import layers

conv = layers.Conv2D(8, 3, data_format="channels_first")
try:
    print("runs, output shape", tuple(conv(np.zeros((2, 3, 64, 64), dtype="float32")).shape))
except Exception as error:
    print(type(error).__name__, error, sep=": ")
"""


def channels_first_conv_on_cpu(onednn_settings: tuple[str, ...] = ("0", "1")) -> dict[str, str]:
    """Run a ``channels_first`` Conv2D on the CPU under each ``TF_ENABLE_ONEDNN_OPTS`` setting; say what happened.

    Each setting gets its own fresh Python process (GPUs hidden, so the CPU runs it), all started at once.
    The result maps each setting to ``"runs, output shape (2, 8, 62, 62)"`` or to the error's name and message.
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
            [sys.executable, "-c", _CHANNELS_FIRST_PROBE],
            env=env,
            text=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
    outcomes = {}
    for setting, process in processes.items():
        stdout, stderr = process.communicate()
        if process.returncode != 0 or not stdout.strip():
            raise RuntimeError(f"the TF_ENABLE_ONEDNN_OPTS={setting} probe crashed:\n{stderr[-2000:]}")
        name, _, message = stdout.strip().partition(": ")
        outcomes[setting] = f"{name}: {essential_message(message)}" if message else name
    return outcomes
