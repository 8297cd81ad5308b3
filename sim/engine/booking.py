"""Booking, compiled: the first free day under a site's planned load (and what levers add or
hold back), an appointment in the book with what levers note at booking, and clinicians' call
time held as slots.

Rule (seed 004 5.2): book each patient into the first free place on or after the day the pathway
asks for; the clinic plans more consultations than it has slots, as a buffer against no-shows.
"""

from __future__ import annotations

import math

from numba import njit

from sim.engine import layout as L
from sim.engine import rng, therapists
from sim.engine import settings as S
from sim.engine.motivation import add_motivation
from sim.levers.chance import OUTREACH

REMINDER_STAFF, FOLLOW_UP_STAFF = 0, 1  # rows of the staff-time arrays: whose calls
OK, NEEDS_ROOM, NO_DAY_TO_BOOK = 0, 1, 2  # what a day reports (`sim.engine.day.run_day`)
N_APPOINTMENTS, STATUS, FAILED_SITE, FAILED_STAGE, FAILED_EARLIEST = range(5)  # `counts`

@njit(cache=True)
def risk_of(came, missed, rs):
    """The clinic's view of a patient's chance of missing, 0..1, from their own record in this
    course (appointments come to, missed), shrunk towards the clinics' no-show share for a patient
    with few appointments behind them (a beta prior of `prior_appointments` appointments), so a
    new patient has the prior and one miss does not make a certain no-show."""
    prior = rs[S.R_PRIOR_APPOINTMENTS]
    if came + missed + prior == 0:
        return 0.0
    return (missed + prior * rs[S.R_PRIOR_NO_SHOW_SHARE]) / (came + missed + prior)


@njit(cache=True)
def miss_risk(state, i):
    """Patient `i`'s miss risk as the clinic's book shows it (the assessment counts as come to)."""
    pn = state.pn
    came = pn[i, L.P_SESSIONS_ATTENDED] + (pn[i, L.P_ASSESSMENT_DAY] != L.NONE)
    return risk_of(came, pn[i, L.P_NO_SHOWS], state.rs)


@njit(cache=True)
def limit_for(rs, ins, risk, stage, slots):
    """How many may be booked on a day planned for `slots`, for a booking at `stage` whose
    patient's miss risk is `risk`: the levers' changes from the day's own planned load (more to
    overbook, all or only at a risk of `risk_threshold` or more; fewer for slots held for
    assessments and for drop-in) added and rounded once, half away from zero; never below zero.
    The one statement of the rule: the day books by it and the check before a run asks it."""
    change = 0.0
    share = rs[S.R_OVERBOOKING_SHARE]
    if share > 0 and (not ins[S.I_OVERBOOKING_BY_RISK] or risk >= rs[S.R_RISK_THRESHOLD]):
        change += slots * share
    if stage != L.ASSESSMENT:
        change -= slots * rs[S.R_ASSESSMENT_HELD_SHARE]
    change -= ins[S.I_DROP_IN_SLOTS]
    rounded = math.floor(abs(change) + 0.5)
    limit = slots + rounded if change >= 0 else slots - rounded
    return max(limit, 0)


@njit(cache=True)
def bookable_limit(state, i, stage, slots):
    """`limit_for` a booking of patient `i` (their miss risk read only where it matters)."""
    by_risk = state.ins[S.I_OVERBOOKING_BY_RISK] and state.rs[S.R_OVERBOOKING_SHARE] > 0
    risk = miss_risk(state, i) if by_risk else 1.0
    return limit_for(state.rs, state.ins, risk, stage, slots)


@njit(cache=True)
def first_free_day(state, s, earliest, i, stage):
    """The first day from `earliest` with room under the site's planned load (and what levers
    add or hold back). Without levers that change it, full days are jumped over as earlier
    walks found them (`onward`), so a booking costs the same however long the queue is."""
    cal, ins, counts = state.cal, state.ins, state.counts
    last = cal.shape[2] - 1
    if ins[S.I_BOOKABLE_CHANGES]:
        day = earliest
        while day <= last:
            if cal[s, L.D_BOOKED, day] < bookable_limit(state, i, stage, cal[s, L.D_PLANNED, day]):
                return day
            day += 1
        return _no_day(counts, s, stage, earliest, last)
    day = earliest
    while cal[s, L.D_BOOKED, day] >= cal[s, L.D_PLANNED, day]:
        day = cal[s, L.D_ONWARD, day]
        if day > last:
            return _no_day(counts, s, stage, earliest, last)
    found, day = day, earliest
    while day != found:
        onward = cal[s, L.D_ONWARD, day]
        cal[s, L.D_ONWARD, day] = found
        day = onward
    return found


