"""Graded checks for the exercise notebooks: each prints one deterministic PASS or FAIL line.

A check never raises: an unanswered question, a wrong answer, an answer of the wrong type and an
answer that crashes all give a FAIL line with a hint aimed at the usual mistake, never the answer.
Every check works in three steps, so that a grader can split them across processes:
a *reference* (plain JSON built from the author's code), *facts* (plain JSON collected from the
student's objects) and a pure *judge* of facts against the reference.
"""

from __future__ import annotations

import json
import numbers
import operator
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence

import numpy as np

Shape = tuple[int | None, ...]
NOT_ANSWERED = "not answered yet: replace the ... with your answer and run the cell again."
REFERENCE_LOG = "CONVSHAPES_REFERENCE_LOG"
FACTS_LOG = "CONVSHAPES_FACTS_LOG"


class Unanswered(Exception):
    """The student left the stub in place."""


class WrongType(Exception):
    """The answer is not of the kind the question asks for."""


# Facts: plain data from the student's objects.


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
        return str(answer)
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
    """Input and output shapes, parameter count and layer classes of a Keras model."""
    return {
        "input_shape": list(as_shape(tuple(model.inputs[0].shape))),
        "output_shape": list(as_shape(tuple(model.outputs[0].shape))),
        "params": int(model.count_params()),
        "layer_types": [type(layer).__name__ for layer in model.layers],
    }


def placement_facts(transform: Callable, input_shape: Sequence[int]) -> list:
    """Apply ``transform`` to a tensor whose elements are their own flat positions; return the result."""
    import keras

    if transform is Ellipsis or transform is None:
        raise Unanswered
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


COLLECTORS = {
    "shape": shape_facts,
    "value": value_facts,
    "model": model_facts,
    "placement": placement_facts,
    "cases": cases_facts,
}


# Judges: pure functions of facts and reference.


def judge_shape(answer: list, reference: dict) -> tuple[bool, str]:
    """Compare a predicted shape with the true one and explain the most likely mistake."""
    answer, expected = tuple(answer), tuple(reference["expected"])
    if answer == expected:
        return True, "correct."
    for hinted, hint in reference.get("hints", []):
        if answer == tuple(hinted):
            return False, hint
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


def judge_value(answer: int | str, reference: dict) -> tuple[bool, str]:
    expected = reference["expected"]
    if type(answer) is not type(expected):
        return (
            False,
            f"the answer must be {'an integer' if isinstance(expected, int) else 'a string'}, got a {type(answer).__name__}.",
        )
    if answer == expected:
        return True, "correct."
    for hinted, hint in reference.get("hints", []):
        if answer == hinted:
            return False, hint
    return False, "not the right value: work it out again from the shapes above."


def judge_model(facts: dict, reference: dict) -> tuple[bool, str]:
    """Judge a model's description against a shape contract."""
    if tuple(facts["input_shape"]) != (None, *reference["input_shape"]):
        return (
            False,
            "the model's input shape is not the one asked for: start with keras.Input(shape=...) without the batch axis.",
        )
    for layer_type in reference.get("required_layers", []):
        if layer_type not in facts["layer_types"]:
            return False, f"the model must use a {layer_type} layer."
    for layer_type in reference.get("forbidden_layers", []):
        if layer_type in facts["layer_types"]:
            return False, f"the model must not use a {layer_type} layer here."
    matched, message = judge_shape(facts["output_shape"], {"expected": [None, *reference["output_shape"]]})
    if not matched:
        return False, "the output shape is wrong: " + message
    if reference.get("params") is not None and facts["params"] != reference["params"]:
        return (
            False,
            f"the shapes are right but the model has {facts['params']:,} parameters, not the number asked for.",
        )
    return True, "the model meets the contract."


def judge_placement(facts: list, reference: dict) -> tuple[bool, str]:
    """Compare where each element landed; name the order the student used when it is a known one."""
    answer, target = np.asarray(facts), np.asarray(reference["expected"])
    if answer.shape != target.shape:
        return (
            False,
            f"the result has shape {tuple(answer.shape[1:])} without the batch axis, which is not the shape asked for.",
        )
    if np.array_equal(answer, target):
        return True, "every element lands where it should."
    for name, order in reference.get("known_orders", {}).items():
        if np.array_equal(answer, np.asarray(order)):
            return False, f"the shape is right, but the elements are in {name}."
    return False, "the shape is right, but the elements land in the wrong places."


def judge_cases(facts: list, reference: dict) -> tuple[bool, str]:
    """Compare results case by case; name a recognised mistake, or show the inputs of one failing case."""
    expected, cases = reference["expected"], reference["cases"]
    if len(facts) != len(expected):
        return False, "your function did not give one result per case."
    wrong = [index for index, (mine, true) in enumerate(zip(facts, expected)) if mine != true]
    if not wrong:
        return True, f"right for all {len(cases)} cases."
    for hint, outputs in reference.get("mistakes", {}).items():
        if all(facts[index] == outputs[index] for index in wrong):
            return False, f"wrong for {len(wrong)} of {len(cases)} cases: {hint}"
    first = ", ".join(f"{name}={value!r}" for name, value in zip(reference["argument_names"], cases[wrong[0]]))
    return False, f"wrong for {len(wrong)} of {len(cases)} cases, for example {first}."


