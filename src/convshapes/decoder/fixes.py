"""The cause and the fix of each family, computed for the numbers a message holds."""

from __future__ import annotations

import math
import re
from collections.abc import Callable

from ..shapes import conv_output_length, effective_kernel_size, fold_options, pool_output_length
from .families import SHAPE_ITEM

Shape = tuple[int | None, ...]
UNKNOWN = re.compile(r"None|\?|Dimension\(None\)")


def dims(value: str | None) -> Shape:
    """The sizes of a shape as written in a message; unknown sizes (None, ?) are None."""
    items = re.findall(SHAPE_ITEM, value or "")
    return tuple(None if UNKNOWN.fullmatch(item) else int(re.search(r"-?\d+", item).group()) for item in items)


def show(shape: Shape) -> str:
    """A shape written as Python writes a tuple: ``(None, 5, 3)``, ``(3,)``."""
    return str(tuple(shape))


def product(sizes: Shape) -> int | None:
    return None if None in sizes else math.prod(sizes)


def times(sizes: Shape) -> str:
    return " x ".join(str(size) for size in sizes)


def ints(value: str | None) -> list[int]:
    return [int(number) for number in re.findall(r"\d+", value or "")]


def exact_folds(steps: int, channels: int | None = None, limit: int = 3) -> list[str]:
    """Up to ``limit`` Reshape targets that fold ``steps`` into a grid exactly (pad or crop when none exists)."""
    options = [option for option in fold_options(steps, channels) if option.method == "exact" and option.height > 1]
    if not options:
        options = [option for option in fold_options(steps, channels) if option.method != "exact"]
    return [f"Reshape({option.target_shape})" for option in options[:limit]]


def output_size(facts: dict[str, str]) -> tuple[str, str]:
    if "padded" in facts:
        return _pytorch_kernel_too_large(facts)
    if "pool" in facts:
        return _keras_window(dims(facts["inputs"]), ints(facts["pool"]), None, facts, "pool_size")
    if "dilation" in facts:
        kernel = dims(facts["kernel"])
        return _keras_window(dims(facts["inputs"]), list(kernel[:-2]), kernel[-2], facts, "kernel_size")
    if "window" in facts:
        return _tensorflow_window(facts)
    if "layer" in facts:
        received = f" an input of shape {facts['inputs']}" if "inputs" in facts else " its input"
        return (
            f"Layer {facts['layer']} shrinks{received} to zero or fewer steps along some axis (a kernel, pool "
            "size or stride too large for it with padding='valid').",
            "Print model.summary() up to this layer and follow the length of each axis; then use padding='same', a "
            "smaller kernel_size, pool_size or strides, or a longer input. convshapes.conv_output_length(length, "
            "kernel_size, strides) gives the length a layer leaves.",
        )
    return (
        "A convolution or pooling window with padding='valid' is longer than the axis it slides over.",
        "Follow the length of each axis through the model (model.summary()); use padding='same', a smaller kernel, "
        "pool size or stride, or a longer input.",
    )


