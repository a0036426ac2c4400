"""Check functions print one PASS/FAIL line, teach with hints, never reveal the answer and never raise."""

import keras
import pytest
from keras import layers

from convshapes import checks


def line(capsys):
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1, lines
    return lines[0]


def test_correct_shape_passes(capsys):
    checks.check_shape("q", (16, 98, 32), (16, 98, 32))
    assert line(capsys) == "PASS q: correct."


def test_unanswered_question_fails_with_instructions(capsys):
    checks.check_shape("q", ..., (16, 98, 32))
    assert line(capsys) == f"FAIL q: {checks.NOT_ANSWERED}"


def test_missing_batch_axis_is_named(capsys):
    checks.check_shape("q", (98, 32), (16, 98, 32))
    assert "left out the batch axis" in line(capsys)


def test_swapped_axes_are_named_without_revealing_the_answer(capsys):
    checks.check_shape("q", (16, 14, 7, 32), (16, 7, 14, 32))
    message = line(capsys)
    assert "wrong order" in message and "(16, 7, 14, 32)" not in message


def test_author_hints_override_the_generic_ones(capsys):
    checks.check_shape("q", (16, 100, 32), (16, 98, 32), hints={(16, 100, 32): "valid padding shortens the sequence."})
    assert line(capsys) == "FAIL q: valid padding shortens the sequence."


@pytest.mark.parametrize("answer", ["(16, 98, 32)", 98, (16.0, 98, 32), (True, 98, 32)])
def test_wrong_types_fail_with_a_message(capsys, answer):
    checks.check_shape("q", answer, (16, 98, 32))
    assert line(capsys).startswith("FAIL q:")


def test_an_object_equal_to_everything_earns_nothing(capsys):
    class AlwaysEqual(tuple):
        def __eq__(self, other):
            return True

    checks.check_shape("q", AlwaysEqual((1,)), (16, 98, 32))
    assert line(capsys).startswith("FAIL q: the answer must be a tuple")


def test_value_check_accepts_numpy_integers_and_rejects_strings(capsys):
    import numpy as np

    checks.check_value("q", np.int64(98), 98)
    assert line(capsys) == "PASS q: correct."
    checks.check_value("q", "98", 98)
    assert line(capsys) == "FAIL q: the answer must be an integer, got a str."


def build_good():
    return keras.Sequential(
        [keras.Input(shape=(100, 3)), layers.Conv1D(32, 3, padding="same"), layers.Reshape((10, 10, 32))]
    )


def test_model_meeting_the_contract_passes(capsys):
    checks.check_model("q", build_good, (100, 3), (10, 10, 32), params=320, required_layers=["Reshape"])
    assert line(capsys) == "PASS q: the model meets the contract."


def test_model_with_wrong_output_explains_the_shape_problem(capsys):
    checks.check_model("q", build_good, (100, 3), (7, 14, 32))
    assert line(capsys).startswith("FAIL q: the output shape is wrong:")


def test_model_with_wrong_parameter_count_says_so(capsys):
    checks.check_model("q", build_good, (100, 3), (10, 10, 32), params=999)
    assert "parameters" in line(capsys)


def test_builder_that_crashes_is_reported_not_raised(capsys):
    def build():
        return keras.Sequential([keras.Input(shape=(100, 3)), layers.Conv1D(32, 3), layers.Reshape((20, 20, 32))])

    checks.check_model("q", build, (100, 3), (10, 10, 32))
    assert line(capsys).startswith("FAIL q: your answer raised ValueError: The total size")


def test_builder_returning_a_non_model_is_a_wrong_type(capsys):
    checks.check_model("q", lambda: "model", (100, 3), (10, 10, 32))
    assert line(capsys) == "FAIL q: the function must return a keras.Model, got str."


def raster(x):
    return keras.ops.reshape(x, (-1, 6, 4))


def columns(x):
    return keras.ops.reshape(keras.ops.transpose(x, (0, 2, 1, 3)), (-1, 3, 8))


def test_placement_passes_only_for_the_right_order(capsys):
    checks.check_placement("q", columns, (2, 3, 4), columns, known_orders={"raster order": raster})
    assert line(capsys) == "PASS q: every element lands where it should."


def test_placement_names_the_order_the_student_used(capsys):
    confused = lambda x: keras.ops.reshape(x, (-1, 3, 8))  # noqa: E731  right shape, raster order
    checks.check_placement("q", confused, (2, 3, 4), columns, known_orders={"raster order": confused})
    assert line(capsys) == "FAIL q: the shape is right, but the elements are in raster order."


def test_placement_with_the_wrong_shape_fails(capsys):
    checks.check_placement("q", raster, (2, 3, 4), columns)
    assert "not the shape asked for" in line(capsys)


CASES = [(length, kernel) for length in range(5, 30) for kernel in (1, 3, 5)]


def reference(length, kernel):
    return length - kernel + 1


def test_cases_pass_when_all_agree(capsys):
    checks.check_cases("q", reference, CASES, reference, ("length", "kernel_size"))
    assert line(capsys) == f"PASS q: right for all {len(CASES)} cases."


