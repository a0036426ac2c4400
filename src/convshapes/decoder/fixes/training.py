"""Training against the data: sample counts, batch sizes, and the loss's targets against the model's output."""

from __future__ import annotations

from .numbers import Facts, Shape, dims, number, rounded_by_strides, show, yes


def read_cardinality(facts: Facts) -> str:
    """What the cardinality message says: x and y hold different numbers of samples."""
    return f"fit() splits x and y along their first axis into samples; x has {facts['x']} and y has {facts['y']}."


def derive_cardinality(facts: Facts) -> Facts:
    """``one``: one side holds a single sample (usually an unbatched sample)."""
    counts = [int(size) for side in ("x", "y") for size in facts.get(side, "").split(",") if size.strip()]
    return {"one": yes(1 in counts)}


def unbatched_fit(facts: Facts) -> str:
    """One sample given to fit without its batch axis."""
    return (
        f"A first axis of {facts['x']} against {facts['y']}: if x is one sample, its first axis is read as samples. "
        "Add the batch axis to both: x[None] and y[None] (np.expand_dims(..., 0))."
    )


def misaligned(facts: Facts) -> str:
    """x and y really hold different numbers of samples."""
    return (
        f"x has {facts['x']} samples and y has {facts['y']}: print x.shape and y.shape right before fit. A reshape "
        "with the wrong sizes (e.g. x.reshape(-1, steps, channels) with a wrong steps) or labels made per step "
        "rather than per sample gives different counts; the first axis of both must count the same samples."
    )


def rounded_apart(left: Shape, right: Shape) -> bool:
    """Same rank, and the sizes after the batch that differ do so by 1 to 4: odd lengths rounded by a stride."""
    if len(left) != len(right) or len(left) < 3:
        return False
    differ = [(a, b) for a, b in zip(left[1:], right[1:]) if a != b]
    return all(None not in pair for pair in differ) and rounded_by_strides(differ, smallest=8)


def derive_pair(facts: Facts) -> Facts:
    """For two shapes that do not match: ``first_only`` (only axis 0 differs), ``ranks`` (axis counts differ),
    ``loss_steps`` (a loss compares sequences of another number of steps, features alike)."""
    left, right = dims(facts["left"]), dims(facts["right"])
    steps_apart = len(left) == len(right) == 3 and left[0] == right[0] and left[2] == right[2] and left[1] != right[1]
    in_loss = "loss" in facts.get("node", "").lower()
    rounded = rounded_apart(left, right)
    return {
        "first_only": yes(len(left) == len(right) and left[:1] != right[:1] and left[1:] == right[1:]),
        "ranks": yes(len(left) != len(right)),
        "ratio": yes(bool(left and right and left[0] and right[0] and max(left[0], right[0]) % min(left[0], right[0]) == 0)),
        "bias": yes(len(left) == len(right) >= 2 and all(size == 1 for size in right[:-1]) and left[-1] != right[-1]),
        "rounded": yes(rounded),
        "loss_steps": yes(steps_apart and in_loss and not rounded),
    }  # fmt: skip


def read_pair(facts: Facts) -> str:
    """What the incompatible-shapes message says."""
    return f"An operation during training combined tensors shaped {facts['left']} and {facts['right']}, which do not broadcast."


def fixed_batch(facts: Facts) -> str:
    """A batch size fixed in the model, and the last smaller batch."""
    left, right = dims(facts.get("left")), dims(facts.get("right"))
    sizes = sorted(size for size in (left[:1] + right[:1]) if size)
    smaller = f" (here {sizes[0]} against {sizes[-1]})" if len(sizes) == 2 else ""
    return (
        f"A batch size is fixed somewhere in the model{smaller}: keras.Input(batch_size=...), a Reshape or "
        "tf.reshape with the batch size written in, a stateful RNN, or an initial state built for one batch size. "
        "The last batch of an epoch is smaller when the number of samples is not a multiple of it. Write -1 (or "
        "nothing, in layers.Reshape) for the batch axis, or drop the remainder: dataset.batch(size, "
        "drop_remainder=True)."
    )


