"""Score an executed, rebuilt notebook by comparing each check cell with its reference pass line."""

from __future__ import annotations

from dataclasses import dataclass

import nbformat

from .questions import questions


@dataclass(frozen=True)
class QuestionResult:
    """The verdict for one question."""

    question_id: str
    points: int
    max_points: int
    message: str

    @property
    def passed(self) -> bool:
        return self.points == self.max_points


def printed_text(cell) -> str:
    """What a cell printed on stdout."""
    return "".join(output.get("text", "") for output in cell.outputs if output.get("name") == "stdout")


def score(
    master: nbformat.NotebookNode,
    executed: nbformat.NotebookNode,
    problems: dict[str, str] | None = None,
    stopped: str | None = None,
) -> list[QuestionResult]:
    """Full points where a check cell printed exactly the master's stored pass line, else 0 with the reason."""
    problems = problems or {}
    results = []
    for question in questions(master):
        reference = printed_text(master.cells[question.check_index]).strip()
        cell = executed.cells[question.check_index]
        line = printed_text(cell).strip()
        passed = question.question_id not in problems and reference.startswith("PASS") and line == reference
        results.append(
            QuestionResult(
                question.question_id,
                question.points if passed else 0,
                question.points,
                _reason(question.question_id, cell, line, problems, stopped),
            )
        )
    return results


def _reason(question_id: str, cell, line: str, problems: dict[str, str], stopped: str | None) -> str:
    if question_id in problems:
        return problems[question_id]
    if line.startswith(("PASS", "FAIL")) and "\n" not in line:
        return line.split(": ", 1)[-1]
    errors = [output for output in cell.outputs if output.output_type == "error"]
    if errors:
        return f"the check could not run: {errors[0].ename}: {errors[0].evalue}"[:300]
    if cell.execution_count is None:
        return "not reached: " + (stopped or "an earlier cell stopped the notebook.")
    return "the check printed something other than its one-line verdict."


def format_table(results: list[QuestionResult]) -> str:
    """A plain-text score table with a total line."""
    width = max([len("question"), *(len(result.question_id) for result in results)])
    lines = [f"{'question'.ljust(width)}  points  result", f"{'-' * width}  ------  ------"]
    for result in results:
        verdict = "PASS" if result.passed else "FAIL"
        lines.append(
            f"{result.question_id.ljust(width)}  {f'{result.points}/{result.max_points}'.rjust(6)}  {verdict} {result.message}"
        )
    total, maximum = sum(result.points for result in results), sum(result.max_points for result in results)
    lines.append(f"{'total'.ljust(width)}  {f'{total}/{maximum}'.rjust(6)}")
    return "\n".join(lines)
