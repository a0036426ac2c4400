"""The ledger figure draws one labelled box per axis of every layer's output."""

from convshapes import ShapeLedger
from convshapes.figures import draw_shape_ledger
from convshapes.shapes.ledger import LedgerRow


def ledger() -> ShapeLedger:
    """Conv1D -> Reshape((7, 14, 32)) -> Conv2D(8, 3) -> Flatten on 100 steps, as shape_ledger tabulates it."""
    return ShapeLedger(
        [
            LedgerRow("conv1d", "Conv1D", (None, 98, 32), ("batch", "steps", "channels"), 320),
            LedgerRow("fold", "Reshape", (None, 7, 14, 32), ("batch", "height", "width", "channels"), 0),
            LedgerRow("conv2d", "Conv2D", (None, 5, 12, 8), ("batch", "height", "width", "channels"), 2312),
            LedgerRow("flatten", "Flatten", (None, 480), ("batch", "features"), 0),
        ]
    )


def test_figure_has_one_box_per_axis():
    figure = draw_shape_ledger(ledger())
    boxes = figure.axes[0].patches
    assert len(boxes) == sum(len(row.shape) for row in ledger().rows)
    labels = {text.get_text() for text in figure.axes[0].texts}
    assert {"98", "7", "14", "480", "None"} <= labels
