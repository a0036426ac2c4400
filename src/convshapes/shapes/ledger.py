"""A layer-by-layer table of output shapes with each axis named by its role."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..tables import text_table

if TYPE_CHECKING:
    import keras

AXIS_ROLES_CHANNELS_LAST = {
    2: ("batch", "features"),
    3: ("batch", "steps", "channels"),
    4: ("batch", "height", "width", "channels"),
    5: ("batch", "depth", "height", "width", "channels"),
}
AXIS_ROLES_CHANNELS_FIRST = {
    3: ("batch", "channels", "steps"),
    4: ("batch", "channels", "height", "width"),
    5: ("batch", "channels", "depth", "height", "width"),
}


@dataclass(frozen=True)
class LedgerRow:
    """One layer's output: its name, class, shape (``None`` for the batch axis), axis roles and parameters."""

    name: str
    layer_type: str
    shape: tuple[int | None, ...]
    roles: tuple[str, ...]
    params: int


class ShapeLedger:
    """The rows of a shape ledger; prints as a fixed-width table (``convshapes.figures.draw_shape_ledger`` draws it)."""

    def __init__(self, rows: list[LedgerRow]):
        self.rows = rows

    def __str__(self) -> str:
        header = ("layer", "type", "output shape", "axes", "params")
        body = [
            (row.name, row.layer_type, _format_shape(row.shape), ", ".join(row.roles), f"{row.params:,}")
            for row in self.rows
        ]
        return text_table(header, body, right_aligned=[4])

    def __repr__(self) -> str:
        return str(self)

    def _repr_pretty_(self, printer, cycle) -> None:
        printer.text(str(self))


def shape_ledger(model: keras.Model) -> ShapeLedger:
    """Tabulate every layer's output shape in ``model``, naming each axis (batch, steps, height, width, channels)."""
    import keras

    if not isinstance(model, keras.Model):
        raise ValueError(f"model must be a keras.Model, got {type(model).__name__}.")
    if not model.built or not _has_symbolic_graph(model):
        raise ValueError(
            f"model {model.name!r} has no known input shape, so its layers' output shapes are unknown. "
            "Start the model with keras.Input(shape=...) (without the batch axis), "
            "e.g. keras.Sequential([keras.Input(shape=(100, 3)), ...])."
        )
    rows = []
    for layer in model.layers:
        shape = tuple(layer.output.shape)
        rows.append(LedgerRow(layer.name, type(layer).__name__, shape, axis_roles(shape, layer), layer.count_params()))
    return ShapeLedger(rows)


def axis_roles(shape: tuple[int | None, ...], layer: keras.layers.Layer | None = None) -> tuple[str, ...]:
    """Name the axes of a batched tensor shape by rank, honouring a layer's ``data_format``."""
    table = AXIS_ROLES_CHANNELS_LAST
    if getattr(layer, "data_format", "channels_last") == "channels_first":
        table = AXIS_ROLES_CHANNELS_FIRST
    roles = table.get(len(shape))
    if roles is None:
        return ("batch",) + tuple(f"axis {index}" for index in range(1, len(shape)))
    return roles


def _has_symbolic_graph(model: keras.Model) -> bool:
    try:
        return model.layers[0].output is not None
    except (AttributeError, ValueError, IndexError):
        return False


def _format_shape(shape: tuple[int | None, ...]) -> str:
    return "(" + ", ".join("None" if size is None else str(size) for size in shape) + ")"
