"""Facts: plain JSON data collected from a student's objects (shapes, values, models, placements, cases)."""

from __future__ import annotations

import numbers
import operator
from collections.abc import Callable, Sequence

import numpy as np

from ..error_text import essential_message
from .protocol import Outcome

Shape = tuple[int | None, ...]


class Unanswered(Exception):
    """The student left the stub in place."""


class WrongType(Exception):
    """The answer is not of the kind the question asks for."""


def as_shape(answer: object) -> Shape:
    """The answer as a tuple of ints and ``None``; rejects look-alikes such as objects that equal anything."""
    if answer is Ellipsis or answer is None:
        raise Unanswered
    if type(answer) not in (tuple, list):
        raise WrongType(f"the answer must be a tuple of integers such as (16, 98, 32), got {type(answer).__name__}.")
    shape = []
    for size in answer:
        if size is None:
            shape.append(None)
        elif isinstance(size, numbers.Integral) and not isinstance(size, bool):
            shape.append(operator.index(size))
        else:
            raise WrongType(f"every axis size must be an integer (or None for an unknown batch size), got {size!r}.")
    return tuple(shape)


def shape_facts(answer: object) -> list:
    return list(as_shape(answer))


def value_facts(answer: object) -> int | str:
    """An integer or string answer as plain data."""
    if answer is Ellipsis or answer is None:
        raise Unanswered
    if isinstance(answer, numbers.Integral) and not isinstance(answer, bool):
        return operator.index(answer)
    if type(answer) is str:
        return answer.strip()
    raise WrongType(f"the answer must be an integer or a string, got {type(answer).__name__}.")


def model_facts(build: Callable[[], object]) -> dict:
    """Call the student's ``build()``; describe the model by its config and the shapes it gives."""
    import keras

    if build is Ellipsis or build is None:
        raise Unanswered
    model = build()
    if model is Ellipsis or model is None:
        raise Unanswered
    if not isinstance(model, keras.Model):
        raise WrongType(f"the function must return a keras.Model, got {type(model).__name__}.")
    return {"config": model.to_json(), **describe_model(model)}


def describe_model(model) -> dict:
    """Input shapes (one per input, in order), output shape, parameter count, layer classes and API (Sequential or
    not) of a Keras model."""
    import keras

    return {
        "input_shapes": [list(as_shape(tuple(tensor.shape))) for tensor in model.inputs],
        "output_shape": list(as_shape(tuple(model.outputs[0].shape))),
        "params": int(model.count_params()),
        "layer_types": [type(layer).__name__ for layer in model.layers],
        "sequential": isinstance(model, keras.Sequential),
    }


def placement_facts(transform: Callable | Sequence, input_shape: Sequence[int]) -> list:
    """Apply ``transform`` (a function, a layer, or a list of layers) to a tensor whose elements are their own
    flat positions; return the result."""
    import keras

    if transform is Ellipsis or transform is None:
        raise Unanswered
    if isinstance(transform, (list, tuple)):
        transform = keras.Sequential(list(transform))
    positions = np.arange(int(np.prod(input_shape)), dtype="float32").reshape((1, *input_shape))
    result = transform(positions)
    if result is Ellipsis or result is None:
        raise Unanswered
    result = keras.ops.convert_to_numpy(result)
    return np.rint(result).astype(int).tolist()


def cases_facts(function: Callable, cases: Sequence[Sequence], argument_names: Sequence[str]) -> list:
    """The student's results over every case, as ints or lists of ints."""
    if function is Ellipsis or function is None:
        raise Unanswered
    results = []
    for case in cases:
        try:
            result = function(*case)
        except Exception as error:
            arguments = ", ".join(f"{name}={value!r}" for name, value in zip(argument_names, case))
            raise WrongType(f"your function raised {type(error).__name__} for {arguments}.") from error
        if result is Ellipsis or result is None:
            raise Unanswered
        results.append(plain_result(result))
    return results


def plain_result(result: object) -> int | list[int]:
    """An int, or a list of ints, from a function's result; anything else is the wrong type."""
    if isinstance(result, numbers.Integral) and not isinstance(result, bool):
        return operator.index(result)
    if type(result) in (tuple, list) and all(
        isinstance(item, numbers.Integral) and not isinstance(item, bool) for item in result
    ):
        return [operator.index(item) for item in result]
    raise WrongType("the function must return an integer (or a tuple of integers); use // (floor division), not /.")


def no_arguments(reference: dict) -> tuple:
    return ()


def placement_arguments(reference: dict) -> tuple:
    return (reference["input_shape"],)


def cases_arguments(reference: dict) -> tuple:
    return (reference["cases"], reference["argument_names"])


def collect(facts_of: Callable[..., object], answer: object, *arguments) -> dict:
    """Collect the facts of an answer with ``facts_of``, turning every failure into an outcome with a message."""
    try:
        return {"status": Outcome.OK, "facts": facts_of(answer, *arguments)}
    except Unanswered:
        return {"status": Outcome.UNANSWERED}
    except WrongType as error:
        return {"status": Outcome.WRONG_TYPE, "message": str(error)}
    except Exception as error:  # the student's code may fail in any way; report it, never crash
        return {"status": Outcome.ERROR, "message": f"your answer raised {type(error).__name__}: {first_line(error)}"}


def first_line(error: BaseException) -> str:
    """The informative first line of an error message, without Keras' colours and call wrapper."""
    lines = [line.strip() for line in essential_message(str(error)).splitlines() if line.strip()]
    return (lines or ["(no message)"])[0][:200]
