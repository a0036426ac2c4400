"""The pattern table: error families, the wordings that name them, and the book section each one routes to.

Patterns are written in the common subset of Python ``re`` and JavaScript ``RegExp`` (named groups are
written ``(?P<name>...)`` and exported as ``(?<name>...)``); they run case-insensitively on a message
whose colour codes are removed and whose whitespace is collapsed to single spaces (:func:`normalise`).
A route's ``when`` maps a template over the groups (``{name}``, and ``{name_rank}``, the number of axes
of a shape group) to a regex it must match in full; the first route that holds wins, and a route with
no anchor declines the message (a look-alike).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..error_text import ANSI_PATTERN

ANSI = ANSI_PATTERN
SHAPE_ITEM = r"Dimension\(\w+\)|None|\?|-?\d+"

PAREN = r"\([^()]*\)"
BRACKET = r"\[[^\[\]]*\]"
ANY_SHAPE = r"[(\[][^()\[\]]*[)\]]"

SECTION_PAGES = {
    "err": "notebooks/06_error_gallery",
    "nb": "notebooks/08_conv_among_neighbours",
    "bt": "notebooks/09_batches_and_unknown_axes",
    "pt": "notebooks/10_coming_from_pytorch",
}


def fewer(low: str, high: str, minimum_high: int = 1) -> dict[str, str]:
    """A route condition: shape or number ``low`` has fewer axes than ``high`` (both one digit)."""
    pairs = "|".join(f"{a}<[{max(a + 1, minimum_high)}-9]" for a in range(9))
    return {f"{{{low}}}<{{{high}}}": pairs}


@dataclass(frozen=True)
class Wording:
    """One way a library words the error: ``source`` is keras3, tfkeras2, tf, keras1, numpy or pytorch."""

    source: str
    label: str
    pattern: str


@dataclass(frozen=True)
class Route:
    """The section a match links to when every ``when`` template matches its regex; no anchor declines."""

    anchor: str | None
    when: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Family:
    id: str
    title: str
    cause: str
    wordings: tuple[Wording, ...]
    routes: tuple[Route, ...]


FAMILIES: tuple[Family, ...] = (
    Family(
        "output-size",
        "Computed output size would be zero or negative",
        "A convolution or pooling window with padding='valid' is longer than the axis it slides over, so no "
        "output step is left.",
        (
            Wording(
                "keras3",
                "Keras 3 convolution",
                r"Computed output size would be (?:zero or )?negative\. Received:? `inputs shape=(?P<inputs>"
                + PAREN
                + r")`, `kernel shape=(?P<kernel>"
                + PAREN
                + r")`, `dilation_rate=(?P<dilation>"
                + BRACKET
                + r")`(?:, `strides=(?P<strides>"
                + PAREN
                + r")`)?",
            ),
            Wording(
                "keras3",
                "Keras 3 pooling",
                r"Computed output size would be (?:zero or )?negative\. Received: `inputs\.shape=(?P<inputs>"
                + ANY_SHAPE
                + r")`(?:,| and) `pool_size=(?P<pool>"
                + ANY_SHAPE
                + r")`(?:, `strides=(?P<strides>"
                + PAREN
                + r")`)?",
            ),
            Wording(
                "tf",
                "TensorFlow graph (TF 1, tf.keras 2)",
                r"Negative dimension size caused by subtracting (?P<window>\d+) from (?P<length>\d+) for "
                r"'(?P<node>[^']*)'(?: \(op: '(?P<op>\w+)'\))? with input shapes: (?P<inputs>"
                + BRACKET
                + r")(?:, (?P<kernel>"
                + BRACKET
                + r"))?",
            ),
            Wording(
                "tfkeras2",
                "tf.keras 2 layer check",
                r"One of the dimensions in the output is <= 0 due to downsampling in (?P<layer>[\w./-]+?)\.?"
                r"(?: Consider increasing the input size\. Received input shape (?P<inputs>" + BRACKET + r"))?(?=\W|$)",
            ),
            Wording(
                "tf",
                "TensorFlow runtime",
                r"Computed output size would be negative(?:: (?P<output>-?\d+) \[input_size: (?P<length>\d+), "
                r"effective_filter_size: (?P<window>\d+), stride: (?P<stride>\d+)\])?",
            ),
            Wording(
                "pytorch",
                "PyTorch",
                r"Calculated padded input size per channel: \((?P<padded>[^()]*)\)\. Kernel size: "
                r"\((?P<kernel>[^()]*)\)\. Kernel size can't be greater than (?:the )?actual input size",
            ),
        ),
        (Route("pt-kernel-too-large", {"{source}": "pytorch"}), Route("err-output-size")),
    ),
    Family(
        "input-rank",
        "Input 0 is incompatible with the layer: expected ndim=X, found ndim=Y",
        "The layer needs a fixed number of axes (batch included) and the tensor it received has more or fewer.",
        (
            Wording(
                "keras3",
                "Keras 3 / tf.keras 2",
                r"Input (?P<index>\d+)(?: with name '[^']*')? of layer [\"']?(?P<layer>[\w./-]+)[\"']? is "
                r"incompatible with the layer: (?:: )?expected (?P<bound>min_|max_)?ndim=(?P<expected>\d+), "
                r"found ndim=(?P<found>\d+)(?:\. Full shape received: (?P<shape>" + ANY_SHAPE + r"))?",
            ),
            Wording(
                "keras1",
                "Keras 1 / Keras 2 (TF 1)",
                r"Input (?P<index>\d+) is incompatible with layer (?P<layer>[\w./-]+): expected "
                r"(?P<bound>min_|max_)?ndim=(?P<expected>\d+), found ndim=(?P<found>\d+)",
            ),
        ),
        (
            Route("nb-convlstm2d", {"{layer}": r".*conv_?lstm.*"}),
            Route("nb-timedistributed", {"{layer}": r".*time_?distributed.*"}),
            Route("nb-crnn", {"{layer}": r".*(?:lstm|gru|rnn|bidirectional).*", **fewer("expected", "found")}),
            Route("nb-return-sequences", {"{layer}": r".*(?:lstm|gru|rnn|bidirectional).*"}),
            Route(
                "err-conv1d-2d", {"{layer}": r".*(?:conv1d|convolution1d|pooling1d).*", **fewer("found", "expected")}
            ),
            Route("err-conv1d-4d", {"{layer}": r".*(?:conv1d|convolution1d|pooling1d).*"}),
            Route(
                "err-conv2d-3d", {"{layer}": r".*(?:conv2d|convolution2d|pooling2d).*", **fewer("found", "expected")}
            ),
            Route("nb-timedistributed", {"{layer}": r".*(?:conv2d|convolution2d|pooling2d).*"}),
            Route("err-conv2d-3d", {"{expected}": "4", **fewer("found", "expected")}),
            Route("err-conv1d-2d", fewer("found", "expected")),
            Route("nb-global-pooling", {"{expected}": "2"}),
            Route("nb-crnn", {"{expected}": "3"}),
            Route("nb-timedistributed", {"{expected}": "4"}),
            Route("err-conv1d-4d"),
        ),
    ),
    Family(
        "kernel-rank",
        "Kernel shape must have the same length as input",
        "A ConvND kernel slides over N axes, so the layer needs N + 2 axes (batch, N spatial axes, channels); "
        "the input has more or fewer.",
        (
            Wording(
                "keras3",
                "Keras 3",
                r"Kernel shape must have (?:the )?same length as input, but received kernel of shape (?P<kernel>"
                + PAREN
                + r") and input of shape (?P<input>"
                + PAREN
                + r")",
            ),
        ),
        (
            Route("err-batch-in-input", {"{input}": r"\(None, None, .*"}),
            Route("err-conv1d-4d", {"{kernel_rank}": "3", **fewer("kernel_rank", "input_rank")}),
            Route("nb-timedistributed"),
        ),
    ),
    Family(
        "reshape-size",
        "A reshape that changes the number of values",
        "A reshape keeps every value, so the new shape's sizes must multiply to the same total as the old one.",
        (
            Wording(
                "keras3",
                "Keras 3 Reshape layer",
                r"The total size of the tensor must be unchanged(?:, however, the input size cannot by divided by "
                r"the specified dimensions in target_shape)?\. Received: input_shape=(?P<input>"
                + PAREN
                + r"), target_shape=(?P<target>"
                + PAREN
                + r")",
            ),
            Wording(
                "tfkeras2",
                "tf.keras 2 / Keras 1-2 Reshape layer (and old NumPy)",
                r"total size of new array must be unchanged(?:, input_shape = (?P<input>"
                + BRACKET
                + r"), output_shape = (?P<target>"
                + BRACKET
                + r"))?",
            ),
            Wording(
                "tf",
                "TensorFlow reshape",
                r"Input to reshape is a tensor with (?P<values>\d+) values, but the requested shape "
                r"(?:requires a multiple of (?P<multiple>\d+)|has (?P<requested>\d+))",
            ),
            Wording(
                "tf",
                "TensorFlow graph reshape (TF 1, tf.keras 2)",
                r"Cannot reshape a tensor with (?P<values>\d+) elements to shape (?P<target>"
                + BRACKET
                + r") \((?P<requested>\d+) elements\)(?: for '[^']*'(?: \(op: '\w+'\))? with input shapes: "
                r"(?P<input>" + BRACKET + r"))?",
            ),
            Wording(
                "numpy",
                "NumPy",
                r"cannot reshape array of size (?P<values>\d+) into shape (?P<target>" + PAREN + r"|\d+)",
            ),
            Wording(
                "pytorch",
                "PyTorch view/reshape",
                r"shape '(?P<target>" + BRACKET + r")' is invalid for input of size (?P<values>\d+)",
            ),
        ),
        (
            Route("pt-view-size", {"{source}": "pytorch"}),
            Route("bt-tf-data", {"{input}": r"\[\]|\(\)"}),
            Route("bt-unknown-axes", {"{input}": r".*None.*"}),
            Route("err-reshape-layer", {"{source}": "keras3|tfkeras2"}),
            Route("err-tf-reshape"),
        ),
    ),
    Family(
        "model-input",
        "The data has fewer axes than the model's input",
        "The model was declared for samples of one shape and the array you pass has fewer axes: a single "
        "sample without its batch axis, or data without its channels axis.",
        (
            Wording(
                "keras3",
                "Keras 3 / tf.keras 2 input check",
                r"Input (?P<index>\d+)(?: with name '[^']*')? (?:of layer [\"']?[\w./-]+[\"']? is incompatible with "
                r"the layer|is incompatible with layer [\w./-]+): expected shape=(?P<expected>"
                + PAREN
                + r"), found shape=(?P<found>"
                + ANY_SHAPE
                + r")",
            ),
            Wording(
                "keras3",
                "Keras 3 call",
                r"Invalid input shape for input .*? Expected shape (?P<expected>"
                + PAREN
                + r"), but input has incompatible shape (?P<found>"
                + PAREN
                + r")",
            ),
            Wording(
                "keras1",
                "Keras 1 / Keras 2 (TF 1)",
                r"Error when checking (?:model input|input|) ?: ?expected (?P<input>\w+) to have (?P<dims>\d) ?"
                r"dimensions, but got (?:an )?array with shape (?P<found>" + PAREN + r")",
            ),
        ),
        (
            Route("bt-unbatched-sample", {"{expected}={found}": r"\(None, (.+)\)=\(\1\)"}),
            Route(
                "bt-unbatched-sample",
                {"{expected}={found}": r"\(.*, (\w+)\)=\(.*, \1\)", **fewer("found_rank", "expected_rank")},
            ),
            Route("err-conv1d-2d", {"{expected_rank}": "3", **fewer("found_rank", "expected_rank")}),
            Route("err-conv2d-3d", {"{expected_rank}": "4", **fewer("found_rank", "expected_rank")}),
            Route("err-conv1d-2d", {"{dims}": "3", **fewer("found_rank", "dims")}),
            Route("err-conv2d-3d", {"{dims}": "4", **fewer("found_rank", "dims")}),
            Route(None),
        ),
    ),
    Family(
        "none-batch",
        "A None size in a reshape",
        "Inside a model the batch size (and any axis declared as None) is unknown, so a shape built from "
        "x.shape contains None, which a reshape cannot use.",
        (
            Wording(
                "keras3",
                "Keras 3 / TensorFlow 2",
                r"Failed to convert elements of (?P<shape>" + ANY_SHAPE + r") to Tensor",
            ),
            Wording(
                "tf",
                "TensorFlow 1",
                r"Failed to convert object of type <(?:class|type) '(?:list|tuple)'> to Tensor\. Contents: "
                r"(?P<shape>[(\[](?:[^()\[\]]|\([^()]*\))*[)\]])",
            ),
            Wording(
                "keras3",
                "Keras 3 ops.reshape",
                r"Attempt to convert a value \(None\) with an unsupported type \(<class 'NoneType'>\) to a Tensor",
            ),
            Wording(
                "tf",
                "TensorFlow 1 (shape)",
                r"Tried to convert 'shape' to a tensor and failed\. Error: None values not supported",
            ),
            Wording("tf", "TensorFlow 1 (Dimension)", r"Cannot convert an unknown Dimension to a Tensor"),
        ),
        (
            Route("err-none-batch", {"{shape}": ""}),
            Route("err-none-batch", {"{shape}": r"[(\[](?:Dimension\()?None.*"}),
            Route("bt-unknown-axes", {"{shape}": r".*None.*"}),
            Route(None),
        ),
    ),
    Family(
        "kerastensor-tf",
        "A KerasTensor cannot be used as input to a TensorFlow function",
        "keras.Input and layer outputs in a functional model are symbolic: they have a shape but no values, "
        "so TensorFlow and NumPy functions cannot take them; Keras layers and keras.ops can.",
        (
            Wording("keras3", "Keras 3", r"A KerasTensor cannot be used as input to a TensorFlow function"),
            Wording(
                "keras3",
                "Keras 3 (NumPy)",
                r"A KerasTensor is symbolic: it's a placeholder for a shape an? a dtype\. It doesn't have any actual "
                r"numerical value\. You cannot convert it to a NumPy array",
            ),
            Wording(
                "tfkeras2",
                "tf.keras 2",
                r"You are passing KerasTensor\(.*?\), an intermediate (?:TF-)?Keras symbolic input/output, to a TF "
                r"API that does not allow registering custom dispatchers",
            ),
            Wording("tfkeras2", "tf.keras 2 (NumPy)", r"Cannot convert a symbolic Keras input/output to a numpy array"),
        ),
        (Route("err-kerastensor-tf"),),
    ),
    Family(
        "input-shape-warning",
        "Do not pass an input_shape/input_dim argument to a layer",
        "Keras 3 layers take no input_shape; outside a Sequential model the argument is ignored, so the layer "
        "never checks your data against it.",
        (Wording("keras3", "Keras 3 warning", r"Do not pass an `input_shape`/`input_dim` argument to a layer"),),
        (Route("err-input-shape-warning"),),
    ),
    Family(
        "reshape-arguments",
        "Reshape.__init__() takes 2 positional arguments",
        "layers.Reshape takes the target shape as one tuple; separate integers arrive as extra positional arguments.",
        (
            Wording(
                "keras3",
                "Keras 3 / tf.keras 2 (Python 3.10+)",
                r"Reshape\.__init__\(\) takes 2 positional arguments but (?P<given>\d+) were given",
            ),
            Wording(
                "keras1",
                "Keras 1 (Python 2, with the code line)",
                r"Reshape\((?P<arguments>[^()]*,[^()]*)\)(?:(?!Reshape\().)*?__init__\(\) takes exactly 2 "
                r"arguments \((?P<given>\d+) given\)",
            ),
            Wording(
                "tfkeras2",
                "Keras 2 (Python 3 before 3.10, with the code line)",
                r"Reshape\((?P<arguments>[^()]*,[^()]*)\)(?:(?!Reshape\().)*?__init__\(\) takes 2 positional "
                r"arguments but (?P<given>\d+) were given",
            ),
        ),
        (Route("bt-reshape-arguments"),),
    ),
    Family(
        "function-in-sequential",
        "A function instead of a layer in a Sequential model",
        "A Sequential model holds layers; a plain function such as tf.squeeze (or a model constructor that "
        "was not called) is not one.",
        (
            Wording(
                "keras3",
                "Keras 3",
                r"Only instances of `keras\.Layer` can be added to a Sequential model\. Received: <function "
                r"(?P<function>[\w.]+) at 0x[0-9a-f]+>",
            ),
            Wording(
                "tfkeras2",
                "tf.keras 2",
                r"The added layer must be an instance of class Layer\. (?:Found|Received): (?:layer=)?<function "
                r"(?P<function>[\w.]+) at 0x[0-9a-f]+>",
            ),
        ),
        (Route("bt-tf-in-sequential"),),
    ),
    Family(
        "loss-rank",
        "The loss gets outputs with more axes than the targets (Dense on a 3-D tensor)",
        "Dense acts on the last axis only: after a Conv1D or an LSTM with return_sequences=True the model "
        "predicts one value per step, and the loss compares that with one target per sample.",
        (
            Wording(
                "keras3",
                "Keras 3",
                r"Arguments `target` and `output` must have the same rank \(ndim\)\. Received: target\.shape="
                r"(?P<target>" + PAREN + r"), output\.shape=(?P<output>" + PAREN + r")",
            ),
            Wording(
                "keras3",
                "Keras 3 sparse loss",
                r"Argument `output` must have rank \(ndim\) `target\.ndim - 1`\. Received: target\.shape="
                r"(?P<target>" + PAREN + r"), output\.shape=(?P<output>" + PAREN + r")",
            ),
            Wording(
                "tfkeras2",
                "tf.keras 2 categorical loss",
                r"Shapes (?P<target>\(None,[^()]*\)) and (?P<output>\(None,[^()]*\)) are incompatible",
            ),
            Wording(
                "tfkeras2",
                "tf.keras 2 binary loss",
                r"`?logits`? and `?labels`? must have the same shape,? (?:received )?\((?P<output>\(None,[^()]*\)) "
                r"vs (?P<target>\(None,[^()]*\))\)",
            ),
            Wording(
                "keras1",
                "Keras 1 / Keras 2",
                r"Error when checking (?:model )?target: expected (?P<layer>\w+) to have (?P<dims>\d) dimensions, "
                r"but got array with shape (?P<target>" + PAREN + r")",
            ),
        ),
        (
            Route("nb-dense-3d", fewer("target_rank", "output_rank", minimum_high=3)),
            Route("nb-dense-3d", fewer("target_rank", "dims", minimum_high=3)),
            Route(None),
        ),
    ),
    Family(
        "pt-channels",
        "Given groups=1, weight of size [...], expected input[...] to have C channels",
        "PyTorch reads axis 1 of a conv input as the channels; the layer was built for a different number, "
        "often because the data is channels-last.",
        (
            Wording(
                "pytorch",
                "PyTorch",
                r"Given groups=(?P<groups>\d+), weight(?: of size)? ?(?P<weight>" + BRACKET + r"),(?: so)? expected "
                r"input(?P<input>" + BRACKET + r") to have (?P<expected>\d+) channels, but got (?P<got>\d+) "
                r"channels instead",
            ),
        ),
        (Route("pt-channels-mismatch"),),
    ),
    Family(
        "pt-input-rank",
        "Expected 2D (unbatched) or 3D (batched) input to conv1d",
        "A PyTorch ConvNd takes (C, spatial...) or (N, C, spatial...): N + 1 or N + 2 axes; the input has "
        "another number.",
        (
            Wording(
                "pytorch",
                "PyTorch 1.11+",
                r"Expected (?P<unbatched>\d)D \(unbatched\) or (?P<batched>\d)D \(batched\) input to (?P<op>\w+), "
                r"but got input of size: ?(?P<input>" + BRACKET + r")",
            ),
            Wording(
                "pytorch",
                "PyTorch before 1.11",
                r"Expected (?P<batched>\d)-dimensional input for (?P<weight_rank>\d)-dimensional weight "
                r"(?P<weight>" + BRACKET + r"|[\d ]+), but got (?P<got>\d)-dimensional input of size "
                r"(?P<input>" + BRACKET + r") instead",
            ),
        ),
        (Route("pt-unbatched"),),
    ),
)


def normalise(message: str) -> str:
    """The message without colour codes, its whitespace collapsed to single spaces."""
    return " ".join(re.sub(ANSI, "", message).split())


def shape_rank(value: str) -> int | None:
    """The number of axes of a shape written as ``(None, 5, 3)``, ``[?,1,5,3]`` or ``[None 3 3]``."""
    if not value or value[0] not in "([":
        return None
    return len(re.findall(SHAPE_ITEM, value))


def section_page(anchor: str) -> str:
    """The page (path without suffix) that defines an agreed label."""
    return SECTION_PAGES[anchor.split("-", 1)[0]]
