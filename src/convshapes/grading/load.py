"""Read a submission without trusting it: invalid JSON, schema errors and wrong kernels are named."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import nbformat

from .status import SubmissionStatus

MAX_SUBMISSION_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class Loaded:
    """A readable notebook with its hash, or the reason it could not be read."""

    sha256: str
    notebook: nbformat.NotebookNode | None
    status: SubmissionStatus | None  # None: readable
    message: str


def load(path: Path) -> Loaded:
    """Read ``path`` (read only) and check that it is a notebook we can grade."""
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if len(data) > MAX_SUBMISSION_BYTES:
        return Loaded(
            digest,
            None,
            SubmissionStatus.TOO_LARGE,
            f"the file is {len(data) // 1024 // 1024} MB; clear the outputs and submit again.",
        )
    try:
        content = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:  # JSONDecodeError is a ValueError
        return Loaded(
            digest,
            None,
            SubmissionStatus.INVALID_JSON,
            f"the file is not valid notebook JSON ({error}); re-download it from Jupyter or Colab.",
        )
    try:
        notebook = nbformat.reads(json.dumps(content), as_version=4)
        nbformat.validate(notebook)
    except Exception as error:
        first = str(error).strip().splitlines()[0][:200] if str(error).strip() else type(error).__name__
        return Loaded(
            digest, None, SubmissionStatus.INVALID_NOTEBOOK, f"the file is JSON but not a valid notebook: {first}"
        )
    kernel = notebook.metadata.get("kernelspec", {}).get("name", "python3")
    message = "" if kernel == "python3" else f"the notebook asked for kernel {kernel!r}; it was graded with Python 3."
    return Loaded(digest, notebook, None, message)
