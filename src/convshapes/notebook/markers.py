"""Answer regions (``# BEGIN SOLUTION`` ... ``# END SOLUTION``) and the stubs that replace them."""

from __future__ import annotations

import ast
import re
import textwrap

BEGIN = "# BEGIN SOLUTION"
END = "# END SOLUTION"
STUB_COMMENT = "# YOUR CODE HERE: replace the ... below with your answer."
_REGION = re.compile(rf"^([ \t]*){re.escape(BEGIN)}[ \t]*\n(.*?)^[ \t]*{re.escape(END)}[ \t]*$\n?", re.M | re.S)


class MarkerError(ValueError):
    """An answer region is malformed."""


def has_solution(source: str) -> bool:
    return BEGIN in source


def replace_regions(source: str, replacement) -> str:
    """Replace every answer region in ``source`` with ``replacement(indent, region_source)``."""
    if source.count(BEGIN) != source.count(END):
        raise MarkerError(f"unbalanced {BEGIN!r} / {END!r} markers in cell:\n{source}")
    result = _REGION.sub(lambda match: replacement(match.group(1), textwrap.dedent(match.group(2))), source)
    if BEGIN in result or END in result:
        raise MarkerError(f"{BEGIN!r} and {END!r} must each stand on a line of their own:\n{source}")
    return result


def stub(region: str) -> str:
    """A runnable stub for an answer region: each assignment becomes ``name = ...``, each function
    keeps its signature and returns ``...``, so an untouched notebook runs and every check fails."""
    try:
        tree = ast.parse(region)
    except SyntaxError as error:
        raise MarkerError(f"the answer region is not valid Python: {error}\n{region}") from error
    lines = [STUB_COMMENT]
    for statement in tree.body:
        if isinstance(statement, (ast.Assign, ast.AnnAssign)):
            targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
            lines.append(" = ".join(ast.unparse(target) for target in targets) + " = ...")
        elif isinstance(statement, ast.FunctionDef):
            signature = ast.unparse(statement.args)
            lines.append(f"def {statement.name}({signature}):")
            docstring = ast.get_docstring(statement)
            if docstring:
                lines.append(f'    """{docstring}"""')
            lines.append("    return ...")
        elif isinstance(statement, (ast.Import, ast.ImportFrom)):
            lines.append(ast.unparse(statement))
    return "\n".join(lines) + "\n"


def stub_regions(source: str) -> str:
    """The cell as students receive it: every answer region replaced by its stub."""
    return replace_regions(source, lambda indent, region: textwrap.indent(stub(region), indent))
