"""The decoder's corpus of real messages (also the website's message index) and its look-alikes, as test data."""

from pathlib import Path

import yaml

from convshapes.decoder.table import MESSAGES_FILE

HERE = Path(__file__).resolve().parent
CORPUS = yaml.safe_load(MESSAGES_FILE.read_text())
LOOKALIKES = yaml.safe_load((HERE / "lookalikes.yaml").read_text())


def is_public(record: dict) -> bool:
    """A record quoted from a public thread (the others were reproduced by running the library)."""
    return record["source"].startswith(("https://", "http://"))
