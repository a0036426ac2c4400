"""``%load_ext convshapes``: a failing cell's shape error is followed, under its traceback, by the error decoder's
explanation and the fix for its numbers; where the failing layers can be read from the traceback, by the shape
doctor's diagnosis and its fixes checked to build. ``%unload_ext convshapes`` restores IPython's own handling.

It uses ``InteractiveShell.set_custom_exc``, which IPython 7.34 (Colab) and the lock's IPython both have. Errors
the decoder does not know, from cells whose layers cannot be read, are shown exactly as IPython shows them.
"""

from __future__ import annotations

from types import TracebackType

from ..decoder import explain

_SAVED = "_convshapes_saved_handler"
HEADER = "convshapes: what this error means (%unload_ext convshapes turns this off)"


def load_ipython_extension(shell) -> None:
    """Show the decoder's and the doctor's advice under every failing cell's traceback."""
    if not hasattr(shell, _SAVED):
        setattr(shell, _SAVED, (shell.custom_exceptions, shell.CustomTB))
    shell.set_custom_exc((Exception,), _show_with_advice)


def unload_ipython_extension(shell) -> None:
    """Give IPython back the handling it had before the extension was loaded."""
    saved = getattr(shell, _SAVED, None)
    if saved is not None:
        shell.custom_exceptions, shell.CustomTB = saved
        delattr(shell, _SAVED)


def _show_with_advice(shell, etype, value, traceback, tb_offset=None) -> None:
    """IPython's own traceback, then the advice, if there is any."""
    if issubclass(etype, SyntaxError):
        shell.showsyntaxerror()
        return
    shell.showtraceback((etype, value, traceback), tb_offset=tb_offset, running_compiled_code=True)
    try:
        text = advice(value, traceback)
    except Exception:  # advice is a bonus: never let it hide the error itself
        return
    if text:
        print(f"{HEADER}\n\n{text}")


def advice(error: BaseException, traceback: TracebackType | None) -> str | None:
    """The doctor's diagnosis of the failing model, else the decoder's explanation of the message, else None."""
    from .recover import failing_model

    model = failing_model(traceback)
    explanation = explain(f"{type(error).__name__}: {error}")
    if model is not None:
        from . import diagnose

        diagnosis = diagnose(model)
        if diagnosis.problem is not None:
            return str(diagnosis)
        if diagnosis.ok and explanation is not None:
            shapes = f"{diagnosis.ledger.rows[0].shape} to {diagnosis.output_shape}"
            return f"{explanation}\n\nThe shape doctor rebuilt the model: it builds, from {shapes}."
    return None if explanation is None else str(explanation)
