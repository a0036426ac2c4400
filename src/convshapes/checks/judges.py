"""Judges: pure functions of an answer's facts and a fingerprinted reference, giving a verdict and a hint.

They never see the answer itself, only its fingerprint, so the same judges serve the exercise (against
its answer key) and the grader (against the master's references, fingerprinted on the spot).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .fingerprint import Fingerprinter, fingerprint_shape
from .protocol import NOT_ANSWERED, Outcome


def recognise(answer: object, entry: dict, fingerprint: Fingerprinter, known: str) -> tuple[bool, str | None]:
    """``(True, None)`` for the expected answer; ``(False, note)`` for one the entry's ``known`` table names;
    ``(False, None)`` for any other."""
    digest = fingerprint(answer)
    return (True, None) if digest == entry["expected"] else (False, entry[known].get(digest))


def judge_shape(answer: list, entry: dict, fingerprint: Fingerprinter) -> tuple[bool, str]:
    """Compare a predicted shape with the true one and explain the most likely mistake."""
    answer = list(answer)
    correct, hint = recognise(answer, entry, fingerprint, "hints")
    if correct or hint is not None:
        return correct, hint or "correct."
    if fingerprint(answer) == entry["without_batch"]:
        return False, "you left out the batch axis: a layer's output shape starts with the batch size."
    if len(answer) == entry["rank"] - 1:
        return False, "one axis is missing: count the axes of the output, batch axis included."
    if len(answer) != entry["rank"]:
        return False, f"the output has {entry['rank']} axes, your answer has {len(answer)}."
    if fingerprint(sorted(answer, key=str)) == entry["sizes_in_any_order"]:
        return False, "the right sizes in the wrong order: check the axis order (batch, height, width, channels)."
    wrong = [axis for axis, size in enumerate(answer) if fingerprint([axis, size]) != entry["axes"][axis]]
    return False, f"the number of axes is right, but the size of axis {', '.join(map(str, wrong))} is not."


def judge_value(answer: int | str, entry: dict, fingerprint: Fingerprinter) -> tuple[bool, str]:
    expected_type = int if entry["type"] == "integer" else str
    if type(answer) is not expected_type:
        return (
            False,
            f"the answer must be {'an integer' if expected_type is int else 'a string'}, got a {type(answer).__name__}.",
        )
    correct, hint = recognise(answer, entry, fingerprint, "hints")
    if correct or hint is not None:
        return correct, hint or "correct."
    return False, "not the right value: work it out again from the shapes above."


def judge_model(facts: dict, entry: dict, fingerprint: Fingerprinter) -> tuple[bool, str]:
    """Judge a model's description against a shape contract (the contract is part of the question)."""
    if entry.get("functional") and facts.get("sequential"):
        return (
            False,
            "this question asks for the Functional API: call each layer on a tensor and return "
            "keras.Model(inputs, outputs), not keras.Sequential.",
        )
    problem = _input_problem(facts["input_shapes"], entry["input_shape"])
    if problem:
        return False, problem
    for layer_type in entry.get("required_layers", []):
        if layer_type not in facts["layer_types"]:
            return False, f"the model must use a {layer_type} layer."
    for layer_type in entry.get("forbidden_layers", []):
        if layer_type in facts["layer_types"]:
            return False, f"the model must not use a {layer_type} layer here."
    output = fingerprint_shape({"expected": [None, *entry["output_shape"]]}, fingerprint)
    matched, message = judge_shape(facts["output_shape"], output, fingerprint)
    if not matched:
        return False, "the output shape is wrong: " + message
    if entry.get("params") is not None and facts["params"] != entry["params"]:
        return (
            False,
            f"the shapes are right but the model has {facts['params']:,} parameters, not the number asked for.",
        )
    return True, "the model meets the contract."


def _input_problem(actual: list, asked: list) -> str | None:
    """What is wrong with a model's inputs against the contract: one shape, or a list of shapes for several inputs."""
    several = bool(asked) and isinstance(asked[0], list)
    expected = [[None, *shape] for shape in (asked if several else [asked])]
    actual = [list(shape) for shape in actual]
    if len(actual) != len(expected):
        return (
            f"the model has {_inputs(len(actual))}, the question asks for {len(expected)}: create one keras.Input "
            "per input and pass them all, as a list in the order asked for, to keras.Model(inputs, outputs)."
        )
    if actual == expected:
        return None
    if not several:
        return "the model's input shape is not the one asked for: start with keras.Input(shape=...) without the batch axis."
    if sorted(actual, key=str) == sorted(expected, key=str):
        return "the inputs have the right shapes in the wrong order: list them in keras.Model([...], outputs) as asked."
    wrong = [str(index) for index, (mine, true) in enumerate(zip(actual, expected)) if mine != true]
    return (
        f"the shape of input {', '.join(wrong)} is not the one asked for: give each keras.Input(shape=...) its shape "
        "without the batch axis."
    )


def _inputs(count: int) -> str:
    return f"{count} input" if count == 1 else f"{count} inputs"


def judge_placement(facts: list, entry: dict, fingerprint: Fingerprinter) -> tuple[bool, str]:
    """Compare where each element landed; name the order the student used when it is a known one."""
    shape = np.shape(facts)
    if list(shape) != entry["shape"]:
        return (
            False,
            f"the result has shape {tuple(shape[1:])} without the batch axis, which is not the shape asked for.",
        )
    correct, order = recognise(facts, entry, fingerprint, "known_orders")
    if correct:
        return True, "every element lands where it should."
    if order is not None:
        return False, f"the shape is right, but the elements are in {order}."
    return False, "the shape is right, but the elements land in the wrong places."


def judge_cases(facts: list, entry: dict, fingerprint: Fingerprinter) -> tuple[bool, str]:
    """Compare results case by case; name a recognised mistake, or show the inputs of one failing case."""
    expected, cases = entry["expected"], entry["cases"]
    if len(facts) != len(expected):
        return False, "your function did not give one result per case."
    prints = [fingerprint([index, result]) for index, result in enumerate(facts)]
    wrong = [index for index, (mine, true) in enumerate(zip(prints, expected)) if mine != true]
    if not wrong:
        return True, f"right for all {len(cases)} cases."
    for hint, outputs in entry["mistakes"].items():
        if all(prints[index] == outputs[index] for index in wrong):
            return False, f"wrong for {len(wrong)} of {len(cases)} cases: {hint}"
    first = ", ".join(f"{name}={value!r}" for name, value in zip(entry["argument_names"], cases[wrong[0]]))
    return False, f"wrong for {len(wrong)} of {len(cases)} cases, for example {first}."


def judge(judge_facts: Callable, outcome: dict, entry: dict, fingerprint: Fingerprinter) -> tuple[bool, str]:
    """Judge an outcome (``{"status": "ok", "facts": ...}`` or a failure with its message) with ``judge_facts``."""
    if outcome["status"] == Outcome.UNANSWERED:
        return False, NOT_ANSWERED
    if outcome["status"] != Outcome.OK:
        return False, outcome["message"]
    return judge_facts(outcome["facts"], entry, fingerprint)
