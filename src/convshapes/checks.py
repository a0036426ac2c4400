"""Graded checks for the exercise notebooks: each prints one deterministic PASS or FAIL line.

A check never raises: an unanswered question, a wrong answer, an answer of the wrong type and an
answer that crashes all give a FAIL line with a hint aimed at the usual mistake, never the answer.
Each check first collects plain facts from the student's objects, then judges those facts with a
pure function, so that a grader can judge the same facts in a clean process.
"""

from __future__ import annotations

import functools
import numbers
import operator
from collections.abc import Callable, Iterable, Mapping, Sequence

import numpy as np

Shape = tuple[int | None, ...]
NOT_ANSWERED = "not answered yet: replace the ... with your answer and run the cell again."


def report(question: str, passed: bool, message: str) -> None:
    """Print the one line a check cell shows."""
    print(f"{'PASS' if passed else 'FAIL'} {question}: {message}")


def never_raises(check: Callable) -> Callable:
    """Turn any exception escaping a check into a FAIL line, so a check cell can never crash."""

    @functools.wraps(check)
    def guarded(question: str, *arguments, **keywords) -> None:
        try:
            check(question, *arguments, **keywords)
        except Exception as error:  # whatever the student's objects do, the notebook goes on
            report(question, False, f"checking your answer raised {type(error).__name__}: {_first_line(error)}")

    return guarded


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
            raise WrongType(
                f"every axis size must be an integer (or None for an unknown batch size), got {size!r}."
            )
    return tuple(shape)


def judge_shape(answer: Shape, expected: Shape, hints: Mapping[Shape, str] | None = None) -> tuple[bool, str]:
    """Compare a predicted shape with the true one and explain the most likely mistake."""
    if answer == tuple(expected):
        return True, "correct."
    if hints and answer in hints:
        return False, hints[answer]
    expected = tuple(expected)
    if answer == expected[1:]:
        return False, "you left out the batch axis: a layer's output shape starts with the batch size."
    if len(answer) == len(expected) - 1:
        return False, "one axis is missing: count the axes of the output, batch axis included."
    if len(answer) != len(expected):
        return False, f"the output has {len(expected)} axes, your answer has {len(answer)}."
    if sorted(answer, key=str) == sorted(expected, key=str):
        return False, "the right sizes in the wrong order: check the axis order (batch, height, width, channels)."
    wrong = [index for index, (mine, true) in enumerate(zip(answer, expected)) if mine != true]
    return False, f"the number of axes is right, but the size of axis {', '.join(map(str, wrong))} is not."


@never_raises
def check_shape(question: str, answer: object, expected: Iterable[int | None], hints: Mapping[Shape, str] | None = None) -> None:
    """Check a predicted shape against ``expected`` (usually computed by running the real layer)."""
    try:
        return report(question, *judge_shape(as_shape(answer), as_shape(tuple(expected)), hints))
    except Unanswered:
        return report(question, False, NOT_ANSWERED)
    except WrongType as error:
        return report(question, False, str(error))


@never_raises
def check_value(question: str, answer: object, expected: object, hints: Mapping[object, str] | None = None) -> None:
    """Check an integer or string answer (e.g. a number of steps, a padding mode, a layer name)."""
    if answer is Ellipsis or answer is None:
        return report(question, False, NOT_ANSWERED)
    if type(answer) is not type(expected) and not (isinstance(expected, int) and isinstance(answer, numbers.Integral)):
        return report(question, False, f"the answer must be a {type(expected).__name__}, got {type(answer).__name__}.")
    if isinstance(expected, int):
        answer = operator.index(answer)
    if answer == expected:
        return report(question, True, "correct.")
    if hints and answer in hints:
        return report(question, False, hints[answer])
    return report(question, False, "not the right value: work it out again from the shapes above.")


def model_facts(model: object) -> dict:
    """Plain facts about a Keras model: input and output shapes, parameter count and layer classes."""
    import keras

    if not isinstance(model, keras.Model):
        raise WrongType(f"the function must return a keras.Model, got {type(model).__name__}.")
    return {
        "input_shape": list(as_shape(tuple(model.inputs[0].shape))),
        "output_shape": list(as_shape(tuple(model.outputs[0].shape))),
        "params": int(model.count_params()),
        "layer_types": [type(layer).__name__ for layer in model.layers],
    }


def judge_model(
    facts: dict,
    input_shape: Shape,
    output_shape: Shape,
    params: int | None = None,
    required_layers: Sequence[str] = (),
    forbidden_layers: Sequence[str] = (),
) -> tuple[bool, str]:
    """Judge model facts against a shape contract."""
    if tuple(facts["input_shape"]) != (None, *input_shape):
        return False, "the model's input shape is not the one asked for: start with keras.Input(shape=...) without the batch axis."
    for layer_type in required_layers:
        if layer_type not in facts["layer_types"]:
            return False, f"the model must use a {layer_type} layer."
    for layer_type in forbidden_layers:
        if layer_type in facts["layer_types"]:
            return False, f"the model must not use a {layer_type} layer here."
    matched, message = judge_shape(tuple(facts["output_shape"]), (None, *output_shape))
    if not matched:
        return False, "the output shape is wrong: " + message
    if params is not None and facts["params"] != params:
        return False, f"the shapes are right but the model has {facts['params']:,} parameters, not the number asked for."
    return True, "the model meets the contract."


