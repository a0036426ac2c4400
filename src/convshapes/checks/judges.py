"""Judges: pure functions of an answer's facts and the reference, giving a verdict and a hint, never the answer."""

from __future__ import annotations

import numpy as np

from .protocol import NOT_ANSWERED, Outcome


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
    if outcome["status"] == Outcome.UNANSWERED:
        return False, NOT_ANSWERED
    if outcome["status"] != Outcome.OK:
        return False, outcome["message"]
    return JUDGES[kind](outcome["facts"], reference)
