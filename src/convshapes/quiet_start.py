"""Import TensorFlow without its known start-up noise on stderr; any other line it writes still shows.

Some TensorFlow builds write lines such as ``Unable to register cuDNN factory`` from C++ start-up code straight to
file descriptor 2, before ``TF_CPP_MIN_LOG_LEVEL`` takes effect. The lines known to be harmless are the regular
expressions in ``data/startup_noise.txt``; anything else written during the import is passed on to stderr.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import re
import sys
import tempfile
from importlib import resources

NOISE_FILE = "startup_noise.txt"


def noise_patterns() -> list[re.Pattern[str]]:
    """The known start-up noise: one regular expression per line of the data file, skipping comments and blanks."""
    text = (resources.files("convshapes") / "data" / NOISE_FILE).read_text(encoding="utf-8")
    return [re.compile(line) for line in text.splitlines() if line.strip() and not line.startswith("#")]


def without_noise(text: str) -> str:
    """``text`` without the lines that a noise pattern matches whole; every other line is kept as it was."""
    patterns = noise_patterns()
    lines = text.splitlines(keepends=True)
    return "".join(line for line in lines if not any(p.fullmatch(line.rstrip("\r\n")) for p in patterns))


def import_tensorflow_quietly() -> None:
    """Import TensorFlow, if installed, writing to stderr only what it printed that is not known start-up noise.

    A broken TensorFlow still raises its error, after what it printed has been written out."""
    if importlib.util.find_spec("tensorflow") is None:
        return  # Keras may run on another backend
    sys.stderr.flush()
    saved = os.dup(2)
    with tempfile.TemporaryFile() as captured:
        os.dup2(captured.fileno(), 2)
        try:
            importlib.import_module("tensorflow")
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)
            captured.seek(0)
            kept = without_noise(captured.read().decode("utf-8", errors="replace"))
            if kept:
                sys.stderr.write(kept)
                sys.stderr.flush()
