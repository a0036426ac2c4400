"""Element-wise merges (Add, Multiply, Subtract, Average, Maximum) of tensors whose shapes differ."""

from __future__ import annotations

from .numbers import Facts, dims, rounded_by_strides, show, yes


def derive_merge(facts: Facts) -> Facts:
    """How the two shapes (one sample each, no batch axis) differ: ``widths`` (two vectors), ``reordered`` (the
    same sizes in another order), ``rounded`` (a few steps or pixels apart, the channels equal).

    PyTorch's element-wise message gives only the two sizes at one axis (see :func:`derive_sizes`)."""
    if "left" not in facts:
        return derive_sizes(facts)
    left, right = dims(facts["left"]), dims(facts["right"])
    same_rank = len(left) == len(right) and None not in left + right
    spatial = [(a, b) for a, b in zip(left[:-1], right[:-1]) if a != b] if same_rank else []
    return {
        "widths": yes(same_rank and len(left) == 1),
        "reordered": yes(same_rank and left != right and sorted(left) == sorted(right)),
        "rounded": yes(
            same_rank and len(left) >= 2 and left[-1] == right[-1] and bool(spatial)
            and all(0 < abs(a - b) <= 4 for a, b in spatial)
        ),
    }  # fmt: skip


def derive_sizes(facts: Facts) -> Facts:
    """PyTorch's ``The size of tensor a (A) must match the size of tensor b (B) at non-singleton dimension D``:
    ``rounded`` when the two differ by 1 to 4 at a spatial axis (2 or more of (N, C, H, W)), as a stride-2 step
    that rounded an odd size leaves them. Other sizes come from attention masks, embeddings and labels as often."""
    a, b, axis = (int(facts.get(name) or 0) for name in ("a", "b", "axis"))
    return {
        "widths": "no",
        "reordered": "no",
        "rounded": yes(axis >= 2 and rounded_by_strides([(a, b)])),
    }


def read_merge(facts: Facts) -> str:
    """What the merge message says."""
    if "left" not in facts:
        return (
            f"Two tensors combined value by value (+, *, an in-place +=) have {facts['a']} and {facts['b']} entries "
            f"at axis {facts['axis']}: every axis must agree (or be 1, to broadcast)."
        )
    return (
        f"An element-wise merge (Add, Multiply, Subtract, Average, Maximum) got one sample shaped {facts['left']} and "
        f"one shaped {facts['right']}: it adds or multiplies value by value, so every size must agree."
    )


def match_widths(facts: Facts) -> str:
    """Two vectors of different widths: project one, or concatenate instead."""
    left, right = dims(facts["left"]), dims(facts["right"])
    if len(left) != 1 or len(right) != 1:
        return (
            "Bring both branches to one shape before the merge: layers.Dense(units) (or a 1 x 1 Conv for maps) on "
            "the branch whose channels differ, pooling or cropping where the steps or pixels differ; or use "
            "layers.Concatenate(), which needs only the other axes to agree."
        )
    small, large = sorted((left[0], right[0]))
    return (
        f"Give both branches the same width before Add or Multiply, e.g. layers.Dense({small}) on the {large}-wide "
        f"branch (or Dense({large}) on the other); or join them with layers.Concatenate(), which keeps both: "
        f"({small + large},) values per sample."
    )


def crop_to_match(facts: Facts) -> str:
    """A few steps or pixels apart: crop the longer map (or pad the shorter one) before the merge."""
    return _crop(dims(facts["left"]), dims(facts["right"]), "the merge")


def crop_loss_pair(facts: Facts) -> str:
    """The loss compares a model's output with targets a few steps apart: crop or pad the output (batch axis off)."""
    return _crop(dims(facts["left"])[1:], dims(facts["right"])[1:], "the loss, as the model's last layer")


def _crop(left: tuple, right: tuple, before: str) -> str:
    """The Cropping or ZeroPadding layer that makes two maps (no batch axis) a few steps apart the same size."""
    extra = tuple(abs(a - b) for a, b in zip(left[:-1], right[:-1]))
    longer = show(left if left[0] > right[0] or (left[0] == right[0] and left > right) else right)
    if len(extra) == 1:
        crop, pad = f"layers.Cropping1D((0, {extra[0]}))", f"layers.ZeroPadding1D((0, {extra[0]}))"
    else:
        pairs = ", ".join(f"(0, {size})" for size in extra)
        crop, pad = f"layers.Cropping{len(extra)}D(({pairs}))", f"layers.ZeroPadding{len(extra)}D(({pairs}))"
    return (
        f"The map shaped {longer} is {', '.join(map(str, extra))} longer: an odd length was rounded by a stride-2 "
        f"step on the way down and doubled on the way up. Crop it with {crop} (or pad the other with {pad}) before "
        f"{before}, or give the model inputs whose length is a multiple of 2 ** (number of stride-2 steps)."
    )


def undo_permute(facts: Facts) -> str:
    """The same sizes in another order: a Permute (or transpose) on one branch only."""
    left, right = dims(facts["left"]), dims(facts["right"])
    order = []
    for size in right:
        order.append(next(axis for axis, found in enumerate(left, 1) if found == size and axis not in order))
    return (
        f"Both hold the same sizes in another order: one branch was permuted (or reshaped) and the other was not. "
        f"layers.Permute({tuple(order)}) turns {show(left)} into {show(right)}; to undo a Permute(dims), use "
        "Permute(tuple(np.argsort(dims) + 1)). A Reshape cannot reorder axes: it keeps the values in memory order."
    )
