"""The ledger figure draws one labelled box per axis of every layer's output."""

import keras
from keras import layers

from convshapes import shape_ledger
from convshapes.figures import draw_shape_ledger


def hybrid_model():
    return keras.Sequential(
        [
            keras.Input(shape=(100, 3)),
            layers.Conv1D(32, 3, name="conv1d"),
            layers.Reshape((7, 14, 32), name="fold"),
            layers.Conv2D(8, 3, name="conv2d"),
            layers.Flatten(name="flatten"),
        ],
        name="hybrid",
    )


def test_figure_has_one_box_per_axis():
    ledger = shape_ledger(hybrid_model())
    figure = draw_shape_ledger(ledger)
    boxes = figure.axes[0].patches
    assert len(boxes) == sum(len(row.shape) for row in ledger.rows)
    labels = {text.get_text() for text in figure.axes[0].texts}
    assert {"98", "7", "14", "480", "None"} <= labels
