"""The folder listing is the architecture: no import circle between the package's rooms or its modules, pure shapes."""

import ast
import graphlib
import subprocess
import sys
from pathlib import Path

import pytest

import convshapes

PACKAGE = Path(convshapes.__file__).resolve().parent


def room(module: str) -> str:
    """The room a module lives in: ``convshapes.grading.load`` -> ``grading``; top-level modules are their own."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "convshapes"


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__")


MODULES = {module_name(path): path for path in PACKAGE.rglob("*.py")}


def imported_modules(path: Path) -> set[str]:
    """Every convshapes module ``path`` imports, at module level, inside a function or for type checking alone.

    ``from .pkg import name`` counts as an import of ``pkg.name`` where that is a module, else of ``pkg``.
    """
    module = module_name(path)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("convshapes")}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            if base.startswith("convshapes"):
                submodules = {f"{base}.{alias.name}" for alias in node.names} & MODULES.keys()
                found |= submodules
                if len(submodules) < len(node.names):
                    found.add(base)
    return found - {module}


def module_graph() -> dict[str, set[str]]:
    return {module: imported_modules(path) for module, path in MODULES.items()}


def room_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for source, targets in module_graph().items():
        if source == "convshapes":
            continue  # the facade that re-exports shapes for learners
        for target in targets:
            if room(target) not in (room(source), "convshapes"):
                graph.setdefault(room(source), set()).add(room(target))
    return graph


def circle(graph: dict[str, set[str]]) -> list[str]:
    """One circle of imports in ``graph`` (its first node repeated at the end), or [] when there is none."""
    try:
        graphlib.TopologicalSorter(graph).prepare()
    except graphlib.CycleError as error:
        return error.args[1]
    return []


def test_no_two_rooms_import_each_other_directly_or_through_others():
    assert circle(room_graph()) == [], "rooms that import each other round a circle"


def test_no_two_modules_import_each_other_directly_or_through_others():
    assert circle(module_graph()) == [], "modules that import each other round a circle (type-checking imports count)"


def test_a_circle_inside_a_room_is_seen():
    graph = {"convshapes.grading.settings": {"convshapes.grading.lms"}, "convshapes.grading.lms": set()}
    assert circle(graph) == []
    graph["convshapes.grading.lms"].add("convshapes.grading.settings")
    assert set(circle(graph)) == {"convshapes.grading.settings", "convshapes.grading.lms"}


def test_the_room_graph_sees_real_imports():
    assert "shapes" in room_graph()["figures"] and "checks" in room_graph()["grading"]


def test_shapes_need_neither_matplotlib_nor_the_figures():
    probe = "import sys, convshapes.shapes; print(sorted(m for m in sys.modules if m.startswith(('matplotlib', 'convshapes.figures'))))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_every_module_is_small_enough_to_read_in_one_sitting(module):
    lines = len(MODULES[module].read_text().splitlines())
    assert lines <= 350, f"{module} has {lines} lines: split it by job (the limit is 350)"
