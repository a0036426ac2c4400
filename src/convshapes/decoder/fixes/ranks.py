"""A layer given more or fewer axes than it reads: ``expected ndim=X, found ndim=Y`` and the kernel-rank message."""

from __future__ import annotations

from .numbers import Facts, dims, folds_text, number, show, yes


def derive(facts: Facts) -> Facts:
    """``change`` (more, fewer or unknown axes than expected) and what the received shape looks like."""
    expected, found = number(facts, "expected"), number(facts, "found")
    shape = dims(facts.get("shape"))
    if found is None and shape:
        found = len(shape)
    change = "unknown" if expected is None or found is None else "more" if found > expected else "fewer"
    derived = {"change": change, "gap": str(abs(expected - found)) if change != "unknown" else ""}
    if shape and shape[-1] is not None:
        derived["last_small"] = yes(shape[-1] <= 4)
        derived["trailing_one"] = yes(shape[-1] == 1)
    if len(shape) == 3 and None not in shape[1:]:
        low, high = sorted(shape[1:])
        derived["image_like"] = yes(low > 4 and high <= 2 * low)
    return derived


def read(facts: Facts) -> str:
    """What the message says: how many axes the layer takes and how many it got."""
    expected, found = number(facts, "expected"), number(facts, "found")
    layer = f"Layer {facts['layer']}" if "layer" in facts else "A layer"
    if expected is None:
        return (
            f"{layer} received an input it cannot take. The message is cut off before it says how (usually the "
            "number of axes); the causes below are the usual ones at this kind of layer."
        )
    at_least = (
        "at least "
        if facts.get("bound") == "min_" or "at_least" in facts
        else "at most "
        if facts.get("bound") == "max_"
        else ""
    )
    shape = f": {show(dims(facts['shape']))}" if "shape" in facts else ""
    return f"{layer} takes {at_least}{expected} axes (batch included) and received {found}{shape}."


def _sample(facts: Facts) -> tuple:
    """The received shape without its batch axis."""
    return dims(facts.get("shape"))[1:]


def add_feature_axis(facts: Facts) -> str:
    """Data without its channels (features) axis: add one of size 1."""
    shape = dims(facts.get("shape"))
    if len(shape) == 2 and shape[1] is not None:
        fix = (
            f"Read the {shape[1]} values as {shape[1]} steps of 1 channel: np.expand_dims(x, -1) on the data gives "
            f"(samples, {shape[1]}, 1), or layers.Reshape(({shape[1]}, 1)) in the model."
        )
    else:
        fix = "Add the missing channels axis of size 1 at the end: np.expand_dims(x, -1) on data, layers.Reshape in a model."
    if shape and shape[0] is not None:
        fix += f" If {show(shape)} is one sample rather than a batch, add the batch axis in front instead (x[None])."
    return fix


def flat_to_sequence(facts: Facts) -> str:
    """A flat (batch, features) tensor after Flatten, Dense or global pooling, given to a sequence layer."""
    features = _sample(facts)[0] if len(_sample(facts)) == 1 and _sample(facts)[0] else "features"
    return (
        "A Flatten, Dense or global pooling layer before this one left (batch, features). Remove it (a Conv1D or "
        f"LSTM takes the 3-D (batch, steps, channels) tensor as it is), or read the features as steps with "
        f"layers.Reshape(({features}, 1)) before this layer."
    )


def return_sequences(facts: Facts) -> str:
    """An LSTM or GRU that returns only its last step, before a layer that needs the steps."""
    return (
        "An LSTM or GRU returns only its last step, (batch, units), unless you ask for every step: set "
        "return_sequences=True on it, and it returns (batch, steps, units)."
    )


