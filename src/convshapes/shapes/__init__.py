"""Pure shape arithmetic: output lengths, padding, folds, index maps and the shape ledger (no matplotlib)."""

from .arithmetic import conv_output_length, effective_kernel_size, padding_split, pool_output_length, same_padding
from .folding import FoldOption, fold_options
from .indices import (
    PADDING_STEP,
    element_origin,
    feature_slots,
    fold_indices,
    kernel_taps,
    kernel_window_steps,
    scan_indices,
)
from .ledger import LedgerRow, ShapeLedger, axis_roles, shape_ledger

__all__ = [
    "PADDING_STEP",
    "FoldOption",
    "LedgerRow",
    "ShapeLedger",
    "axis_roles",
    "conv_output_length",
    "effective_kernel_size",
    "element_origin",
    "feature_slots",
    "fold_indices",
    "fold_options",
    "kernel_taps",
    "kernel_window_steps",
    "padding_split",
    "pool_output_length",
    "same_padding",
    "scan_indices",
    "shape_ledger",
]
