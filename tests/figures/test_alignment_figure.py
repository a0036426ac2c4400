"""The alignment figure draws one bar per output step over exactly the input steps it reads."""

import pytest

from convshapes import figures
from convshapes.shapes import receptive_spans

BRANCHES = {"frames": [(32, 8, "valid")], "strided": [(5, 4, "same")]}


def bars(figure):
    return [(patch.get_x(), patch.get_x() + patch.get_width() - 1) for patch in figure.axes[0].patches]


def test_each_branch_gets_one_bar_per_shown_step_spanning_the_steps_it_reads():
    figure = figures.draw_time_alignment(361, BRANCHES, shown=3)
    expected = receptive_spans(361, BRANCHES["frames"])[:3] + receptive_spans(361, BRANCHES["strided"])[:3]
    assert bars(figure) == expected


def test_branches_that_read_the_same_steps_draw_bars_exactly_above_each_other():
    figure = figures.draw_time_alignment(361, {"spectrogram": [(32, 8, "valid")], "conv1d": [(32, 8, "valid")]})
    drawn = bars(figure)
    assert drawn[:4] == drawn[4:]


def test_the_legend_states_each_branch_length_in_time_steps():
    figure = figures.draw_time_alignment(361, BRANCHES)
    legend = [text.get_text() for text in figure.axes[0].get_legend().get_texts()]
    assert legend == ["frames: 42 time steps", "strided: 91 time steps"]


def test_no_branches_is_refused():
    with pytest.raises(ValueError, match="branches"):
        figures.draw_time_alignment(10, {})
