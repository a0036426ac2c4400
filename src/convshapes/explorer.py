"""An interactive explorer (ipywidgets) for the output length and padding of a 1-D convolution."""

from __future__ import annotations

import io

import matplotlib.pyplot as plt

from .figures.kernel import draw_kernel_positions
from .shapes.arithmetic import conv_output_length, padding_split


def describe_settings(
    length: int, kernel_size: int, strides: int = 1, dilation_rate: int = 1, padding: str = "valid"
) -> str:
    """One line stating the output length and padding split, or the reason Keras rejects the settings."""
    try:
        outputs = conv_output_length(length, kernel_size, strides, padding, dilation_rate)
        before, after = padding_split(length, kernel_size, strides, dilation_rate, padding)
    except ValueError as error:
        return f"Not allowed: {error}"
    return f"output length {outputs}; zeros added before {before}, after {after}"


def kernel_figure_png(**settings) -> bytes:
    """The kernel figure for ``settings`` as PNG bytes (drawn off screen, so nothing is printed)."""
    figure = draw_kernel_positions(**settings)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    plt.close(figure)
    return buffer.getvalue()


def shape_explorer(
    length: int = 10, kernel_size: int = 3, strides: int = 1, dilation_rate: int = 1, padding: str = "valid"
):
    """Sliders for length, kernel_size, strides, dilation_rate and a padding dropdown that redraw the kernel figure."""
    import ipywidgets as widgets

    controls = {
        "length": widgets.IntSlider(value=length, min=1, max=32, description="length"),
        "kernel_size": widgets.IntSlider(value=kernel_size, min=1, max=9, description="kernel_size"),
        "strides": widgets.IntSlider(value=strides, min=1, max=4, description="strides"),
        "dilation_rate": widgets.IntSlider(value=dilation_rate, min=1, max=4, description="dilation_rate"),
        "padding": widgets.Dropdown(value=padding, options=["valid", "same", "causal"], description="padding"),
    }
    summary = widgets.Label()
    picture = widgets.Image(format="png")

    def redraw(_change=None) -> None:
        settings = {name: control.value for name, control in controls.items()}
        summary.value = describe_settings(**settings)
        allowed = not summary.value.startswith("Not allowed")
        picture.value = kernel_figure_png(**settings) if allowed else b""
        picture.layout.display = None if allowed else "none"

    for control in controls.values():
        control.observe(redraw, names="value")
    redraw()
    return widgets.VBox([*controls.values(), summary, picture])
