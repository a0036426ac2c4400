"""convshapes: get tensor shapes right between Keras Conv1D and Conv2D layers.

The learner's API is the pure shape arithmetic of ``convshapes.shapes``; pictures live in
``convshapes.figures`` and the exercise checks in ``convshapes.checks``.

The shapes API is looked up in ``convshapes.shapes`` on first use (PEP 562), so ``import convshapes.decoder``
needs no numpy: the website runs the decoder in Pyodide's core, which has none. ``convshapes.diagnose`` (the
shape doctor, which needs Keras) and the IPython extension's hooks (``%load_ext convshapes``) load the same way.
"""

from importlib import import_module

from . import shapes as _shapes
from .decoder import explain as explain  # ``convshapes.explain(message)``; not part of ``import *``
from .shapes import __all__ as __all__

_ELSEWHERE = {
    "diagnose": ".doctor",
    "load_ipython_extension": ".doctor.extension",
    "unload_ipython_extension": ".doctor.extension",
}
"""Names looked up elsewhere on first use, not part of ``import *``."""


def __getattr__(name: str):
    if name in __all__:
        value = getattr(_shapes, name)
    elif name in _ELSEWHERE:
        value = getattr(import_module(_ELSEWHERE[name], __name__), name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__, *_ELSEWHERE})
