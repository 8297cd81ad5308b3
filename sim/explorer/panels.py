"""The panels beside the charts: the key figures so far, a few replications, and keeping the
settings as a policy file."""

from __future__ import annotations

import html

import solara
import solara.lab

from sim.explorer import choices, keep, replications, state
from sim.explorer.live import PANEL, SoFar
from sim.explorer.words import figure_name, shown, word

REPLICATION_CHOICES = [3, 5, 10, 20]
replication_count = solara.reactive(5)
keep_name = solara.reactive("")


@solara.component
def KeyFigures(mine: SoFar, base: SoFar, lang: str):
    """Policy, baseline and the difference, for the days counted so far."""
    head = [word(k, lang) for k in ("kpi", "policy_line", "baseline_line", "difference")]
    rows = [[figure_name(kpi, lang), shown(kpi, mine.figures[kpi], lang),
             shown(kpi, base.figures[kpi], lang),
             _difference(kpi, mine.figures[kpi] - base.figures[kpi], lang)]
            for kpi in PANEL if kpi in mine.figures and kpi in base.figures]
    with solara.Card(word("figure", lang), classes=["explorer-figures"]):
        if rows:
            _table(head, rows)


def _difference(kpi: str, value: float, lang: str) -> str:
    """A difference with its sign; a rate's in percentage points."""
    if kpi.endswith("_rate"):
        points = shown("points", 100 * value, lang)
        return f"{'+' if value > 0 else ''}{points} {'%-poeng' if lang == 'nb' else 'pp'}"
    return f"{'+' if value > 0 else ''}{shown(kpi, value, lang)}"


@solara.lab.task
def replicate(policy_cfg, baseline_cfg, count: int):
    return replications.effects(policy_cfg, baseline_cfg, count,
                                n_jobs=1 if count <= 5 else replications.N_JOBS)


@solara.component
def Replications(policy_cfg, baseline_cfg, lang: str):
    with solara.Card(word("replications", lang), classes=["explorer-replications"]):
        with solara.Row():
            solara.Select("n", values=REPLICATION_CHOICES, value=replication_count)
            solara.Button(word("replications_run", lang, n=replication_count.value),
                          on_click=lambda: replicate(policy_cfg, baseline_cfg,
                                                     replication_count.value),
                          disabled=replicate.pending, color="primary")
        if replicate.pending:
            solara.ProgressLinear(True)
            solara.Text(word("running", lang))
        elif replicate.error:
            solara.Error(str(replicate.exception).splitlines()[0])
        elif replicate.finished and replicate.value is not None:
            _effects_table(replicate.value, lang)


def _effects_table(table, lang: str) -> None:
    head = [word(k, lang) for k in ("kpi", "policy_line", "baseline_line", "effect", "interval")]
    rows = []
    for r in table.itertuples():
        scale = 100 if r.kpi.endswith("_rate") else 1
        interval = (f"{shown('ci', scale * r.ci_low, lang)} – {shown('ci', scale * r.ci_high, lang)}"
                    if r.n_pairs > 1 else "–")
        rows.append([figure_name(r.kpi, lang), shown(r.kpi, r.policy, lang),
                     shown(r.kpi, r.baseline, lang), _difference(r.kpi, r.difference, lang),
                     interval])
    solara.Text(f"{word('replications_note', lang)} (n = {int(table.n_pairs.max())})")
    _table(head, rows)


def _table(head: list[str], rows: list[list[str]]) -> None:
    """A plain HTML table (Markdown would load a diagram and a maths library on first use)."""
    cell = 'style="padding: 2px 6px; text-align: {}"'
    lines = ["<tr>" + "".join(f"<th {cell.format('left' if i == 0 else 'right')}>"
                              f"{html.escape(h)}</th>" for i, h in enumerate(head)) + "</tr>"]
    lines += ["<tr>" + "".join(f"<td {cell.format('left' if i == 0 else 'right')}>"
                               f"{html.escape(str(v))}</td>" for i, v in enumerate(row)) + "</tr>"
              for row in rows]
    solara.HTML(tag="table", unsafe_innerHTML="".join(lines))


@solara.component
def Keep(policy_cfg, baseline_cfg, lang: str):
    """Save the settings as a policy file in the user's own folder."""
    folder = choices.user_folder()
    name = keep_name.value or f"{state.policy.value}_explorer"

    def save():
        display = {code: f"{policy_cfg.policy.display_name.get(code, policy_cfg.policy.name)} "
                         "(explorer)" for code in ("nb", "en")}
        try:
            path, command = keep.keep(folder, name, display, policy_cfg, baseline_cfg,
                                      state.clinic.value)
        except keep.KeepError as error:
            state.keep_message.value = f"error: {error}"
            return
        state.keep_message.value = word("kept", lang, path=path, command=command)

    with solara.Card(word("keep", lang), classes=["explorer-keep"]):
        if folder is None:
            solara.Text(word("keep_no_folder", lang))
            return
        solara.Text(str(folder))
        solara.InputText(word("keep_name", lang), value=name,
                         on_value=lambda text: keep_name.set(text.strip()))
        solara.Button(word("keep_button", lang), on_click=save, color="primary")
        message = state.keep_message.value
        if message:
            (solara.Error if message.startswith("error:") else solara.Success)(message)
