"""PyTorch's messages: channels at axis 1, input ranks, Linear after a flattened map, and view."""

from __future__ import annotations

from .numbers import Facts, dims, exact_folds, number, product, show, yes
from .training import off_by_few


def read_channels(facts: Facts) -> str:
    """What the channels message says: the weight's in_channels against axis 1 of the input."""
    layout = "(in_channels, out_channels, kernel...) in a ConvTranspose"
    layout = layout if "transposed" in facts else "(out_channels, in_channels, kernel...)"
    return (
        f"The layer's weight {show(dims(facts['weight']))} is {layout}, so it takes "
        f"{facts['expected']} input channels; PyTorch reads axis 1 of the input {show(dims(facts['input']))} as "
        f"channels and finds {facts['got']}."
    )


def derive_channels(facts: Facts) -> Facts:
    """``places``: how many axes after axis 1 have the expected channel count."""
    given, expected = dims(facts["input"]), int(facts["expected"])
    return {"places": str(sum(size == expected for size in given[2:]))}


def permute_channels(facts: Facts) -> str:
    """Channels-last data: move the channels to axis 1."""
    given, expected = dims(facts["input"]), int(facts["expected"])
    places = [axis for axis in range(2, len(given)) if given[axis] == expected]
    if len(places) != 1:
        return f"Axes {places} have {expected} entries: permute the one that holds the channels to axis 1."
    axis = places[0]
    order = (0, axis, *(other for other in range(1, len(given)) if other != axis))
    return (
        f"If axis {axis} holds your channels (channels-last data, as NumPy and Keras store it), move it to axis 1: "
        f"x.permute{order} gives {show(tuple(given[index] for index in order))}."
    )


def other_in_channels(facts: Facts) -> str:
    """The layer was built for another channel count than the data has."""
    expected, got = int(facts["expected"]), int(facts["got"])
    fix = (
        f"If axis 1 really holds {got} channels, build the layer for them: in_channels={got} (or change what feeds it)."
    )
    if got == 1 and expected == 3:
        fix += " For grayscale images in an RGB network, repeat the channel: x.repeat(1, 3, 1, 1)."
    return fix


def read_rank(facts: Facts) -> str:
    """What the input-rank message says (old PyTorch and Lua Torch messages give only part of it)."""
    if "input" not in facts:
        weight = f" {facts['weight']}" if "weight" in facts else ""
        return f"The layer's weight{weight} needs an input with one axis per weight axis: (N, C, spatial...)."
    given, batched = dims(facts["input"]), int(facts["batched"])
    if "weight_rank" not in facts:
        return f"{facts.get('op', 'The layer')} takes {batched - 1}-D (C, ...) or {batched}-D (N, C, ...) input; it got {len(given)}-D {show(given)}."
    return f"The layer's {facts['weight_rank']}-D weight needs {batched}-D input (N, C, ...); it got {len(given)}-D {show(given)}."


def derive_rank(facts: Facts) -> Facts:
    """``change``, where a size-1 axis sits, whether it looks like torchsummary's batch, and the layer's in_channels."""
    if "input" not in facts:
        return {"change": "", "one_at": "", "summary_batch": "no", "in_channels": "", "pointwise": "no"}
    given, batched = dims(facts["input"]), int(facts["batched"])
    weight = dims(facts.get("weight"))
    return {
        "change": "more" if len(given) > batched else "fewer",
        "one_at": next((str(axis) for axis in range(1, len(given)) if given[axis] == 1), ""),
        "summary_batch": yes(len(given) == batched + 1 and given[0] == 2),
        "in_channels": str(weight[1]) if len(weight) > 1 and weight[1] is not None else "",
        "pointwise": yes(len(weight) > 2 and all(size == 1 for size in weight[2:])),
    }


def squeeze_one(facts: Facts) -> str:
    """An extra axis of size 1: squeeze it."""
    given = dims(facts["input"])
    axis = next(axis for axis in range(1, len(given)) if given[axis] == 1)
    squeezed = tuple(size for index, size in enumerate(given) if index != axis)
    return f"Axis {axis} has size 1 and nothing else to say: x.squeeze({axis}) gives {show(squeezed)}."


def summary_input_size(facts: Facts) -> str:
    """torchsummary's summary(model, input_size) adds the batch axis itself."""
    given = dims(facts["input"])
    return (
        f"torchsummary's summary(model, input_size=...) puts its own batch axis in front, so input_size must leave "
        f"the batch out: input_size={show(tuple(given[2:]))}, not {show(tuple(given[1:]))}."
    )