def test_cases_recognise_a_known_mistake(capsys):
    checks.check_cases(
        "q",
        lambda n, k: n - k,
        CASES,
        reference,
        ("length", "kernel_size"),
        mistakes={"off by one.": lambda n, k: n - k},
    )
    assert (
        line(capsys) == f"FAIL q: wrong for {len([c for c in CASES if c[1] >= 1])} of {len(CASES)} cases: off by one."
    )


def test_cases_reject_float_results_with_the_floor_hint(capsys):
    checks.check_cases("q", lambda n, k: (n - k) / 1 + 1, CASES, reference, ("length", "kernel_size"))
    assert "use // (floor division)" in line(capsys)


def test_cases_report_a_crash_with_its_arguments(capsys):
    checks.check_cases("q", lambda n, k: 1 // (k - 3), CASES, reference, ("length", "kernel_size"))
    assert line(capsys) == "FAIL q: your function raised ZeroDivisionError for length=5, kernel_size=3."


def test_cases_compare_tuples_of_integers(capsys):
    split = lambda n, k: ((k - 1) // 2, k - 1 - (k - 1) // 2)  # noqa: E731
    checks.check_cases("q", split, CASES, split, ("length", "kernel_size"))
    assert line(capsys) == f"PASS q: right for all {len(CASES)} cases."
    swapped = lambda n, k: split(n, k)[::-1]  # noqa: E731
    even_kernels = [(10, 2), (10, 4), (12, 6)]
    checks.check_cases(
        "q", swapped, even_kernels, split, ("length", "kernel_size"), mistakes={"the extra zero goes after.": swapped}
    )
    assert line(capsys).endswith("the extra zero goes after.")


def test_an_answer_that_breaks_the_check_itself_still_gives_one_fail_line(capsys):
    class Exploding:
        def __len__(self):
            raise RuntimeError("boom")

        def __iter__(self):
            raise RuntimeError("boom")

    checks.check_placement("q", lambda x: Exploding(), (2, 3, 4), columns)
    assert line(capsys).startswith("FAIL q:")
    checks.check_cases("q", reference, CASES, lambda n, k: 1 // 0, ("length", "kernel_size"))
    assert line(capsys) == "FAIL q: checking your answer raised ZeroDivisionError: integer division or modulo by zero"


def test_a_stub_transform_counts_as_unanswered(capsys):
    checks.check_placement("q", lambda x: ..., (2, 3, 4), columns)
    assert line(capsys) == f"FAIL q: {checks.NOT_ANSWERED}"


def build_two_inputs():
    signal = keras.Input(shape=(100, 3), name="signal")
    image = keras.Input(shape=(22, 9, 3), name="image")
    merged = layers.Concatenate()([layers.GlobalAveragePooling1D()(signal), layers.GlobalAveragePooling2D()(image)])
    return keras.Model([signal, image], layers.Dense(4)(merged))


TWO_INPUTS = [(100, 3), (22, 9, 3)]


def test_a_two_input_model_meeting_its_contract_passes(capsys):
    checks.check_model("q", build_two_inputs, TWO_INPUTS, (4,), params=28, required_layers=["Concatenate"])
    assert line(capsys) == "PASS q: the model meets the contract."


def test_a_contract_given_as_tuples_or_lists_is_the_same_contract(capsys):
    checks.check_model("q", build_two_inputs, ([100, 3], [22, 9, 3]), [4])
    assert line(capsys) == "PASS q: the model meets the contract."


def test_a_single_input_model_fails_a_two_input_contract_by_counting_inputs(capsys):
    checks.check_model("q", build_good, TWO_INPUTS, (10, 10, 32))
    assert line(capsys).startswith("FAIL q: the model has 1 input, the question asks for 2:")


def test_a_two_input_model_fails_a_single_input_contract(capsys):
    checks.check_model("q", build_two_inputs, (100, 3), (4,))
    assert line(capsys).startswith("FAIL q: the model has 2 inputs, the question asks for 1:")


def test_inputs_listed_in_the_wrong_order_are_named(capsys):
    def build_swapped():
        model = build_two_inputs()
        return keras.Model(model.inputs[::-1], model.outputs)

    checks.check_model("q", build_swapped, TWO_INPUTS, (4,))
    assert line(capsys) == (
        "FAIL q: the inputs have the right shapes in the wrong order: list them in keras.Model([...], outputs) as asked."
    )


def test_the_input_with_the_wrong_shape_is_named_by_its_position(capsys):
    checks.check_model("q", build_two_inputs, [(100, 3), (22, 9, 1)], (4,))
    assert line(capsys).startswith("FAIL q: the shape of input 1 is not the one asked for")


def test_a_single_input_contract_still_names_a_wrong_input_shape(capsys):
    checks.check_model("q", build_good, (100, 6), (10, 10, 32))
    assert line(capsys).startswith("FAIL q: the model's input shape is not the one asked for")


def test_describe_model_lists_every_input_shape_in_order():
    assert checks.describe_model(build_two_inputs())["input_shapes"] == [[None, 100, 3], [None, 22, 9, 3]]
