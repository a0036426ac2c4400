"""The book's pictures, drawn with matplotlib in the Okabe-Ito palette: one module per kind of picture."""

from .alignment import draw_time_alignment
from .fold import draw_fold_grid, draw_folded_signal
from .kernel import draw_kernel_positions
from .ledger import draw_shape_ledger
from .rearrangement import draw_rearrangements
from .scan import draw_scan_order
from .spectrogram import draw_spectrogram

__all__ = [
    "draw_fold_grid",
    "draw_folded_signal",
    "draw_kernel_positions",
    "draw_rearrangements",
    "draw_scan_order",
    "draw_shape_ledger",
    "draw_spectrogram",
    "draw_time_alignment",
]
