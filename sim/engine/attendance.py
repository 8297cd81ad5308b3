"""The attendance rule, compiled: does this patient come to this appointment?

The patient may forget (more often in a lapse or after a long lead time, less often after a
reminder); if they remember, they choose not to come with probability logistic(intercept + state
effects + buffered costs), and a share of those who choose not to come call to cancel (more when
a no-show fee gives a reason to). Levers enter through their terms (sim.engine.settings): cuts in
forgetting, terms of the decision, shares who call. Every coefficient is named in
`scenarios/behaviour/*.yaml` and sourced in `docs/evidence.md`.
"""

from __future__ import annotations

import math

from numba import njit

from sim.engine import layout as L
from sim.engine import rng, therapists
from sim.engine import settings as S
from sim.engine.booking import REMINDER_STAFF, spend_staff_time
from sim.engine.motivation import advance_to

FORGET, SKIP, NOTIFY, OFFENCE, QUIT, ADMIT = range(6)  # an appointment's uniforms, by use
MAX_LEAD_WEEKS = 12.0  # the lead-time effect stops growing after about 3 months (seed 004, 4.4)
OUTREACH_VIDEO, OUTREACH_HOME = 1, 2  # an appointment's `held_at` (0: at the clinic)

@njit(cache=True)
def respond(state, a, i, day):
    """Decide appointment `a`'s outcome and reason; returns its uniforms for what follows."""
    pr, pn, ai, rs, key = state.pr, state.pn, state.ai, state.rs, state.key
    u = _chances(key, pn, i)
    advance_to(state, i, day)
    s = ai[a, L.A_SITE]
    if state.sites[s, L.S_POSTS] > 0:  # continuity: the therapist met today
        therapists.meet(state, s, a, i, day)
    reminder_cut = send_reminder(state, a, i, day)
    lapsing = pn[i, L.P_LAPSING]
    weeks = min((day - ai[a, L.A_BOOKED_DAY]) / 7, MAX_LEAD_WEEKS)
    p = pr[i, L.P_FORGETTING_BASE]
    if lapsing:
        p *= rs[S.R_LAPSE_FORGETTING_MULTIPLIER]
    p = min(p * (1 + rs[S.R_FORGETTING_PER_WEEK_OF_LEAD] * weeks), 1.0)
    if ai[a, L.A_DROP_IN_CONFIRMED]:
        p *= 1 - rs[S.R_DROP_IN_FORGETTING_CUT]
    if ai[a, L.A_FOLLOW_UP_AGREED]:
        p *= 1 - rs[S.R_FOLLOW_UP_FORGETTING_CUT]
    p *= 1 - reminder_cut
    if u[FORGET] < p:
        _no_show(pn, ai, a, i, L.FORGOT)
        return u
    if u[SKIP] >= logistic(skip_log_odds(state, a, i, weeks)):
        ai[a, L.A_OUTCOME] = L.ATTENDED
        pn[i, L.P_NO_SHOWS_IN_A_ROW] = 0
        return u
    reason = L.LAPSE if lapsing else L.CHOSE_NOT_TO_COME
    notify = 1 - (1 - rs[S.R_NOTIFY_SHARE]) * (1 - rs[S.R_FEE_EXTRA_NOTIFY_SHARE])
    if u[NOTIFY] < notify:
        ai[a, L.A_OUTCOME], ai[a, L.A_REASON] = L.CANCELLED, reason
    else:
        _no_show(pn, ai, a, i, reason)
    return u


@njit(cache=True)
def _chances(key, pn, i):
    """The appointment's uniforms (FORGET .. ADMIT): the patient's next block of the CHANCE
    purpose, two blocks of four, as a tuple (no allocation)."""
    k = pn[i, L.P_CHANCES_DRAWN]
    pn[i, L.P_CHANCES_DRAWN] = k + 1
    site, number = pn[i, L.P_SITE], pn[i, L.P_NUMBER]
    u0, u1, u2, u3 = rng.uniform_block(key, site, number, rng.CHANCE, 2 * k)
    u4, u5, u6, u7 = rng.uniform_block(key, site, number, rng.CHANCE, 2 * k + 1)
    return (u0, u1, u2, u3, u4, u5, u6, u7)


