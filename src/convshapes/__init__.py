"""convshapes: get tensor shapes right between Keras Conv1D and Conv2D layers.

The learner's API is the pure shape arithmetic of ``convshapes.shapes``; pictures live in
``convshapes.figures`` and the exercise checks in ``convshapes.checks``.

The shapes API is looked up in ``convshapes.shapes`` on first use (PEP 562), so ``import convshapes.decoder``
needs no numpy: the website runs the decoder in Pyodide's core, which has none. ``convshapes.diagnose`` (the
shape doctor, which needs Keras) and the IPython extension's hooks (``%load_ext convshapes``) load the same way.
"""

from .decoder import explain as explain  # ``convshapes.explain(message)``; not part of ``import *``
from .lazy import lazy_names
from .shapes import __all__ as __all__

_ELSEWHERE = {
    "diagnose": ".doctor",
    "load_ipython_extension": ".doctor.extension",
    "unload_ipython_extension": ".doctor.extension",
}
"""Names looked up elsewhere on first use, not part of ``import *``."""


__getattr__, __dir__ = lazy_names(__name__, {**dict.fromkeys(__all__, ".shapes"), **_ELSEWHERE})