def fold_frames(facts: Facts) -> str:
    """Axis 1 counts frames or windows: fold it into the batch, or use the next ConvNd."""
    given, batched = dims(facts["input"]), int(facts["batched"])
    merged = show((given[0] * given[1], *given[2:])) if None not in given[:2] else "(N*T, C, ...)"
    return (
        f"If axis 1 counts frames or windows, fold it into the batch: x.flatten(0, 1) gives {merged}, and "
        f"y.unflatten(0, ({given[0]}, {given[1]})) restores it after the layer. If the data has {len(given) - 2} "
        f"spatial axes (an image batch given to a Conv1d), use nn.Conv{len(given) - 2}d, or flatten the spatial "
        f"axes into one: x.flatten(2) gives (N, C, L) for nn.Conv{batched - 2}d."
    )


def add_batch(facts: Facts) -> str:
    """One sample without its batch axis (PyTorch before 1.11 needs it)."""
    given = dims(facts["input"])
    return f"That is one sample: x.unsqueeze(0) gives {show((1, *given))}."


def add_channel(facts: Facts) -> str:
    """Data without its channels axis: unsqueeze(1) when the layer takes one channel."""
    given = dims(facts["input"])
    channels = facts.get("in_channels", "")
    one = show((given[0], 1, *given[1:])) if given else "(N, 1, ...)"
    if channels and channels != "1":
        return (
            f"The layer takes {channels} channels, so adding an axis of 1 is not enough: check that the data holds "
            f"its channels (a channels-last (N, L, {channels}) tensor needs x.permute(0, 2, 1))."
        )
    fix = f"With one channel (in_channels=1), add it at axis 1: x.unsqueeze(1) gives {one}."
    if len(given) == 2 and given[1] and int(facts["batched"]) == 4:
        folds = exact_folds(given[1], 1, limit=1)
        if folds:
            grid = folds[0].removeprefix("Reshape((").removesuffix(", 1))")
            fix += f" If each row is an image, x.view(-1, 1, {grid})."
    return fix


EMBEDDING_WIDTHS = {512, 768, 1024, 1280}
"""Widths of CLIP and transformer embeddings: one or two such rows into a Linear are a projection, not a flattened map."""
TRANSFORMER_WIDTH = 768
"""BERT's and ViT-B's width: rows of it into a Linear come from a transformer (CNN heads use 512, 1024, 1280, 2048)."""


def derive_linear(facts: Facts) -> Facts:
    """``flattened_wrong``: the rows are the batch times other axes (a map's last axis, or view(-1, small));
    ``plausible``: the numbers look like a conv network's.

    One row of up to 2047 features is how projections of embeddings (not flattened maps) usually fail, and one row
    holding a whole multiple of fewer than 100 in_features is stacked observations of an MLP (a policy's state), not
    a flattened conv map. A square weight (in_features == out_features) projects inside a recurrent or attention
    block; the first Linear after a flattened map narrows it.
    """
    rows, features, wanted = (int(facts[name]) for name in ("rows", "features", "in"))
    square = wanted == int(facts["out"]) and features < wanted
    total = rows * features
    flattened_wrong = bool(wanted) and features <= 64 and total % wanted == 0 and total // wanted < rows
    single_small = rows == 1 and features < 2048
    embedding = (rows <= 2 and features in EMBEDDING_WIDTHS) or features == TRANSFORMER_WIDTH
    batch_in_features = rows == 1 and wanted >= 100 and features > wanted and features % wanted == 0
    return {
        "flattened_wrong": yes(flattened_wrong),
        "batch_in_features": yes(batch_in_features),
        "plausible": yes(
            flattened_wrong or batch_in_features or (rows <= 1024 and not single_small and not embedding and not square)
        ),
    }


def flatten_per_sample(facts: Facts) -> str:
    """Flatten each sample, not the batch: x.flatten(1)."""
    rows, features, wanted = (int(facts[name]) for name in ("rows", "features", "in"))
    return (
        f"The Linear layer received {rows} rows of {features}: the feature map reached it unflattened (Linear acts "
        f"on the last axis only) or was flattened across the batch (x.view(-1, {features})). Flatten each sample: "
        f"x = x.flatten(1) (or x.view(x.size(0), -1)) gives (batch, values per sample); nn.Linear({wanted}, ...) then "
        "fits when the values per sample are "
        f"{wanted}."
    )


def read_linear(facts: Facts) -> str:
    """What the matmul message says: the flattened features against the Linear layer's in_features."""
    return (
        f"nn.Linear was built for {facts['in']} input features (its weight is {facts['in']} x {facts['out']} here) "
        f"and received {facts['rows']} rows of {facts['features']} features."
    )


def in_features(facts: Facts) -> str:
    """Size the Linear layer from the flattened map."""
    features = number(facts, "features")
    return (
        f"The flattened feature map has {features} values per sample: set in_features={features} "
        f"(nn.Linear({features}, ...)), or use nn.LazyLinear, which reads it on the first call. Print x.shape after "
        "x.flatten(1) to see where the number comes from (channels x height x width); it changes with the input size."
    )


