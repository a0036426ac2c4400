"""The error gallery lists every cause of each message family, and what it says about other versions holds.

The gallery (notebooks/06_error_gallery.ipynb) and chapter 8 make claims that were once wrong: a channels_first
Conv1D offered as a fix without running it, Keras 2 said to accept any 4-D Conv1D input, and "use -1" for a None
batch size where another axis is -1 already. These tests hold the prose and the behaviour behind each claim.
"""

from __future__ import annotations

import json
import re

import keras
import nbformat
import numpy as np
import pytest
from keras import layers
from notebook_files import ROOT

from convshapes.authoring.behaviours import BEHAVIOURS
from convshapes.device import outcomes_on_cpu

GALLERY = "notebooks/06_error_gallery.ipynb"
NEIGHBOURS = "notebooks/08_conv_among_neighbours.ipynb"
RECORD = json.loads(BEHAVIOURS.read_text())
LABEL = re.compile(r"^\(([a-z0-9-]+)\)=", re.MULTILINE)

# Each family of messages ends with a table of its causes (a new section can be one cause of a family).
FAMILIES = [
    "err-output-size",
    "err-conv1d-2d",
    "err-conv1d-4d",
    "err-conv2d-3d",
    "err-tf-reshape",
    "err-reshape-layer",
    "err-none-batch",
    "err-kerastensor-tf",
    "err-channels-first",
]


def markdown(path: str) -> list[str]:
    return [cell.source for cell in nbformat.read(ROOT / path, as_version=4).cells if cell.cell_type == "markdown"]


def sections(path: str) -> dict[str, str]:
    """The markdown of each labelled section, up to the next label."""
    found, current = {}, None
    for source in markdown(path):
        label = LABEL.search(source)
        if label:
            current = label.group(1)
        if current:
            found[current] = found.get(current, "") + "\n" + source
    return found


def flat(text: str) -> str:
    return " ".join(text.replace("`", "").split())


@pytest.mark.parametrize("label", FAMILIES)
def test_every_family_section_says_which_cause_is_yours_in_a_table_with_links(label):
    text = sections(GALLERY)[label]
    assert "**Which cause is yours.**" in text
    table = [line for line in text.splitlines() if line.startswith("| ")]
    assert len(table) >= 4, "a header, a rule and at least two causes"
    assert re.search(r"\]\(#(err|nb|bt)-[a-z0-9-]+\)", "\n".join(table)), "the table links another section"


def test_the_gallery_runs_channels_first_conv1d_before_offering_it():
    text = flat(sections(GALLERY)["err-channels-first"])
    assert "The Conv2D op currently only supports the NHWC tensor format on the CPU" in text
    assert "or tell the layer the layout with data_format" not in text


def test_a_channels_first_conv1d_fails_on_the_cpu_without_onednn_and_runs_with_it():
    probe = """
import numpy as np
from keras import layers

data = np.zeros((2, 3, 20), dtype="float32")
attempt("channels_first", lambda: layers.Conv1D(4, 3, data_format="channels_first")(data))
attempt("Permute", lambda: layers.Conv1D(4, 3)(layers.Permute((2, 1))(data)))
"""
    outcomes = outcomes_on_cpu(probe)
    assert outcomes["0"]["channels_first"].startswith("UnimplementedError: The Conv2D op currently only supports")
    assert outcomes["1"]["channels_first"] == "runs, output shape (2, 4, 18)"
    assert outcomes["0"]["Permute"] == outcomes["1"]["Permute"] == "runs, output shape (2, 18, 4)"


def tf_keras_outcomes(first_line: str) -> list[dict]:
    matches = [
        example["outcomes"]
        for key, example in RECORD["examples"].items()
        if key.startswith(GALLERY) and example["first_line"] == first_line
    ]
    assert len(matches) == 1, first_line
    return matches[0]


@pytest.mark.parametrize(
    "first_line, printed",
    [
        ('print(tuple(tf_keras.layers.Conv1D(8, 3, name="conv1d_on_images")(images).shape))', "(16, 64, 62, 8)\n"),
        ("batch_in_shape_keras2 = tf_keras.Sequential(", "(None, 16, 98, 32)\n"),
    ],
)
def test_tf_keras_accepts_a_4d_conv1d_input_on_every_runtime(first_line, printed):
    assert [group.get("prints") for group in tf_keras_outcomes(first_line)] == [printed]


def test_the_gallery_says_which_keras_2_refused_a_4d_conv1d_input():
    conv1d_4d, batch_in_input = (flat(sections(GALLERY)[label]) for label in ("err-conv1d-4d", "err-batch-in-input"))
    for text in (conv1d_4d, batch_in_input):
        assert "Keras 2 does not complain at all" not in text and "Keras 2 raises no error here" not in text
        assert "tf.keras from TensorFlow 2.3 on" in text and "standalone (multi-backend) keras 2" in text.lower()
        assert "expected ndim=3, found ndim=4" in text


def test_two_minus_ones_are_refused_and_both_fixes_run():
    any_size_map = keras.Input(shape=(None, None, 32))
    with pytest.raises(ValueError, match="at most one unknown dimension"):
        keras.ops.reshape(any_size_map, (-1, -1, 32))

    class FlattenAnySize(layers.Layer):
        def call(self, x):
            return keras.ops.reshape(x, (keras.ops.shape(x)[0], -1, x.shape[-1]))

    maps = np.zeros((2, 5, 7, 32), dtype="float32")
    for output in (layers.Reshape((-1, 32))(any_size_map), FlattenAnySize()(any_size_map)):
        model = keras.Model(any_size_map, output)
        assert model.output_shape == (None, None, 32)
        assert tuple(model(maps).shape) == tuple(model.predict(maps, verbose=0).shape) == (2, 35, 32)


def test_the_gallery_no_longer_says_a_none_batch_is_always_minus_one():
    text = flat(sections(GALLERY)["err-none-batch"])
    assert "use -1." not in text
    assert "There must be at most one unknown dimension (-1)" in text


def test_chapter_8_quotes_the_lstm_message_of_tf_keras_and_of_standalone_keras_2_apart():
    text = flat(sections(NEIGHBOURS)["nb-crnn"])
    assert "Keras 2 wrote it as" not in text
    assert 'Input 0 of layer "lstm" is incompatible with the layer: expected ndim=3, found ndim=4.' in text
    assert "Standalone (multi-backend) Keras 2 printed Input 0 is incompatible with layer lstm_1" in text


def test_chapter_8_tells_the_two_causes_of_an_lstm_given_4d_input_apart_and_links_each_to_the_other():
    found = sections(NEIGHBOURS)
    assert "(#nb-timedistributed)" in found["nb-crnn"] and "(#nb-crnn)" in found["nb-timedistributed"]
    assert "expected ndim=3, found ndim=4. Full shape received: (None, 6, 8, 8)" in flat(found["nb-timedistributed"])
