"""The explorer's page: controls in the sidebar; the policy and the baseline run in step, with
live charts, the key figures so far, a few replications and keeping the settings.

Plain Solara rather than Mesa's SolaraViz: SolaraViz runs one model with a fixed list of
labelled parameters, while the explorer runs two in step (the policy and the baseline from the
same seed), shows the controls of the levers the chosen policy holds, and speaks nb and en.
"""

from __future__ import annotations

import html
import threading
import time

import solara
import solara.lab

from sim.explorer import charts, panels, state, warm
from sim.explorer.chart_widget import Chart
from sim.explorer.controls import Controls
from sim.explorer.paired import PairedRun
from sim.explorer.png import charts_png
from sim.explorer.words import word

FRAME_SECONDS = 0.05  # the least time between two frames: the browser draws in between


class _Run:
    """The current pair of runs, shared by the page and its play loop (one per session)."""

    def __init__(self, settings: state.Settings):
        self.settings, self.lock = settings, threading.Lock()
        self.pair = (warm.take(settings.key) if not settings.problem else None) or PairedRun(
            settings.policy, settings.baseline)
        self.closed = False  # its arrays let go of: a play loop still running stops

    def advance(self, days: int) -> None:
        with self.lock:
            if not self.closed:
                self.pair.advance(days)

    def so_far(self):
        with self.lock:
            return self.pair.so_far()

    def close(self) -> None:
        with self.lock:
            self.closed = True
            self.pair.close()


@solara.component
def Page():
    lang = state.language.value
    settings = solara.use_memo(
        lambda: state.settings_now(state.clinic.value, state.policy.value,
                                   dict(state.values.value), state.seed.value),
        dependencies=[state.clinic.value, state.policy.value,
                      tuple(sorted(state.values.value.items())), state.seed.value])
    run = solara.use_memo(lambda: _Run(settings), dependencies=[settings, state.restarts.value])
    # a pair replaced, or the page closed: let go of its arrays (Mesa keeps every model alive)
    solara.use_effect(lambda: run.close, dependencies=[run])
    solara.lab.use_task(lambda: _play(run), dependencies=[state.playing.value, run],
                        prefer_threaded=True)
    mine, base = solara.use_memo(run.so_far, dependencies=[run, state.tick.value])
    cfg = settings.policy
    clinics = {key: site.display_name for key, site in cfg.clinic.sites.items()}
    span = charts.window(cfg.start_date, cfg.horizon_days)
    solara.Title(word("title", lang))
    with solara.Sidebar():
        Controls(cfg)
    with solara.Column(style={"padding": "8px"}):
        solara.HTML(tag="h3", unsafe_innerHTML=html.escape(word("title", lang)))
        if settings.problem:
            solara.Error(settings.problem)
        _player(run, lang)
        with solara.ColumnsResponsive(12, large=[5, 7]):
            panels.KeyFigures(mine, base, lang)
            Chart(charts.weekly_no_show(mine, base, clinics, span, lang), height=380)
        with solara.ColumnsResponsive(12, large=6):
            for name, column in (("waiting_chart", "waiting_list"), ("in_care_chart", "in_care"),
                                 ("consultations_chart", "consultations")):
                Chart(charts.daily(word(name, lang), getattr(mine, column), getattr(base, column),
                                   mine.dates, span, lang))
            Chart(charts.lost_hours(mine, base, span, lang))
        title = (f"{cfg.policy.display_name.get(lang, cfg.policy.name)} "
                 f"({word('day', lang, day=run.pair.counted, days=cfg.horizon_days)}, "
                 f"seed {cfg.seed})")
        solara.FileDownload(lambda: charts_png(mine, base, clinics, title, lang),
                            filename="explorer_charts.png", label=word("download", lang),
                            mime_type="image/png")
        with solara.ColumnsResponsive(12, large=6):
            panels.Replications(settings.policy, settings.baseline, lang)
            panels.Keep(settings.policy, settings.baseline, lang)


def _player(run: _Run, lang: str) -> None:
    """Play or pause, restart, and where the run is."""
    pair = run.pair
    with solara.Row(style={"align-items": "center"}):
        if pair.done:
            solara.Button(word("restart", lang), on_click=_restart, color="primary",
                          classes=["explorer-restart"])
        else:
            playing = state.playing.value
            solara.Button(word("pause" if playing else "play", lang), color="primary",
                          on_click=lambda: state.playing.set(not playing),
                          classes=["explorer-play"])
        status = (word("day", lang, day=pair.counted, days=pair.horizon) if pair.counted
                  else word("warm", lang))
        solara.Text(status, classes=["explorer-status"])


def _restart() -> None:
    state.playing.value = False
    state.restarts.value += 1


def _play(run: _Run) -> None:
    """While playing: move both runs on at the chosen speed (weeks a second of wall time), and
    redraw after each move; frames are dropped, never days, when drawing is slow."""
    if not state.playing.value:
        return
    started, first_day = time.monotonic(), run.pair.counted
    while state.playing.value and not run.pair.done and not run.closed:
        due = first_day + int((time.monotonic() - started) * state.speed.value * 7) + 1
        run.advance(due - run.pair.counted)
        state.tick.value += 1
        time.sleep(FRAME_SECONDS)
    state.playing.value = False
