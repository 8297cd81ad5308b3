"""A patient's motivation and lapses on a day, and what levers add to motivation (compiled).

Motivation is the personal baseline, plus jumps (at referral, after attended sessions, from
levers) that fade back to it, plus day-to-day noise; lapses come and go (sim.engine.population
draws the spells). Noise and lapses are paths in calendar time, read only on the days the patient
has an appointment, so a run costs per appointment and a policy that moves appointments meets the
same path.
"""

from __future__ import annotations

import math

from numba import njit

from sim.engine import layout as L
from sim.engine import rng
from sim.engine import settings as S
from sim.engine.population import spell_days



@njit(cache=True)
def advance_to(state, i, day):
    """Bring motivation and lapse state to `day`: the boost fades, noise and lapses move on."""
    pr, pn, rs = state.pr, state.pn, state.rs
    boost = pr[i, L.P_BOOST] * math.exp(-rs[S.R_REVERSION_PER_DAY] * (day - pr[i, L.P_BOOST_DAY]))
    pr[i, L.P_BOOST] = boost
    pr[i, L.P_BOOST_DAY] = day
    level = pr[i, L.P_MOTIVATION_BASELINE] + boost + noise_at(state, i, day)
    pr[i, L.P_MOTIVATION] = min(max(level, 0.0), 1.0)
    while day >= pr[i, L.P_SPELL_END]:
        pn[i, L.P_LAPSING] = 1 - pn[i, L.P_LAPSING]
        pr[i, L.P_SPELL_END] += spell_days(pr, pn, i, state.key, rs)


@njit(cache=True)
def noise_at(state, i, day):
    """Daily motivation noise (Ornstein-Uhlenbeck, exact on a daily grid): one normal per day
    since referral, keyed by the day (four days to a block of draws), so the path is the same in
    every scenario."""
    pr, pn, rs, key = state.pr, state.pn, state.rs, state.key
    last = pn[i, L.P_NOISE_DAY]
    value = pr[i, L.P_NOISE]
    if day > last:
        keep, sd = rs[S.R_NOISE_KEEP], rs[S.R_NOISE_STEP_SD]
        site, number, steps = pn[i, L.P_SITE], pn[i, L.P_NUMBER], last - pn[i, L.P_REFERRAL_DAY]
        step, end = steps, steps + day - last
        while step < end:  # four days to a block of draws
            z = rng.normal_block(key, site, number, rng.NOISE, step // 4)
            for j in range(step % 4, min(4, end - step + step % 4)):
                value = keep * value + sd * z[j]
            step = (step // 4 + 1) * 4
        pr[i, L.P_NOISE] = value
        pn[i, L.P_NOISE_DAY] = day
    return value


@njit(cache=True)
def add_motivation(state, i, gain, from_day):
    """Motivation a lever adds, fading like the referral boost: from the patient's last
    appointment on, or from a later `from_day` (-1: from the last appointment)."""
    pr, rs = state.pr, state.rs
    if from_day >= 0 and from_day != pr[i, L.P_BOOST_DAY]:
        gain *= math.exp(rs[S.R_REVERSION_PER_DAY] * (from_day - pr[i, L.P_BOOST_DAY]))
    pr[i, L.P_BOOST] += gain


@njit(cache=True)
def raise_motivation(state, i, gain):
    """A gain now (this miss's quitting) that fades like the referral boost (later ones)."""
    pr = state.pr
    pr[i, L.P_MOTIVATION] = min(pr[i, L.P_MOTIVATION] + gain, 1.0)
    pr[i, L.P_BOOST] += gain
