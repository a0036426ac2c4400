"""A window longer than its axis: ``Computed output size would be negative`` and its relatives."""

from __future__ import annotations

import math
import re

from ...shapes.arithmetic import conv_output_length, effective_kernel_size, pool_output_length
from .numbers import Facts, Shape, dims, ints, number, show, times, yes


def _keras_window(facts: Facts) -> dict | None:
    """The input, windows, spans and short axes of a Keras 3 convolution or pooling message."""
    inputs = dims(facts.get("inputs"))
    if "pool" in facts:
        windows, channels, name = ints(facts["pool"]), None, "pool_size"
    elif "kernel" in facts and "dilation" in facts:
        kernel = dims(facts["kernel"])
        windows, channels, name = list(kernel[:-2]), kernel[-2], "kernel_size"
    else:
        return None
    count = len(windows)
    channels_first = channels is not None and inputs[-1] != channels and inputs[1] == channels
    spatial = inputs[2 : 2 + count] if channels_first else inputs[1 : 1 + count]
    dilation = ints(facts.get("dilation")) or [1]
    spans = [
        effective_kernel_size(size, dilation[min(axis, len(dilation) - 1)]) if name == "kernel_size" else size
        for axis, size in enumerate(windows)
    ]
    short = [axis for axis, (length, span) in enumerate(zip(spatial, spans)) if length is not None and length < span]
    return {
        "inputs": inputs, "windows": windows, "channels": channels, "name": name, "spatial": spatial,
        "dilation": dilation, "spans": spans, "short": short, "channels_first": channels_first,
    }  # fmt: skip


def _lengths(facts: Facts) -> tuple[int | None, int | None]:
    """The length of the short axis and the window that did not fit, when the message says them."""
    keras = _keras_window(facts)
    if keras and keras["short"]:
        axis = keras["short"][0]
        return keras["spatial"][axis], keras["spans"][axis]
    return number(facts, "length"), number(facts, "window")


def derive(facts: Facts) -> Facts:
    """``tiny``: the axis left is 4 steps or fewer (a stack shrank it); ``layout``: channels-first looking input."""
    length, _ = _lengths(facts)
    shape = dims(facts.get("inputs"))
    conv1d_as_2d = re.search(r"conv1d", facts.get("node", ""), re.IGNORECASE) and len(shape) == 4
    small_first = len(shape) in (3, 4, 5) and shape[1] is not None and shape[1] <= 4
    large_last = shape and shape[-1] is not None and shape[-1] > 4
    return {
        "tiny": yes(length is not None and length <= 4),
        "layout": "channels-first" if small_first and large_last and not conv1d_as_2d else "",
        "pooling": yes(bool(re.search(r"pool", " ".join(facts.get(key, "") for key in ("node", "op", "layer", "pool")), re.I))),
    }  # fmt: skip


def read(facts: Facts) -> str:
    """What the message says: which window did not fit which axis."""
    if "resized" in facts:
        return f"PyTorch was asked to resize a map of ({facts['resized']}) to ({facts['output']}): a size of 0."
    if "given" in facts or "x" in facts.get("output", ""):
        source = f" from an input of {facts['given']}" if "given" in facts else ""
        return f"PyTorch computed an output of {facts['output']} (channels x spatial){source}: an axis is left with no step."
    if "padded" in facts:
        padded, kernel = ints(facts["padded"]), ints(facts["kernel"])
        return (
            f"PyTorch's kernel {times(tuple(kernel))} is larger than the input {times(tuple(padded))} it slides "
            "over, padding included."
        )
    keras = _keras_window(facts)
    if keras:
        what = "kernel" if keras["name"] == "kernel_size" else "pooling window"
        axes = ", ".join(str(axis + 1) for axis in keras["short"]) or "?"
        return (
            f"The {what} spans {times(tuple(keras['spans']))} steps but the input {show(keras['inputs'])} has only "
            f"{times(keras['spatial'])} along its spatial axes; with padding='valid' the {what} must fit completely, "
            f"so spatial axis {axes} has no output step left."
        )
    length, window = _lengths(facts)
    if length is not None and window is not None:
        where = facts.get("op") or facts.get("node", "").split("/")[-1].split(" ")[0]
        inputs = f" of the input {facts['inputs']}" if "inputs" in facts else ""
        return (
            f"A window of {window} steps{f' ({where})' if where else ''} slides over an axis{inputs} that has "
            f"{length}: with padding='valid' nothing fits."
        )
    if "layer" in facts:
        received = f" an input of shape {facts['inputs']}" if "inputs" in facts else " its input"
        return f"Layer {facts['layer']} shrinks{received} to zero or fewer steps along some axis."
    return "A convolution or pooling window with padding='valid' is longer than the axis it slides over."


