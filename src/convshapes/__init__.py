"""convshapes: get tensor shapes right between Keras Conv1D and Conv2D layers."""

from .arithmetic import conv_output_length, effective_kernel_size, pool_output_length, same_padding
from .folding import FoldOption, fold_options
from .ledger import ShapeLedger, axis_roles, shape_ledger

__all__ = [
    "FoldOption",
    "ShapeLedger",
    "axis_roles",
    "conv_output_length",
    "effective_kernel_size",
    "fold_options",
    "pool_output_length",
    "same_padding",
    "shape_ledger",
]
