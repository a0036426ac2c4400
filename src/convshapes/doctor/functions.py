"""A Lambda layer's function as source, and what it does to a real batch.

Keras infers a Lambda's output shape by tracing its function on a symbolic tensor; where that fails, a
Sequential model is left without an output shape, silently. The doctor then runs the function on a real batch:
if it works there, its output shape (and whether it equals a Reshape or a Permute) is known.
"""

from __future__ import annotations

import ast
import inspect
import itertools
import linecache
import re
import types
from collections.abc import Callable

import numpy as np

_CUTS = re.compile(r"[,)\]}\n]")
_BACKEND = r"(tf_keras|keras|tensorflow\.keras)(\.src)?(\.api)?\.backend"


def source(function: Callable) -> str | None:
    """The text of a lambda (``lambda x: ...``) or the name of a def'd function, None when neither can be found."""
    if not isinstance(function, types.FunctionType):
        return None
    if function.__name__ != "<lambda>":
        return function.__name__
    code = function.__code__
    lines = linecache.getlines(code.co_filename, function.__globals__)
    text = "".join(lines[code.co_firstlineno - 1 : code.co_firstlineno + 20])
    for keyword in re.finditer(r"\blambda\b", text):
        tree = _shortest_expression(text[keyword.start() :])
        if tree is None:
            continue
        written, plain = tree
        for candidate in (written, plain):
            if _same_code(candidate, code):
                return candidate
    return None


def _shortest_expression(text: str) -> tuple[str, str] | None:
    """The shortest start of ``text`` that is a whole lambda expression, cut before a comma, a bracket or a line
    end: as written (comments dropped, lines joined) and as ``ast.unparse`` writes it."""
    for cut in itertools.chain(_CUTS.finditer(text), [None]):
        candidate = text[: cut.start()] if cut else text
        try:
            tree = ast.parse(f"({candidate}\n)", mode="eval")
        except SyntaxError:
            continue
        if isinstance(tree.body, ast.Lambda):
            written = " ".join(re.sub(r"#[^\n]*", "", candidate).split())
            return written, ast.unparse(tree.body)
    return None


def _same_code(candidate: str, code: types.CodeType) -> bool:
    try:
        compiled = compile(f"({candidate})", "<lambda source>", "eval")
    except SyntaxError:
        return False
    inner = [const for const in compiled.co_consts if isinstance(const, types.CodeType)]
    return bool(inner) and inner[0].co_code == code.co_code and inner[0].co_names == code.co_names


def backend_modules(function: Callable) -> dict[str, str]:
    """Names the function reads that are a Keras backend module (``K`` for ``from keras import backend as K``)."""
    if not isinstance(function, types.FunctionType):
        return {}
    found = {}
    for name, value in _names(function).items():
        if inspect.ismodule(value) and re.fullmatch(_BACKEND, value.__name__):
            found[name] = value.__name__
    return found


def _names(function: types.FunctionType) -> dict[str, object]:
    """What the function's global and free names stand for."""
    code = function.__code__
    known = {name: function.__globals__[name] for name in code.co_names if name in function.__globals__}
    cells = zip(code.co_freevars, function.__closure__ or ())
    return known | {name: cell.cell_contents for name, cell in cells if _filled(cell)}


def _filled(cell) -> bool:
    try:
        _ = cell.cell_contents
    except ValueError:  # a free name not assigned yet
        return False
    return True


def with_keras_ops(function: Callable, text: str, modules: dict[str, str]) -> tuple[Callable, str] | None:
    """The lambda with each backend module replaced by ``keras.ops``, and its source; None if that does not compile."""
    import keras

    new_text = text
    for name in modules:
        new_text = re.sub(rf"\b{re.escape(name)}\.", "keras.ops.", new_text)
    try:
        namespace = {**function.__globals__, **_names(function), "keras": keras}
        new_function = eval(new_text, namespace)  # the reader's own lambda, its backend calls spelled keras.ops
    except Exception:
        return None
    return new_function, new_text


def sample(shape: tuple[int | None, ...]) -> np.ndarray | None:
    """A batch of two samples of ``shape`` (its batch axis ignored) with fixed random values; None for unknown sizes."""
    sizes = shape[1:]
    if any(size is None for size in sizes):
        return None
    return np.random.default_rng(0).normal(size=(2, *sizes)).astype("float32")


def run(layer, batch: np.ndarray) -> np.ndarray | None:
    """The layer's output for a real batch, as an array; None if it raises or returns something else."""
    try:
        output = layer(batch)
        return np.asarray(output)
    except Exception:
        return None


def same_as_permute(batch: np.ndarray, output: np.ndarray) -> tuple[int, ...] | None:
    """The Permute dims that give ``output`` from ``batch`` (the identity excluded), or None."""
    axes = range(1, batch.ndim)
    for dims in itertools.permutations(axes):
        moved = np.transpose(batch, (0, *dims))
        if dims != tuple(axes) and output.shape == moved.shape and np.array_equal(output, moved):
            return dims
    return None


def same_as_reshape(batch: np.ndarray, output: np.ndarray) -> bool:
    """Whether ``output`` is ``batch`` reshaped, sample by sample."""
    return (
        output.size == batch.size
        and output.shape[0] == batch.shape[0]
        and np.array_equal(output.reshape(-1), batch.reshape(-1))
    )