def image_to_sequence(facts: Facts) -> str:
    """A 4-D image batch or Conv2D feature map given to Conv1D: use Conv2D, drop an extra axis, or flatten the grid."""
    sample = _sample(facts)
    if len(sample) == 3 and None not in sample:
        rows, cols, channels = sample
        if channels == 1:
            return (
                f"If the last axis of size 1 was added by mistake (np.expand_dims on a ({rows}, {cols}) sequence), "
                f"drop it: layers.Reshape(({rows}, {cols})), and the Conv1D reads {rows} steps of {cols} channels. "
                f"If the data are one-channel images, use Conv2D."
            )
        return (
            f"If these are images or a Conv2D feature map of {rows} x {cols} x {channels}, use Conv2D; to run the "
            f"Conv1D along the pixels, flatten the grid into steps first: layers.Reshape(({rows * cols}, "
            f"{channels})); to scan the rows, layers.Reshape(({rows}, {cols * channels}))."
        )
    return (
        "For images use Conv2D; to run the Conv1D along the pixels, flatten height and width into steps with "
        "layers.Reshape((height * width, channels)) first."
    )


def batch_in_input(facts: Facts) -> str:
    """The batch size written into keras.Input(shape=...) gives every sample one axis too many."""
    sample = _sample(facts) or dims(facts.get("input"))[1:]
    if len(sample) >= 2 and sample[0] is not None:
        return (
            f"If {sample[0]} is your batch size or number of samples, leave it out of keras.Input(shape=...): "
            f"shape={show(sample[1:])}. The batch axis is never part of shape=."
        )
    return "If you wrote the batch size or the number of samples into keras.Input(shape=...), leave it out."


def time_distributed(facts: Facts) -> str:
    """Axis 1 counts frames or windows: wrap the layer in TimeDistributed."""
    return (
        "If axis 1 counts frames or windows, wrap the layer in layers.TimeDistributed(...): it applies the same "
        "layer to each item of axis 1. Before an LSTM, flatten each frame with layers.TimeDistributed("
        "layers.Flatten()) so the LSTM gets (batch, frames, features)."
    )


def map_to_sequence(facts: Facts) -> str:
    """A Conv2D feature map given to a recurrent layer: make rows (or columns) the time steps."""
    sample = _sample(facts)
    if len(sample) == 3 and None not in sample:
        rows, cols, channels = sample
        return (
            f"A recurrent layer reads (batch, time, features). Make the {rows} rows the time steps with "
            f"layers.Reshape(({rows}, {cols * channels})), or the {cols} columns with layers.Permute((2, 1, 3)) "
            f"then layers.Reshape(({cols}, {rows * channels}))."
        )
    return (
        "Reshape the map to (batch, time, features): layers.Reshape((rows, cols * channels)) makes the rows the steps."
    )


def add_channels_axis(facts: Facts) -> str:
    """Images without their channels axis (grayscale), or flat vectors that were images."""
    sample = _sample(facts)
    if len(sample) == 1 and sample[0]:
        return (
            f"Each sample is a flat vector of {sample[0]}: if it is an image, fold it back: {folds_text(sample[0], 1)}."
        )
    if len(sample) == 2 and None not in sample:
        return (
            f"If these are {sample[0]} x {sample[1]} images with one channel (grayscale), add the channels axis: "
            f"x[..., None] on the data gives (samples, {sample[0]}, {sample[1]}, 1), or "
            f"layers.Reshape({show((*sample, 1))}) in the model."
        )
    return (
        "Add the channels axis of size 1: x[..., None] on the data, or layers.Reshape((height, width, 1)) in a model."
    )


def sequence_to_image(facts: Facts) -> str:
    """A (steps, channels) sequence given to Conv2D: use Conv1D, or make an image on purpose."""
    sample = _sample(facts)
    if len(sample) == 2 and None not in sample:
        steps, channels = sample
        fold = folds_text(steps, channels, limit=1)
        return (
            f"If the data is {steps} steps of {channels} channel{'s' if channels > 1 else ''}, the missing axis is "
            f"a spatial one: use Conv1D, which reads (batch, steps, channels). To use Conv2D on purpose, either "
            f"layers.Reshape(({steps}, {channels}, 1)) (a {steps} x {channels} one-channel image; the kernel must "
            f"fit {channels} columns), or fold the {steps} steps into a grid and keep the channels: {fold}; "
            f"convshapes.fold_options({steps}, channels={channels}) lists every fold."
        )
    return "Use Conv1D for (batch, steps, channels) data, or fold the steps into a grid with layers.Reshape first."