def too_short(facts: Facts) -> str:
    """The padding that keeps the layer, the largest window, and the shortest input that leaves one step."""
    keras = _keras_window(facts)
    if keras:
        return _keras_fix(facts, keras)
    length, window = _lengths(facts)
    if length is None or window is None:
        return (
            "Follow the length of each axis through the model (model.summary()); use padding='same', a smaller "
            "kernel_size, pool_size or strides, or a longer input. convshapes.conv_output_length(length, "
            "kernel_size, strides) gives the length a layer leaves."
        )
    which = "pool_size" if facts.get("pooling") == "yes" else "kernel_size"
    return (
        f"That axis needs at least {window} steps: use padding='same' (it keeps ceil({length} / strides) steps), a "
        f"{which} of at most {length}, or an input long enough that {window} steps reach this layer."
    )


def _keras_fix(facts: Facts, keras: dict) -> str:
    """Padding, window and input length that fit a Keras 3 convolution or pooling message's numbers."""
    name, spatial, spans, windows, dilation = (
        keras[key] for key in ("name", "spatial", "spans", "windows", "dilation")
    )
    strides = ints(facts.get("strides")) or ([] if name == "kernel_size" else list(windows))
    same = []
    for axis, length in enumerate(spatial):
        stride = strides[min(axis, len(strides) - 1)] if strides else 1
        if length is None or length < 1 or windows[axis] < 1 or stride < 1:
            same.append("?")
        elif name == "kernel_size":
            rate = dilation[min(axis, len(dilation) - 1)]
            same.append(str(conv_output_length(length, windows[axis], stride, "same", rate if stride == 1 else 1)))
        else:
            same.append(str(pool_output_length(length, windows[axis], stride, "same")))
    then = (
        "with strides=1 the output then has"
        if name == "kernel_size" and "strides" not in facts
        else "the output then has"
    )
    return (
        f"Use padding='same' ({then} {times(tuple(same))} steps), a {name} of at most {times(spatial)}, or an input "
        f"of at least {times(tuple(spans))} steps (the shortest that leaves one output step)."
    )


def stack_shrinks(facts: Facts) -> str:
    """How to find the layer that shrank the axis and keep it long enough."""
    length, window = _lengths(facts)
    need = f"at least {window} steps" if window else "long enough"
    at = f" to {length}" if length is not None else ""
    return (
        f"Earlier layers shrank the axis{at}: every strides=2 or pooling layer halves it and every "
        f"padding='valid' convolution takes kernel_size - 1 steps off. Print model.summary() and find where it gets "
        f"short; keep it {need} with padding='same' in the earlier convolutions, fewer pooling layers or strides, "
        "or a longer input."
    )


def channels_last(facts: Facts) -> str:
    """The same data with its small first axis moved last, where a channels_last layer looks for channels."""
    shape = dims(facts.get("inputs"))
    moved: Shape = (shape[0], *shape[2:], shape[1])
    return (
        f"If axis 1 ({shape[1]}) holds your channels, the data is channels first (Theano's and PyTorch's layout) "
        f"and the layer reads that axis as rows. Put the channels last: keras.ops.transpose(x, "
        f"{(0, *range(2, len(shape)), 1)}) or layers.Permute({tuple(range(2, len(shape))) + (1,)}) gives "
        f"{show(moved)}. A Reshape such as Reshape((1, rows, cols)) makes "
        "this layout too: write Reshape((rows, cols, 1)) instead."
    )


def pytorch_padding(facts: Facts) -> str:
    """The padding that makes PyTorch's kernel fit its input."""
    padded, kernel = ints(facts["padded"]), ints(facts["kernel"])
    padding = [max(0, math.ceil((k - size) / 2)) for size, k in zip(padded, kernel)]
    shown = tuple(padding) if len(padding) > 1 else padding[0]
    return (
        f"The padded input needs at least {times(tuple(kernel))}: add padding={shown} more on each side, use a "
        "smaller kernel_size, or feed a larger input. A map this small usually means earlier strides or pooling "
        "shrank it: print x.shape before this layer."
    )


def pytorch_map_too_small(facts: Facts) -> str:
    """A pooling window larger than what is left of the feature map."""
    given = ints(facts.get("given"))
    if not given:
        return (
            "The map reaching this layer is smaller than its kernel or pooling window: earlier strides and poolings, "
            "or a short input (a brief audio clip, a small image), shrank it. Feed inputs at least as large as the "
            "model was designed for (pad short clips), remove a downsampling stage, or use nn.AdaptiveAvgPool2d."
        )
    return (
        f"The feature map (channels x rows x cols = {times(tuple(given))}) is smaller than the pooling or "
        "kernel window at this layer: earlier strides and poolings shrank it. Feed larger inputs (the size the model "
        "was designed for), remove a pooling stage, or use nn.AdaptiveAvgPool2d, which takes any size."
    )
