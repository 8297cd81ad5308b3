"""Therapists with caseloads and turnover, compiled, for the continuity lever
(`sim.levers.continuity`, whose docstring gives the sources).

Each site has a number of therapist posts; a post's holder leaves after an exponential stay
(keyed by site and therapist number, so every scenario sees the same departures) and is replaced
at once by a new therapist, who takes over the caseload. Posts are brought forward to the day a
booking or an appointment asks about, in post order, so therapists are numbered as they are
hired. A patient belongs to a post; the therapist met is the post's holder on the day.
"""

from __future__ import annotations

import math

from numba import njit

from sim.engine import layout as L
from sim.engine import rng
from sim.engine import settings as S
from sim.levers.chance import CONTINUITY



@njit(cache=True)
def stay_days(state, s, number):
    """Days therapist `number` of site `s` stays: exponential at the turnover rate."""
    rate = state.rs[S.R_THERAPIST_TURNOVER_PER_DAY]
    if rate <= 0:
        return math.inf
    u = rng.uniform(state.key, s, number, rng.LEVER_TAG0 + CONTINUITY, 0)
    return -math.log1p(-u) / rate


@njit(cache=True)
def hire(state, s, post, day):
    sites, posts, leave = state.sites, state.posts, state.post_leave_day
    number = sites[s, L.S_THERAPISTS_HIRED]
    sites[s, L.S_THERAPISTS_HIRED] = number + 1
    posts[s, post, L.T_HOLDER] = number
    leave[s, post] = day + stay_days(state, s, number)


@njit(cache=True)
def bring_to(state, s, day):
    """Whoever left a post before `day` is replaced (departures in the counted window counted)."""
    sites, leave, ins = state.sites, state.post_leave_day, state.ins
    for post in range(sites[s, L.S_POSTS]):
        while leave[s, post] <= day:
            left = leave[s, post]
            if ins[S.I_WARMUP_DAYS] <= left < ins[S.I_N_DAYS]:
                sites[s, L.S_THERAPISTS_LEFT] += 1
            hire(state, s, post, left)


@njit(cache=True)
def least_loaded(state, s, day, other_than):
    """The post with the fewest patients in care on `day` (the first on a tie), or -1."""
    bring_to(state, s, day)
    posts, best = state.posts, -1
    for post in range(state.sites[s, L.S_POSTS]):
        if post != other_than and (best < 0 or posts[s, post, L.T_CASELOAD]
                                   < posts[s, best, L.T_CASELOAD]):
            best = post
    return best


@njit(cache=True)
def take_on(state, s, i, day):
    """The first treatment is booked: the least loaded therapist takes the patient on."""
    pn = state.pn
    if pn[i, L.P_POST] != L.NONE:
        return
    post = least_loaded(state, s, day, -1)
    state.posts[s, post, L.T_CASELOAD] += 1
    pn[i, L.P_POST] = post


@njit(cache=True)
def meet(state, s, a, i, day):
    """At a treatment appointment: the therapist today; a new one means the bond starts again."""
    pr, pn, ai, ar, rs = state.pr, state.pn, state.ai, state.ar, state.rs
    post = pn[i, L.P_POST]
    if ai[a, L.A_STAGE] == L.ASSESSMENT or post == L.NONE:
        return
    bring_to(state, s, day)
    therapist = state.posts[s, post, L.T_HOLDER]
    ai[a, L.A_THERAPIST] = therapist
    met = pn[i, L.P_MET_THERAPIST]
    if met != L.NONE and met != therapist:
        ai[a, L.A_THERAPIST_CHANGE] = L.SWITCH if pn[i, L.P_SWITCHED] else L.TURNOVER
        pr[i, L.P_ALLIANCE] = rs[S.R_ALLIANCE_START]
    pn[i, L.P_SWITCHED] = 0
    pn[i, L.P_MET_THERAPIST] = therapist
    ar[a, L.AR_ALLIANCE] = pr[i, L.P_ALLIANCE]


@njit(cache=True)
def offer_switch(state, s, a, i, day):
    """After every `switch_after_missed` no-shows in a row in treatment, another therapist is
    offered; the patient takes the offer when the bond is below a fresh start."""
    pr, pn, ai, rs, ins = state.pr, state.pn, state.ai, state.rs, state.ins
    after, post = ins[S.I_SWITCH_AFTER_MISSED], pn[i, L.P_POST]
    if (after <= 0 or ai[a, L.A_STAGE] == L.ASSESSMENT or post == L.NONE
            or ai[a, L.A_OUTCOME] != L.NO_SHOW or pn[i, L.P_NO_SHOWS_IN_A_ROW] % after):
        return
    other = least_loaded(state, s, day, post)
    if other < 0:
        return  # one therapist: no one else to offer
    accepts = pr[i, L.P_ALLIANCE] < rs[S.R_ALLIANCE_START]
    ai[a, L.A_SWITCH_OFFER] = L.ACCEPTED if accepts else L.DECLINED
    if accepts:
        posts = state.posts
        posts[s, post, L.T_CASELOAD] -= 1
        posts[s, other, L.T_CASELOAD] += 1
        pn[i, L.P_POST], pn[i, L.P_SWITCHED] = other, 1


@njit(cache=True)
def let_go(state, s, i):
    """The patient's course ended: one fewer in the post's caseload."""
    post = state.pn[i, L.P_POST]
    if post != L.NONE:
        state.posts[s, post, L.T_CASELOAD] -= 1