def derive_loss(facts: Facts) -> Facts:
    """``per_step``: the model predicts one value per step where the targets have one per sample."""
    output, target = dims(facts.get("output")), dims(facts.get("target"))
    wanted = number(facts, "dims")
    per_step = False
    if output and target:
        more_axes = len(target) < len(output) and len(output) >= 3
        longer = len(target) == len(output) >= 3 and target[1] == 1 and (output[1] or 2) > 1
        per_step = more_axes or longer
    elif wanted and target:
        per_step = len(target) < wanted and wanted >= 3
    elif "logits" in facts:
        logits, labels = number(facts, "logits"), number(facts, "labels")
        per_step = bool(logits and labels and logits > labels and logits % labels == 0)
    wanted_rank = len(output) if output else wanted or 0
    return {
        "per_step": yes(per_step),
        "targets_more": yes(wanted_rank >= 3 and len(target) > wanted_rank),
        "off_by_few": yes(off_by_few(output, target)),
    }


def off_by_few(output: Shape, target: Shape) -> bool:
    """Maps of the same rank and channels whose spatial sizes differ by at most 4: a decoder's rounding."""
    if len(output) != len(target) or len(output) < 3 or output[-1] != target[-1]:
        return False
    pairs = [(a, b) for a, b in zip(output[1:-1], target[1:-1]) if a is not None and b is not None]
    return bool(pairs) and all(abs(a - b) <= 4 for a, b in pairs) and any(a != b for a, b in pairs)


def read_loss(facts: Facts) -> str:
    """What the loss message says: the model's output against the targets."""
    if "logits" in facts:
        return (
            f"The loss got {facts['logits']} rows of predictions and {facts['labels']} labels: the model predicts "
            f"{int(facts['logits']) // max(int(facts['labels']), 1)} times as many values as there are labels."
        )
    shown = facts.get("output") or f"{facts.get('dims', '?')} axes ({facts.get('layer', 'the output')})"
    return f"The model outputs {shown} but the targets are {facts.get('target', '?')}."


def reduce_steps(facts: Facts) -> str:
    """Dense after a 3-D tensor predicts per step: reduce the steps, or give targets per step."""
    output = dims(facts.get("output"))
    reduced = f"becomes {show((output[0], output[-1]))}" if len(output) >= 3 else "has 2 axes"
    return (
        "Dense acts on the last axis only, so after a Conv1D or an LSTM with return_sequences=True it predicts one "
        "value per step. For one prediction per sample, reduce the steps before the Dense with "
        f"layers.GlobalAveragePooling1D() or layers.Flatten(), so the output {reduced}; for one prediction per step, "
        "give the targets the output's shape."
    )


def targets_like_output(facts: Facts) -> str:
    """Targets with more axes than the output: reshape them like it, or keep the axis the output dropped."""
    target = dims(facts.get("target"))
    return (
        f"Give the targets the output's shape when they hold the same values per sample: a segmentation model that "
        f"ends with Reshape((pixels, classes)) needs y.reshape(len(y), -1, y.shape[-1]) for targets {show(target)}. "
        "If the output dropped an axis the targets keep (a ConvLSTM2D or LSTM without return_sequences=True before "
        "the last layers), keep it in the model instead."
    )


def match_decoder_size(facts: Facts) -> str:
    """Make an encoder-decoder return its input's size."""
    return (
        "Each stride-2 or pooling step rounds an odd size (down with padding='valid', up with 'same'), and the "
        "upsampling doubles the rounded size, so the output misses or gains a few pixels. Resize or pad the inputs "
        "to a multiple of 2 ** (number of downsampling steps), or crop the output to the target's size (layers."
        "Cropping2D in Keras, output[..., :height, :width] or F.interpolate(output, size=target.shape[-2:]) in "
        "PyTorch)."
    )


