"""convshapes: get tensor shapes right between Keras Conv1D and Conv2D layers.

The learner's API is the pure shape arithmetic of ``convshapes.shapes``; pictures live in
``convshapes.figures`` and the exercise checks in ``convshapes.checks``.
"""

from .decoder import explain as explain  # ``convshapes.explain(message)``; not part of ``import *``
from .shapes import *  # noqa: F403  (the learner's API is exactly the shapes API)
from .shapes import __all__ as __all__