def _keras_window(inputs: Shape, windows: list, channels: int | None, facts: dict[str, str], name: str):
    count = len(windows)
    channels_first = channels is not None and inputs[-1] != channels and inputs[1] == channels
    spatial = inputs[2 : 2 + count] if channels_first else inputs[1 : 1 + count]
    dilation = ints(facts.get("dilation")) or [1]
    strides = ints(facts.get("strides")) or ([] if name == "kernel_size" else list(windows))
    spans = [
        effective_kernel_size(size, dilation[min(axis, len(dilation) - 1)]) if name == "kernel_size" else size
        for axis, size in enumerate(windows)
    ]
    short = [axis for axis, (length, span) in enumerate(zip(spatial, spans)) if length is not None and length < span]
    what = "kernel" if name == "kernel_size" else "pooling window"
    cause = (
        f"The {what} spans {times(tuple(spans))} steps but the input {show(inputs)} has only "
        f"{times(spatial)} along its spatial axes; with padding='valid' the {what} must fit completely, so "
        f"axis {', '.join(str(axis + 1) for axis in short)} has no output step left."
    )
    same = []
    for axis, length in enumerate(spatial):
        stride = strides[min(axis, len(strides) - 1)] if strides else 1
        if length is None:
            same.append("?")
        elif name == "kernel_size":
            rate = dilation[min(axis, len(dilation) - 1)]
            same.append(str(conv_output_length(length, windows[axis], stride, "same", rate if stride == 1 else 1)))
        else:
            same.append(str(pool_output_length(length, windows[axis], stride, "same")))
    unknown_strides = name == "kernel_size" and "strides" not in facts
    then = "with strides=1 the output then has" if unknown_strides else "the output then has"
    fix = (
        f"Use padding='same' ({then} {times(tuple(same))} steps), a {name} of at most "
        f"{times(spatial)}, or an input of at least {times(tuple(spans))} steps (the shortest that leaves one "
        "output step)."
    )
    if channels is not None and not channels_first and any(spatial[axis] < channels for axis in short):
        fix += (
            f" If your data is really {channels} steps of {times(spatial)} channels (channels first, PyTorch's "
            "layout), move the channels last instead: keras.ops.transpose or layers.Permute (section "
            "err-pytorch-layout)."
        )
    return cause, fix


def _tensorflow_window(facts: dict[str, str]) -> tuple[str, str]:
    window, length = int(facts["window"]), int(facts["length"])
    where = f"'{facts.get('op') or facts.get('node', '').split('/')[-1].split(' ')[0]}'" if "node" in facts else ""
    pooling = re.search(r"pool", facts.get("node", "") + facts.get("op", ""), re.IGNORECASE)
    what = "pooling window" if pooling else "window (kernel or pooling)" if "node" not in facts else "kernel"
    inputs = f" of the input {facts['inputs']}" if "inputs" in facts else ""
    cause = (
        f"TensorFlow slides a {what} of {window} steps{f' ({where})' if where else ''} over an axis{inputs} that "
        f"has {length}: with padding='valid' nothing fits."
    )
    fix = (
        f"That axis needs at least {window} steps: use padding='same' (it keeps ceil({length} / strides) steps), "
        f"a {'pool_size' if pooling else 'kernel_size'} of at most {length}, or a longer input. An axis of "
        f"{length} usually means earlier layers (strides, pooling) already shrank it: print model.summary()."
    )
    shape = dims(facts.get("inputs"))
    kernel = dims(facts.get("kernel"))
    conv1d = re.search(r"conv1d", facts.get("node", ""), re.IGNORECASE)
    read_as_channels = len(kernel) == 4 and len(shape) == 4 and kernel[-2] == shape[-1]
    if read_as_channels and not conv1d and shape[1] == length <= 4 and (shape[2] or 0) >= window:
        fix += (
            f" If the {length} is your channels axis (data stored channels first, as Theano and PyTorch do), "
            f"move it last: {show((shape[0], shape[2], shape[3], shape[1]))} (section err-channels-first)."
        )
    return cause, fix


def _pytorch_kernel_too_large(facts: dict[str, str]) -> tuple[str, str]:
    padded, kernel = ints(facts["padded"]), ints(facts["kernel"])
    short = [axis for axis, (size, k) in enumerate(zip(padded, kernel)) if size < k]
    padding = [max(0, math.ceil((k - size) / 2)) for size, k in zip(padded, kernel)]
    return (
        f"The kernel {times(tuple(kernel))} is larger than the input {times(tuple(padded))} it slides over "
        f"(padding included) along axis {', '.join(str(axis + 2) for axis in short)} of (N, C, ...).",
        f"The padded input needs at least {times(tuple(kernel))}: add padding={tuple(padding) if len(padding) > 1 else padding[0]} "
        "more on each side, use a smaller kernel_size, or feed a larger input. A map this small usually means "
        "earlier strides or pooling shrank it: print x.shape before this layer.",
    )


