"""Output lengths and padding of convolution, transposed convolution and pooling along one axis, as Keras computes them."""

from __future__ import annotations

import numbers

from .validation import PADDINGS, POOL_PADDINGS, padding_mode, positive_int

TRANSPOSE_PADDINGS = ("valid", "same")


def effective_kernel_size(kernel_size: int, dilation_rate: int = 1) -> int:
    """Number of input steps one dilated kernel spans: ``(kernel_size - 1) * dilation_rate + 1``."""
    kernel_size = positive_int("kernel_size", kernel_size)
    dilation_rate = positive_int("dilation_rate", dilation_rate)
    return (kernel_size - 1) * dilation_rate + 1


def conv_output_length(
    length: int,
    kernel_size: int,
    strides: int = 1,
    padding: str = "valid",
    dilation_rate: int = 1,
) -> int:
    """Length of a Conv1D/Conv2D output axis for an input axis of ``length`` steps.

    ``valid``: ``floor((length - span) / strides) + 1``; ``same`` and ``causal``: ``ceil(length / strides)``,
    where ``span`` is the effective (dilated) kernel size.
    """
    length = positive_int("length", length)
    strides = positive_int("strides", strides)
    padding = padding_mode(padding, PADDINGS)
    span = effective_kernel_size(kernel_size, dilation_rate)
    _reject_strided_dilation(strides, dilation_rate)
    if padding != "valid":
        return -(-length // strides)
    if span > length:
        raise ValueError(_vanishing_message(length, span, kernel_size, dilation_rate, "kernel_size"))
    return (length - span) // strides + 1


def conv_transpose_output_length(
    length: int,
    kernel_size: int,
    strides: int = 1,
    padding: str = "valid",
    output_padding: int | None = None,
    dilation_rate: int = 1,
) -> int:
    """Length of a Conv1DTranspose/Conv2DTranspose output axis for an input axis of ``length`` steps.

    Without ``output_padding``: ``length * strides`` for ``same``, ``(length - 1) * strides + max(span, strides)``
    for ``valid``. With it: ``(length - 1) * strides + span + output_padding`` for ``valid`` and
    ``(length - 1) * strides + span % 2 + output_padding`` for ``same``; ``span`` is the dilated kernel size.
    """
    length = positive_int("length", length)
    strides = positive_int("strides", strides)
    padding = padding_mode(padding, TRANSPOSE_PADDINGS)
    span = effective_kernel_size(kernel_size, dilation_rate)
    _reject_strided_dilation(strides, dilation_rate)
    if output_padding is None:
        return length * strides if padding == "same" else (length - 1) * strides + max(span, strides)
    output_padding = _output_padding(output_padding, strides)
    return (length - 1) * strides + (span % 2 if padding == "same" else span) + output_padding


def pool_output_length(length: int, pool_size: int, strides: int | None = None, padding: str = "valid") -> int:
    """Length of a MaxPooling/AveragePooling output axis; ``strides`` defaults to ``pool_size`` as in Keras."""
    length = positive_int("length", length)
    pool_size = positive_int("pool_size", pool_size)
    strides = pool_size if strides is None else positive_int("strides", strides)
    padding = padding_mode(padding, POOL_PADDINGS)
    if padding == "same":
        return -(-length // strides)
    if pool_size > length:
        raise ValueError(_vanishing_message(length, pool_size, pool_size, 1, "pool_size"))
    return (length - pool_size) // strides + 1


def same_padding(length: int, kernel_size: int, strides: int = 1, dilation_rate: int = 1) -> tuple[int, int]:
    """Zeros TensorFlow adds ``(before, after)`` for ``padding="same"``; an odd extra zero goes after."""
    length = positive_int("length", length)
    strides = positive_int("strides", strides)
    span = effective_kernel_size(kernel_size, dilation_rate)
    _reject_strided_dilation(strides, dilation_rate)
    output_length = -(-length // strides)
    total = max((output_length - 1) * strides + span - length, 0)
    return total // 2, total - total // 2


def padding_split(
    length: int, kernel_size: int, strides: int = 1, dilation_rate: int = 1, padding: str = "valid"
) -> tuple[int, int]:
    """Zeros ``(before, after)`` a Keras convolution adds for ``padding`` (``valid``, ``same`` or ``causal``)."""
    padding = padding_mode(padding, PADDINGS)
    if padding == "same":
        return same_padding(length, kernel_size, strides, dilation_rate)
    conv_output_length(length, kernel_size, strides, padding, dilation_rate)
    if padding == "causal":
        return effective_kernel_size(kernel_size, dilation_rate) - 1, 0
    return 0, 0


def _reject_strided_dilation(strides: int, dilation_rate: int) -> None:
    if strides > 1 and dilation_rate > 1:
        raise ValueError(
            f"Keras convolutions do not support strides > 1 together with dilation_rate > 1 "
            f"(got strides={strides}, dilation_rate={dilation_rate}). Use one of them, or follow a "
            "dilated convolution with pooling to downsample."
        )


def _output_padding(output_padding: object, strides: int) -> int:
    if isinstance(output_padding, bool) or not isinstance(output_padding, numbers.Integral) or output_padding < 0:
        raise ValueError(f"output_padding must be None or a whole number of 0 or more, got {output_padding!r}.")
    if output_padding >= strides:
        raise ValueError(
            f"output_padding must be smaller than strides (got output_padding={output_padding}, strides={strides}): "
            f"a transposed convolution with strides={strides} can add only 0 to {strides - 1} steps."
        )
    return int(output_padding)


def _vanishing_message(length: int, span: int, size: int, dilation_rate: int, size_name: str) -> str:
    spans = f" (with dilation_rate={dilation_rate} it spans {span} steps)" if dilation_rate > 1 else ""
    return (
        f"The output would have {length - span + 1} steps: {size_name}={size}{spans} is longer than the "
        f"input length {length} with padding='valid', so the sequence vanishes. Use padding='same', "
        f"a {size_name} of at most {length}"
        + (", a smaller dilation_rate" if dilation_rate > 1 else "")
        + ", or a longer input."
    )
