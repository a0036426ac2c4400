"""An interactive explorer (ipywidgets) for the output length and padding of a 1-D convolution."""

from __future__ import annotations

import matplotlib.pyplot as plt

from .kernel_figures import draw_kernel_positions, padding_split
from .arithmetic import conv_output_length


def describe_settings(length: int, kernel_size: int, strides: int = 1, dilation_rate: int = 1,
                      padding: str = "valid") -> str:
    """One line stating the output length and padding split, or the reason Keras rejects the settings."""
    try:
        outputs = conv_output_length(length, kernel_size, strides, padding, dilation_rate)
        before, after = padding_split(length, kernel_size, strides, dilation_rate, padding)
    except ValueError as error:
        return f"Not allowed: {error}"
    return f"output length {outputs}; zeros added before {before}, after {after}"


def shape_explorer(length: int = 10, kernel_size: int = 3, strides: int = 1, dilation_rate: int = 1,
                   padding: str = "valid"):
    """Sliders for length, kernel_size, strides, dilation_rate and a padding dropdown that redraw the kernel figure."""
    import ipywidgets as widgets
    from IPython.display import display

    controls = {
        "length": widgets.IntSlider(value=length, min=1, max=32, description="length"),
        "kernel_size": widgets.IntSlider(value=kernel_size, min=1, max=9, description="kernel_size"),
        "strides": widgets.IntSlider(value=strides, min=1, max=4, description="strides"),
        "dilation_rate": widgets.IntSlider(value=dilation_rate, min=1, max=4, description="dilation_rate"),
        "padding": widgets.Dropdown(value=padding, options=["valid", "same", "causal"], description="padding"),
    }
    summary = widgets.Label()
    picture = widgets.Output()

    def redraw(_change=None) -> None:
        settings = {name: control.value for name, control in controls.items()}
        summary.value = describe_settings(**settings)
        picture.clear_output(wait=True)
        if summary.value.startswith("Not allowed"):
            return
        with picture:
            figure = draw_kernel_positions(**settings)
            display(figure)
            plt.close(figure)

    for control in controls.values():
        control.observe(redraw, names="value")
    redraw()
    return widgets.VBox([*controls.values(), summary, picture])
