"""The layout: no import cycle among the modules of sim/, and no module over 250 lines.

Importing `sim.pkg.mod` first runs `sim/pkg/__init__.py`, so a module that imports a module of
another package also imports that package; and a package's `__init__` that loads its modules by
name (`importlib.import_module`, as sim/levers does to register every lever) imports them all.
"""

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


def _loads_its_modules_by_name(tree: ast.Module) -> bool:
    """A package `__init__` that calls importlib.import_module at load (a loop over its modules)."""
    calls = (node for top in tree.body if not isinstance(top, (ast.FunctionDef, ast.ClassDef))
             for node in ast.walk(top) if isinstance(node, ast.Call))
    return any(isinstance(call.func, ast.Attribute) and call.func.attr == "import_module"
               for call in calls)


def _packages_run_first(module: str, importer: str) -> set[str]:
    """The packages whose `__init__` runs when `importer` imports `module`: its parents, except
    the importer's own (already loaded, or loading, before the importer runs)."""
    parts = module.split(".")
    parents = {".".join(parts[:n]) for n in range(1, len(parts))}
    own = {".".join(importer.split(".")[:n]) for n in range(1, importer.count(".") + 2)}
    return parents - own


def _graph() -> dict[str, set[str]]:
    paths = {_module_name(p): p for p in SIM.rglob("*.py")}
    graph = {}
    for name, path in paths.items():
        tree = ast.parse(path.read_text())
        imported = _imports_at_load(tree, paths)
        if path.name == "__init__.py" and _loads_its_modules_by_name(tree):
            imported |= {m for m in paths if m.rpartition(".")[0] == name}
        imported |= {package for m in imported for package in _packages_run_first(m, name)}
        graph[name] = {m for m in imported if m in paths and m != name}
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    done, path = set(), []

    def visit(name):
        if name in path:
            return path[path.index(name):] + [name]
        if name in done:
            return None
        path.append(name)
        for imported in sorted(graph[name]):
            if found := visit(imported):
                return found
        path.pop()
        done.add(name)
        return None

    return next((found for name in sorted(graph) if (found := visit(name))), None)


def test_no_import_cycle():
    cycle = _cycle(_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_a_cycle_through_a_package_init_is_seen():
    """config.behaviour imports levers.drop_in, which runs sim/levers/__init__, which loads every
    lever, one of which imports sim.config.ranges, which runs sim/config/__init__."""
    graph = {"sim": set(), "sim.config": {"sim.config.behaviour"},
             "sim.config.behaviour": {"sim.levers.a"}, "sim.config.ranges": set(), "sim.levers": {"sim.levers.a", "sim.levers.b"},
             "sim.levers.a": set(), "sim.levers.b": {"sim.config.ranges"}}
    for name in list(graph):
        graph[name] |= {p for m in graph[name] for p in _packages_run_first(m, name)} - {name}
    assert _cycle(graph) is not None
    assert _packages_run_first("sim.config.ranges", "sim.config.behaviour") == set()
    assert _packages_run_first("sim.config.ranges", "sim.levers.b") == {"sim.config"}


def test_no_module_over_250_lines():
    lengths = {str(p.relative_to(SIM)): len(p.read_text().splitlines()) for p in SIM.rglob("*.py")}
    too_long = {name: n for name, n in lengths.items() if n > MAX_LINES}
    assert not too_long, f"over {MAX_LINES} lines: {too_long}"