JUDGES = {
    "shape": judge_shape,
    "value": judge_value,
    "model": judge_model,
    "placement": judge_placement,
    "cases": judge_cases,
}


def judge(kind: str, outcome: dict, reference: dict) -> tuple[bool, str]:
    """Judge an outcome (``{"status": "ok", "facts": ...}`` or a failure with its message)."""
    if outcome["status"] == "unanswered":
        return False, NOT_ANSWERED
    if outcome["status"] != "ok":
        return False, outcome["message"]
    return JUDGES[kind](outcome["facts"], reference)


# Collecting an outcome and checking in the notebook.


def collect(kind: str, answer: object, *arguments) -> dict:
    """Collect the facts of an answer, turning every failure into an outcome with a message."""
    try:
        return {"status": "ok", "facts": COLLECTORS[kind](answer, *arguments)}
    except Unanswered:
        return {"status": "unanswered"}
    except WrongType as error:
        return {"status": "wrong-type", "message": str(error)}
    except Exception as error:  # the student's code may fail in any way; report it, never crash
        return {"status": "error", "message": f"your answer raised {type(error).__name__}: {_first_line(error)}"}


def export_facts(question: str, kind: str, answer: object, *arguments) -> None:
    """Grading mode: append the answer's facts to the facts log for a separate process to judge."""
    record = {"question": question, "kind": kind, **collect(kind, answer, *arguments)}
    with open(os.environ[FACTS_LOG], "a", encoding="utf-8") as log:
        log.write(json.dumps(record) + "\n")


def report(question: str, passed: bool, message: str) -> None:
    """Print the one line a check cell shows."""
    print(f"{'PASS' if passed else 'FAIL'} {question}: {message}")


def _check(question: str, kind: str, answer: object, arguments: tuple, make_reference: Callable[[], dict]) -> None:
    try:
        reference = make_reference()
        _log_reference(question, kind, reference)
        report(question, *judge(kind, collect(kind, answer, *arguments), reference))
    except Exception as error:  # whatever the student's objects do, the notebook goes on
        report(question, False, f"checking your answer raised {type(error).__name__}: {_first_line(error)}")


def check_shape(
    question: str, answer: object, expected: Iterable[int | None], hints: Mapping[Shape, str] | None = None
) -> None:
    """Check a predicted shape against ``expected`` (usually computed by running the real layer)."""
    _check(
        question,
        "shape",
        answer,
        (),
        lambda: {
            "expected": list(as_shape(tuple(expected))),
            "hints": [[list(shape), hint] for shape, hint in (hints or {}).items()],
        },
    )


def check_value(
    question: str, answer: object, expected: int | str, hints: Mapping[int | str, str] | None = None
) -> None:
    """Check an integer or string answer (e.g. a number of steps, a padding mode, a layer name)."""
    _check(
        question,
        "value",
        answer,
        (),
        lambda: {
            "expected": value_facts(expected),
            "hints": [[value, hint] for value, hint in (hints or {}).items()],
        },
    )


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
    _check(
        question,
        "model",
        build,
        (),
        lambda: {
            "input_shape": list(input_shape),
            "output_shape": list(output_shape),
            "params": params,
            "required_layers": list(required_layers),
            "forbidden_layers": list(forbidden_layers),
        },
    )


def check_placement(
    question: str,
    transform: Callable,
    input_shape: Shape,
    reference: Callable,
    known_orders: Mapping[str, Callable] | None = None,
) -> None:
    """Check that ``transform`` moves every element where ``reference`` does (an ``arange`` tensor tells)."""
    _check(
        question,
        "placement",
        transform,
        (input_shape,),
        lambda: {
            "input_shape": list(input_shape),
            "expected": placement_facts(reference, input_shape),
            "known_orders": {name: placement_facts(order, input_shape) for name, order in (known_orders or {}).items()},
        },
    )


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
    cases = [list(case) for case in cases]
    _check(
        question,
        "cases",
        function,
        (cases, argument_names),
        lambda: {
            "cases": cases,
            "argument_names": list(argument_names),
            "expected": [plain_result(reference(*case)) for case in cases],
            "mistakes": {
                hint: [plain_result(mistake(*case)) for case in cases] for hint, mistake in (mistakes or {}).items()
            },
        },
    )


def _log_reference(question: str, kind: str, reference: dict) -> None:
    """When the grader runs the master notebook, append each question's reference to its log."""
    path = os.environ.get(REFERENCE_LOG)
    if path:
        with open(path, "a", encoding="utf-8") as log:
            log.write(json.dumps({"question": question, "kind": kind, "reference": reference}) + "\n")


def _first_line(error: BaseException) -> str:
    text = re.sub(r"\x1b\[[0-9;]*m", "", str(error))  # Keras colours its messages for terminals
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    informative = [line for line in lines if not line.startswith(("Exception encountered", "Arguments received"))]
    return (informative or lines or ["(no message)"])[0][:200]
