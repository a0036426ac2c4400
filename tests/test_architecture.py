"""The folder listing is the architecture: no import circle between the package's rooms, pure shapes."""

import ast
import subprocess
import sys
from pathlib import Path

import convshapes

PACKAGE = Path(convshapes.__file__).resolve().parent


def room(module: str) -> str:
    """The room a module lives in: ``convshapes.grading.load`` -> ``grading``; top-level modules are their own."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "convshapes"


def imported_modules(path: Path) -> set[str]:
    """Every convshapes module ``path`` imports, at module level or inside a function."""
    module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__")
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
                found.add(base)
    return found


def room_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        if path == PACKAGE / "__init__.py":
            continue  # the facade that re-exports shapes for learners
        source = room(".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts))
        for target in imported_modules(path):
            if room(target) not in (source, "convshapes"):
                graph.setdefault(source, set()).add(room(target))
    return graph


def test_no_two_rooms_import_each_other_directly_or_through_others():
    graph = room_graph()

    def reachable(start: str) -> set[str]:
        seen, todo = set(), [start]
        while todo:
            for nxt in graph.get(todo.pop(), ()):
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return seen

    circles = sorted(room_name for room_name in graph if room_name in reachable(room_name))
    assert circles == [], f"rooms that import themselves round a circle: {circles} in {graph}"


def test_the_room_graph_sees_real_imports():
    assert "shapes" in room_graph()["figures"] and "checks" in room_graph()["grading"]


def test_shapes_need_neither_matplotlib_nor_the_figures():
    probe = "import sys, convshapes.shapes; print(sorted(m for m in sys.modules if m.startswith(('matplotlib', 'convshapes.figures'))))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
