"""The global names a code cell binds and reads, by Python's own scoping rules (the standard ``symtable``).

A cell's IPython syntax (``%magic``, ``!command``) is first turned into Python as IPython itself does; the
arguments of a magic stay a string, so a name used only there is not seen."""

from __future__ import annotations

import symtable


def as_python(source: str) -> str:
    """The cell's source with its IPython syntax turned into plain Python, as IPython runs it."""
    from IPython.core.inputtransformer2 import TransformerManager

    return TransformerManager().transform_cell(source)


def _module_table(source: str) -> symtable.SymbolTable:
    return symtable.symtable(as_python(source), "<cell>", "exec")


def bound_names(source: str) -> dict[str, bool]:
    """Names the cell binds at module level (assignments, definitions, loop targets, imports), each mapped to
    whether an import binds it."""
    return {
        symbol.get_name(): symbol.is_imported()
        for symbol in _module_table(source).get_symbols()
        if symbol.is_assigned() or symbol.is_imported()
    }


def read_names(source: str) -> set[str]:
    """Global names the cell reads anywhere, function and class bodies included (a name it binds and then
    reads at module level counts too: the analysis errs on the side of reading)."""
    names, tables = set(), [_module_table(source)]
    while tables:
        table = tables.pop()
        module_level = table.get_type() == "module"  # a str, or a str enum from Python 3.13 on
        names |= {
            symbol.get_name()
            for symbol in table.get_symbols()
            if symbol.is_referenced() and (module_level or symbol.is_global())
        }
        tables += table.get_children()
    return names
