"""Libraries are used through their public APIs; the few uses of their internals are in one
module, sim/internals.py, which checks the version it was written for (docs/architecture.md,
"Library internals")."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ADAPTER = ROOT / "sim" / "internals.py"
# os._exit is Python's public way to end a process without its parent's exit handlers; these two
# end a process that must not run them: a forked child, and an orphaned worker's watch thread.
ENDS_A_CHILD = {ROOT / "sim" / "study" / "sweep_workers.py"}


def _sources() -> list[Path]:
    return [*(ROOT / "sim").rglob("*.py"), *(ROOT / "hydra_plugins").rglob("*.py"), ROOT / "run.py"]


def _dotted(node: ast.AST) -> str:
    """`a.b.c` for an attribute chain of names; '' for anything else."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return f"{base}.{node.attr}" if base else ""
    return ""


def _internals_used(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Attribute):
            names = [_dotted(node)]
        for name in names:
            parts = name.split(".")
            private_part = any(p.startswith("_") and not p.startswith("__") for p in parts[1:])
            private = (parts[0] in ("hydra", "joblib") and private_part
                       or name == "sys.meta_path" or name.startswith("atexit._")
                       or name == "os._exit" and path not in ENDS_A_CHILD)
            if private:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {name}")
    return found


def test_only_the_adapter_reaches_into_a_librarys_internals():
    used = [line for path in _sources() if path != ADAPTER for line in _internals_used(path)]
    assert not used, "\n".join(used)
    assert _internals_used(ADAPTER)  # the scan finds what it looks for


def test_another_hydra_gets_one_line_naming_the_version_to_install():
    code = ("import hydra; hydra.__version__ = '1.4.0'\n"
            "from sim.config.command_line import check_command_line\n"
            "print(check_command_line(['seed=7']).problem)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout
    assert out.count("\n") == 1 and "hydra-core 1.4.0 is installed" in out and "<1.4" in out


def test_a_sweeps_workers_are_forked_also_after_mesa_set_spawn():
    if "fork" not in __import__("multiprocessing").get_all_start_methods() or sys.platform == "darwin":
        pytest.skip("forking is not the rule here")
    code = ("import multiprocessing as mp, sim.model; from sim.study.launcher import worker_context; "
            "print(mp.get_start_method(), worker_context().get_start_method())")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["spawn", "fork"]  # Mesa <= 3.3.1 sets spawn; the sweep's pool names fork


@pytest.mark.parametrize("args", [
    ["policy=baseline,sms_reminder", "replication=range(3)", "seed=7"],
    ["replication=0,1", "policy=a,b", "replication=5"],  # a later override of a key replaces it
    ["+x=1", "~y", "z=[1,2]", "w=choice(a,b)", "v=range(0,4,2)"],
])
def test_a_sweep_is_expanded_as_hydras_basic_sweeper_expands_it(args):
    from hydra._internal.core_plugins.basic_sweeper import BasicSweeper  # the reference only
    from hydra.core.override_parser.overrides_parser import OverridesParser

    from sim.config.sweep_jobs import basic_sweep_jobs

    parsed = OverridesParser.create().parse_overrides(args)
    assert basic_sweep_jobs(parsed) == BasicSweeper.split_arguments(parsed, None)[0]
