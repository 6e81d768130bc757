"""No two modules of generators/ import each other at their top, however indirectly.

Such a cycle imports fine in one order and fails in another (`cannot import name …
from partially initialized module`): a test file run on its own, or a worker of
`make test`, may be the first to import the module at the wrong end. An import
inside a function runs later and is not part of a cycle here.
"""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import REPO


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def top_level_imports(path: Path, modules: set[str]) -> set[str]:
    """The modules of the package that a module imports at its top, with their packages.

    The packages a module's imports imply leave out the module's own: Python runs those before the
    module whatever it imports, so a package's __init__ importing its modules, which import their
    siblings, is no cycle (a module importing a name from its own package's __init__ still is)."""
    found = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    packages = {".".join(name.split(".")[:i]) for name in found for i in range(1, name.count("."))}
    name = module_name(path)
    own = {".".join(name.split(".")[:i]) for i in range(1, name.count(".") + 1)}
    return (found | (packages - own)) & modules


def cycle(graph: dict[str, set[str]]) -> list[str]:
    """One cycle of the graph (its modules in import order, the first repeated), or []."""
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> list[str]:
        if module in path:
            return path[path.index(module) :] + [module]
        if module in done:
            return []
        for imported in sorted(graph[module]):
            found = visit(imported, path + [module])
            if found:
                return found
        done.add(module)
        return []

    for module in sorted(graph):
        found = visit(module, [])
        if found:
            return found
    return []


def import_graph(root: Path) -> dict[str, set[str]]:
    paths = {module_name(path): path for path in sorted(root.rglob("*.py"))}
    return {name: top_level_imports(path, set(paths)) - {name} for name, path in paths.items()}


def test_the_graph_sees_the_package_and_its_imports():
    graph = import_graph(REPO / "generators")
    assert len(graph) > 40
    assert "generators.spec.registry" in graph["generators.pipeline"]
    assert "generators.cli.commands" in graph["generators.__main__"]


def test_no_module_of_the_package_imports_itself_through_others():
    found = cycle(import_graph(REPO / "generators"))
    assert not found, "imported at the top of each other: " + " → ".join(found)


def test_a_cycle_is_found_and_shown_in_import_order():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycle(graph) == ["a", "b", "c", "a"]
    assert cycle({"a": {"b"}, "b": set()}) == []
