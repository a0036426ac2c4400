"""GradingSettings: the submission timeout's default, and a frozen record."""

import dataclasses

import pytest

from convshapes.grading.settings import GradingSettings


def test_settings_submission_timeout_defaults_to_four_cell_timeouts_and_a_minute():
    assert GradingSettings().submission_timeout == 4 * 60 + 60
    assert GradingSettings(cell_timeout=20).submission_timeout == 140


def test_settings_total_timeout_overrides_the_submission_timeout():
    assert GradingSettings(cell_timeout=20, total_timeout=150).submission_timeout == 150


def test_settings_are_frozen():
    settings = GradingSettings()
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.cell_timeout = 5


def test_a_total_timeout_of_zero_is_kept_not_replaced_by_the_default():
    assert GradingSettings(cell_timeout=60, total_timeout=0).submission_timeout == 0
