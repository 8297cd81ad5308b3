"""One day at the clinics, compiled: referrals, booking, appointments, outcomes, the pathway.

The rules of docs/model.md (the pathway of seed 004: turned down, assessed within the legal limit,
admitted, waiting for a place, referred on, lost after a first miss, quitting, the next
session), over rows of arrays (`sim.engine.layout`). Each lever enters through its terms
(`sim.engine.settings`) at fixed moments: when an appointment is booked, before the patient
decides, in the decision, after the outcome, after a miss.

`state` is `sim.engine.layout.EngineState`, what `sim.engine.state.State` holds: patients,
appointments, the clinics' calendars, the places' queue, the staff time spent on calls, the daily
series, the settings and the run's key. Setting `NUMBA_DISABLE_JIT=1` runs this file as plain
Python.
"""

from __future__ import annotations

from numba import njit

from sim.engine import layout as L
from sim.engine import rng, therapists
from sim.engine import settings as S
from sim.engine.attendance import ADMIT, OFFENCE, QUIT, respond
from sim.engine.booking import (N_APPOINTMENTS, NEEDS_ROOM, STATUS, book_appointment, book_on,
                                first_free_day)
from sim.engine.outcome import after_outcome, drop_in_visit


@njit(cache=True)
def run_day(state, day):
    """Referrals and appointments of `day` at every site, in site order. Reports NEEDS_ROOM,
    having changed nothing, when the appointment arrays might fill up during the day."""
    sites, cal, series, counts = state.sites, state.cal, state.series, state.counts
    ai, arrivals = state.ai, state.arrivals
    n_sites = sites.shape[0]
    bound = 1
    for s in range(n_sites):
        waiting = sites[s, L.S_QUEUE_END] - sites[s, L.S_QUEUE_FIRST]
        bound += cal[s, L.D_BOOKED, day] + arrivals[day, s, 1] + waiting
    if counts[N_APPOINTMENTS] + bound > ai.shape[0]:
        return NEEDS_ROOM
    for s in range(n_sites):
        first, n = arrivals[day, s, 0], arrivals[day, s, 1]
        for i in range(first, first + n):
            refer(state, s, i, day)
        hold_sessions(state, s, day)
    for s in range(n_sites):
        series[day, s, 0] = sites[s, L.S_WAITING_LIST]
        series[day, s, 1] = sites[s, L.S_IN_CARE]
        series[day, s, 2] = sites[s, L.S_OVERTIME_TODAY]
    return counts[STATUS]


@njit(cache=True)
def refer(state, s, i, day):
    """A referral arrives: turned down on paper, or booked for an assessment."""
    pn, sites, rs, key = state.pn, state.sites, state.rs, state.key
    sites[s, L.S_WAITING_LIST] += 1
    sites[s, L.S_IN_CARE] += 1
    share = rs[S.R_TURNED_DOWN_SHARE]
    if share > 0 and rng.uniform_pair(key, s, pn[i, L.P_NUMBER], rng.INTAKE, 0)[0] < share:
        end_course(state, s, i, day, L.TURNED_DOWN)
        return
    book_on(state, s, i, L.ASSESSMENT, day, assessment_day(state, s, i, day))


@njit(cache=True)
def assessment_day(state, s, i, referred):
    """The first free place after the usual lead, but never after the legal limit (the last
    working day within it), even on a fully planned day (seed 004 lines 1661-1662)."""
    working, ins = state.working, state.ins
    earliest = referred + max(ins[S.I_ASSESSMENT_LEAD_DAYS], 1)
    first = first_free_day(state, s, earliest, i, L.ASSESSMENT)
    latest = referred + max(ins[S.I_ASSESSMENT_WITHIN_DAYS], 1)
    if first <= latest:
        return first
    while latest > referred + 1 and not working[latest]:
        latest -= 1
    return latest


@njit(cache=True)
def hold_sessions(state, s, day):
    """The day's appointments at site `s`, in the order they were booked."""
    ai, sites, cal, queue, ins = state.ai, state.sites, state.cal, state.queue, state.ins
    longest = ins[S.I_MAX_FIRST_TREATMENT_WAIT_DAYS]
    while (sites[s, L.S_QUEUE_FIRST] < sites[s, L.S_QUEUE_END]
           and day - queue[sites[s, L.S_QUEUE_FIRST], 1] > longest):
        waited = queue[sites[s, L.S_QUEUE_FIRST], 0]
        sites[s, L.S_QUEUE_FIRST] += 1
        end_course(state, s, waited, day, L.REFERRED_ON_NO_ROOM)
    came = 0
    a = cal[s, L.D_FIRST, day]
    while a >= 0:
        i = ai[a, L.A_PATIENT]
        u = respond(state, a, i, day)
        if day < ins[S.I_WARMUP_DAYS]:
            sites[s, L.S_HELD_IN_WARMUP] += 1
        after_outcome(state, s, a, i, day)
        if ai[a, L.A_OUTCOME] == L.ATTENDED:
            came += 1
            after_attended(state, s, a, i, day, u)
        else:
            after_missed(state, s, a, i, day, u)
        a = ai[a, L.A_NEXT]
    sites[s, L.S_OVERTIME_TODAY] = max(came - cal[s, L.D_CAPACITY, day], 0)


