"""The failing model, read from a Keras error's traceback (what %load_ext convshapes diagnoses)."""

from __future__ import annotations

import keras
import pytest
from keras import layers

from convshapes.doctor.recover import failing_model


def caught(build):
    with pytest.raises(ValueError) as info:
        build()
    return info.value.__traceback__


def test_a_sequential_model_that_fails_while_it_builds_is_in_the_traceback_with_all_its_layers():
    listed = [keras.Input(shape=(28, 28)), layers.Conv2D(8, 3), layers.Flatten()]
    model = failing_model(caught(lambda: keras.Sequential(listed)))
    assert isinstance(model, keras.Sequential) and [type(layer) for layer in model._layers[1:]] == [
        layers.Conv2D,
        layers.Flatten,
    ]


def test_a_functional_chain_is_read_back_to_its_input_when_keras_keeps_its_frames():
    keras.config.disable_traceback_filtering()
    try:
        inputs = keras.Input(shape=(100,))
        hidden = layers.Dense(8)(inputs)
        lstm = layers.LSTM(4)
        chain = failing_model(caught(lambda: lstm(hidden)))
    finally:
        keras.config.enable_traceback_filtering()
    assert isinstance(chain[0], keras.layers.InputLayer) and isinstance(chain[1], layers.Dense) and chain[2] is lstm


def test_nothing_is_read_from_an_error_that_no_keras_model_raised():
    def fails():
        raise ValueError("not a model")

    assert failing_model(caught(fails)) is None