def derive_batch(facts: Facts) -> Facts:
    """``folded``: the predictions have a small whole multiple of the targets' rows (part of each sample went into the
    batch); ``close``: thousands of rows a few percent apart (flattened maps of nearly equal sizes)."""
    output, target = int(facts["output"]), int(facts["target"])
    close = bool(output and target) and output != target and abs(output - target) <= 0.05 * max(output, target)
    return {
        "folded": yes(bool(target) and output > target and output % target == 0 and output // target <= 64),
        "close": yes(close and min(output, target) >= 1000),
    }


def read_batch(facts: Facts) -> str:
    """What the batch-size message says."""
    return f"The loss got {facts['output']} rows of predictions and {facts['target']} targets."


def flatten_keeps_batch(facts: Facts) -> str:
    """Flatten per sample so the batch axis stays the batch."""
    output, target = int(facts["output"]), int(facts["target"])
    ratio = ""
    if output and target and max(output, target) % min(output, target) == 0:
        factor = max(output, target) // min(output, target)
        bigger = "more" if output > target else "fewer"
        ratio = f" The predictions have {factor} times {bigger} rows: the N in view(-1, N) is {factor} times too {'small' if output > target else 'large'}."
    return (
        f"Flatten with x = x.flatten(1) (or x.view(x.size(0), -1)), which keeps the batch axis, and size the next "
        f"nn.Linear from the printed x.shape[1] (or use nn.LazyLinear).{ratio}"
    )


def derive_target(facts: Facts) -> Facts:
    """Facts for the loss's shapes (see :func:`derive_target_shapes`), or ``close_counts`` from element counts."""
    if "target_n" in facts:
        got, wanted = int(facts["output_n"]), int(facts["target_n"])
        close = bool(got and wanted) and got != wanted and abs(got - wanted) <= 0.05 * max(got, wanted)
        return {
            "one_axis": "no",
            "same_values": "no",
            "off_by_few": "no",
            "mask_channels": "no",
            "close_counts": yes(close),
        }
    return derive_target_shapes(facts) | {"close_counts": "no"}


def derive_target_shapes(facts: Facts) -> Facts:
    """``one_axis``: output and targets of a map or sequence (3 or more axes, two of them longer than 1) are equal
    once an axis of size 1 is dropped from the longer one."""
    output, target = dims(facts["output"]), dims(facts["target"])
    longer, shorter = (output, target) if len(output) > len(target) else (target, output)
    dropped = [longer[:axis] + longer[axis + 1 :] for axis in range(len(longer)) if longer[axis] == 1]
    spatial = sum(1 for size in longer if size is not None and size > 1) >= 2 and len(longer) >= 3
    same_values = output[:1] == target[:1] and len(output) != len(target) and product(output) == product(target)
    return {
        "one_axis": yes(len(longer) == len(shorter) + 1 and shorter in dropped and spatial),
        "same_values": yes(bool(same_values) and spatial),
        "off_by_few": yes(output[:2] == target[:2] and off_by_few((None, *output[2:], 0), (None, *target[2:], 0))),
        "mask_channels": yes(
            len(output) == len(target) >= 4
            and output[0] == target[0]
            and output[2:] == target[2:]
            and output[1] == 1
            and target[1] in (3, 4)
        ),
    }


def read_target(facts: Facts) -> str:
    """What the target-size warning says."""
    if "target_n" in facts:
        return f"The model's output holds {facts['output_n']} values and the targets {facts['target_n']}."
    return f"The model's output is {show(dims(facts['output']))} and the targets are {show(dims(facts['target']))}."


def match_target_axis(facts: Facts) -> str:
    """Give the targets the output's axis of size 1, or drop it from the output."""
    output, target = dims(facts["output"]), dims(facts["target"])
    if len(output) > len(target):
        axis = next(a for a in range(len(output)) if output[a] == 1 and output[:a] + output[a + 1 :] == target)
        return (
            f"Give the targets the output's axis: target.unsqueeze({axis}) gives {show(output)}, or drop it from the "
            f"output with output.squeeze({axis}). Broadcasting would otherwise compare every output with every target."
        )
    axis = next(a for a in range(len(target)) if target[a] == 1 and target[:a] + target[a + 1 :] == output)
    return (
        f"Drop the targets' extra axis: target.squeeze({axis}) gives {show(output)} (or give the output that axis with "
        f"output.unsqueeze({axis})). Broadcasting would otherwise compare every output with every target."
    )


def same_values_other_shape(facts: Facts) -> str:
    """Output and targets hold the same values per sample in another shape (one flat, one an image)."""
    output, target = dims(facts["output"]), dims(facts["target"])
    return (
        f"Each sample has the same number of values on both sides, in another shape: reshape one like the other, "
        f"target.view({', '.join(map(str, output))}) or output.view({', '.join(map(str, target))}), before the loss."
    )


def add_batch_and_channel(facts: Facts) -> str:
    """A single 1-D signal: give it the batch and channel axes."""
    given = dims(facts["input"])
    return f"Give it a batch of one and one channel: x.view(1, 1, -1) gives {show((1, 1, *given))}."
