"""The sentence of an error message that a reader searches for, without the wrapping that varies."""

from __future__ import annotations

import re

# Terminal colour codes, as Keras 3.13 and later put around the detail of an error.
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_FUNCTION_NODE = re.compile(r"\{\{function_node [^}]*\}\}\s*")
_OP_SUFFIX = re.compile(r"\s*\[Op:\w+\].*$", re.DOTALL)
_KERAS_WRAPPER = re.compile(r"^Exception encountered when calling [\w.]+\(\)\.\s*")


def without_colours(text: str) -> str:
    """``text`` without terminal colour codes."""
    return _ANSI.sub("", text)


def essential_message(message: str) -> str:
    """The error's own words: no colour codes, TensorFlow node names, op suffix or Keras call wrapper.

    Keras 3 wraps errors raised inside a layer as "Exception encountered when calling X.call().", then the
    detail, then the arguments it received; the detail is what names the problem.
    """
    text = _FUNCTION_NODE.sub("", without_colours(message)).strip()
    text = _KERAS_WRAPPER.sub("", text)
    text = text.split("\n\nArguments received by", 1)[0]
    return _OP_SUFFIX.sub("", text).strip()


def first_sentence(message: str) -> str:
    """The first sentence of :func:`essential_message`: the words that stay the same whatever the numbers."""
    text = " ".join(essential_message(message).split())
    match = re.match(r"(.+?\.)(\s|$)", text)
    return match.group(1) if match else text
