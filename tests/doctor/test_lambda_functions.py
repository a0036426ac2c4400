"""The source of a Lambda's function, found where Python keeps the code that defined it."""

from __future__ import annotations

import keras

from convshapes.doctor.functions import backend_modules, source


def double(x):
    return 2 * x


def test_a_lambda_on_its_own_line_is_found_whole():
    function = lambda x: keras.ops.expand_dims(x, -1)  # noqa: E731
    assert source(function) == "lambda x: keras.ops.expand_dims(x, -1)"


def test_the_right_lambda_is_found_among_two_on_one_line_and_across_lines():
    first, second = (lambda x: x[:, ::2], lambda y: y * 2)  # noqa: E731
    assert source(first) == "lambda x: x[:, ::2]" and source(second) == "lambda y: y * 2"
    wrapped = [
        keras.layers.Lambda(lambda t, scale=(1, 2): t[:, 0] + scale[0])  # fmt: skip
    ]
    assert source(wrapped[0].function) == "lambda t, scale=(1, 2): t[:, 0] + scale[0]"


def test_a_named_function_is_written_by_its_name_and_a_builtin_has_no_source():
    assert source(double) == "double" and source(len) is None


def test_keras_2_backend_modules_in_a_lambda_are_found_by_the_name_it_uses():
    from keras import backend as K  # noqa: N812

    assert backend_modules(lambda x: K.epsilon() + x) == {"K": "keras.backend"}
    assert backend_modules(lambda x: keras.ops.abs(x)) == {}
