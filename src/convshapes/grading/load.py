"""Read a submission without trusting it: invalid JSON, schema errors and wrong kernels are named."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import nbformat

from .settings import GradingSettings
from .status import SubmissionStatus


@dataclass(frozen=True)
class Loaded:
    """A readable notebook with its hash, or the reason it could not be read."""

    sha256: str
    notebook: nbformat.NotebookNode | None
    status: SubmissionStatus | None  # None: readable
    message: str


def load(path: Path, max_bytes: int = GradingSettings.max_submission_bytes) -> Loaded:
    """Read ``path`` (read only) and check that it is a notebook we can grade, of at most ``max_bytes``."""
    size = path.stat().st_size
    if size > max_bytes:  # hashed in chunks, never read whole
        with path.open("rb") as file:
            digest = hashlib.file_digest(file, "sha256").hexdigest()
        megabytes = -(-size // 1024**2)
        return Loaded(
            digest,
            None,
            SubmissionStatus.TOO_LARGE,
            f"the file is about {megabytes} MB, more than the {max_bytes / 1024**2:g} MB allowed; "
            "clear the outputs and submit again.",
        )
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
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
