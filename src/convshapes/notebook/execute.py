"""The one way convshapes runs a notebook: a fresh kernel, a given working folder, a quiet environment."""

from __future__ import annotations

import os
from pathlib import Path

import nbclient
import nbformat
from nbclient.exceptions import CellTimeoutError, DeadKernelError

# Passed to every kernel we start: TensorFlow's start-up log stays out of outputs, hashing is repeatable.
QUIET_KERNEL_ENVIRONMENT = {"TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONHASHSEED": "0"}


def thread_share(kernels: int) -> dict[str, str]:
    """Kernel environment that gives each of ``kernels`` kernels running at once its share of the cores.

    TensorFlow and PyTorch otherwise size their thread pools to the whole machine in every kernel, and
    kernels side by side slow each other down. Thread counts change only the last bits of some floats,
    which no compared output shows."""
    share = str(max(1, (os.cpu_count() or 1) // kernels))
    return {"TF_NUM_INTRAOP_THREADS": share, "TF_NUM_INTEROP_THREADS": share, "OMP_NUM_THREADS": share}


def printed_text(cell) -> str:
    """What an executed cell printed on stdout."""
    return "".join(output.get("text", "") for output in cell.outputs if output.get("name") == "stdout")


class ExecutionStopped(RuntimeError):
    """A notebook stopped before its last cell: a cell ran out of time or the kernel died."""


def execute(
    notebook: nbformat.NotebookNode,
    folder: Path,
    timeout: int,
    allow_errors: bool = False,
    environment: dict[str, str] | None = None,
) -> nbformat.NotebookNode:
    """Run a copy of ``notebook`` top to bottom in ``folder`` and return it with its outputs.

    Cells tagged ``raises-exception`` may fail; with ``allow_errors`` any cell may. ``environment`` is
    added to this process's for the kernel only. Raises :class:`ExecutionStopped` saying why a run ended
    early, and nbclient's ``CellExecutionError`` for an unexpected error when errors are not allowed.
    """
    notebook = nbformat.from_dict(notebook)
    client = nbclient.NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",
        allow_errors=allow_errors,
        record_timing=False,
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
        resources={"metadata": {"path": str(folder)}},
    )
    try:
        client.execute(env={**os.environ, **QUIET_KERNEL_ENVIRONMENT, **(environment or {})})
    except CellTimeoutError as error:
        raise ExecutionStopped(f"a cell ran longer than {timeout} seconds and was stopped.") from error
    except DeadKernelError as error:
        raise ExecutionStopped("the Python kernel died (for example os._exit, a crash or too much memory).") from error
    return notebook
