"""Notebooks as the book keeps them: canonical form, the install cell, question metadata, answer markers, one executor."""
