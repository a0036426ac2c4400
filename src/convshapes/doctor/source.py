"""A plan as Python source: the layer list a reader copies, with only the arguments that differ from Keras' defaults.

The source assumes ``import keras`` and ``from keras import layers``; a Lambda is written with its own source
(or its function's name), so it needs what that function uses.
"""

from __future__ import annotations

import copy
import inspect
from typing import Any

import keras

from .plan import Entry, Plan, Step, automatic_name, snake_case

_IMPLIED = {"Bidirectional": ("backward_layer",)}
"""Config entries a wrapper makes itself from its layer (Bidirectional's backward copy): never written."""
_WRAPPED = {"Bidirectional": ("zero_output_for_mask", "name")}
"""Arguments a wrapper sets on the layer it wraps (Bidirectional names it forward_...): not written."""


def plan_source(plan: Plan) -> str:
    """The plan as a Python list expression, one layer a line."""
    lines = [entry_source(plan.entry), *(step_source(step) for step in plan.steps)]
    return "[\n" + "".join(f"    {line},\n" for line in lines) + "]"


def entry_source(entry: Entry) -> str:
    """``keras.Input(shape=...)`` with the batch size, dtype and name when they are not the defaults."""
    parts = [f"shape={value_source(tuple(entry.shape))}"]
    if entry.batch_size is not None:
        parts.append(f"batch_size={entry.batch_size}")
    if entry.dtype != "float32":
        parts.append(f"dtype={value_source(entry.dtype)}")
    if not automatic_name(entry.name, "InputLayer"):
        parts.append(f"name={value_source(entry.name)}")
    return f"keras.Input({', '.join(parts)})"


def step_source(step: Step, hidden: tuple[str, ...] = ()) -> str:
    """The call that makes the layer, e.g. ``layers.Conv2D(32, (3, 3), activation="relu")``."""
    prefix = "layers." if getattr(keras.layers, step.class_name, None) is step.cls else ""
    if step.function is not None:
        return prefix + _lambda_source(step)
    required = required_arguments(step.cls)
    defaults = _defaults(step, required)
    parts = [_argument_source(step, name) for name in required]
    for key, value in step.config.items():
        if key in required or key == "name" or key in hidden or key in _IMPLIED.get(step.class_name, ()):
            continue
        if not (key in defaults and defaults[key] == value):
            parts.append(f"{key}={value_source(value)}")
    if "name" not in hidden and not automatic_name(step.name, step.class_name):
        parts.append(f"name={value_source(step.name)}")
    return f"{prefix}{step.class_name}({', '.join(parts)})"


def _argument_source(step: Step, name: str) -> str:
    value = step.config[name]
    if isinstance(value, dict) and "class_name" in value and "config" in value:
        return _object_source(value, step.class_name)
    return value_source(value)


def _lambda_source(step: Step) -> str:
    function = step.source or f"<the function {getattr(step.function, '__name__', '?')}>"
    parts = [function]
    if step.config.get("output_shape") is not None:
        parts.append(f"output_shape={value_source(step.config['output_shape'])}")
    if step.config.get("arguments"):
        parts.append(f"arguments={value_source(step.config['arguments'])}")
    if not automatic_name(step.name, "Lambda"):
        parts.append(f"name={value_source(step.name)}")
    return f"Lambda({', '.join(parts)})"


def required_arguments(cls: type) -> list[str]:
    """The arguments a layer class cannot be made without (``filters``, ``kernel_size`` for Conv2D)."""
    parameters = inspect.signature(cls.__init__).parameters.values()
    kinds = (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)
    return [p.name for p in parameters if p.name != "self" and p.kind in kinds and p.default is inspect.Parameter.empty]


def _defaults(step: Step, required: list[str]) -> dict[str, Any]:
    """The config of the same class made with only its required arguments."""
    arguments = {name: _live(step.config[name]) for name in required if name in step.config}
    try:
        return step.cls(**arguments, name=step.name).get_config()
    except Exception:
        return {}


def _live(value: Any) -> Any:
    """A serialized layer as a layer (a wrapper's required argument), anything else as it is."""
    if isinstance(value, dict) and "class_name" in value and "config" in value:
        return keras.layers.deserialize(copy.deepcopy(value))
    return value


def value_source(value: Any) -> str:
    """A config value as Python source: tuples, strings in double quotes, nested layers and Keras objects."""
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, tuple):
        inside = ", ".join(value_source(item) for item in value)
        return f"({inside},)" if len(value) == 1 else f"({inside})"
    if isinstance(value, list):
        return "[" + ", ".join(value_source(item) for item in value) + "]"
    if isinstance(value, dict) and "class_name" in value and "config" in value:
        return _object_source(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{value_source(key)}: {value_source(item)}" for key, item in value.items()) + "}"
    return repr(value)


def _object_source(serialized: dict[str, Any], wrapper: str = "") -> str:
    """A serialized Keras object: a layer as its call, an initializer with default settings by its name."""
    module = serialized.get("module") or ""
    if module.startswith("keras.layers") or module.startswith("keras.src.layers"):
        layer = keras.layers.deserialize(copy.deepcopy(serialized))
        return step_source(Step(type(layer), layer.get_config()), hidden=_WRAPPED.get(wrapper, ()))
    if serialized["class_name"] == "DTypePolicy":
        return value_source(serialized["config"]["name"])
    name = _short_name(serialized)
    if name is not None:
        return value_source(name)
    arguments = ", ".join(f"{key}={value_source(item)}" for key, item in serialized["config"].items())
    return f"{module}.{serialized['class_name']}({arguments})"


def _short_name(serialized: dict[str, Any]) -> str | None:
    """The string Keras accepts for this object (``"he_normal"``) when it stands for exactly these settings."""
    module = serialized.get("module") or ""
    getter = {"keras.initializers": keras.initializers.get, "keras.regularizers": keras.regularizers.get}.get(module)
    if getter is None:
        return None
    name = snake_case(serialized["class_name"])
    try:
        same = keras.saving.serialize_keras_object(getter(name)) == serialized
    except Exception:
        return None
    return name if same else None
