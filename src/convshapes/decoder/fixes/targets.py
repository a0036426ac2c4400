"""Loss messages whose output and targets are maps of different scales, or a map where one value per sample was meant.

These facts extend :func:`convshapes.decoder.fixes.pytorch.derive_target` (PyTorch, ``(N, C, H, W)``) and
:func:`convshapes.decoder.fixes.training.derive_loss` (Keras, one sample ``(H, W, C)``).
"""

from __future__ import annotations

from .numbers import Facts, Shape, dims, product, yes
from .pytorch import derive_target as derive_pytorch_target
from .training import derive_loss as derive_keras_loss
from .training import derive_pair as derive_training_pair


def scale_factor(output: Shape, target: Shape) -> int:
    """The factor (2, 4, 8, ...) by which every spatial size of the targets exceeds the output's, or 0.

    The same power of two on every spatial axis is what a stack of stride-2 steps without its way back up leaves.
    """
    if not output or len(output) != len(target) or None in output + target or 0 in output:
        return 0
    ratios = {t // o if t % o == 0 else 0 for o, t in zip(output, target)}
    (ratio,) = ratios if len(ratios) == 1 else (0,)
    return ratio if ratio >= 2 and ratio & (ratio - 1) == 0 else 0


def derive_target(facts: Facts) -> Facts:
    """PyTorch's loss facts, plus ``factor`` (the targets are a power of two larger on each of H and W, batch and
    channels equal), ``per_sample_map`` (the output is (N, ...) with a map per sample, the targets (N,)),
    ``class_map`` (class-index targets (N, H, W) against an output of one channel per class (N, C, H, W)) and
    ``colour_masks`` (targets with 3 or 4 colour channels against an output of one channel per class)."""
    derived = derive_pytorch_target(facts)
    if "output" not in facts:
        return derived | {"factor": "", "per_sample_map": "no", "class_map": "no", "colour_masks": "no"}
    output, target = dims(facts["output"]), dims(facts["target"])
    same_channels = len(output) >= 3 and output[:2] == target[:2]
    factor = scale_factor(output[2:], target[2:]) if same_channels else 0
    per_sample_map = len(target) == 1 and len(output) >= 3 and output[0] == target[0] and (product(output) or 0) > 1
    class_map = len(output) == len(target) + 1 >= 3 and output[:1] + output[2:] == target and (output[1] or 0) >= 2
    colour = (
        len(output) == len(target) >= 4
        and output[:1] + output[2:] == target[:1] + target[2:]
        and target[1] in (3, 4)
        and (output[1] or 0) >= 2
        and output[1] not in (3, 4)
    )
    return derived | {
        "factor": str(factor or ""),
        "per_sample_map": yes(per_sample_map and output[0] is not None),
        "class_map": yes(class_map),
        "colour_masks": yes(colour),
    }


def derive_loss(facts: Facts) -> Facts:
    """Keras's loss facts, plus ``factor`` (the targets' rows and columns are a power of two times the output's)
    and ``colour_masks`` (same rows and columns, targets with 3 or 4 colour channels, the output with 2 or more
    classes; an output of 1 channel against colour targets is an image model given the wrong targets)."""
    derived = derive_keras_loss(facts)
    output, target = dims(facts.get("output")), dims(facts.get("target"))
    maps = len(output) == len(target) >= 3
    factor = scale_factor(output[-3:-1], target[-3:-1]) if maps else 0
    classes = output[-1] if maps else None
    colour = (
        maps and output[:-1] == target[:-1] and target[-1] in (3, 4) and (classes or 0) >= 2 and classes not in (3, 4)
    )
    return derived | {"factor": str(factor or ""), "colour_masks": yes(colour)}


def derive_pair(facts: Facts) -> Facts:
    """TensorFlow's pair facts, plus ``factor``: two channels-last maps with the same batch and channels whose rows
    and columns differ by the same power of two (targets built for a backbone of another stride)."""
    left, right = dims(facts["left"]), dims(facts["right"])
    same = len(left) == len(right) >= 4 and left[0] == right[0] and left[-1] == right[-1]
    factor = (scale_factor(left[1:-1], right[1:-1]) or scale_factor(right[1:-1], left[1:-1])) if same else 0
    return derive_training_pair(facts) | {"factor": str(factor or "")}


def downsample_targets(facts: Facts) -> str:
    """PyTorch: the output is a power of two smaller than the targets on H and W."""
    factor = int(facts["factor"])
    output, target = dims(facts["output"]), dims(facts["target"])
    return (
        f"The network downsamples by {factor} (strides and poolings) and nothing brings the map back up, so its "
        f"output {tuple(output)} is {factor} times smaller than the targets {tuple(target)} on each side. Either "
        f"bring the targets to the output's size (F.avg_pool2d(t, {factor}) for masks or images; for density maps "
        f"that must keep their counts, F.avg_pool2d(t, {factor}) * {factor * factor}), or upsample the output: "
        "F.interpolate(out, size=t.shape[2:], mode='bilinear'), or a decoder back to the input's size."
    )


def upsample_to_masks(facts: Facts) -> str:
    """Keras: the model ends with a map a power of two smaller than the masks."""
    factor = int(facts["factor"])
    output, target = dims(facts["output"]), dims(facts["target"])
    return (
        f"The model ends {factor} times smaller than the masks on each side ({tuple(output)} against "
        f"{tuple(target)}): it stops after the encoder's strides and poolings. Add the way back up before the last "
        f"layer (UpSampling2D or Conv2DTranspose steps, {factor.bit_length() - 1} of stride 2, as in an FCN or a "
        f"U-Net decoder) and end with Conv2D(classes, 1) so the output has the masks' rows, columns and channels; "
        f"or, if coarse maps are enough, resize the masks to {tuple(output[:-1])}."
    )


def class_masks(facts: Facts) -> str:
    """Keras: masks stored as colour images for a model that predicts one channel per class."""
    output, target = dims(facts["output"]), dims(facts["target"])
    return (
        f"The masks hold {target[-1]} colour channels, the model {output[-1]} channels, one per class: the masks were "
        "loaded as colour images. Map each colour to its class index (a lookup from the dataset's palette), then "
        f"one-hot encode it to {output[-1]} channels for categorical_crossentropy, or keep the index, shaped "
        f"{tuple((*output[:-1], 1))}, with sparse_categorical_crossentropy."
    )


def class_map_loss(facts: Facts) -> str:
    """PyTorch: class-index maps (N, H, W) against an output of C channels, given to a loss that wants equal shapes."""
    output, target = dims(facts["output"]), dims(facts["target"])
    classes = output[1]
    axes = (0, len(output) - 1, *range(1, len(output) - 1))
    return (
        f"The targets {tuple(target)} hold one class index per pixel and the output {tuple(output)} one channel per "
        f"class. nn.CrossEntropyLoss takes exactly this pair: loss = nn.CrossEntropyLoss()(out, t.long()). BCE wants "
        f"equal shapes: for two classes keep one output channel and use t.unsqueeze(1).float() "
        f"({tuple((*target[:1], 1, *target[1:]))}), or one-hot the targets, "
        f"F.one_hot(t.long(), {classes}).permute({', '.join(map(str, axes))}).float()."
    )


def colour_masks(facts: Facts) -> str:
    """PyTorch: masks loaded as colour images for an output of one channel per class."""
    output, target = dims(facts["output"]), dims(facts["target"])
    return (
        f"The masks hold {target[1]} colour channels, the output {output[1]} channels, one per class: the masks were "
        "loaded as colour images. Map each colour to its class index (a lookup from the dataset's palette) to get "
        f"(N, H, W) integer maps {tuple((target[0], *target[2:]))} for nn.CrossEntropyLoss, or one-hot them to "
        f"{output[1]} channels for a BCE loss."
    )
