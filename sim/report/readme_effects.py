"""The README's table of every policy's effect and net cost, written from a sweep so that it
cannot go stale.

    python3 -m sim.report.readme_effects [--replications 10] [--sweep FOLDER]

Runs every policy in `scenarios/policy/` against the baseline (the same sweep a planner runs,
`run.py -m`, common random numbers) unless `--sweep` names a finished one, reads its
`comparison.csv`, and rewrites the part of README.md between the `effects` markers.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pandas as pd

from sim.config.command_line import SCENARIOS, fail
from sim.report.takes import takes_line
from sim.report.text import Language

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
START, END = "<!-- effects:start -->", "<!-- effects:end -->"


def policies() -> list[str]:
    return sorted(p.stem for p in (SCENARIOS / "policy").glob("*.yaml"))


def sweep_command(replications: int) -> list[str]:
    return ["python3", "run.py", "-m", f"policy={','.join(policies())}",
            f"replication=range({replications})", "charts=false", "hydra/launcher=parallel"]


def run_sweep(replications: int, folder: Path) -> None:
    command = [sys.executable, *sweep_command(replications)[1:], f"hydra.sweep.dir={folder}"]
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


def _k(x: float, sign: bool = True) -> str:
    return f"{x / 1000:+,.0f}k" if sign else f"{x / 1000:,.0f}k"


def by_effect(comparison: pd.DataFrame) -> pd.DataFrame:
    """The no-show rows of every policy but the baseline, largest fall in no-show first."""
    rows = comparison[(comparison.kpi == "no_show_rate") & (comparison.scenario != "baseline")]
    return rows.sort_values("diff_vs_baseline")


def effect_rows(comparison: pd.DataFrame) -> list[str]:
    """One line per policy but the baseline, largest fall in no-show first."""
    lines, english = [], Language("en")
    for _, r in by_effect(comparison).iterrows():
        per_point = _k(r.nok_per_pp_avoided, sign=False) if r.gain_clear else ""
        lines.append(
            f"| `{r.scenario}` | {100 * r.diff_vs_baseline:+.1f} ({100 * r.diff_ci_low:+.1f} to "
            f"{100 * r.diff_ci_high:+.1f}) | {_k(r.net_cost_nok_per_year)} "
            f"({_k(r.net_cost_ci_low)} to {_k(r.net_cost_ci_high)}) | {per_point} | "
            f"{takes_line(r, english)} |")
    return lines


def _largest(comparison: pd.DataFrame, n: int = 3) -> str:
    return ", ".join(f"`{s}`" for s in by_effect(comparison).scenario[:n])


def block(comparison: pd.DataFrame, replications: int) -> str:
    overtime = comparison[(comparison.kpi == "overtime_consultations")
                          & (comparison.scenario == "baseline")]
    baseline_overtime = f"{overtime['mean'].iloc[0]:,.0f}" if len(overtime) else "some"
    intro = textwrap.fill(
        f"Measured effect and net cost a year against the baseline ({replications} replications "
        "each, paired; net cost = the NOK costs the policy's levers declare, and overtime, less "
        "the fees collected, `policy_cost_nok_per_year`; the baseline itself has about "
        f"{baseline_overtime} sessions a year in overtime from the clinics' own overbooking, and "
        "a "
        "policy that brings more patients in has more). Written by `python3 -m "
        "sim.report.readme_effects`, from this sweep:", width=99)
    saving = textwrap.fill(
        "A negative net cost is a saving (fees collected, or attended visits bringing more user "
        f"fees than the lever costs). The largest falls in no-show: {_largest(comparison)}.",
        width=99)
    lines = [
        START, intro, "",
        "```bash",
        "python3 run.py -m policy=$(ls scenarios/policy | sed 's/.yaml//' | paste -sd,) "
        f"'replication=range({replications})' charts=false hydra/launcher=parallel", "```", "",
        "| policy | no-show change, points (95% CI) | net cost, NOK a year (95% CI) | NOK a year "
        "per point avoided | what it takes a year, against the baseline |",
        "|---|---|---|---|---|", *effect_rows(comparison), "", saving, END]
    return "\n".join(lines)


def replace_block(text: str, new: str) -> str:
    if text.count(START) != 1 or text.count(END) != 1:
        raise ValueError(f"README.md: needs one {START} and one {END}")
    head, rest = text.split(START)
    return head + new + rest.split(END)[1]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python3 -m sim.report.readme_effects",
                                     description="Rewrite the README's effect table from a sweep.")
    parser.add_argument("--replications", type=int, default=10)
    parser.add_argument("--sweep", type=Path, help="a finished sweep folder of every policy")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.sweep or Path(tmp) / "sweep"
        if args.sweep is None:
            run_sweep(args.replications, folder)
        if not (folder / "comparison.csv").exists():
            fail(f"{folder}: no comparison.csv; run the sweep to the end first")
        comparison = pd.read_csv(folder / "comparison.csv")
    replications = int(comparison.n_pairs.max())
    README.write_text(replace_block(README.read_text(encoding="utf-8"),
                                    block(comparison, replications)), encoding="utf-8")
    print(f"written: {README} (the effect table, {replications} replications)")


if __name__ == "__main__":
    main()
