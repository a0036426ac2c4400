"""The shape doctor: read a broken Keras model, find the first layer that does not fit, and propose fixes that
are checked to build (``convshapes.diagnose``); ``%load_ext convshapes`` shows its fixes under a failing cell.

Where Keras' message is one the error decoder knows, the diagnosis shows the decoder's explanation as it is;
the doctor adds what only the model can tell: where it breaks, and which changes build. Its modules import
Keras, so they load on first use (PEP 562): loading the IPython extension imports only the decoder.
"""

from importlib import import_module

_LAZY = {"diagnose": ".diagnosis", "Diagnosis": ".report", "Fix": ".report"}

__all__ = ["Diagnosis", "Fix", "diagnose"]


def __getattr__(name: str):
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
