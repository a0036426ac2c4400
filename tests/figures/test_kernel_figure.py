"""The kernel figure states the output length and padding split, and draws one row per output."""

import matplotlib.pyplot as plt

from convshapes.figures.kernel import draw_kernel_positions


def test_figure_title_states_the_output_length_and_padding_split():
    figure = draw_kernel_positions(10, 3, strides=2, padding="same")
    title = figure.axes[0].get_title()
    plt.close(figure)
    assert "output length 5" in title and "(0, 1)" in title


def test_figure_has_one_row_for_the_input_and_one_per_output():
    figure = draw_kernel_positions(7, 3)
    labels = [label.get_text() for label in figure.axes[0].get_yticklabels()]
    plt.close(figure)
    assert labels == ["input"] + [f"out {index}" for index in range(5)]
