"""Build a plan layer by layer on fresh copies, as ``keras.Sequential`` does, and stop where it breaks.

The walk records each layer's output shape (the ledger) and the first failure: a layer that raises, a layer
that returns no single tensor, an output with an axis of size 0 (some Keras versions build that without a word),
or a Lambda whose shape Keras cannot infer, which leaves a Sequential model silently without an output shape.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import keras

from ..shapes.ledger import LedgerRow, ShapeLedger, axis_roles
from .plan import Plan

Shape = tuple[int | None, ...]


@dataclass(frozen=True)
class Failure:
    """Where the walk stopped: the step, the fresh layer that failed, the shape it got, and what happened.

    ``what`` is ``raised`` (with ``error``), ``silent`` (a Lambda's shape cannot be inferred), ``empty`` (an
    axis of the output has size 0 or less) or ``several`` (the layer returns more than one tensor).
    """

    index: int
    layer: keras.layers.Layer
    got: Shape
    what: str
    error: BaseException | None = None
    output: Shape | None = None


@dataclass(frozen=True)
class Walk:
    """The input row and one ledger row per layer that built, and the failure, if any."""

    rows: tuple[LedgerRow, ...]
    failure: Failure | None

    @property
    def shapes(self) -> tuple[Shape, ...]:
        """The input shape, then each built layer's output shape."""
        return tuple(row.shape for row in self.rows)

    @property
    def output_shape(self) -> Shape | None:
        """The model's output shape, or None when it does not build."""
        return None if self.failure else self.rows[-1].shape

    @property
    def ledger(self) -> ShapeLedger:
        return ShapeLedger(list(self.rows))


def walk(plan: Plan, quick: bool = True) -> Walk:
    """Build ``plan`` on a fresh ``keras.Input``, one fresh layer at a time; never raises for a broken model."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _walk(plan, quick)


def _walk(plan: Plan, quick: bool) -> Walk:
    entry = plan.entry
    tensor = keras.Input(batch_shape=entry.batch_shape, dtype=entry.dtype, name=entry.name)
    rows = [LedgerRow(entry.name, "Input", tuple(tensor.shape), axis_roles(tuple(tensor.shape)), 0)]
    for index, step in enumerate(plan.steps):
        got = tuple(tensor.shape)
        try:
            layer = step.make(quick)
        except Exception as error:
            return Walk(tuple(rows), Failure(index, None, got, "raised", error))
        try:
            output = layer(tensor)
        except NotImplementedError as error:
            return Walk(tuple(rows), Failure(index, layer, got, "silent", error))
        except Exception as error:
            return Walk(tuple(rows), Failure(index, layer, got, "raised", error))
        if not isinstance(output, keras.KerasTensor):
            return Walk(tuple(rows), Failure(index, layer, got, "several"))
        shape = tuple(output.shape)
        if any(size is not None and size <= 0 for size in shape):
            return Walk(tuple(rows), Failure(index, layer, got, "empty", output=shape))
        rows.append(LedgerRow(layer.name, type(layer).__name__, shape, axis_roles(shape, layer), layer.count_params()))
        tensor = output
    return Walk(tuple(rows), None)