def input_rank(facts: dict[str, str]) -> tuple[str, str]:
    expected, found, layer = int(facts["expected"]), int(facts["found"]), facts["layer"]
    shape = dims(facts.get("shape")) if "shape" in facts else None
    at_least = "at least " if facts.get("bound") == "min_" else ""
    cause = f"Layer {layer} takes {at_least}{expected} axes (batch included) and received {found}" + (
        f": {show(shape)}." if shape else "."
    )
    kind = layer.lower()
    recurrent = re.search(r"lstm|gru|rnn|bidirectional", kind) and "conv" not in kind
    if re.search(r"flatten", kind) and found < expected:
        return cause, "The tensor is already flat (batch, features): remove the Flatten layer."
    if found < expected:
        return cause, _add_axes(expected, found, shape, kind, recurrent)
    return cause, _merge_axes(expected, found, shape, kind, recurrent)


def _add_axes(expected: int, found: int, shape: Shape | None, kind: str, recurrent) -> str:
    if "conv_lstm" in kind or "convlstm" in kind:
        frame = show(shape[1:]) if shape else "(rows, cols, channels)"
        one = show((1, *shape[1:])) if shape else "(1, rows, cols, channels)"
        return (
            f"ConvLSTM2D reads (batch, time, rows, cols, channels): give each sample a time axis, e.g. "
            f"layers.Reshape({one}) for one frame of {frame}, or stack consecutive frames along axis 1."
        )
    if shape and expected - found == 1 and expected == 4 and len(shape) == 3 and None not in shape[1:]:
        steps, channels = shape[1], shape[2]
        fold = exact_folds(steps, channels, limit=1)[0]
        return (
            f"Conv2D needs (batch, height, width, channels). Either add a channels axis, layers.Reshape("
            f"{show((steps, channels, 1))}) (the map as a one-channel image), or fold the {steps} steps into a grid "
            f"and keep the {channels} channels, e.g. {fold}; convshapes.fold_options({steps}, channels={channels}) "
            "lists every fold."
        )
    if shape and expected == 4 and len(shape) == 2 and shape[1]:
        folds = ", ".join(exact_folds(shape[1], 1))
        return f"Each sample is a flat vector of {shape[1]}: if it is an image, fold it back, e.g. {folds}."
    added = show((*shape, *(1,) * (expected - found))) if shape else None
    fix = (
        f"Add the missing axis of size 1 at the end: {show(shape)} -> {added} with np.expand_dims(x, -1) on data "
        f"or layers.Reshape({show((*shape[1:], 1))}) in a model."
        if shape and None not in shape[1:] and expected - found == 1
        else f"Add {expected - found} axis of size 1 where the layer expects it (np.expand_dims, layers.Reshape)."
    )
    if recurrent or "conv1d" in kind:
        fix += " If the tensor comes from an LSTM or GRU, set return_sequences=True there to keep its time axis."
    if shape and shape[0] is not None:
        fix += f" If {show(shape)} is one sample rather than a batch, add the batch axis in front instead (x[None])."
    return fix


def _merge_axes(expected: int, found: int, shape: Shape | None, kind: str, recurrent) -> str:
    if shape and recurrent and len(shape) == 4 and None not in shape[1:]:
        rows, cols, channels = shape[1:]
        return (
            f"A recurrent layer reads (batch, time, features). Make the {rows} rows the time steps with "
            f"layers.Reshape({show((rows, cols * channels))}), or the {cols} columns with layers.Permute((2, 1, 3)) "
            f"then layers.Reshape({show((cols, rows * channels))})."
        )
    if expected == 2:
        return "Reduce the extra axes before this layer: layers.Flatten() or a GlobalAveragePooling/GlobalMaxPooling layer."
    if shape and found - expected == 1 and None not in shape[1:3]:
        merged = show((shape[1] * shape[2], *shape[3:]))
        return f"Merge two axes into one, e.g. layers.Reshape({merged}), or use a layer made for {found} axes."
    return f"Remove or merge {found - expected} axis before this layer (layers.Reshape), or use a layer made for {found} axes."