@njit(cache=True)
def _no_show(pn, ai, a, i, reason):
    ai[a, L.A_OUTCOME], ai[a, L.A_REASON] = L.NO_SHOW, reason
    pn[i, L.P_NO_SHOWS] += 1
    pn[i, L.P_NO_SHOWS_IN_A_ROW] += 1


@njit(cache=True)
def send_reminder(state, a, i, day):
    """The reminder this appointment gets (by stage and lead time, unless the patient is passed
    over); a staff call adds alliance and takes the caller's time. Returns its cut in
    forgetting."""
    pr, pn, ai, rs, ins = state.pr, state.pn, state.ai, state.rs, state.ins
    if ins[S.I_REMINDER_CHANNEL] == 0:
        return 0.0
    stage = ai[a, L.A_STAGE]
    if not ins[S.I_REMINDER_ASSESSMENT + stage]:
        return 0.0
    if day - ai[a, L.A_BOOKED_DAY] <= ins[S.I_REMINDER_DAYS_AHEAD]:
        return 0.0
    if ins[S.I_REMINDER_MISSED_BEFORE_ONLY] and pn[i, L.P_NO_SHOWS] == 0:
        return 0.0
    if not pn[i, L.P_REMINDER_REACHED]:
        return 0.0
    count = ins[S.I_REMINDER_COUNT]
    ai[a, L.A_REMINDERS_SENT] = count
    gain = rs[S.R_REMINDER_ALLIANCE_GAIN]
    if gain > 0:
        pr[i, L.P_ALLIANCE] = min(pr[i, L.P_ALLIANCE] + gain, 1.0)
    if rs[S.R_REMINDER_CALL_MINUTES] > 0:
        spend_staff_time(state, REMINDER_STAFF, ai[a, L.A_SITE], i, day,
                         count * rs[S.R_REMINDER_CALL_MINUTES])
    return rs[S.R_REMINDER_CUT_ASSESSMENT + stage]


@njit(cache=True)
def skip_log_odds(state, a, i, weeks):
    """Log-odds that a patient who remembers chooses not to come (sim.patient.skip_log_odds)."""
    pr, pn, ai, rs = state.pr, state.pn, state.ai, state.rs
    motivation, alliance = pr[i, L.P_MOTIVATION], pr[i, L.P_ALLIANCE]
    in_treatment = ai[a, L.A_STAGE] != L.ASSESSMENT
    condition = (pr[i, L.P_SITE_TERM] + rs[S.R_MOTIVATION_TERM] * (motivation - 0.5)
                 + rs[S.R_ALLIANCE_TERM] * alliance + pr[i, L.P_AGE_TERM]
                 + pr[i, L.P_LOW_TRUST_TERM])
    lead = rs[S.R_LEAD_TIME_PER_WEEK] if in_treatment else rs[S.R_ASSESSMENT_LEAD_TIME_PER_WEEK]
    costs = (rs[S.R_LAPSE_TERM] * pn[i, L.P_LAPSING] + pr[i, L.P_TRAVEL_TERM] + lead * weeks
             + pr[i, L.P_LOST_PAY_TERM])
    # the levers' terms
    costs += rs[S.R_FEE_TERM_EMPLOYED] if pn[i, L.P_EMPLOYED] else rs[S.R_FEE_TERM_UNEMPLOYED]
    if in_treatment:
        costs += rs[S.R_INCENTIVE_PULL]
    held_at = ai[a, L.A_HELD_AT]
    if held_at > 0:
        costs -= pr[i, L.P_TRAVEL_LOG_ODDS]
        if held_at == OUTREACH_HOME:
            costs += rs[S.R_OUTREACH_HOME_TERM]
    costs += rs[S.R_EXTRA_REMINDER] * max(ai[a, L.A_REMINDERS_SENT] - 1, 0)
    buffer = 1 - rs[S.R_ADVERSITY_BUFFER] * motivation * alliance  # seed 000
    return condition + buffer * costs


@njit(cache=True)
def logistic(x):
    if x < -700:  # exp(-x) would overflow (a very large voucher); 1 / (1 + e^-x) ~ e^x here
        return math.exp(x)
    return 1 / (1 + math.exp(-x))
