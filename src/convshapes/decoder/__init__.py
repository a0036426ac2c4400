"""Recognise an error message, read its numbers and explain the fix for them (``convshapes explain``).

``families`` is the one pattern table: Python matches with it here, and the website's "Paste your error"
page matches with the same table, exported as JSON by ``export``.
"""

from .explain import Explanation, explain, explain_text

__all__ = ["Explanation", "explain", "explain_text"]
