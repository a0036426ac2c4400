"""Answer keys: rebuilt from the solutions they came from, and holding no answer in clear text."""

import json
import re
import tempfile
from pathlib import Path

import nbformat
import pytest
from assignment_helpers import printed_lines, with_key_checks
from notebook_files import ROOT

from convshapes.authoring.generate import LOCKED
from convshapes.authoring.key_builder import build_key
from convshapes.checks.answer_key import PACKAGE_KEYS, key_text
from convshapes.grading.reference import master_references
from convshapes.notebook.execute import execute
from convshapes.notebook.markers import replace_regions
from convshapes.notebook.questions import check_id, questions

SOLUTIONS = sorted((ROOT / "solutions").glob("*.ipynb"))
names = [path.stem for path in SOLUTIONS]
ONE_LINE_CHECK = re.compile(r'checks\.check\("[\w-]+", [A-Za-z_]\w*\)')
_references: dict[Path, dict] = {}


def references(path: Path) -> dict:
    """The solution's references from one trusted run, as `make exercises` builds the key from."""
    if path not in _references:
        with tempfile.TemporaryDirectory() as cache:
            _references[path] = master_references(nbformat.read(path, as_version=4), Path(cache), 300)
    return _references[path]


def committed_key(path: Path) -> dict:
    key = PACKAGE_KEYS / f"{path.stem}.json"
    assert key.exists(), f"{key.name} is missing: run make exercises"
    return json.loads(key.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", SOLUTIONS, ids=names)
def test_the_key_is_rebuilt_from_the_current_solution(path):
    committed = committed_key(path)
    rebuilt = build_key(path.stem, references(path), questions(nbformat.read(path, as_version=4)), committed["salt"])
    assert key_text(rebuilt) == (PACKAGE_KEYS / f"{path.stem}.json").read_text(encoding="utf-8"), (
        f"the key of {path.name} is stale: run make exercises"
    )


@pytest.mark.parametrize("path", SOLUTIONS, ids=names)
def test_every_check_cell_of_the_exercise_is_one_locked_line(path):
    exercise = nbformat.read(ROOT / "exercises" / path.name, as_version=4)
    checks = [cell for cell in exercise.cells if check_id(cell) is not None]
    assert len(checks) == len([q for q in questions(nbformat.read(path, as_version=4)) if not q.hidden])
    for cell in checks:
        assert ONE_LINE_CHECK.fullmatch(cell.source), cell.source
        assert {key: cell.metadata.get(key) for key in LOCKED} == LOCKED


def clear_texts(value) -> list[str]:
    """The ways an answer reads when written out: Python's and JSON's spelling."""
    texts = {json.dumps(value), json.dumps(value, separators=(",", ":"))}
    if isinstance(value, list):
        texts.add(str(tuple(value)))
        texts.add(str(value))
    return [text for text in texts if len(text) > 2]


@pytest.mark.parametrize("path", SOLUTIONS, ids=names)
def test_no_exact_answer_is_in_clear_text_in_the_key_or_the_exercises_code(path):
    key_entries = committed_key(path)["questions"]
    exercise = nbformat.read(ROOT / "exercises" / path.name, as_version=4)
    code = "\n".join(cell.source for cell in exercise.cells if cell.cell_type == "code")
    for question, entry in references(path).items():
        kind, expected = entry["kind"], entry["reference"].get("expected")
        if kind == "model" or question not in key_entries:
            continue  # a model's contract is stated in the question; hidden questions have no key entry
        entry_text = json.dumps(key_entries[question])
        if kind == "value" and isinstance(expected, int):
            assert not re.search(rf"(?<![\w.]){expected}(?![\w.])", entry_text), (question, expected)
            continue
        for text in clear_texts(expected):
            assert text not in entry_text, (question, text)
            assert text not in code, (question, text)


def answer_names(region: str) -> list[str]:
    """The names an answer region defines (assignments and functions), in order."""
    return list(dict.fromkeys(re.findall(r"^(?:def\s+)?([A-Za-z_]\w*)\s*(?:=|\()", region, flags=re.M)))


def with_copied_checks_and_key(solution: nbformat.NotebookNode, key: dict) -> nbformat.NotebookNode:
    """What a student who copies instead of solving hands in: every answer name set to what the key holds
    for its question, then the exercise's check line copied into the answer cell."""
    notebook = with_key_checks(solution)
    for question in questions(solution):
        copied = key["questions"][question.question_id].get("expected")
        line = notebook.cells[question.check_index].source

        def copy(indent, region, copied=copied, line=line):
            assignments = "".join(f"{indent}{name} = {copied!r}\n" for name in answer_names(region))
            return assignments + indent + line + "\n"

        answer_cell = notebook.cells[question.answer_index]
        answer_cell.source = replace_regions(answer_cell.source, copy)
    return notebook


@pytest.mark.parametrize("path", SOLUTIONS, ids=names)
def test_copying_a_check_cell_or_the_key_into_the_answers_earns_nothing(path, tmp_path):
    solution = nbformat.read(path, as_version=4)
    executed = execute(with_copied_checks_and_key(solution, committed_key(path)), tmp_path, 120, allow_errors=True)
    graded = [question for question in questions(solution) if not question.hidden]
    lines = printed_lines(executed, [question.check_index for question in graded])
    passing = [line for line in lines if not line.startswith("FAIL")]
    assert passing == [], passing