def kernel_rank(facts: dict[str, str]) -> tuple[str, str]:
    kernel, given = dims(facts["kernel"]), dims(facts["input"])
    spatial = len(kernel) - 2
    cause = (
        f"The Conv{spatial}D kernel {show(kernel)} slides over {spatial} axis{'es' if spatial > 1 else ''}, so the "
        f"layer needs {spatial + 2} axes (batch, {spatial} spatial, channels); the input {show(given)} has {len(given)}."
    )
    if given[:2] == (None, None):
        return cause, (
            f"Two leading None axes: the model was built for one axis more than your samples. Keras 3 does this "
            f"when it loads a model saved by tf.keras or Keras 2 (.h5). Rebuild the model in code with "
            f"keras.Input(shape={show(given[2:])}) and load only the weights (model.load_weights), or load the "
            "file with the tf_keras package. If you wrote the batch size into keras.Input(shape=...), leave it out."
        )
    if len(given) > len(kernel):
        fix = (
            f"For {len(given) - 2} spatial axes use Conv{len(given) - 2}D, or wrap the layer in TimeDistributed when "
            "axis 1 counts frames or windows."
        )
        if spatial == 1 and len(given) == 4 and None not in given[1:]:
            fix = (
                f"If this is an image batch, use Conv2D; to run the Conv1D along the pixels, flatten height and width "
                f"into steps first: layers.Reshape({show((given[1] * given[2], given[3]))})."
            )
            if given[0] is None:
                fix += (
                    f" If {given[1]} is a batch size written into keras.Input(shape=...), use shape={show(given[2:])}."
                )
        return cause, fix
    return cause, (
        f"The layer got {len(given)} axes, {len(kernel) - len(given)} too few: a TimeDistributed(Conv{spatial}D) "
        f"passes each item of axis 1 on, so its input needs (batch, items, {'steps' if spatial == 1 else 'rows, cols'}, "
        "channels); cut the sequence into windows with layers.Reshape before it."
    )


