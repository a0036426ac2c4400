"""A short-time Fourier transform drawn as an image: the image side of a Conv2D on a signal."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np


def draw_spectrogram(magnitudes: np.ndarray, frame_step: int, fft_length: int, sample_rate: float = 1.0):
    """Show a ``(frames, bins)`` STFT magnitude as an image: time runs left to right, frequency bottom to top."""
    magnitudes = np.asarray(magnitudes, dtype=float)
    frames, bins = magnitudes.shape
    figure, axes = plt.subplots(figsize=(8, 3.5))
    extent = (0, frames * frame_step / sample_rate, 0, (bins - 1) * sample_rate / fft_length)
    image = axes.imshow(
        np.log1p(magnitudes.T), origin="lower", aspect="auto", cmap="cividis", extent=extent, interpolation="nearest"
    )
    unit = " (samples)" if sample_rate == 1.0 else " (s)"
    axes.set_xlabel("time" + unit)
    axes.set_ylabel("frequency" + (" (cycles per sample)" if sample_rate == 1.0 else " (Hz)"))
    axes.set_title(f"Spectrogram: {frames} frames x {bins} frequency bins")
    figure.colorbar(image, ax=axes, label="log(1 + magnitude)")
    figure.tight_layout()
    return figure
