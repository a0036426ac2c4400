"""Data against the model: the input check, channel counts, sample counts, batch sizes and the loss's targets."""

from __future__ import annotations

import math

from .numbers import Facts, Shape, dims, exact_folds, number, product, show, yes


def _model_shapes(facts: Facts) -> tuple[Shape, Shape]:
    """The model's input shape, batch axis first (None when unknown), and the data's, as the message gives them.

    Keras 2's "to have shape" gives one sample's shape; Keras 1 sometimes printed the batch axis too.
    """
    found = dims(facts.get("found"))
    if "expected" in facts:
        return dims(facts["expected"]), found
    if "sample" in facts:
        sample = dims(facts["sample"])
        with_batch = sample[:1] == (None,) and len(sample) == len(found) and len(sample) >= 4
        return (sample if with_batch else (None, *sample)), found
    return (None,) * (number(facts, "dims") or 0), found


def agrees(found: Shape, wanted: Shape) -> bool:
    """Same number of axes and the same sizes, where an unknown size (None) agrees with any."""
    return len(found) == len(wanted) and all(a is None or b is None or a == b for a, b in zip(found, wanted))


def reordered(found: Shape, wanted: Shape) -> bool:
    """The sizes of ``found`` in another order give ``wanted`` (None agrees with any), and the order differs."""
    if len(found) != len(wanted) or agrees(found, wanted):
        return False
    left = list(found)
    for size in (size for size in wanted if size is not None):
        if size not in left:
            return False
        left.remove(size)
    return True


def _channels_only(found: Shape, wanted: Shape) -> bool:
    """Everything agrees but the last axis, the channels."""
    return (
        bool(found)
        and agrees(found[:-1], wanted[:-1])
        and len(found) == len(wanted)
        and not agrees(found[-1:], wanted[-1:])
    )


WORD_VECTOR_WIDTHS = {50, 100, 200, 300}
"""Widths of GloVe and word2vec vectors: (samples, steps, 300) for a 2-axis input is text embedded twice."""


def derive_input(facts: Facts) -> Facts:
    """How the data relates to the model's input (``relation``), and the model's number of axes."""
    expected, found = _model_shapes(facts)
    sample = expected[1:]
    if "dims" in facts:  # only the number of axes is known: no sizes to compare
        rank = number(facts, "got") if "got" in facts else len(found)  # TensorFlow.js gives the data's rank alone
        more = rank > len(expected) >= 3
        relation = "fewer" if rank < len(expected) else "more" if more else "other"
        if len(expected) == 2 and len(found) == 3 and found[-1] in WORD_VECTOR_WIDTHS:
            relation = "embedded"  # (samples, steps, 300): word vectors for a model that embeds token ids itself
        return {"relation": relation, "model_rank": str(len(expected)), "shape": facts.get("found", "")}
    concrete = bool(found) and found[0] is not None  # an array, which may lack its batch axis; None is a batch
    relations = (
        ("unbatched", concrete and agrees(found, sample)),
        ("unbatched-reordered", concrete and reordered(found, sample)),
        ("unbatched-channels", concrete and len(sample) >= 2 and _channels_only(found, sample)),
        ("split", concrete and len(found) == len(sample) and found[-1:] == sample[-1:]),
        ("fewer", len(found) < len(expected)),
        ("unbatched-resized", concrete and len(found) == len(sample) >= 3 and found[-1:] == sample[-1:]),
        ("reordered", len(found) == len(expected) and reordered(found[1:], sample)),
        ("channels", len(found) == len(expected) >= 4 and _channels_only(found[1:], sample)),
        ("resized", len(found) == len(expected) >= 4),
        ("more", len(found) > len(expected) >= 3),
    )
    relation = next((name for name, holds in relations if holds), "other")
    return {"relation": relation, "model_rank": str(len(expected)), "shape": facts.get("found", "")}


