"""Reshapes: sizes that do not multiply out, two -1s, None sizes, and arguments given the wrong way."""

from __future__ import annotations

import math
import re

from ...shapes.folding import fold_options
from .numbers import Facts, Shape, dims, folds_text, number, product, show, times, yes


def read(facts: Facts) -> str:
    """What a reshape message says: the values held against the values the target needs."""
    return _analysis(facts)[0]


def fold(facts: Facts) -> str:
    """Target sizes that hold exactly the values the tensor has."""
    return _analysis(facts)[1]


def derive(facts: Facts) -> Facts:
    """``batch_multiple``: one count is a whole multiple of the other (a fixed batch size meets a smaller batch);
    ``head_like``: the target looks like a detection or attention head's."""
    values, requested = number(facts, "values"), number(facts, "requested")
    both = values and requested and values != requested
    target = dims(facts.get("target"))
    return {
        "batch_multiple": yes(bool(both and max(values, requested) % min(values, requested) == 0)),
        # A detection or attention head: five axes, or a -1 inside the shape (boxes, heads), not a conv hand-off.
        "head_like": yes(len(target) >= 5 or -1 in target[1:]),
    }


def _analysis(facts: Facts) -> tuple[str, str]:
    """The reading of a reshape message and the fix for its numbers."""
    values = int(facts["values"]) if "values" in facts else None
    source, target = dims(facts.get("input")) if "input" in facts else None, dims(facts.get("target"))
    counts = [values, number(facts, "multiple"), number(facts, "requested"), *target, *(source or ())]
    if 0 in counts:
        return (
            "A size in the message is 0: the tensor is empty or the target asks for an axis of length 0.",
            "Print the shapes before the reshape: an empty array usually means the data did not load (check the file "
            "paths and the loading loop), and a 0 in the target comes from a size computed by integer division.",
        )
    if source is not None and "values" in facts and source and target and source[0] == target[0]:
        source, target = source[1:], target[1:]
    if source is not None:
        return _per_sample(source, target)
    if values is not None and "multiple" in facts:
        return _multiple(values, int(facts["multiple"]))
    if values is not None and "requested" in facts:
        return _requested(values, int(facts["requested"]))
    if values is not None and target:
        return _target_of(values, target, facts.get("source") == "pytorch")
    return (
        "The target shape's sizes do not multiply to the number of values the tensor holds.",
        "Print the shape that reaches the reshape and make the target's sizes multiply to the same total; one -1 lets "
        "the reshape compute a size for you.",
    )


def _per_sample(source: Shape, target: Shape) -> tuple[str, str]:
    """A Reshape layer's message: one sample's sizes against the target's."""
    if not source:
        return (
            f"Each sample reaching the reshape holds one value (shape []), and the target {show(target)} needs "
            f"{product(tuple(size for size in target if size != -1))}.",
            "The pipeline delivers single values, not one vector per sample: batch or map the tf.data dataset so each "
            f"element has the {show(target)} values (check dataset.element_spec).",
        )
    if None in source:
        return (
            f"The input {show(source)} has an unknown size, so Reshape cannot check or fill {show(target)}.",
            "Declare every non-batch size in keras.Input(shape=...), or reshape with keras.ops.reshape and -1 for "
            "the unknown axis.",
        )
    total, needed = math.prod(source), math.prod(size for size in target if size != -1)
    unknown = -1 in target
    cause = f"Each sample holds {times(source)} = {total} values, but the target {show(target)} " + (
        f"needs a multiple of {needed}, and {total} / {needed} is not whole." if unknown else f"needs {needed}."
    )
    channels = source[-1]
    if len(target) == len(source) + 1 and target[-1] == channels:
        steps = total // channels
        fix = (
            f"Keep the {channels} channels and fold the {steps} steps into a grid whose sides multiply to {steps}: "
            f"{folds_text(steps, channels)} (convshapes.fold_options({steps}, channels={channels}))."
        )
    elif len(target) + 1 == len(source) and target[-1] == channels:
        fix = f"To flatten the grid into steps, use layers.Reshape({show((total // channels, channels))})."
    elif len(target) + 1 == len(source) and target[0] == source[0]:
        fix = f"To merge the last two axes, use layers.Reshape({show((source[0], total // source[0]))})."
    elif target[-1] not in (-1, None) and total % target[-1] == 0:
        fix = f"Choose sizes that multiply to {total}, e.g. layers.Reshape({show((total // target[-1], target[-1]))}), or put -1 in one position."
    else:
        fix = f"Choose sizes that multiply to {total}; print the shape of the previous layer's output to see it."
    return cause, fix


