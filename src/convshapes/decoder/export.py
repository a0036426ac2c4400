"""The pattern table as JSON (in a script) for the website's "Paste your error" page (written at build time, never committed)."""

from __future__ import annotations

import json
from pathlib import Path

from .families import ANSI, FAMILIES, SHAPE_ITEM, section_page


def javascript_pattern(pattern: str) -> str:
    """A table pattern in JavaScript's spelling: named groups ``(?<name>...)`` instead of ``(?P<name>...)``."""
    return pattern.replace("(?P<", "(?<")


def table() -> dict:
    """The families, their wordings and routes, and the page of every section they link to."""
    anchors = sorted({route.anchor for family in FAMILIES for route in family.routes if route.anchor})
    return {
        "ansi": ANSI,
        "shape_item": SHAPE_ITEM,
        "pages": {anchor: section_page(anchor) for anchor in anchors},
        "families": [
            {
                "id": family.id,
                "title": family.title,
                "cause": family.cause,
                "wordings": [
                    {"source": wording.source, "label": wording.label, "pattern": javascript_pattern(wording.pattern)}
                    for wording in family.wordings
                ],
                "routes": [{"anchor": route.anchor, "when": route.when} for route in family.routes],
            }
            for family in FAMILIES
        ],
    }


SCRIPT_GLOBAL = "convshapesDecoderTable"


def write_table(path: Path) -> Path:
    """Write the table to ``path``: JSON in a script that sets ``window.convshapesDecoderTable``.

    A script, not a bare .json file, so that the page also works opened from disk (file://), where a browser
    refuses to fetch JSON.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"window.{SCRIPT_GLOBAL} = {json.dumps(table(), indent=1, sort_keys=True)};\n")
    return path
