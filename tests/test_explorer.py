"""explorer: the widget states the output length and padding split and updates when a control moves."""

import matplotlib

matplotlib.use("Agg")

import pytest

pytest.importorskip("ipywidgets")

from convshapes.explorer import describe_settings, shape_explorer


def controls_and_summary(widget):
    *controls, summary, _picture = widget.children
    return {control.description: control for control in controls}, summary


def test_explorer_has_a_control_for_each_convolution_argument():
    controls, _ = controls_and_summary(shape_explorer())
    assert set(controls) == {"length", "kernel_size", "strides", "dilation_rate", "padding"}
    assert list(controls["padding"].options) == ["valid", "same", "causal"]


def test_initial_summary_states_the_valid_output_length():
    _, summary = controls_and_summary(shape_explorer(length=10, kernel_size=3))
    assert summary.value == "output length 8; zeros added before 0, after 0"


def test_moving_the_stride_slider_updates_the_summary():
    controls, summary = controls_and_summary(shape_explorer(length=10, kernel_size=3))
    controls["strides"].value = 3
    assert summary.value.startswith("output length 3;")  # floor((10 - 3) / 3) + 1


def test_choosing_same_padding_shows_the_extra_zero_after():
    controls, summary = controls_and_summary(shape_explorer(length=10, kernel_size=4))
    controls["padding"].value = "same"
    assert summary.value == "output length 10; zeros added before 1, after 2"


def test_strides_with_dilation_are_reported_as_not_allowed():
    controls, summary = controls_and_summary(shape_explorer())
    controls["dilation_rate"].value = 2
    controls["strides"].value = 2
    assert summary.value.startswith("Not allowed:")


def test_describe_settings_reports_a_vanishing_sequence():
    assert "vanishes" in describe_settings(length=3, kernel_size=5)


def test_picture_is_a_png_that_changes_with_the_settings():
    widget = shape_explorer(length=10, kernel_size=3)
    controls, _ = controls_and_summary(widget)
    picture = widget.children[-1]
    first = bytes(picture.value)
    controls["padding"].value = "causal"
    second = bytes(picture.value)
    assert first.startswith(b"\x89PNG") and second.startswith(b"\x89PNG") and second != first


def test_picture_is_hidden_when_the_settings_are_not_allowed():
    widget = shape_explorer(length=3, kernel_size=5)
    assert widget.children[-1].layout.display == "none"