def _multiple(values: int, multiple: int) -> tuple[str, str]:
    """TensorFlow's "requires a multiple of": the nearest sizes that divide the values."""
    small = [size for size in range(1, math.isqrt(values) + 1) if values % size == 0]
    divisors = sorted({*small, *(values // size for size in small)})
    below = max(size for size in divisors if size < multiple) if multiple > 1 else None
    above = min((size for size in divisors if size > multiple), default=None)
    near = " and ".join(str(size) for size in (below, above) if size)
    return (
        f"The tensor holds {values} values; the sizes you gave besides -1 multiply to {multiple}, and "
        f"{values} / {multiple} = {values / multiple:.2f} is not whole.",
        f"Those sizes must multiply to a divisor of {values} (the nearest are {near}). Print the tensor's shape: to "
        "fold (batch, steps, channels) into (-1, height, width, channels), height x width must equal the steps; "
        "convshapes.fold_options(steps, channels=channels) lists the exact folds.",
    )


def _requested(values: int, requested: int) -> tuple[str, str]:
    """TensorFlow's "the requested shape has N": a fixed batch size, or sizes to change."""
    cause = f"The tensor holds {values} values and the shape you asked for holds {requested}."
    if requested % values == 0 or values % requested == 0:
        ratio = max(values, requested) // min(values, requested)
        bigger = "shape you asked for" if requested > values else "tensor"
        return cause, (
            f"The {bigger} holds {ratio} times as many values: a fixed batch size is the usual cause (the last batch of an epoch "
            "is smaller). Write -1 for the batch axis."
        )
    return cause, f"Write -1 for the batch axis and make the other sizes multiply to a divisor of {values}."


def _target_of(values: int, target: Shape, pytorch: bool) -> tuple[str, str]:
    """NumPy's and PyTorch's message: the values against the target's sizes, per sample where it can tell."""
    known = math.prod(size for size in target if size not in (-1, None))
    if -1 in target:
        cause = f"The tensor holds {values} values, not a multiple of {known}, the product of the sizes besides -1."
    else:
        cause = f"The tensor holds {values} values and the shape {show(target)} holds {known}."
    fix = ""
    first = target[0]
    if first not in (-1, None, 1) and values % first == 0 and len(target) > 2:
        per_sample = values // first
        fix = (
            f"Each of the {first} samples holds {per_sample} values, not {times(target[1:])} = {math.prod(target[1:])}."
        )
        if pytorch and len(target) == 4:
            fix += _grid_for(first, per_sample, target)
    flatten = (
        "x.flatten(1) (or x.view(x.size(0), -1)) and size the next layer from the printed shape"
        if pytorch
        else "-1 in one position"
    )
    return cause, (fix + " " if fix else "") + f"Print the shape before the reshape; use {flatten}."


def _grid_for(first: int, per_sample: int, target: Shape) -> str:
    """The square-most grid that fits the values of one sample, channels at axis 1 (N, C, H, W) or last."""
    for channels, place in ((target[1], 1), (target[-1], 3)):
        if channels and channels > 0 and per_sample > 0 and per_sample % channels == 0:
            grid = fold_options(per_sample // channels)[0]
            if grid.method == "exact":
                sizes = (grid.height, grid.width)
                shape = (first, channels, *sizes) if place == 1 else (first, *sizes, channels)
                return f" With {channels} channels that is a {grid.height} x {grid.width} grid: {show(shape)}."
    return ""


def read_none(facts: Facts) -> str:
    """What a None-size message says: which axes are unknown."""
    if "shape" not in facts:
        return "A shape passed to a reshape contains None: inside a model the batch size is unknown until data arrives."
    shape = dims(facts["shape"])
    unknown = [axis for axis, size in enumerate(shape) if size is None]
    if unknown[:1] == [0]:
        return f"The shape {facts['shape']} has None where the batch size goes: it is unknown while Keras builds the model."
    return (
        f"The shape {facts['shape']} has None at axis {', '.join(map(str, unknown))}: sizes declared as None are "
        "unknown until data arrives, and a static shape cannot hold them."
    )


def derive_none(facts: Facts) -> Facts:
    """``batch_none``: axis 0 is the unknown one; ``minus_one``: another axis is already -1."""
    shape = dims(facts.get("shape"))
    unknown = [axis for axis, size in enumerate(shape) if size is None]
    return {
        "batch_none": yes(unknown[:1] == [0] or not shape),
        "has_none": yes(bool(unknown) or not shape),
        "others": yes(len(unknown) > 1),
    }


def batch_minus_one(facts: Facts) -> str:
    """Write -1 for the batch axis, or leave the batch out with layers.Reshape."""
    shape = dims(facts.get("shape"))
    if not shape:
        return (
            "Write -1 for the batch axis (or use keras.ops.shape(x)[0], the size at run time); layers.Reshape never "
            "needs the batch size."
        )
    if -1 in shape:
        return (
            f"Another axis of {show(shape)} is already -1, and a reshape takes one -1 only. Leave the batch axis out: "
            f"layers.Reshape({show(tuple(shape[1:]))}), or give the batch size at run time: keras.ops.reshape(x, "
            f"(keras.ops.shape(x)[0], {', '.join(map(str, shape[1:]))}))."
        )
    return (
        f"Write -1 for the batch axis: {show((-1, *shape[1:]))}, or use layers.Reshape({show(tuple(shape[1:]))}), which "
        "never mentions the batch, or keras.ops.shape(x)[0] for the size at run time."
    )


def runtime_sizes(facts: Facts) -> str:
    """Read sizes that are unknown until data arrives at run time."""
    return (
        "Read those sizes at run time with keras.ops.shape(x)[axis] (tf.shape(x)[axis] in TensorFlow code), or "
        "declare them in keras.Input(shape=...) if they are fixed."
    )


def read_unknown(facts: Facts) -> str:
    """What the two -1 message says."""
    return f"The target shape {facts.get('target', '')} has more than one -1; a reshape can work out one size only.".replace(
        "  ", " "
    )


def one_unknown(facts: Facts) -> str:
    """Keep one -1 and write the other size out; layers.Reshape leaves the batch out."""
    target = dims(facts.get("target"))
    fix = "Write every size but one: keep a single -1. "
    if target[:1] == (-1,) and len(target) > 2:
        fix += (
            f"If the first -1 stands for the batch, leave it out: layers.Reshape({show(tuple(target[1:]))}) never "
            "mentions the batch, and keras.ops.reshape takes keras.ops.shape(x)[0] for it. "
        )
    return fix + "To fold steps into a grid, compute both sides: convshapes.fold_options(steps) lists them."


def undefined_dimension(facts: Facts) -> str:
    """A None axis reaches a layer that must know its size (Dense after Flatten, on variable-length input)."""
    return (
        "A Dense layer needs the size of its last axis to create its weights, and it is None: usually a Flatten "
        "after convolutions on inputs declared with None steps (keras.Input(shape=(None, channels))). Use "
        "layers.GlobalAveragePooling1D/2D instead of Flatten (its size does not depend on the length), or declare "
        "the length in keras.Input(shape=...)."
    )


def tuple_of_sizes(facts: Facts) -> str:
    """layers.Reshape(1, 70, 100) -> layers.Reshape((1, 70, 100))."""
    sizes = (number(facts, "given") or number(facts, "given2") or 2) - 1
    written = facts.get("arguments", ", ".join(f"d{index + 1}" for index in range(sizes))).strip()
    return f"Put the sizes in one tuple: layers.Reshape(({written}))."


def shape_tuple(facts: Facts) -> str:
    """shape=100 -> shape=(100,)."""
    size = facts.get("size", "n")
    return (
        f"shape= takes a tuple, even for one axis: keras.Input(shape=({size},)) (note the comma). For Conv1D data "
        f"of {size} steps and one channel, use shape=({size}, 1)."
    )


def permutation(facts: Facts) -> str:
    """Permute's dims leave the batch axis out and count from 1."""
    dims_given = tuple(number for number in map(int, re.findall(r"-?\d+", facts.get("dims", ""))))
    fixed = tuple(axis for axis in dims_given if axis != 0)
    example = (
        f" Here: layers.Permute({show(fixed)})." if fixed and sorted(fixed) == list(range(1, len(fixed) + 1)) else ""
    )
    return (
        "layers.Permute never moves the batch axis: its dims count from 1 and list every other axis once, e.g. "
        f"layers.Permute((2, 1)) swaps steps and channels.{example} keras.ops.transpose takes every axis, "
        "batch (0) included."
    )


def layer_for_function(facts: Facts) -> str:
    """A plain function in a Sequential model: wrap it in a layer, or call the constructor."""
    name = re.sub(r"_v\d+$", "", facts["function"].split(".")[-1])
    if name[:1].isupper():
        return f"{name} looks like a model or layer constructor: call it, {name}(...), and add the result."
    return (
        f"Wrap it in a layer, e.g. layers.Lambda(lambda x: keras.ops.{name}(x)), or use the layer that does the same "
        "job (layers.Reshape to drop or add an axis of size 1, layers.Flatten, layers.Permute)."
    )