@never_raises
def check_model(
    question: str,
    build: Callable[[], object],
    input_shape: Shape,
    output_shape: Shape,
    params: int | None = None,
    required_layers: Sequence[str] = (),
    forbidden_layers: Sequence[str] = (),
) -> None:
    """Call the student's ``build()`` and check the model it returns against a shape contract."""
    try:
        model = build()
        if model is Ellipsis or model is None:
            raise Unanswered
        facts = model_facts(model)
    except Unanswered:
        return report(question, False, NOT_ANSWERED)
    except WrongType as error:
        return report(question, False, str(error))
    except Exception as error:  # the student's code may fail in any way; report it, never crash
        return report(question, False, f"building the model raised {type(error).__name__}: {_first_line(error)}")
    return report(question, *judge_model(facts, input_shape, output_shape, params, required_layers, forbidden_layers))


def placement_facts(transform: Callable, input_shape: Shape) -> list:
    """Apply ``transform`` to a tensor whose elements are their own flat positions; return the result."""
    import keras

    if transform is Ellipsis or transform is None:
        raise Unanswered
    positions = np.arange(int(np.prod(input_shape)), dtype="float32").reshape((1, *input_shape))
    result = keras.ops.convert_to_numpy(transform(positions))
    return np.rint(result).astype(int).tolist()


def judge_placement(facts: list, expected: list, known_orders: Mapping[str, list] | None = None) -> tuple[bool, str]:
    """Compare where each element landed; name the order the student used when it is a known one."""
    answer, target = np.asarray(facts), np.asarray(expected)
    if answer.shape != target.shape:
        return False, f"the result has shape {tuple(answer.shape[1:])} without the batch axis, which is not the shape asked for."
    if np.array_equal(answer, target):
        return True, "every element lands where it should."
    for name, order in (known_orders or {}).items():
        if np.array_equal(answer, np.asarray(order)):
            return False, f"the shape is right, but the elements are in {name}."
    return False, "the shape is right, but the elements land in the wrong places."


@never_raises
def check_placement(
    question: str,
    transform: Callable,
    input_shape: Shape,
    reference: Callable,
    known_orders: Mapping[str, Callable] | None = None,
) -> None:
    """Check that ``transform`` moves every element where ``reference`` does (an ``arange`` tensor tells)."""
    try:
        facts = placement_facts(transform, input_shape)
    except Unanswered:
        return report(question, False, NOT_ANSWERED)
    except Exception as error:
        return report(question, False, f"applying your transform raised {type(error).__name__}: {_first_line(error)}")
    expected = placement_facts(reference, input_shape)
    orders = {name: placement_facts(function, input_shape) for name, function in (known_orders or {}).items()}
    return report(question, *judge_placement(facts, expected, orders))


@never_raises
def check_cases(
    question: str,
    function: Callable,
    cases: Sequence[tuple],
    reference: Callable,
    argument_names: Sequence[str],
    mistakes: Mapping[str, Callable] | None = None,
) -> None:
    """Check ``function(*case)`` against ``reference(*case)`` over many cases; name a recognised mistake.

    Results may be integers or tuples of integers (e.g. a ``(before, after)`` padding split)."""
    if function is Ellipsis or function is None:
        return report(question, False, NOT_ANSWERED)
    answers = []
    for case in cases:
        try:
            answers.append(function(*case))
        except Exception as error:
            arguments = ", ".join(f"{name}={value!r}" for name, value in zip(argument_names, case))
            return report(question, False, f"your function raised {type(error).__name__} for {arguments}.")
    if any(answer is Ellipsis or answer is None for answer in answers):
        return report(question, False, NOT_ANSWERED)
    try:
        answers = [_plain_result(answer) for answer in answers]
    except WrongType as error:
        return report(question, False, str(error))
    expected = [_plain_result(reference(*case)) for case in cases]
    wrong = [index for index, (mine, true) in enumerate(zip(answers, expected)) if mine != true]
    if not wrong:
        return report(question, True, f"right for all {len(cases)} cases.")
    for hint, mistake in (mistakes or {}).items():
        if all(answers[index] == _plain_result(mistake(*cases[index])) for index in wrong):
            return report(question, False, f"wrong for {len(wrong)} of {len(cases)} cases: {hint}")
    first = ", ".join(f"{name}={value!r}" for name, value in zip(argument_names, cases[wrong[0]]))
    return report(question, False, f"wrong for {len(wrong)} of {len(cases)} cases, for example {first}.")


def _plain_result(result: object) -> int | tuple[int, ...]:
    """An int, or a tuple of ints, from a function's result; anything else is the wrong type."""
    if isinstance(result, numbers.Integral) and not isinstance(result, bool):
        return operator.index(result)
    if type(result) in (tuple, list) and all(isinstance(item, numbers.Integral) and not isinstance(item, bool) for item in result):
        return tuple(operator.index(item) for item in result)
    raise WrongType("the function must return an integer (or a tuple of integers); use // (floor division), not /.")


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0][:200] if text else "(no message)"
