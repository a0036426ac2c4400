"""shape_ledger names every layer's output axes and prints a deterministic table."""

import keras
import matplotlib
import pytest
from keras import layers

from convshapes import axis_roles, shape_ledger

matplotlib.use("Agg")


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


def test_rows_follow_the_layers_with_batch_as_none():
    ledger = shape_ledger(hybrid_model())
    assert [row.name for row in ledger.rows] == ["conv1d", "fold", "conv2d", "flatten"]
    assert [row.shape for row in ledger.rows] == [(None, 98, 32), (None, 7, 14, 32), (None, 5, 12, 8), (None, 480)]


def test_axis_roles_follow_rank():
    roles = [row.roles for row in shape_ledger(hybrid_model()).rows]
    assert roles[0] == ("batch", "steps", "channels")
    assert roles[1] == roles[2] == ("batch", "height", "width", "channels")
    assert roles[3] == ("batch", "features")


def test_channels_first_layers_put_channels_second():
    layer = layers.Conv2D(4, 3, data_format="channels_first")
    assert axis_roles((None, 4, 10, 10), layer) == ("batch", "channels", "height", "width")


def test_table_text_is_identical_for_identical_models():
    first, second = str(shape_ledger(hybrid_model())), str(shape_ledger(hybrid_model()))
    assert first == second
    lines = first.splitlines()
    assert lines[0].split() == ["layer", "type", "output", "shape", "axes", "params"]
    assert "(None, 7, 14, 32)" in lines[3] and "batch, height, width, channels" in lines[3]
    assert lines[4].endswith("2,312")


def test_parameter_counts_match_keras():
    model = hybrid_model()
    assert sum(row.params for row in shape_ledger(model).rows) == model.count_params()


def test_model_without_input_explains_how_to_fix_it():
    model = keras.Sequential([layers.Conv1D(4, 3)])
    with pytest.raises(ValueError, match=r"keras.Input\(shape=...\)"):
        shape_ledger(model)


def test_non_model_is_rejected():
    with pytest.raises(ValueError, match="must be a keras.Model"):
        shape_ledger(layers.Conv1D(4, 3))
