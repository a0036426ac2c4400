"""The shape doctor: read a broken Keras model, find the first layer that does not fit, and propose fixes that
are checked to build (``convshapes.diagnose``); ``%load_ext convshapes`` shows its fixes under a failing cell.

Where Keras' message is one the error decoder knows, the diagnosis shows the decoder's explanation as it is;
the doctor adds what only the model can tell: where it breaks, and which changes build. Its modules import
Keras, so they load on first use (PEP 562): loading the IPython extension imports only the decoder.
"""

from ..lazy import lazy_names

_LAZY = {"diagnose": ".diagnosis", "Diagnosis": ".report", "Fix": ".report"}

__all__ = ["Diagnosis", "Fix", "diagnose"]

__getattr__, __dir__ = lazy_names(__name__, _LAZY)