def other_channels_of_data(facts: Facts) -> str:
    """The data's channel count differs from the model's."""
    expected, found = _model_shapes(facts)
    return other_channel_count({"shape": show(found), "value": str(expected[-1])})


def extra_axis(facts: Facts) -> str:
    """Data with an axis more than the model's input: squeeze a size-1 axis, or declare the model for it."""
    expected, found = _model_shapes(facts)
    ones = [axis for axis in range(1, len(found)) if found[axis] == 1]
    fix = f"The array has {len(found)} axes and the model takes {len(expected)}. "
    if ones:
        fix += f"Drop the extra axis of size 1: np.squeeze(x, axis={ones[-1]}). "
    return fix + "Or, if the data really has that axis, declare the model for it: keras.Input(shape=x.shape[1:])."


def read_input(facts: Facts) -> str:
    """What the input check says: the model's shape against the data's."""
    expected, found = _model_shapes(facts)
    if "got" in facts and "found" not in facts:
        return f"The model's input takes {facts['dims']} axes (batch included); the data fed to it has {facts['got']}."
    if "dims" in facts:
        return f"The model's input {facts.get('input', '')} takes {facts['dims']} axes (batch included); your array {show(found)} has {len(found)}."
    return f"The model takes batches shaped {show(expected)}; the array it received is {show(found)}."


def one_sample(facts: Facts) -> str:
    """One sample without its batch axis."""
    expected, found = _model_shapes(facts)
    sample = expected[1:]
    if len(found) == len(sample):
        return f"That is one sample without its batch axis: x[None] (np.expand_dims(x, 0)) gives {show((1, *found))}."
    return (
        f"If your array is one sample of shape {show(sample)}, predict and fit split it along its first axis into "
        f"batches like {show(found)}: add the batch axis, x[None], to get {show((1, *sample))}."
    )


def missing_axis(facts: Facts) -> str:
    """Data one or more axes short of the model's input: usually the channels axis."""
    expected, found = _model_shapes(facts)
    if found and found[0] == 0:
        return "The array holds 0 samples: the data did not load (check the file paths and the loading loop)."
    if len(expected) - len(found) == 1:
        return _insert_axis(expected, found)
    if len(expected) == 4 and len(found) == 2 and found[1]:
        folds = exact_folds(found[1], 1, limit=1)
        grid = folds[0].removeprefix("Reshape((").removesuffix("))") if folds else "height, width, 1"
        return f"If each row is an image, fold it back: x.reshape(-1, {grid})."
    have, want = product(found[1:]), product(expected[1:])
    if have and want and have == want:
        return f"Each sample has the right {want} values in another shape: x.reshape{show((-1, *expected[1:]))}."
    return f"Give the array {len(expected)} axes, the model's (batch, ..., channels)."


def _insert_axis(expected: Shape, found: Shape) -> str:
    """Where an axis of size 1 turns the data into the model's shape: last (channels) unless the sizes say otherwise."""
    for axis in range(len(found), 0, -1):
        candidate = (*found[:axis], 1, *found[axis:])
        if agrees(candidate[1:], expected[1:]):
            where = "x[..., None]" if axis == len(found) else f"np.expand_dims(x, {axis})"
            name = "the channels axis" if axis == len(found) else f"an axis of size 1 at position {axis}"
            return f"Add {name}: {where} gives {show(candidate)}."
    return f"Add the channels axis: x[..., None] (or np.expand_dims(x, -1)) gives {show((*found, 1))}."


def channels_first_data(facts: Facts) -> str:
    """Data with the right sizes in another order: usually channels first."""
    expected, found = _model_shapes(facts)
    batched = len(found) == len(expected)
    data, wanted = (found[1:], expected[1:]) if batched else (found, expected[1:])
    channels = wanted[-1]
    if channels is None or channels not in data:
        return "The data holds the model's sizes in another order: move its channels axis last with np.transpose."
    axis = data.index(channels) + (1 if batched else 0)
    order = (*(index for index in range(len(found)) if index != axis), axis)
    moved = show(tuple(found[index] for index in order))
    return (
        f"Axis {axis} holds the {channels} channels (channels first, PyTorch's layout): np.transpose(x, {order}) "
        f"gives {moved}, channels last as the model reads them."
    )


