"""Plain-text tables as convshapes prints them: a header, a rule of dashes, columns two spaces apart."""

from __future__ import annotations

from collections.abc import Sequence


def text_table(header: Sequence[str], rows: Sequence[Sequence[str]], right_aligned: Sequence[int] = ()) -> str:
    """Columns as wide as their widest cell, left-aligned except the ``right_aligned`` column indexes."""
    widths = [max(len(line[column]) for line in [header, *rows]) for column in range(len(header))]

    def render(line: Sequence[str]) -> str:
        cells = [
            cell.rjust(width) if column in right_aligned else cell.ljust(width)
            for column, (cell, width) in enumerate(zip(line, widths))
        ]
        return "  ".join(cells).rstrip()

    return "\n".join([render(header), "  ".join("-" * width for width in widths), *(render(line) for line in rows)])
