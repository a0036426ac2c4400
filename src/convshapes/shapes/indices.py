"""Which input position each output cell comes from: kernel taps, folded grids, scan orders, flat elements."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .arithmetic import conv_output_length, padding_split

PADDING_STEP = -1
SCAN_ORDERS = ("raster", "columns")


def kernel_taps(
    length: int, kernel_size: int, strides: int = 1, dilation_rate: int = 1, padding: str = "valid"
) -> list[list[int]]:
    """For each output position, the input positions its kernel reads (negative or ``>= length``: padding)."""
    before, _ = padding_split(length, kernel_size, strides, dilation_rate, padding)
    outputs = conv_output_length(length, kernel_size, strides, padding, dilation_rate)
    return [
        [position * strides - before + tap * dilation_rate for tap in range(kernel_size)] for position in range(outputs)
    ]


def receptive_spans(length: int, stack: Sequence[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """For each output step of a stack of 1-D windows, the first and last input step it depends on.

    Each window is a convolution or pooling layer given as ``(kernel_size, strides, padding)``; padding is
    left out of the spans. A spectrogram's frames are the window ``(frame_length, frame_step, "valid")``.
    """
    spans = [(step, step) for step in range(length)]
    for kernel_size, strides, padding in stack:
        taps = kernel_taps(len(spans), kernel_size, strides, padding=padding)
        spans = [
            (min(spans[tap][0] for tap in real), max(spans[tap][1] for tap in real))
            for real in ([tap for tap in row if 0 <= tap < len(spans)] for row in taps)
        ]
    return spans


def fold_indices(steps: int, height: int, width: int) -> np.ndarray:
    """The ``(height, width)`` grid of time steps that ``Reshape((height, width, ...))`` makes from ``steps`` steps.

    Cells past the last step (zero padding) hold ``PADDING_STEP``; steps past ``height * width`` are cropped.
    """
    if min(steps, height, width) < 1:
        raise ValueError(f"steps, height and width must be positive, got {steps}, {height}, {width}.")
    cells = np.full(height * width, PADDING_STEP, dtype=int)
    kept = min(steps, height * width)
    cells[:kept] = np.arange(kept)
    return cells.reshape(height, width)


def kernel_window_steps(grid: np.ndarray, row: int, column: int, kernel_size: int = 3) -> list[int]:
    """The time steps (row by row, padding left out) under a square kernel whose top-left cell is ``(row, column)``."""
    height, width = grid.shape
    if not (0 <= row <= height - kernel_size and 0 <= column <= width - kernel_size):
        raise ValueError(
            f"a {kernel_size}x{kernel_size} kernel at ({row}, {column}) does not fit in a {height}x{width} grid."
        )
    window = grid[row : row + kernel_size, column : column + kernel_size]
    return [int(step) for step in window.ravel() if step != PADDING_STEP]


def scan_indices(height: int, width: int, order: str = "raster") -> np.ndarray:
    """The ``(height, width)`` grid of sequence steps each pixel becomes.

    ``raster``: ``Reshape((height * width, channels))``, so step = row * width + column.
    ``columns``: ``Permute((2, 1, 3))`` then ``Reshape((width, height * channels))``, so step = column.
    """
    _check_grid(height, width, order)
    rows, columns = np.indices((height, width))
    return rows * width + columns if order == "raster" else columns


def feature_slots(height: int, width: int, channels: int = 1) -> np.ndarray:
    """For ``columns`` order, the first feature index of each pixel inside its step: ``row * channels``."""
    _check_grid(height, width, "columns")
    if channels < 1:
        raise ValueError(f"channels must be positive, got {channels}.")
    rows, _ = np.indices((height, width))
    return rows * channels


def element_origin(index: int, channels: int) -> tuple[int, int]:
    """The ``(step, channel)`` that flat position ``index`` of a row-major ``(steps, channels)`` tensor comes from."""
    if channels < 1 or index < 0:
        raise ValueError(f"index must be >= 0 and channels >= 1, got index={index}, channels={channels}.")
    return divmod(int(index), channels)


def _check_grid(height: int, width: int, order: str) -> None:
    if order not in SCAN_ORDERS:
        raise ValueError(f"order must be one of {', '.join(repr(name) for name in SCAN_ORDERS)}, got {order!r}.")
    if min(height, width) < 1:
        raise ValueError(f"height and width must be positive, got {height} and {width}.")