def derive_channels(facts: Facts) -> Facts:
    """``elsewhere``: the expected channel count sits at another axis of the received shape."""
    shape, wanted = dims(facts.get("shape")), number(facts, "value")
    return {"elsewhere": yes(wanted in shape[1:-1]) if shape else "unknown"}


def read_channels(facts: Facts) -> str:
    """What the channel-count message says."""
    return (
        f"Layer {facts.get('layer', '?')} was built for inputs whose axis {facts['axis']} has {facts['value']} "
        f"entries (the channels, for a channels_last layer); it received {facts.get('shape', 'another shape')}."
    )


def move_channels(facts: Facts) -> str:
    """The channel count sits at another axis: move it last."""
    shape, wanted = dims(facts.get("shape")), int(facts["value"])
    if wanted not in shape[1:-1]:
        return (
            f"If your data holds its {wanted} channels at axis 1 (channels first, PyTorch's layout), move them last: "
            "np.transpose(x, (0, 2, 3, 1)) for images, or layers.Permute((2, 3, 1)) in a model."
        )
    axis = shape.index(wanted, 1)
    order = (0, *(index for index in range(1, len(shape)) if index != axis), axis)
    return (
        f"Axis {axis} has the {wanted} channels: the data is channels first. Move them last with np.transpose(x, "
        f"{order}) on the data, or keras.ops.transpose / layers.Permute({order[1:]}) in a model, which gives "
        f"{show(tuple(shape[index] for index in order))}."
    )


def other_channel_count(facts: Facts) -> str:
    """The data has another number of channels than the model was built for."""
    shape, wanted = dims(facts.get("shape")), int(facts["value"])
    have = shape[-1] if shape else "another number of"
    fix = (
        f"The data has {have} channels where the model expects {wanted}: build the model for the data, "
        f"keras.Input(shape=(..., {have})), or convert the data"
    )
    if wanted == 3 and have == 1:
        return fix + ": np.repeat(x, 3, axis=-1) turns grayscale into three equal channels."
    if wanted == 1 and have == 3:
        return fix + ": keras.ops.mean(x, axis=-1, keepdims=True) or tf.image.rgb_to_grayscale makes one channel."
    return fix + "."


def read_depth(facts: Facts) -> str:
    """What TensorFlow's depth message says."""
    return f"The convolution's filter takes {facts['expected']} input channels; the input has {facts['got']}."


def derive_flatten_size(facts: Facts) -> Facts:
    """``flattened_map``: both sizes are large and share a channel-like factor, as flattened maps of one network do."""
    wanted, shape = number(facts, "value"), dims(facts.get("shape"))
    got = shape[-1] if shape else None
    if not wanted or not got or len(shape) != 2:
        return {"flattened_map": "no"}
    return {"flattened_map": yes(min(wanted, got) >= 256 and math.gcd(wanted, got) >= 8)}


def read_flatten_size(facts: Facts) -> str:
    """What the Dense's message says, read as a flattened map."""
    wanted, got = int(facts["value"]), dims(facts["shape"])[-1]
    return (
        f"The Dense layer was built for {wanted} values per sample and receives {got}. After a Flatten, that number "
        "is rows x cols x channels (or steps x channels) of the map before it, so it changes with the input's size."
    )


def resize_or_pool(facts: Facts) -> str:
    """Feed the training size, or make the head independent of it."""
    return (
        "Resize the images to the size the model was built and trained for (tf.image.resize, or load_img(..., "
        "target_size=(rows, cols)) with exactly those numbers), or make the head independent of the size: "
        "layers.GlobalAveragePooling2D() instead of Flatten (and keras.Input(shape=(None, None, channels)) if the "
        "sizes vary). A trained Flatten head cannot take another size without retraining."
    )
