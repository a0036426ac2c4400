"""fold_options lists every exact grid for a sequence, then the nearest square by padding and cropping."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from convshapes import fold_options


def grids(options, method):
    return [(option.height, option.width) for option in options if option.method == method]


def test_98_steps_fold_exactly_into_7x14_and_2x49_most_square_first():
    assert grids(fold_options(98), "exact") == [(7, 14), (2, 49), (1, 98)]


def test_98_steps_pad_to_10x10_and_crop_to_9x9():
    options = fold_options(98)
    assert grids(options, "pad") == [(10, 10)] and grids(options, "crop") == [(9, 9)]
    pad = next(option for option in options if option.method == "pad")
    crop = next(option for option in options if option.method == "crop")
    assert (pad.steps, pad.change) == (100, 2)
    assert (crop.steps, crop.change) == (81, -17)


def test_a_perfect_square_needs_no_pad_or_crop():
    options = fold_options(100)
    assert options[0].height == options[0].width == 10
    assert {option.method for option in options} == {"exact"}


def test_channels_complete_the_reshape_target():
    assert fold_options(98, channels=32)[0].target_shape == (7, 14, 32)
    assert fold_options(98)[0].target_shape == (7, 14)


def test_options_read_as_sentences():
    lines = [str(option) for option in fold_options(98, 32)]
    assert lines[0] == "exact: 7 x 14, target_shape=(7, 14, 32)"
    assert lines[-2] == "pad 2 zero steps (98 -> 100): 10 x 10, target_shape=(10, 10, 32)"
    assert lines[-1] == "crop 17 steps (98 -> 81): 9 x 9, target_shape=(9, 9, 32)"


@given(st.integers(min_value=1, max_value=5000))
def test_every_exact_option_multiplies_back_and_none_is_missing(steps):
    exact = grids(fold_options(steps), "exact")
    assert all(height * width == steps and height <= width for height, width in exact)
    divisors_up_to_root = [d for d in range(1, math.isqrt(steps) + 1) if steps % d == 0]
    assert sorted(height for height, _ in exact) == divisors_up_to_root
    assert [height for height, _ in exact] == sorted((height for height, _ in exact), reverse=True)


@given(st.integers(min_value=2, max_value=5000))
def test_pad_and_crop_reach_the_nearest_squares(steps):
    options = fold_options(steps)
    root = math.isqrt(steps)
    if root * root == steps:
        return
    pad, crop = options[-2], options[-1]
    assert pad.height * pad.width == pad.steps == (root + 1) ** 2 > steps
    assert crop.height * crop.width == crop.steps == root**2 < steps
    assert pad.steps - pad.change == crop.steps - crop.change == steps


@pytest.mark.parametrize("arguments", [(0,), (-5,), (9.0,), (98, 0), (98, "32")])
def test_bad_arguments_raise_value_error(arguments):
    with pytest.raises(ValueError, match="must be a positive integer"):
        fold_options(*arguments)
