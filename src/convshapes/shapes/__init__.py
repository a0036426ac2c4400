"""Pure shape arithmetic: output lengths, padding, folds, index maps and the shape ledger (no matplotlib).

The index maps (``indices``) use numpy and are imported on first use (PEP 562), so that the arithmetic, the
folds and the ledger, which the error decoder needs, import without numpy (the website runs the decoder in
Pyodide's core, which has none).
"""

from ..lazy import lazy_names
from .arithmetic import (
    conv_output_length,
    conv_transpose_output_length,
    effective_kernel_size,
    padding_split,
    pool_output_length,
    same_padding,
)
from .folding import FoldOption, fold_options
from .ledger import LedgerRow, ShapeLedger, axis_roles, shape_ledger

_LAZY = {
    name: ".indices"
    for name in (
        "PADDING_STEP",
        "element_origin",
        "feature_slots",
        "fold_indices",
        "kernel_taps",
        "kernel_window_steps",
        "receptive_spans",
        "scan_indices",
    )
}

__all__ = [
    "PADDING_STEP",
    "FoldOption",
    "LedgerRow",
    "ShapeLedger",
    "axis_roles",
    "conv_output_length",
    "conv_transpose_output_length",
    "effective_kernel_size",
    "element_origin",
    "feature_slots",
    "fold_indices",
    "fold_options",
    "kernel_taps",
    "kernel_window_steps",
    "padding_split",
    "pool_output_length",
    "receptive_spans",
    "same_padding",
    "scan_indices",
    "shape_ledger",
]

__getattr__, __dir__ = lazy_names(__name__, _LAZY)
