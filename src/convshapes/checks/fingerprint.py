"""Salted SHA-256 fingerprints of canonical answers, and a check's reference in fingerprinted form.

A fingerprinted reference lets a judge recognise the right answer and every typical wrong one without
holding either in clear text: the exercise's answer key stores only this form. Model contracts, input
shapes and public test cases are part of the question, so they stay plain.
"""

from __future__ import annotations

import hashlib
import json

import numpy as np


def canonical(value: object) -> str:
    """One text per value: JSON with sorted keys and no spaces (tuples read as lists)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"))


class Fingerprinter:
    """Fingerprints for one question: SHA-256 of the salt, the question id and the canonical value."""

    def __init__(self, salt: str, question: str):
        self.prefix = f"{salt}\0{question}\0"

    def __call__(self, value: object) -> str:
        return hashlib.sha256((self.prefix + canonical(value)).encode()).hexdigest()[:32]


def _sizes_in_any_order(shape: list) -> list:
    return sorted(shape, key=str)


def fingerprint_shape(reference: dict, fingerprint: Fingerprinter, public_only: bool = False) -> dict:
    expected = list(reference["expected"])
    return {
        "expected": fingerprint(expected),
        "rank": len(expected),
        "without_batch": fingerprint(expected[1:]),
        "sizes_in_any_order": fingerprint(_sizes_in_any_order(expected)),
        "axes": [fingerprint([axis, size]) for axis, size in enumerate(expected)],
        "hints": {fingerprint(list(shape)): hint for shape, hint in reference.get("hints", [])},
    }


def fingerprint_value(reference: dict, fingerprint: Fingerprinter, public_only: bool = False) -> dict:
    expected = reference["expected"]
    return {
        "expected": fingerprint(expected),
        "type": "integer" if isinstance(expected, int) else "string",
        "hints": {fingerprint(value): hint for value, hint in reference.get("hints", [])},
    }


def fingerprint_placement(reference: dict, fingerprint: Fingerprinter, public_only: bool = False) -> dict:
    return {
        "input_shape": list(reference["input_shape"]),
        "shape": list(np.shape(reference["expected"])),
        "expected": fingerprint(reference["expected"]),
        "known_orders": {fingerprint(order): name for name, order in reference.get("known_orders", {}).items()},
    }


def fingerprint_cases(reference: dict, fingerprint: Fingerprinter, public_only: bool = False) -> dict:
    """With ``public_only``, the cases past the public ones are left out."""
    count = reference.get("public_cases", len(reference["cases"])) if public_only else len(reference["cases"])
    return {
        "cases": reference["cases"][:count],
        "argument_names": list(reference["argument_names"]),
        "expected": [fingerprint([index, result]) for index, result in enumerate(reference["expected"][:count])],
        "mistakes": {
            hint: [fingerprint([index, result]) for index, result in enumerate(results[:count])]
            for hint, results in reference.get("mistakes", {}).items()
        },
    }


def model_contract(reference: dict, fingerprint: Fingerprinter, public_only: bool = False) -> dict:
    """A model's contract is part of its question: it stays plain."""
    return dict(reference)
