"""The rearrangement figure draws Reshape/Permute panels, each cell labelled and coloured by its source step."""

import numpy as np
import pytest
from matplotlib.colors import to_rgba

from convshapes.figures.rearrangement import STEP_COLOURS, draw_rearrangements


def test_draws_one_panel_per_array_with_its_shape_in_the_title():
    grid = np.arange(12).reshape(4, 3)
    figure = draw_rearrangements({"input": grid, "Reshape((3, 4))": grid.reshape(3, 4)}, channels=3)
    assert [axes.get_title() for axes in figure.axes] == ["input\nshape (4, 3)", "Reshape((3, 4))\nshape (3, 4)"]


def test_each_cell_is_labelled_with_its_source_step_and_channel():
    figure = draw_rearrangements({"transposed": np.array([[0, 2], [1, 3]])}, channels=2)
    labels = [text.get_text() for text in figure.axes[0].texts]
    assert labels == ["t0\nc0", "t1\nc0", "t0\nc1", "t1\nc1"]


def test_cells_from_the_same_step_share_a_colour_and_neighbouring_steps_differ():
    figure = draw_rearrangements({"input": np.arange(6).reshape(3, 2)}, channels=2)
    colours = [patch.get_facecolor() for patch in figure.axes[0].patches]
    assert colours[0] == colours[1] == to_rgba(STEP_COLOURS[0])
    assert colours[2] == colours[3] == to_rgba(STEP_COLOURS[1])
    assert colours[1] != colours[2]


def test_rejects_a_panel_that_is_not_two_dimensional():
    with pytest.raises(ValueError, match="2-D"):
        draw_rearrangements({"flat": np.arange(6)}, channels=2)