@njit(cache=True)
def _no_day(counts, s, stage, earliest, last):
    """No room within the calendar: said after the day (the run stops), booked on its last day."""
    if counts[STATUS] == OK:
        counts[STATUS] = NO_DAY_TO_BOOK
        counts[FAILED_SITE], counts[FAILED_STAGE], counts[FAILED_EARLIEST] = s, stage, earliest
    return last


@njit(cache=True)
def book_on(state, s, i, stage, today, day):
    """Book patient `i` at `stage` on `day`; the levers note what the booking brings."""
    pn, ai, ar, cal, rs, ins, key, counts = (state.pn, state.ai, state.ar, state.cal, state.rs,
                                              state.ins, state.key, state.counts)
    cal[s, L.D_BOOKED, day] += 1
    a = counts[N_APPOINTMENTS]
    counts[N_APPOINTMENTS] = a + 1
    ai[a, :] = 0
    ai[a, L.A_PATIENT], ai[a, L.A_SITE], ai[a, L.A_STAGE] = i, s, stage
    ai[a, L.A_BOOKED_DAY], ai[a, L.A_DAY] = today, day
    ai[a, L.A_OUTCOME], ai[a, L.A_NEXT], ai[a, L.A_THERAPIST] = L.NONE, L.NONE, L.NONE
    ar[a, L.AR_ALLIANCE] = math.nan
    if stage == L.FIRST_TREATMENT and state.sites[s, L.S_POSTS] > 0:  # continuity: a therapist
        therapists.take_on(state, s, i, today)
    if pn[i, L.P_DROP_IN_CONFIRMED]:  # drop-in: the new time was confirmed at the visit
        pn[i, L.P_DROP_IN_CONFIRMED] = 0
        ai[a, L.A_DROP_IN_CONFIRMED] = 1
    if pn[i, L.P_FOLLOW_UP_AGREED]:  # follow-up: the new time was agreed in the contact
        pn[i, L.P_FOLLOW_UP_AGREED] = 0
        ai[a, L.A_FOLLOW_UP_AGREED] = 1
    if stage != L.ASSESSMENT and rs[S.R_OUTREACH_SHARE] > 0:  # outreach: a session away
        u = rng.uniform(key, s, pn[i, L.P_NUMBER], rng.LEVER_TAG0 + OUTREACH, day)
        if u < rs[S.R_OUTREACH_SHARE]:
            ai[a, L.A_HELD_AT] = ins[S.I_OUTREACH_MODE]
    if (ins[S.I_REFERRER_CONTACT] and stage == L.ASSESSMENT
            and today == pn[i, L.P_REFERRAL_DAY]):  # rapid intake: the referrer prepares
        add_motivation(state, i, rs[S.R_PREPARED_MOTIVATION_GAIN], -1)
        ai[a, L.A_REFERRER_CONTACTED] = 1
    last = cal[s, L.D_LAST, day]
    if last >= 0:
        ai[last, L.A_NEXT] = a
    else:
        cal[s, L.D_FIRST, day] = a
    cal[s, L.D_LAST, day] = a


@njit(cache=True)
def book_appointment(state, s, i, stage, today, earliest):
    """Book the first free place on or after `earliest` (never today)."""
    day = first_free_day(state, s, max(earliest, today + 1), i, stage)
    book_on(state, s, i, stage, today, day)


@njit(cache=True)
def spend_staff_time(state, who, s, i, today, minutes):
    """Clinicians' call minutes; each full slot's worth is held on the next day with room."""
    cal, staff, rs, ins = state.cal, state.staff, state.rs, state.ins
    staff[who, s, 0] += minutes
    while staff[who, s, 0] >= rs[S.R_SLOT_MINUTES]:
        staff[who, s, 0] -= rs[S.R_SLOT_MINUTES]
        day = first_free_day(state, s, today + 1, i, L.TREATMENT)
        cal[s, L.D_BOOKED, day] += 1
        staff[who, s, 1] += 1
        if ins[S.I_WARMUP_DAYS] <= day < ins[S.I_N_DAYS]:
            staff[who, s, 2] += 1
