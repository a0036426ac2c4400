"""Execute a notebook in a fresh kernel in a scratch folder, keeping going past failing cells."""

from __future__ import annotations

import os
import tempfile

import nbclient
import nbformat
from nbclient.exceptions import CellTimeoutError, DeadKernelError


def execute(notebook: nbformat.NotebookNode, timeout: int = 60) -> tuple[nbformat.NotebookNode, str | None]:
    """Run ``notebook`` (a copy) top to bottom; return it and why execution stopped early, if it did."""
    notebook = nbformat.from_dict(notebook)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    with tempfile.TemporaryDirectory(prefix="convshapes-run-") as folder:
        client = nbclient.NotebookClient(
            notebook,
            timeout=timeout,
            kernel_name="python3",
            allow_errors=True,
            record_timing=False,
            extra_arguments=["--IPKernelApp.log_level=ERROR"],
            resources={"metadata": {"path": folder}},
        )
        try:
            client.execute()
        except CellTimeoutError:
            return notebook, f"a cell ran longer than {timeout} seconds and was stopped."
        except DeadKernelError:
            return notebook, "the Python kernel died (for example os._exit, a crash or too much memory)."
    return notebook, None
