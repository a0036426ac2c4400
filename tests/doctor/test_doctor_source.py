"""A fix's code is the layer list as a reader would write it, and it rebuilds the same layers."""

from __future__ import annotations

import keras
from keras import layers

from convshapes.doctor.plan import read_plan
from convshapes.doctor.source import plan_source, step_source


def rebuilt(model: list) -> list:
    return eval(plan_source(read_plan(model)), {"keras": keras, "layers": layers})


def test_only_arguments_that_differ_from_keras_defaults_are_written():
    step = read_plan([keras.Input(shape=(28, 28, 1)), layers.Conv2D(32, (3, 3), activation="relu")]).steps[0]
    assert step_source(step) == 'layers.Conv2D(32, (3, 3), activation="relu")'


def test_names_keras_made_up_are_left_out_and_chosen_names_kept():
    plan = read_plan([keras.Input(shape=(4,), name="signal"), layers.Dense(2), layers.Dense(3, name="scores")])
    assert plan_source(plan) == (
        '[\n    keras.Input(shape=(4,), name="signal"),\n    layers.Dense(2),\n    layers.Dense(3, name="scores"),\n]'
    )


def test_wrappers_initializers_and_regularizers_round_trip():
    model = [
        keras.Input(shape=(5, 8, 8, 3)),
        layers.TimeDistributed(layers.Conv2D(4, 3, kernel_initializer="he_normal")),
        layers.TimeDistributed(layers.Flatten()),
        layers.Bidirectional(layers.LSTM(6, return_sequences=True, kernel_regularizer=keras.regularizers.L2(0.05))),
        layers.Dense(2, dtype="float64"),
    ]
    source = plan_source(read_plan(model))
    assert (
        'kernel_initializer="he_normal"' in source
        and "keras.regularizers.L2(l2=0.05)" in source
        and "backward_layer" not in source
    )
    again = rebuilt(model)
    for original, copy in zip(model[1:], again[1:]):
        first, second = original.get_config(), copy.get_config()
        first.pop("name"), second.pop("name")
        if "layer" in first:
            first["layer"]["config"].pop("name"), second["layer"]["config"].pop("name")
        for wrapped in ("forward_layer", "backward_layer"):
            first.pop(wrapped, None), second.pop(wrapped, None)
        assert first == second


def test_an_input_with_a_batch_size_and_a_dtype_keeps_them():
    source = plan_source(read_plan([keras.Input(shape=(10,), batch_size=32, dtype="int32"), layers.Embedding(100, 8)]))
    assert 'keras.Input(shape=(10,), batch_size=32, dtype="int32")' in source
    assert keras.Sequential(eval(source, {"keras": keras, "layers": layers})).output_shape == (32, 10, 8)