def derive_concat(facts: Facts) -> Facts:
    """What sets the two joined maps apart: ``rounded`` (1 to 4 pixels), ``halved`` (a power of two), ``zero``,
    ``ranks_differ``, ``steps_differ`` (two sequences of other lengths), ``unknown_axis`` (an axis of unknown size,
    None, on one side where the other's is known); ``numbers``: whether the message gives sizes at all."""
    if "left" not in facts and "a" not in facts:
        return {"numbers": "no", "layout": "", "steps_differ": "no", "unknown_axis": "no"}
    if "left" in facts:
        left, right = dims(facts["left"]), dims(facts["right"])
        pairs = [(a, b) for a, b in zip(left[1:-1], right[1:-1]) if a is not None and b is not None and a != b]
        ranks_differ = len(left) != len(right)
        zero = 0 in left or 0 in right
    else:
        pairs, ranks_differ, zero = [(int(facts["a"]), int(facts["b"]))], False, False
    rounded = rounded_by_strides(pairs)
    if "left" in facts and not rounded and not ranks_differ and len(left) >= 4 and left[1] != right[1]:
        # channels-first maps (Keras 1's 'th' ordering, concat_axis=1): the rows and columns come after axis 1
        first = [(a, b) for a, b in zip(left[2:], right[2:]) if a is not None and b is not None and a != b]
        rounded = rounded_by_strides(first)
    halved = bool(pairs) and all(
        min(a, b) > 0 and max(a, b) % min(a, b) == 0 and power_of_two(max(a, b) // min(a, b)) for a, b in pairs
    )
    layout = ""
    if "left" in facts and not ranks_differ and len(left) >= 3:
        differ = [axis for axis in range(1, len(left)) if left[axis] != right[axis]]
        # channels-first on one side only: axis 1 and the last axis differ, the axes between agree
        mixed = len(left) >= 4 and differ == [1, len(left) - 1] and left[2:-1] == right[2:-1]
        if differ == [len(left) - 1]:
            layout = "axis"
        elif (differ == [1] or mixed) and not rounded and not halved:
            layout = "channels-first"
    return {
        "rounded": yes(rounded and not ranks_differ),
        "halved": yes(halved and not rounded and not ranks_differ),
        "zero": yes(zero),
        "ranks_differ": yes(ranks_differ),
        "layout": layout,
        "tiny_rank": yes("left" in facts and min(len(left), len(right)) < 2),
        "steps_differ": yes(
            "left" in facts
            and len(left) == len(right) == 3
            and None not in (left[1], right[1])
            and left[1] != right[1]
            and not rounded
            and not halved
        ),
        "numbers": "yes",
        "unknown_axis": yes(
            "left" in facts and not pairs and any((a is None) != (b is None) for a, b in zip(left[1:-1], right[1:-1]))
        ),
    }


def power_of_two(ratio: int) -> bool:
    """2, 4, 8, ...: the ratio of two map sizes a stack of stride-2 steps leaves."""
    return ratio >= 2 and ratio & (ratio - 1) == 0


def read_concat(facts: Facts) -> str:
    """What the concatenation message says."""
    if "left" not in facts and "a" not in facts:
        return "Tensors joined along one axis (torch.cat, Concatenate) must agree on every other axis; these do not."
    if "left" in facts:
        return (
            f"The maps joined are {facts['left']} and {facts['right']}: all axes but the concatenation axis must agree."
        )
    if "b" not in facts:
        return f"The tensors joined differ in size on an axis other than {facts.get('axis', 'the joined one')}."
    return f"The tensors joined differ in size on an axis other than {facts.get('axis', 'the joined one')}: {facts['a']} against {facts['b']}."


def match_skip_sizes(facts: Facts) -> str:
    """Make a U-Net's encoder and decoder maps the same size."""
    return (
        "Give the network inputs whose sides are multiples of 2 ** (number of poolings), e.g. resize or pad 358 x 358 "
        "to 368 x 368 for four poolings; or crop (or pad) the larger map to the smaller before joining: "
        "layers.Cropping2D(((0, 1), (0, 1))) in Keras, F.pad(x, ...) or a center crop in PyTorch. padding='same' in "
        "every convolution keeps the other sizes from drifting."
    )
