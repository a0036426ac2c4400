"""Verdict: judge the exported facts in this process, and require nbval to agree."""

from small_master import CASES_CHECK_CELL_NUMBER, CELL_NUMBERS, QUESTIONS, REFERENCES, SHAPE_CHECK_CELL_NUMBER

from convshapes.grading.verdict import QuestionVerdict, verdicts

GOOD_FACTS = [
    {"question": "q-shape", "kind": "shape", "status": "ok", "facts": [16, 98, 32]},
    {"question": "q-cases", "kind": "cases", "status": "ok", "facts": [5, 5]},
]
NBVAL_PASSED = {0: None, 1: None, 2: None, 3: None, 4: None}


def judge_all(facts=GOOD_FACTS, nbval_cells=NBVAL_PASSED, problems=None, stopped=None):
    results = verdicts(QUESTIONS, REFERENCES, facts, nbval_cells, CELL_NUMBERS, problems or {}, stopped)
    return {verdict.question_id: verdict for verdict in results}


def test_verdicts_give_one_verdict_per_question_in_master_order():
    results = verdicts(QUESTIONS, REFERENCES, GOOD_FACTS[::-1], NBVAL_PASSED, CELL_NUMBERS, {}, None)
    assert [(v.question_id, v.max_points) for v in results] == [("q-shape", 1), ("q-cases", 2)]


def test_a_question_scores_when_the_judge_passes_the_facts_and_nbval_passed_its_cell():
    results = judge_all()
    assert (results["q-shape"].points, results["q-cases"].points) == (1, 2)
    assert results["q-shape"].message == "correct."


def test_a_question_scores_nothing_when_the_judge_fails_the_facts_though_nbval_passed():
    facts = [GOOD_FACTS[0], {"question": "q-cases", "kind": "cases", "status": "ok", "facts": [4, 4]}]
    result = judge_all(facts=facts)["q-cases"]
    assert result.points == 0 and result.message == "wrong for 2 of 2 cases: off by one."


def test_a_question_scores_nothing_when_nbval_failed_its_check_cell():
    result = judge_all(nbval_cells={**NBVAL_PASSED, SHAPE_CHECK_CELL_NUMBER: "Cell outputs differ"})["q-shape"]
    assert result.points == 0 and "differs from the reference" in result.message


def test_nbval_failing_one_check_cell_does_not_cost_another_question():
    results = judge_all(nbval_cells={**NBVAL_PASSED, SHAPE_CHECK_CELL_NUMBER: "Cell outputs differ"})
    assert results["q-cases"].points == 2


def test_a_question_scores_nothing_when_nbval_never_reported_its_check_cell():
    nbval_cells = {number: None for number in NBVAL_PASSED if number != CASES_CHECK_CELL_NUMBER}
    assert judge_all(nbval_cells=nbval_cells)["q-cases"].points == 0


def test_two_facts_records_for_one_question_count_as_tampering():
    result = judge_all(facts=[*GOOD_FACTS, GOOD_FACTS[0]])["q-shape"]
    assert result.points == 0 and "tampered" in result.message


def test_a_missing_facts_record_scores_nothing_and_says_the_check_did_not_run():
    result = judge_all(facts=GOOD_FACTS[1:])["q-shape"]
    assert result.points == 0 and result.message.startswith("the check did not run")


def test_a_missing_facts_record_after_the_run_stopped_names_why_it_stopped():
    result = judge_all(facts=GOOD_FACTS[1:], stopped="grading stopped after 300 seconds.")["q-shape"]
    assert result.points == 0 and result.message == "not reached: grading stopped after 300 seconds."


def test_a_facts_record_of_the_wrong_kind_counts_as_missing():
    facts = [{"question": "q-shape", "kind": "value", "status": "ok", "facts": 3}, GOOD_FACTS[1]]
    result = judge_all(facts=facts)["q-shape"]
    assert result.points == 0 and result.message.startswith("the check did not run")


def test_malformed_facts_score_nothing_without_crashing_the_grader():
    facts = [{"question": "q-shape", "kind": "shape", "status": "ok"}, GOOD_FACTS[1]]
    result = judge_all(facts=facts)["q-shape"]
    assert result.points == 0 and result.message.startswith("the exported answer could not be judged")


def test_records_without_a_string_question_are_ignored():
    facts = [*GOOD_FACTS, {"question": 5, "kind": "shape"}, {"kind": "shape", "status": "ok", "facts": [1]}]
    assert [v.points for v in judge_all(facts=facts).values()] == [1, 2]


def test_a_problem_found_while_rebuilding_is_the_questions_verdict_even_with_passing_facts():
    problem = "the answer cell appears more than once; keep exactly one."
    result = judge_all(problems={"q-cases": problem})["q-cases"]
    assert (result.points, result.message) == (0, problem)


def test_question_verdict_line_is_the_checks_verdict_line():
    assert QuestionVerdict("q", 2, 2, "correct.").line == "PASS q: correct."
    assert QuestionVerdict("q", 0, 2, "not yet.").line == "FAIL q: not yet."