@njit(cache=True)
def after_attended(state, s, a, i, day, u):
    pr, pn, ai, sites, rs, ins = state.pr, state.pn, state.ai, state.sites, state.rs, state.ins
    stage = ai[a, L.A_STAGE]
    if stage == L.ASSESSMENT:
        pn[i, L.P_ASSESSMENT_DAY] = day
        if u[ADMIT] < rs[S.R_NOT_ADMITTED_SHARE]:
            end_course(state, s, i, day, L.REFERRED_ON)
        elif (sites[s, L.S_HOLDERS] < sites[s, L.S_PLACES]
              and sites[s, L.S_QUEUE_FIRST] == sites[s, L.S_QUEUE_END]):
            offer_first_treatment(state, s, i, day, day)
        else:
            queue, end = state.queue, sites[s, L.S_QUEUE_END]
            queue[end, 0], queue[end, 1] = i, day
            sites[s, L.S_QUEUE_END] = end + 1
        return
    if stage == L.FIRST_TREATMENT:
        pn[i, L.P_FIRST_TREATMENT_DAY] = day
        sites[s, L.S_WAITING_LIST] -= 1
    pn[i, L.P_SESSIONS_ATTENDED] += 1  # the session: the bond grows, or drops after an offence
    if u[OFFENCE] < rs[S.R_OFFENCE_PROBABILITY]:
        pr[i, L.P_ALLIANCE] *= 1 - rs[S.R_OFFENCE_DROP]
    else:
        pr[i, L.P_ALLIANCE] += rs[S.R_ALLIANCE_GROWTH] * (1 - pr[i, L.P_ALLIANCE])
    pr[i, L.P_BOOST] += rs[S.R_ATTENDED_BOOST]
    if pn[i, L.P_SESSIONS_ATTENDED] >= pn[i, L.P_SESSIONS_NEEDED]:
        end_course(state, s, i, day, L.COMPLETED)
    else:
        book_appointment(state, s, i, L.TREATMENT, day, day + ins[S.I_INTERVAL_DAYS])


@njit(cache=True)
def offer_first_treatment(state, s, i, assessment, today):
    """A place and the first treatment, or referred on if none can be booked within the
    longest wait after the assessment."""
    pn, sites, ins = state.pn, state.sites, state.ins
    wait = max(sites[s, L.S_FIRST_TREATMENT_WAIT], 1)
    first = first_free_day(state, s, max(assessment + wait, today + 1), i, L.FIRST_TREATMENT)
    if first - assessment > ins[S.I_MAX_FIRST_TREATMENT_WAIT_DAYS]:
        leave(state, s, i, today, L.REFERRED_ON_NO_ROOM)  # held no place: none to give back
        return
    pn[i, L.P_HOLDS_PLACE] = 1
    sites[s, L.S_HOLDERS] += 1
    book_on(state, s, i, L.FIRST_TREATMENT, today, first)


@njit(cache=True)
def after_missed(state, s, a, i, day, u):
    """Discharged, lost after a first miss, quits, or booked again."""
    pr, pn, ai, rs, ins = state.pr, state.pn, state.ai, state.rs, state.ins
    after = ins[S.I_DISCHARGE_AFTER_MISSED]
    if after > 0 and pn[i, L.P_NO_SHOWS_IN_A_ROW] >= after:
        end_course(state, s, i, day, L.DISCHARGED)
        return
    stage, outcome = ai[a, L.A_STAGE], ai[a, L.A_OUTCOME]
    if outcome == L.NO_SHOW and stage != L.TREATMENT:
        lost = (rs[S.R_LOST_AFTER_MISSED_ASSESSMENT] if stage == L.ASSESSMENT
                else rs[S.R_LOST_AFTER_MISSED_FIRST_TREATMENT])
        if u[QUIT] < lost:
            end_course(state, s, i, day, L.LOST_AFTER_FIRST_MISS)
            return
    chance = 0.0
    if ai[a, L.A_REASON] != L.FORGOT:  # one who forgot has decided nothing
        chance = rs[S.R_QUIT_AFTER_MISS] * (1 - pr[i, L.P_MOTIVATION])
    if ins[S.I_DROP_IN_SLOTS] > 0:
        chance += drop_in_visit(state, s, a, i, day)
    if outcome == L.NO_SHOW:
        chance += rs[S.R_FEE_SHAME_QUIT]
    if u[QUIT] < chance:
        end_course(state, s, i, day, L.DROPPED_OUT)
    else:
        book_appointment(state, s, i, stage, day, day + ins[S.I_REBOOK_DAYS])


@njit(cache=True)
def leave(state, s, i, day, reason):
    pn, sites = state.pn, state.sites
    if pn[i, L.P_FIRST_TREATMENT_DAY] == L.NONE:
        sites[s, L.S_WAITING_LIST] -= 1
    sites[s, L.S_IN_CARE] -= 1
    pn[i, L.P_EXIT_DAY], pn[i, L.P_EXIT_REASON] = day, reason
    if sites[s, L.S_POSTS] > 0:
        therapists.let_go(state, s, i)


@njit(cache=True)
def end_course(state, s, i, day, reason):
    """The course ends; a place it held goes to the patients waiting for one, in turn."""
    pn, sites, queue = state.pn, state.sites, state.queue
    leave(state, s, i, day, reason)
    if not pn[i, L.P_HOLDS_PLACE]:
        return
    pn[i, L.P_HOLDS_PLACE] = 0
    sites[s, L.S_HOLDERS] -= 1
    while (sites[s, L.S_HOLDERS] < sites[s, L.S_PLACES]
           and sites[s, L.S_QUEUE_FIRST] < sites[s, L.S_QUEUE_END]):
        first = sites[s, L.S_QUEUE_FIRST]
        sites[s, L.S_QUEUE_FIRST] = first + 1
        offer_first_treatment(state, s, queue[first, 0], queue[first, 1], day)
