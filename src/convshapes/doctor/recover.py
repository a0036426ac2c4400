"""The layers of the model a Keras error comes from, read from the traceback's frames.

A Sequential model that fails while it builds is in its own frames (``self``), with every layer added so far;
a layer called on a symbolic tensor in a Functional model is in ``Layer.__call__``'s frame, and the layers
before it are in that tensor's history, back to its ``keras.Input``.
"""

from __future__ import annotations

import sys
from types import TracebackType
from typing import Any


def frames(traceback: TracebackType | None) -> list[Any]:
    """The traceback's frames, outermost first."""
    found = []
    while traceback is not None:
        found.append(traceback.tb_frame)
        traceback = traceback.tb_next
    return found


def failing_model(traceback: TracebackType | None) -> Any | None:
    """The Sequential model or the chain of layers (input first) the error comes from, or None."""
    if "keras" not in sys.modules:  # no Keras, no Keras model
        return None
    import keras

    inner_first = list(reversed(frames(traceback)))
    for frame in inner_first:
        owner = frame.f_locals.get("self")
        if isinstance(owner, keras.Sequential):
            return owner
    for frame in inner_first:
        owner = frame.f_locals.get("self")
        if isinstance(owner, keras.layers.Layer) and not isinstance(owner, keras.Model):
            tensor = _symbolic_argument(frame.f_locals.values())
            chain = _chain_to_input(tensor) if tensor is not None else None
            if chain is not None:
                return [*chain, owner]
    return None


def _symbolic_argument(values) -> Any | None:
    import keras

    for value in values:
        items = value if isinstance(value, (tuple, list)) else (value,)
        for item in items:
            if isinstance(item, keras.KerasTensor):
                return item
    return None


def _chain_to_input(tensor: Any) -> list[Any] | None:
    """The input layer and the layers that made ``tensor``, in order, if each took exactly one tensor."""
    import keras

    layers = []
    while True:
        history = getattr(tensor, "_keras_history", None)
        if history is None:
            return None
        operation, node_index = history[0], history[1]
        if isinstance(operation, keras.layers.InputLayer):
            return [operation, *reversed(layers)]
        inputs = operation._inbound_nodes[node_index].input_tensors
        if len(inputs) != 1 or not isinstance(operation, keras.layers.Layer):
            return None
        layers.append(operation)
        tensor = inputs[0]
