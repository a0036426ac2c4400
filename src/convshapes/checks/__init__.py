"""What runs in the student's kernel: each check prints one deterministic PASS or FAIL line.

A check never raises: an unanswered question, a wrong answer, an answer of the wrong type and an
answer that crashes all give a FAIL line with a hint aimed at the usual mistake, never the answer.
Every check works in three steps, so that a grader can split them across processes:
a *reference* (plain JSON built from the author's code), *facts* (plain JSON collected from the
student's objects, ``facts``) and a pure *judge* of facts against the reference (``judges``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from . import answer_key
from .facts import (
    Shape,
    Unanswered,
    WrongType,
    as_shape,
    describe_model,
    first_line,
    placement_facts,
    plain_result,
    value_facts,
)
from .kinds import kind_named
from .protocol import FACTS_LOG, NOT_ANSWERED, REFERENCE_LOG, append_record, verdict_line

__all__ = [
    "FACTS_LOG",
    "NOT_ANSWERED",
    "REFERENCE_LOG",
    "Unanswered",
    "WrongType",
    "check",
    "check_cases",
    "check_model",
    "check_placement",
    "check_shape",
    "check_value",
    "describe_model",
    "graded_check",
]


def check(question: str, answer: object) -> None:
    """The exercise's check: judge ``answer`` against the shipped answer key and print one PASS or FAIL line.

    For a model or function question, pass the function itself (it is called here)."""

    def verdict() -> tuple[bool, str]:
        fingerprint, entry = answer_key.lookup(question)
        kind = kind_named(entry["kind"])
        return kind.judge(kind.collect(answer, entry), entry, fingerprint)

    _print_verdict(question, verdict)


def graded_check(question: str, kind_name: str, answer: object, reference: dict) -> None:
    """Grading mode: what a check cell runs instead of the author's check. ``reference`` comes from the grader,
    which built it once from the master, so the kernel does only the student's part: it collects the answer's
    facts once, appends them to the facts log for the clean judge, and prints the verdict line nbval compares."""

    def verdict() -> tuple[bool, str]:
        kind = kind_named(kind_name)
        outcome = kind.collect(answer, reference)
        append_record(FACTS_LOG, {"question": question, "kind": kind.name, **outcome})
        return kind.judge_against_reference(outcome, reference, question)

    _print_verdict(question, verdict)


def _print_verdict(question: str, verdict: Callable[[], tuple[bool, str]]) -> None:
    """Print the one line a check shows; whatever the student's objects do, the notebook goes on."""
    try:
        passed, message = verdict()
    except Exception as error:
        passed, message = False, f"checking your answer raised {type(error).__name__}: {first_line(error)}"
    print(verdict_line(question, passed, message))


def _check(question: str, kind_name: str, answer: object, make_reference: Callable[[], dict]) -> None:
    """The author's check: build the reference, log it for the grader, judge the answer against it."""

    def verdict() -> tuple[bool, str]:
        kind = kind_named(kind_name)
        reference = make_reference()
        append_record(REFERENCE_LOG, {"question": question, "kind": kind.name, "reference": reference})
        return kind.judge_against_reference(kind.collect(answer, reference), reference, question)

    _print_verdict(question, verdict)


def check_shape(
    question: str, answer: object, expected: Iterable[int | None], hints: Mapping[Shape, str] | None = None
) -> None:
    """Check a predicted shape against ``expected`` (usually computed by running the real layer)."""
    _check(
        question,
        "shape",
        answer,
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
        lambda: {
            "expected": value_facts(expected),
            "hints": [[value, hint] for value, hint in (hints or {}).items()],
        },
    )


def check_model(
    question: str,
    build: Callable[[], object],
    input_shape: Shape | Sequence[Shape],
    output_shape: Shape,
    params: int | None = None,
    required_layers: Sequence[str] = (),
    forbidden_layers: Sequence[str] = (),
    functional: bool = False,
) -> None:
    """Call the student's ``build()`` and check the model it returns against a shape contract.

    ``input_shape`` is one shape without the batch axis, or for a model with several inputs a list of shapes, one
    per input in the order of ``model.inputs``. With ``functional``, a ``keras.Sequential`` model fails: the
    question asks for the Functional API."""
    several = bool(input_shape) and isinstance(input_shape[0], (tuple, list))
    _check(
        question,
        "model",
        build,
        lambda: {
            "input_shape": [list(shape) for shape in input_shape] if several else list(input_shape),
            "output_shape": list(output_shape),
            "params": params,
            "required_layers": list(required_layers),
            "forbidden_layers": list(forbidden_layers),
            "functional": functional,
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
    hidden_cases: Sequence[tuple] = (),
) -> None:
    """Check ``function(*case)`` against ``reference(*case)`` over many cases; name a recognised mistake.

    Results may be integers or tuples of integers (e.g. a ``(before, after)`` padding split).
    ``hidden_cases`` count when grading but stay out of the exercise's answer key."""
    public = len(cases)
    cases = [list(case) for case in [*cases, *hidden_cases]]
    _check(
        question,
        "cases",
        function,
        lambda: {
            "cases": cases,
            "public_cases": public,
            "argument_names": list(argument_names),
            "expected": [plain_result(reference(*case)) for case in cases],
            "mistakes": {
                hint: [plain_result(mistake(*case)) for case in cases] for hint, mistake in (mistakes or {}).items()
            },
        },
    )
