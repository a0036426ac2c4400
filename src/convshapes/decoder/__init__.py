"""Recognise an error message, read its numbers and explain every cause it can have (``convshapes explain``).

The pattern table is data, ``data/decoder.toml``, loaded by ``table``; ``explain`` matches with it and
``fixes`` computes what depends on the numbers. The website's "Paste your error" page runs this same Python
in the browser.
"""

from pathlib import Path

from .explain import Explanation, explain, explain_text
from .table import TABLE_FILE

DATA_FILES: tuple[Path, ...] = (TABLE_FILE,)
"""The data files the decoder reads at import time (the website bundles them with its Python modules)."""

__all__ = ["Explanation", "explain", "explain_text"]
