"""A model as the doctor handles it: the input and each layer's class and config, never the caller's objects.

``read_plan`` reads a layer list (``[keras.Input(...), layers.Conv2D(...), ...]``), a ``keras.Sequential`` or a
Functional model that is one chain of layers. Every layer the doctor builds is a fresh copy made from its config
(``Step.make``), so the caller's layers are neither built nor changed. A fix is a changed plan.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import keras

from . import functions


class UnreadableModel(ValueError):
    """The doctor cannot read the model: the message says what it needs."""


def snake_case(class_name: str) -> str:
    """The name Keras gives a layer of this class (``MaxPooling2D`` -> ``max_pooling2d``), by Keras' own rule.

    Keras exports no public name for this rule; ``keras.src.utils.naming.to_snake_case`` is where every Keras 3
    from 3.0 keeps it, and a copy here could drift from the names Keras makes up."""
    from keras.src.utils.naming import to_snake_case

    return to_snake_case(class_name)


def automatic_name(name: str | None, class_name: str) -> bool:
    """Whether ``name`` is one Keras made up for a layer of this class (``conv2d_3``), not one the author chose."""
    return name is None or re.fullmatch(rf"{snake_case(class_name)}(_\d+)?", name) is not None


@dataclass(frozen=True)
class Entry:
    """The model's input: the shape of one sample, the batch size if the model fixes one, dtype and name."""

    shape: tuple[int | None, ...]
    batch_size: int | None = None
    dtype: str = "float32"
    name: str = "input_layer"

    @property
    def batch_shape(self) -> tuple[int | None, ...]:
        return (self.batch_size, *self.shape)


@dataclass(frozen=True)
class Step:
    """One layer: its class and config (a Lambda also keeps its function and, when found, its source)."""

    cls: type
    config: dict[str, Any]
    function: Callable | None = field(default=None, compare=False)
    source: str | None = None

    @property
    def class_name(self) -> str:
        return self.cls.__name__

    @property
    def name(self) -> str:
        return self.config["name"]

    def with_config(self, **changes: Any) -> Step:
        """The same layer with some arguments changed."""
        return replace(self, config={**self.config, **changes})

    def inner(self) -> Step | None:
        """The layer a wrapper (TimeDistributed, Bidirectional) holds, as a step; None for other layers."""
        inner = self.config.get("layer")
        if not isinstance(inner, dict):
            return None
        layer = keras.layers.deserialize(inner)
        return Step(type(layer), layer.get_config())

    def with_inner(self, inner: Step) -> Step:
        """The wrapper holding ``inner`` in place of its layer."""
        return self.with_config(layer=keras.layers.serialize(inner.make()))

    def make(self, quick: bool = False) -> keras.layers.Layer:
        """A fresh layer from the config; ``quick`` gives it zero initializers (the shapes are the same, and it
        builds without drawing millions of random weights)."""
        if self.function is not None:
            return self.cls(self.function, **self.config)
        config = _zero_initializers(self.config) if quick else self.config
        return self.cls.from_config(copy.deepcopy(config))  # a wrapper's from_config pops its layer


def _zero_initializers(config: dict[str, Any]) -> dict[str, Any]:
    out = {key: "zeros" if key.endswith("_initializer") else value for key, value in config.items()}
    for key in ("layer", "backward_layer"):
        if isinstance(config.get(key), dict) and "config" in config[key]:
            out[key] = {**config[key], "config": _zero_initializers(config[key]["config"])}
    return out


