"""Find the GPUs TensorFlow can use, turn on memory growth, and say in one line which device runs the code."""

from __future__ import annotations

from dataclasses import dataclass


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
    return DeviceReport(tuple(_describe(tf, gpu) for gpu in gpus), memory_growth=bool(gpus) and problem is None, problem=problem)


def _describe(tf, gpu) -> str:
    try:
        model = tf.config.experimental.get_device_details(gpu).get("device_name")
    except (RuntimeError, ValueError):
        model = None
    return f"{gpu.name} ({model})" if model else gpu.name
