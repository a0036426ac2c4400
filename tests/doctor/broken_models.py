"""The real broken models of ``broken_models.yaml``, made into the layer lists their threads wrote."""

from __future__ import annotations

import linecache
from pathlib import Path

import yaml

MODELS_FILE = Path(__file__).with_name("broken_models.yaml")
ENTRIES: list[dict] = yaml.safe_load(MODELS_FILE.read_text(encoding="utf-8"))


def layers_of(entry: dict) -> tuple[list, dict]:
    """The entry's layer list (fresh layers each call) and the namespace its code runs in.

    The source is registered with linecache under its own file name, as IPython does for a cell, so that the
    doctor finds a Lambda's source the way it finds it in a notebook.
    """
    import keras
    from keras import layers

    namespace = {"keras": keras, "layers": layers}
    if entry.get("imports"):
        exec(entry["imports"], namespace)
    filename = f"<broken model {entry['id']}>"
    source = entry["layers"]
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    return eval(compile(source, filename, "eval"), namespace), namespace


def expected_shapes(entry: dict) -> list[tuple] | None:
    """The output shapes of a correct fix the thread gives (None for the batch axis), or None."""
    expected = entry["expected"]
    if expected is None:
        return None
    shapes = expected if isinstance(expected[0], list) else [expected]
    return [tuple(shape) for shape in shapes]
