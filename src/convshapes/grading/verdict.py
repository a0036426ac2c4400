"""Judge a submission in this clean process from the facts its checks exported, never from what its
kernel printed: a question scores only if the clean judge passes it and nbval matched the master."""

from __future__ import annotations

from dataclasses import dataclass

from ..checks import describe_model
from ..checks.kinds import kind_named
from ..checks.protocol import Outcome, verdict_line
from ..notebook.questions import Question


@dataclass(frozen=True)
class QuestionVerdict:
    """Points and the feedback line for one question."""

    question_id: str
    points: int
    max_points: int
    message: str

    @property
    def passed(self) -> bool:
        return self.points == self.max_points

    @property
    def line(self) -> str:
        return verdict_line(self.question_id, self.passed, self.message)


def verdicts(
    questions: list[Question],
    references: dict[str, dict],
    facts: list[dict],
    nbval_cells: dict[int, str | None],
    cell_numbers: dict[str, int],
    problems: dict[str, str],
    stopped: str | None,
) -> list[QuestionVerdict]:
    """One verdict per question of the master, in order."""
    records: dict[str, list[dict]] = {}
    for record in facts:
        if isinstance(record.get("question"), str):
            records.setdefault(record["question"], []).append(record)
    results = []
    for question in questions:
        found = records.get(question.question_id, [])
        if len(found) > 1:
            passed, message = (
                False,
                "the grading log holds more than one answer for this question: it was tampered with.",
            )
        else:
            passed, message = _judge_question(
                question,
                references[question.question_id],
                found[0] if found else None,
                nbval_cells.get(cell_numbers[question.question_id], "not run"),
                problems,
                stopped,
            )
        results.append(
            QuestionVerdict(question.question_id, question.points if passed else 0, question.points, message)
        )
    return results


def _judge_question(question, entry, record, nbval_problem, problems, stopped) -> tuple[bool, str]:
    if question.question_id in problems:
        return False, problems[question.question_id]
    if record is None or record.get("kind") != entry["kind"] or "status" not in record:
        if stopped:
            return False, "not reached: " + stopped
        return False, "the check did not run: an error in an earlier cell, or the kernel died."
    try:
        outcome = _trusted_outcome(entry["kind"], record)
        kind = kind_named(entry["kind"])
        passed, message = kind.judge_against_reference(outcome, entry["reference"], question.question_id)
    except Exception as error:  # malformed facts are the submission's problem, not the grader's
        return False, f"the exported answer could not be judged ({type(error).__name__})."
    if passed and nbval_problem is not None:
        return (
            False,
            "the check's output differs from the reference: run the notebook top to bottom unchanged except for your answers.",
        )
    return passed, message


def _trusted_outcome(kind: str, record: dict) -> dict:
    """For models, recompute every fact from the exported configuration rather than trusting it."""
    if kind != "model" or record.get("status") != Outcome.OK:
        return record
    import keras

    try:
        model = keras.models.model_from_json(record["facts"]["config"])
    except Exception as error:
        return {
            "status": Outcome.ERROR,
            "message": f"your model could not be rebuilt for grading (use built-in Keras layers only): {type(error).__name__}",
        }
    return {"status": Outcome.OK, "facts": describe_model(model)}
