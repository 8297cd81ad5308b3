"""The layout: no import cycle among the modules of sim/, and no module over 250 lines."""

import ast
from pathlib import Path

SIM = Path(__file__).resolve().parent.parent / "sim"
MAX_LINES = 250


def _module_name(path: Path) -> str:
    parts = path.relative_to(SIM.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports_at_load(tree: ast.Module, modules) -> set[str]:
    """Modules of sim imported at the top of a module, also for type checking only (not in functions).
    `from sim.pkg import mod` imports the module sim.pkg.mod."""
    found = set()
    top = [*tree.body, *(inner for node in tree.body if isinstance(node, ast.If) for inner in node.body)]
    for node in top:
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("sim"):
            submodules = {f"{node.module}.{alias.name}" for alias in node.names} & set(modules)
            found |= submodules or {node.module}
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("sim")}
    return found


def _graph() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in SIM.rglob("*.py")}
    return {name: {m for m in _imports_at_load(ast.parse(path.read_text()), modules) if m in modules and m != name}
            for name, path in modules.items()}


def test_no_import_cycle():
    graph, done, path = _graph(), set(), []

    def visit(name):
        if name in path:
            raise AssertionError("import cycle: " + " -> ".join(path[path.index(name):] + [name]))
        if name in done:
            return
        path.append(name)
        for imported in sorted(graph[name]):
            visit(imported)
        path.pop()
        done.add(name)

    for name in sorted(graph):
        visit(name)


def test_no_module_over_250_lines():
    lengths = {str(p.relative_to(SIM)): len(p.read_text().splitlines()) for p in SIM.rglob("*.py")}
    too_long = {name: n for name, n in lengths.items() if n > MAX_LINES}
    assert not too_long, f"over {MAX_LINES} lines: {too_long}"
