"""Data against a model's inputs: how many arrays fit or a layer call received, and the keys of a dict of inputs."""

from __future__ import annotations

import difflib
import re

from .numbers import Facts, number, yes


def names(value: str | None) -> list[str]:
    """The quoted names of a list as messages print it: ``['signal', 'spectrogram']``."""
    return re.findall(r"""['"]([^'"]+)['"]""", value or "")


def derive_count(facts: Facts) -> Facts:
    """``fewer``: the model got fewer arrays than it has inputs; ``symbolic``: the tensors received are a
    functional model's (KerasTensors), so a layer was called on a list while the model was built."""
    expected, received = number(facts, "expected"), number(facts, "received")
    return {
        "fewer": yes(expected is not None and received is not None and received < expected),
        "symbolic": yes("KerasTensor" in facts.get("tensors", "")),
        "pair_to_one": yes(expected == 1 and received == 2),
    }


def read_count(facts: Facts) -> str:
    """What the count message says."""
    if "missing" in facts:
        return (
            f"The model has an input named {facts['missing']!r}, and the dict of data has no key of that name "
            f"(its keys: {', '.join(names(facts.get('given'))) or 'not shown'})."
        )
    return (
        f"{facts.get('layer', 'The model')} takes {facts['expected']} input(s), one array (or tensor) each, and "
        f"received {facts['received']}."
    )


def feed_every_input(facts: Facts) -> str:
    """Give a model with several inputs one array per input, as a list or tuple in its order, or a dict."""
    keys = names(facts.get("keys"))
    as_dict = "{" + ", ".join(f"{key!r}: ..." for key in keys) + "}" if keys else "{'input_name': ..., ...}"
    return (
        f"The model has {facts['expected']} inputs: give fit, predict and evaluate one array per input, as a list "
        f"or tuple in the order of model.inputs ([x_1, x_2]) or as a dict keyed by the inputs' names ({as_dict}). "
        "With tf.data, each element must be (inputs, labels) with the inputs in a tuple or dict of their own: "
        "Dataset.from_tensor_slices(((x_1, x_2), y)), not (x_1, x_2, y); print model.inputs for the order and names."
    )


def join_pair(facts: Facts) -> str:
    """A layer that takes one tensor was called on two: join them first."""
    return (
        "The layer was called on a list of two tensors. Bidirectional(..., merge_mode=None) returns its two "
        "directions as a list: join them before the next layer, with layers.Concatenate() (width 2 x units) or "
        "layers.Average() (width units), or keep merge_mode='concat'. Any other pair of branches is joined the same "
        "way before a layer that takes one tensor."
    )


def match_keys(facts: Facts) -> str:
    """A dict of inputs whose keys miss one of the model's input names: name the closest key given."""
    missing, given = facts["missing"], names(facts.get("given"))
    expected = [key for key in names(facts.get("expected_keys")) if key not in given]
    spare = [key for key in given if key not in names(facts.get("expected_keys"))]
    close = difflib.get_close_matches(missing, spare, n=1, cutoff=0.6)
    if close:
        return (
            f"Your key {close[0]!r} looks like the input name {missing!r} misspelt: use the names of model.inputs "
            f"(keras.Input(name=...)) as the dict's keys, {{{missing!r}: ...}}."
        )
    lacking = ", ".join(repr(key) for key in expected) or repr(missing)
    return (
        f"Add data for {lacking}: a dict of inputs needs one key per model input, named as keras.Input(name=...) "
        "names them (print [t.name for t in model.inputs]); with tf.data, each element is (dict_of_inputs, labels)."
    )
