"""The layout docs/architecture.md describes, kept true: no module of the
site imports one that imports it back (at module level or inside a
function), and the parts depend on each other one way only.

One kind of import back is how Django and Wagtail work and is allowed: a
model's method (a page's ``get_context`` or route) calling the selectors or
page code that read that model, imported inside the method."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("forum_site", "home", "sessions", "speakers", "registration")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules() -> dict[str, Path]:
    modules = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" not in path.parts:
                modules[module_name(path)] = path
    return modules


def import_nodes(tree: ast.AST, *, in_functions: bool):
    """The import statements of ``tree``, with or without those inside functions."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        elif in_functions or not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield from import_nodes(node, in_functions=in_functions)


def imports_of(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The project modules ``name`` imports, anywhere in its code (for a
    models module: outside its methods)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    in_functions = not (name.endswith(".models") or ".models." in name)
    found = set()
    for node in import_nodes(ast.parse(path.read_text(), str(path)), in_functions=in_functions):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        else:
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            # ``from pkg import module`` imports the module; ``from module import name`` the module.
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base for alias in node.names]
        found.update(target for target in targets if target in modules and target != name)
    return found


def import_graph() -> dict[str, set[str]]:
    modules = project_modules()
    return {name: imports_of(name, path, modules) for name, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    index, low, stack, on_stack, groups = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def test_the_graph_sees_the_imports_it_must():
    graph = import_graph()

    assert "registration.badges.tokens" in graph["registration.checkin.selectors"]
    assert "registration.badges.printing" in graph["registration.badges.tasks"]
    assert "sessions.selectors" in graph["sessions.pages"]  # inside functions too


def test_no_module_imports_one_that_imports_it_back():
    assert cycles(import_graph()) == []


def test_a_cycle_is_found():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


@pytest.mark.parametrize(
    ("part", "must_not_use"),
    [
        ("registration.badges", "registration.checkin"),
        ("registration.models", "registration.badges"),
        ("registration.services", "registration.badges"),
        ("registration.services", "registration.checkin"),
        # Delegations and the official list build on registration, never the other way.
        ("registration.models", "registration.delegations"),
        ("registration.services", "registration.delegations"),
        ("registration.views", "registration.delegations"),
        ("registration.models", "registration.official_list"),
        ("registration.services", "registration.official_list"),
        ("registration.delegations", "registration.official_list"),
        # Registration reacts to speakers through ``speakers.signals``.
        ("speakers", "registration"),
        # Page models ask selectors and ``sessions.pages`` for their context.
        ("sessions.models", "sessions.views"),
        ("sessions.models", "sessions.services"),
    ],
)
def test_parts_depend_one_way(part, must_not_use):
    graph = import_graph()
    offending = {
        (module, target)
        for module, targets in graph.items()
        if module == part or module.startswith(part + ".")
        for target in targets
        if target == must_not_use or target.startswith(must_not_use + ".")
    }

    assert offending == set()
