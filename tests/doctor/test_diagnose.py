"""convshapes.diagnose on small models: what it reads, the problem it names, and the fixes it checks."""

from __future__ import annotations

import keras
import numpy as np
import pytest
from keras import layers

from convshapes import diagnose


def conv2d_on_grey_images():
    return [keras.Input(shape=(28, 28)), layers.Conv2D(8, 3), layers.Flatten(), layers.Dense(10)]


def test_a_model_that_builds_gets_no_problem_found_and_its_ledger():
    diagnosis = diagnose([keras.Input(shape=(28, 28, 1)), layers.Conv2D(8, 3), layers.Flatten(), layers.Dense(10)])
    assert diagnosis.ok and diagnosis.problem is None and diagnosis.fixes == ()
    assert diagnosis.output_shape == (None, 10)
    assert str(diagnosis).startswith("No problem found: the model builds, and its output shape is (None, 10).")
    assert [row.layer_type for row in diagnosis.ledger.rows] == ["Input", "Conv2D", "Flatten", "Dense"]


def test_the_problem_names_the_layer_what_it_needs_and_what_it_got():
    problem = diagnose(conv2d_on_grey_images()).problem
    assert (problem.kind, problem.index, problem.layer_type, problem.got) == ("rank", 0, "Conv2D", (None, 28, 28))
    assert "needs 4 axes (batch, height, width, channels) and got 3: (None, 28, 28)." in problem.sentence


def test_the_fixes_build_and_the_first_adds_the_channel_axis():
    diagnosis = diagnose(conv2d_on_grey_images())
    best = diagnosis.fixes[0]
    assert best.kinds == ("channel-axis",) and best.output_shape == (None, 10)
    assert "layers.Reshape((28, 28, 1))" in best.code
    model = best.build()
    assert isinstance(model, keras.Sequential) and model.output_shape == (None, 10)
    assert best.build() is not model


def test_the_decoders_explanation_is_shown_as_it_is():
    diagnosis = diagnose(conv2d_on_grey_images())
    assert diagnosis.explanation is not None
    assert str(diagnosis.explanation) in str(diagnosis)


def test_a_sequential_model_that_failed_to_add_a_layer_is_read_with_that_layer():
    model = keras.Sequential([keras.Input(shape=(100, 3)), layers.LSTM(8)])
    with pytest.raises(ValueError):
        model.add(layers.LSTM(8))
    diagnosis = diagnose(model)
    assert diagnosis.problem.layer_type == "LSTM" and diagnosis.fixes[0].kinds == ("return-sequences",)


def test_a_functional_chain_is_read_and_a_model_with_branches_is_declined_without_raising():
    inputs = keras.Input(shape=(100, 3))
    chain = keras.Model(inputs, layers.Dense(2)(layers.GlobalAveragePooling1D()(layers.Conv1D(4, 3)(inputs))))
    assert diagnose(chain).output_shape == (None, 2)
    left, right = layers.Dense(4)(inputs), layers.Dense(4)(inputs)
    branches = keras.Model(inputs, layers.Concatenate()([left, right]))
    diagnosis = diagnose(branches)
    assert diagnosis.ledger is None and "one chain of layers" in diagnosis.note


def test_a_list_without_an_input_shape_or_with_no_layer_says_what_it_needs():
    assert "keras.Input(shape=...)" in diagnose([layers.Dense(3)]).note
    assert "is not a Keras layer" in diagnose([keras.Input(shape=(3,)), "Dense(3)"]).note
    assert "list of layers or a Keras model" in diagnose("model").note


def test_a_first_layer_with_keras_2_input_shape_gives_the_input():
    with pytest.warns(UserWarning):
        first = layers.Conv1D(4, 3, input_shape=(30,))
    diagnosis = diagnose([first, layers.Flatten()])
    assert diagnosis.problem.got == (None, 30) and diagnosis.fixes[0].output_shape == (None, 112)


def test_a_pooling_window_longer_than_its_axis_is_a_window_problem_on_every_keras_version():
    diagnosis = diagnose([keras.Input(shape=(28, 3)), layers.MaxPooling1D(40), layers.Flatten(), layers.Dense(2)])
    assert diagnosis.problem.kind == "window" and diagnosis.problem.layer_type == "MaxPooling1D"
    assert {fix.kinds[0] for fix in diagnosis.fixes} >= {"padding-same", "smaller-window", "remove-pooling"}


def test_a_lambda_whose_shape_keras_cannot_infer_is_found_and_replaced_by_the_layer_that_does_the_same():
    model = [keras.Input(shape=(10,)), layers.Lambda(lambda x: np.expand_dims(x, -1)), layers.Conv1D(4, 3)]
    diagnosis = diagnose(model)
    assert diagnosis.problem.kind == "silent" and "nothing is raised" in diagnosis.problem.sentence
    assert diagnosis.fixes[0].kinds == ("lambda-layer",) and "layers.Reshape((10, 1))" in diagnosis.fixes[0].code
    assert ("lambda-output-shape",) in [fix.kinds for fix in diagnosis.fixes]


def test_a_lambda_that_fails_on_a_real_batch_says_what_it_raises():
    model = [keras.Input(shape=(10,)), layers.Lambda(lambda x: x.no_such_method())]
    diagnosis = diagnose(model)
    assert diagnosis.problem.kind == "silent" and "AttributeError" in diagnosis.note


def test_frames_given_to_a_conv2d_are_wrapped_in_time_distributed_before_the_lstm():
    model = [keras.Input(shape=(5, 16, 16, 1)), layers.Conv2D(4, 3), layers.Flatten(), layers.LSTM(8), layers.Dense(2)]
    fixes = diagnose(model).fixes
    wrapped = next(fix for fix in fixes if fix.kinds == ("time-distributed",))
    assert wrapped.output_shape == (None, 2) and wrapped is fixes[0]
    assert "layers.TimeDistributed(layers.Conv2D(4, (3, 3)))" in wrapped.code


def test_a_reshape_of_the_wrong_size_gets_the_size_that_fills_it():
    model = [keras.Input(shape=(12, 12, 8)), layers.Reshape((12, 64)), layers.LSTM(4)]
    best = diagnose(model).fixes[0]
    assert best.kinds == ("reshape-size",) and "layers.Reshape((12, 96))" in best.code


def test_a_fix_of_two_changes_comes_after_every_fix_of_one():
    diagnosis = diagnose([keras.Input(shape=(1, 20)), layers.Conv1D(8, 3), layers.MaxPooling1D(2), layers.Flatten()])
    counts = [len(fix.kinds) for fix in diagnosis.fixes]
    assert counts == sorted(counts) and counts[0] == 1 and 2 in counts


def test_the_printed_diagnosis_names_at_most_three_fixes_and_shows_the_first_ones_ledger_and_code():
    text = str(diagnose([keras.Input(shape=(1, 20)), layers.Conv1D(8, 3), layers.MaxPooling1D(2), layers.Flatten()]))
    assert "\n1. " in text and "\n3. " in text and "\n4. " not in text
    assert "Fix 1, layer by layer:" in text and "Fix 1 as code:\n[\n    keras.Input(shape=(1, 20))," in text
