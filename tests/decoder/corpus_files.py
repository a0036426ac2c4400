"""The decoder's corpus of real messages (also the website's message index) and its look-alikes, as test data."""

from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
MESSAGES = HERE.parents[1] / "src" / "convshapes" / "data" / "messages.yaml"
CORPUS = yaml.safe_load(MESSAGES.read_text())
LOOKALIKES = yaml.safe_load((HERE / "lookalikes.yaml").read_text())


def is_public(record: dict) -> bool:
    """A record quoted from a public thread (the others were reproduced by running the library)."""
    return record["source"].startswith(("https://", "http://"))