def global_pooling(facts: Facts) -> str:
    """Global pooling comes in 1D, 2D and 3D; a flat tensor is already pooled."""
    found = number(facts, "found")
    by_rank = {3: "GlobalAveragePooling1D", 4: "GlobalAveragePooling2D", 5: "GlobalAveragePooling3D"}
    if found == 2:
        return "The tensor is already (batch, features): a Flatten or another pooling came first; remove one of them."
    if found in by_rank:
        return f"A {found}-axis tensor takes layers.{by_rank[found]}() (or the GlobalMaxPooling of the same rank)."
    return (
        "Match the layer to the tensor: GlobalAveragePooling1D for (batch, steps, channels), 2D for (batch, rows, "
        "cols, channels); a (batch, features) tensor is already pooled."
    )


def reduce_axes(facts: Facts) -> str:
    """Too many axes for a layer that takes (batch, features)."""
    return "Reduce the extra axes before this layer: layers.Flatten() or a GlobalAveragePooling/GlobalMaxPooling layer."


def add_time_axis(facts: Facts) -> str:
    """ConvLSTM2D and Conv3D read (batch, time, rows, cols, channels)."""
    sample = _sample(facts)
    if len(sample) == 3 and None not in sample:
        return (
            f"ConvLSTM2D and Conv3D read (batch, time, rows, cols, channels): give each sample a time axis, e.g. "
            f"layers.Reshape({show((1, *sample))}) for one frame of {show(sample)}, or stack consecutive frames along "
            "axis 1."
        )
    return "ConvLSTM2D and Conv3D read (batch, time, rows, cols, channels): stack the frames along axis 1."


def read_kernel(facts: Facts) -> str:
    """What the kernel-rank message says: the kernel's axes against the input's."""
    kernel, given = dims(facts["kernel"]), dims(facts["input"])
    spatial = len(kernel) - 2
    return (
        f"The Conv{spatial}D kernel {show(kernel)} slides over {spatial} axis{'es' if spatial > 1 else ''}, so the "
        f"layer needs {spatial + 2} axes (batch, {spatial} spatial, channels); the input {show(given)} has {len(given)}."
    )


def derive_kernel(facts: Facts) -> Facts:
    """``change`` of the input's axes against the kernel's, and whether two leading axes are None."""
    kernel, given = dims(facts["kernel"]), dims(facts["input"])
    return {
        "change": "more" if len(given) > len(kernel) else "fewer",
        "two_none": yes(given[:2] == (None, None)),
        "shape": facts["input"],
    }


def legacy_model(facts: Facts) -> str:
    """Two leading None axes: a Keras 2 model loaded by Keras 3, or the batch size inside shape=."""
    given = dims(facts["input"])
    return (
        f"Two leading None axes: the model was built for one axis more than your samples. Keras 3 does this when it "
        f"loads a model saved by tf.keras or Keras 2 (.h5). Rebuild the model in code with keras.Input(shape="
        f"{show(given[2:])}) and load only the weights (model.load_weights), or load the file with the tf_keras "
        "package. If you wrote the batch size into keras.Input(shape=...), leave it out."
    )


def wrong_conv(facts: Facts) -> str:
    """A ConvND given data with another number of spatial axes."""
    kernel, given = dims(facts["kernel"]), dims(facts["input"])
    spatial = len(kernel) - 2
    if len(given) > len(kernel):
        return (
            f"For {len(given) - 2} spatial axes use Conv{len(given) - 2}D; if this is an image batch and you want the "
            "Conv1D along the pixels, flatten height and width into steps first: layers.Reshape((height * width, "
            "channels))."
        )
    return (
        f"The layer got {len(given)} axes, {len(kernel) - len(given)} too few: a TimeDistributed(Conv{spatial}D) "
        f"passes each item of axis 1 on, so its input needs (batch, items, {'steps' if spatial == 1 else 'rows, cols'}, "
        "channels); cut the sequence into windows with layers.Reshape before it."
    )
