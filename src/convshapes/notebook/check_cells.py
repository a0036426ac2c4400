"""Reading a check cell: the one ``check_<kind>(question, answer, ...)`` call it makes, and its answer."""

from __future__ import annotations

import ast

from ..checks.kinds import KINDS, kind_named


def answer_expression(check_source: str, question_id: str, kind: str | None = None) -> str:
    """The source of the answer the cell's one ``check_<kind>`` call inspects (any kind if ``kind`` is None)."""
    names = {kind_named(kind).function_name} if kind else {each.function_name for each in KINDS.values()}
    calls = [
        node
        for node in ast.walk(ast.parse(check_source))
        if isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in names
    ]
    if len(calls) != 1 or len(calls[0].args) < 2:
        wanted = f"check_{kind}" if kind else "check_<kind>"
        raise ValueError(
            f"the check cell for {question_id!r} must make exactly one {wanted}(question, answer, ...) call"
        )
    return ast.get_source_segment(check_source, calls[0].args[1])


def plain_name(expression: str) -> str:
    """``globals().get("name", ...)`` as the bare ``name`` a student reads; any other expression unchanged."""
    node = ast.parse(expression, mode="eval").body
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "get"
        and isinstance(node.func.value, ast.Call)
        and getattr(node.func.value.func, "id", "") == "globals"
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
        and node.args[0].value.isidentifier()
    ):
        return node.args[0].value
    return expression