@dataclass(frozen=True)
class Plan:
    """The input and the layers, in order."""

    entry: Entry
    steps: tuple[Step, ...]

    def insert(self, index: int, step: Step) -> Plan:
        return replace(self, steps=(*self.steps[:index], step, *self.steps[index:]))

    def remove(self, index: int) -> Plan:
        return replace(self, steps=self.steps[:index] + self.steps[index + 1 :])

    def put(self, index: int, step: Step) -> Plan:
        return replace(self, steps=(*self.steps[:index], step, *self.steps[index + 1 :]))

    def with_shape(self, shape: tuple[int | None, ...]) -> Plan:
        return replace(self, entry=replace(self.entry, shape=tuple(shape)))

    def new_step(self, cls: type, *args: Any, **kwargs: Any) -> Step:
        """A layer the fix adds, named as Keras would name it in a fresh session (unique in the plan)."""
        taken = {self.entry.name, *(step.name for step in self.steps)}
        base = snake_case(cls.__name__)
        name = next(
            candidate for n in range(len(taken) + 1) if (candidate := base if n == 0 else f"{base}_{n}") not in taken
        )
        return Step(cls, cls(*args, name=name, **kwargs).get_config())


def read_plan(model: Any) -> Plan:
    """The plan of a layer list, a Sequential model, or a Functional model that is one chain of layers."""
    if isinstance(model, keras.Sequential):
        items = list(model._layers)
    elif isinstance(model, keras.Model):
        items = _functional_chain(model)
    elif isinstance(model, (list, tuple)):
        items = list(model)
    else:
        raise UnreadableModel(f"diagnose needs a list of layers or a Keras model, got {type(model).__name__}.")
    if not items:
        raise UnreadableModel("The model has no layers.")
    entry, layers = _entry(items[0]), items[1:]
    if entry is None:
        entry, layers = _entry_from_layer_argument(items[0]), items
    return Plan(entry, tuple(read_step(layer) for layer in layers))


def read_step(layer: Any) -> Step:
    """A layer of the caller's as a step: its class and config (the layer object is not kept)."""
    if not isinstance(layer, keras.layers.Layer):
        raise UnreadableModel(f"{layer!r} is not a Keras layer.")
    if isinstance(layer, keras.layers.Lambda):
        config = {"name": layer.name, "output_shape": layer._output_shape, "arguments": layer.arguments}
        return Step(type(layer), config, layer.function, functions.source(layer.function))
    try:
        config = layer.get_config()
        type(layer).from_config(copy.deepcopy(config))
    except Exception as error:  # a custom layer whose config does not rebuild it
        raise UnreadableModel(
            f"Layer {layer.name!r} ({type(layer).__name__}) cannot be copied from its config: {error}"
        ) from error
    return Step(type(layer), config)


def _entry(first: Any) -> Entry | None:
    if isinstance(first, keras.KerasTensor):
        operation = getattr(first, "_keras_history", (None,))[0]
        if not isinstance(operation, keras.layers.InputLayer):
            raise UnreadableModel(
                "The first item is a tensor that no keras.Input made: start the list with keras.Input(shape=...)."
            )
        return _input_layer_entry(operation)
    if isinstance(first, keras.layers.InputLayer):
        return _input_layer_entry(first)
    return None


def _input_layer_entry(layer: keras.layers.InputLayer) -> Entry:
    config = layer.get_config()
    batch, *shape = config["batch_shape"]
    return Entry(tuple(shape), batch, str(config.get("dtype") or "float32"), layer.name)


def _entry_from_layer_argument(first: Any) -> Entry:
    shape = getattr(first, "_input_shape_arg", None)
    if shape is None:
        raise UnreadableModel(
            "The model has no input shape: start the list with keras.Input(shape=...), the shape of one sample."
        )
    return Entry(tuple(shape))


def _functional_chain(model: keras.Model) -> list[Any]:
    """The input layer and the layers of a Functional model in which each layer takes the previous one's output."""
    layers = [layer for layer in model.layers]
    if len(model.inputs) != 1 or len(model.outputs) != 1 or not isinstance(layers[0], keras.layers.InputLayer):
        raise UnreadableModel("The doctor reads a Functional model only when it is one chain of layers.")
    for previous, layer in zip(layers, layers[1:]):
        if len(layer._inbound_nodes) != 1 or layer._inbound_nodes[0].parent_nodes != previous._inbound_nodes[:1]:
            raise UnreadableModel("The doctor reads a Functional model only when it is one chain of layers.")
    return layers