def reshape_size(facts: dict[str, str]) -> tuple[str, str]:
    values = int(facts["values"]) if "values" in facts else None
    source, target = dims(facts.get("input")) if "input" in facts else None, dims(facts.get("target"))
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
            f"{', '.join(exact_folds(steps, channels))} (convshapes.fold_options({steps}, channels={channels}))."
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
    divisors = [size for size in range(1, values + 1) if values % size == 0]
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
        if per_sample % channels == 0:
            grid = fold_options(per_sample // channels)[0]
            if grid.method == "exact":
                sizes = (grid.height, grid.width)
                shape = (first, channels, *sizes) if place == 1 else (first, *sizes, channels)
                return f" With {channels} channels that is a {grid.height} x {grid.width} grid: {show(shape)}."
    return ""


def model_input(facts: dict[str, str]) -> tuple[str, str]:
    found = dims(facts["found"])
    if "dims" in facts:
        wanted = int(facts["dims"])
        cause = f"The model's input {facts['input']} takes {wanted} axes (batch included); your array {show(found)} has {len(found)}."
        if found and found[0] == 0:
            return (
                cause,
                "The array holds 0 samples: the data did not load (check the file paths and the loading loop).",
            )
        if wanted - len(found) == 1:
            return cause, f"Add the channels axis: x[..., None] (or x.reshape{show((*found, 1))})."
        if wanted == 4 and len(found) == 2 and found[1]:
            grid = fold_options(found[1])[0]
            return (
                cause,
                f"If each row is a {grid.height} x {grid.width} image: x.reshape{show((-1, grid.height, grid.width, 1))}.",
            )
        return cause, f"Give the array {wanted} axes, the model's (batch, ..., channels)."
    expected = dims(facts["expected"])
    cause = f"The model takes batches shaped {show(expected)}; the array it received is {show(found)}, one axis short."
    sample = expected[1:]
    if found == sample:
        return (
            cause,
            f"That is one sample without its batch axis: x[None] (np.expand_dims(x, 0)) gives {show((1, *sample))}.",
        )
    if len(found) == len(expected) - 1 and found[-1] == expected[-1]:
        return cause, (
            f"If your array is one sample of shape {show(sample)}, predict/fit split it along its first axis into "
            f"batches like {show(found)}: add the batch axis, x[None], to get {show((1, *sample))}."
        )
    if found[1:] == sample[:-1] and sample[-1] == 1:
        return cause, f"Add the channels axis: x[..., None] gives {show((*found, 1))}."
    have, want = product(found[1:]), product(sample)
    if have and want and have == want:
        return cause, f"Each sample has the right {want} values in another shape: x.reshape{show((-1, *sample))}."
    return cause, (
        f"Per sample the model takes {show(sample)} ({want} values) and the data has {show(found[1:])} ({have}): "
        "resize or convert the data, or declare the model for the data you have."
    )


def none_batch(facts: dict[str, str]) -> tuple[str, str]:
    if "shape" not in facts:
        return (
            "A shape passed to a reshape contains None: inside a model the batch size is unknown until data arrives.",
            "Write -1 for the batch axis (or use tf.shape(x)[0], the size at run time); layers.Reshape never needs the "
            "batch size.",
        )
    shape = dims(facts["shape"])
    unknown = [axis for axis, size in enumerate(shape) if size is None]
    if unknown and unknown[0] == 0:
        fixed = show((-1, *shape[1:]))
        others = f" Axes {unknown[1:]} are unknown too: use tf.shape(x) for them." if len(unknown) > 1 else ""
        return (
            f"The shape {facts['shape']} has None where the batch size goes: the batch size is unknown while Keras "
            "builds the model.",
            f"Write -1 for the batch axis: {fixed}, or use layers.Reshape({show(shape[1:])}), which never mentions the "
            f"batch, or tf.shape(x)[0] for the size at run time.{others}",
        )
    return (
        f"The shape {facts['shape']} has None at axis {', '.join(map(str, unknown))}: sizes declared as None are "
        "unknown until data arrives, and a static shape cannot hold them.",
        "Read those sizes at run time with tf.shape(x)[axis] (keras.ops.shape in Keras 3), or declare them in "
        "keras.Input(shape=...) if they are fixed.",
    )


def kerastensor_tf(facts: dict[str, str]) -> tuple[str, str]:
    return (
        "A symbolic tensor of a functional model (keras.Input or a layer's output) went into a TensorFlow or NumPy "
        "function; it has a shape and a dtype but no values.",
        "Use the Keras equivalent, a layer (layers.Reshape, layers.Permute) or keras.ops (keras.ops.reshape, "
        "keras.ops.transpose), or wrap the TensorFlow code in a custom layer's call().",
    )


def input_shape_warning(facts: dict[str, str]) -> tuple[str, str]:
    return (
        "A layer was given input_shape= (or input_dim=), as Keras 2 code did; Keras 3 layers take no input shape.",
        "Start the model with keras.Input(shape=...) and drop input_shape= from the layer; the model then checks "
        "every batch against that shape.",
    )


def reshape_arguments(facts: dict[str, str]) -> tuple[str, str]:
    sizes = int(facts["given"]) - 1
    written = facts.get("arguments", ", ".join(f"d{index + 1}" for index in range(sizes))).strip()
    return (
        f"layers.Reshape received {sizes} separate positional arguments; it takes the target shape as one tuple.",
        f"Put the sizes in a tuple: layers.Reshape(({written})).",
    )


def function_in_sequential(facts: dict[str, str]) -> tuple[str, str]:
    name = re.sub(r"_v\d+$", "", facts["function"].split(".")[-1])
    cause = f"The list of layers holds the function {name}, which is not a layer."
    if name[:1].isupper():
        return cause, f"{name} looks like a model or layer constructor: call it, {name}(...), and add the result."
    return cause, (
        f"Wrap it in a layer, e.g. layers.Lambda(lambda x: keras.ops.{name}(x)), or use the layer that does the same "
        "job (layers.Reshape to drop or add an axis of size 1, layers.Flatten, layers.Permute)."
    )


def loss_rank(facts: dict[str, str]) -> tuple[str, str]:
    target = dims(facts["target"])
    if "output" in facts:
        output = dims(facts["output"])
        shown = show(output)
    else:
        output, shown = None, f"{facts['dims']} axes ({facts['layer']})"
    cause = (
        f"The model outputs {shown} but the targets are {show(target)}: Dense acts on the last axis only, so a Dense "
        "after a 3-D tensor (Conv1D, LSTM with return_sequences=True) predicts one value per step."
    )
    reduced = f"becomes {show((output[0], output[-1]))}" if output else "has 2 axes"
    per_step = f"of shape {shown}" if output else "with the output's axes"
    return cause, (
        "For one prediction per sample, reduce the steps before the Dense with layers.GlobalAveragePooling1D() or "
        f"layers.Flatten(), so the output {reduced}; for one prediction per step, give targets {per_step}."
    )


def pt_channels(facts: dict[str, str]) -> tuple[str, str]:
    weight, given = dims(facts["weight"]), dims(facts["input"])
    expected, got = int(facts["expected"]), int(facts["got"])
    cause = (
        f"The layer's weight {show(weight)} is (out_channels, in_channels, kernel...), so it takes {expected} input "
        f"channels; PyTorch reads axis 1 of the input {show(given)} as channels and finds {got}."
    )
    places = [axis for axis in range(2, len(given)) if given[axis] == expected]
    if len(places) == 1:
        axis = places[0]
        order = (0, axis, *(other for other in range(1, len(given)) if other != axis))
        moved = show(tuple(given[index] for index in order))
        return cause, (
            f"If axis {axis} holds your channels (channels-last data, as NumPy and Keras store it), move it to "
            f"axis 1: x.permute{order} gives {moved}."
        )
    if places:
        return cause, f"Axes {places} have {expected} entries: permute the one that holds the channels to axis 1."
    fix = f"No axis of the input has {expected} entries: set in_channels={got} in this layer, or change what feeds it."
    if got == 1 and expected == 3:
        fix += " For grayscale images in an RGB network, repeat the channel: x.repeat(1, 3, 1, 1)."
    return cause, fix


def pt_input_rank(facts: dict[str, str]) -> tuple[str, str]:
    given = dims(facts["input"])
    batched = int(facts["batched"])
    if "op" in facts:
        op = facts["op"]
        cause = f"{op} takes {batched - 1}-D (C, ...) or {batched}-D (N, C, ...) input; it got {len(given)}-D {show(given)}."
    else:
        op = f"conv{batched - 2}d"
        cause = f"The layer's {facts['weight_rank']}-D weight needs {batched}-D input (N, C, ...); it got {len(given)}-D {show(given)}."
    spatial = batched - 2
    if len(given) > batched:
        ones = [axis for axis in range(1, len(given)) if given[axis] == 1]
        if len(given) - batched == 1 and ones:
            squeezed = tuple(size for axis, size in enumerate(given) if axis != ones[0])
            return cause, f"Remove the axis of size 1: x.squeeze({ones[0]}) gives {show(squeezed)}."
        merged = show((given[0] * given[1], *given[2:])) if None not in given[:2] else "(N*T, C, ...)"
        return cause, (
            f"If the data has {len(given) - 2} spatial axes, use nn.Conv{len(given) - 2}d; if axis 1 counts frames or "
            f"windows, fold it into the batch: x.flatten(0, 1) gives {merged}."
        )
    if len(given) == batched - 1 and "op" not in facts:
        return cause, f"This PyTorch version needs the batch axis: x.unsqueeze(0) gives {show((1, *given))}."
    fix = "Add the missing axes: x.unsqueeze(0) for a batch of one, x.unsqueeze(1) for one channel."
    if spatial == 2 and len(given) == 2 and given[1]:
        grid = fold_options(given[1])[0]
        fix += f" If each row is a {grid.height} x {grid.width} image: x.view(-1, 1, {grid.height}, {grid.width})."
    return cause, fix + f" (Keras users: a {op} wants channels at axis 1, not last.)"


FIXES: dict[str, Callable[[dict[str, str]], tuple[str, str]]] = {
    "output-size": output_size,
    "input-rank": input_rank,
    "kernel-rank": kernel_rank,
    "reshape-size": reshape_size,
    "model-input": model_input,
    "none-batch": none_batch,
    "kerastensor-tf": kerastensor_tf,
    "input-shape-warning": input_shape_warning,
    "reshape-arguments": reshape_arguments,
    "function-in-sequential": function_in_sequential,
    "loss-rank": loss_rank,
    "pt-channels": pt_channels,
    "pt-input-rank": pt_input_rank,
}
