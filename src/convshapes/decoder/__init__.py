"""Recognise an error message, read its numbers and explain the fix for them (``convshapes explain``).

``families`` is the one pattern table: Python matches with it here, and the website's "Paste your error"
page matches with the same table, exported as JSON by ``export``.
"""

from pathlib import Path

from .explain import Explanation, explain, explain_text

DATA_FILES: tuple[Path, ...] = ()
"""The data files the decoder reads at import time (the website bundles them with its Python modules)."""

__all__ = ["Explanation", "explain", "explain_text"]
