"""What levers do once an appointment's outcome is known, compiled: offer another therapist,
charge a no-show fee, follow up a no-show (the clinic calls or texts; the referrer is told), pay
a voucher; and after a no-show, a visit to drop-in hours. Sources in each lever's module.
"""

from __future__ import annotations


from numba import njit

from sim.engine import layout as L
from sim.engine import rng, therapists
from sim.engine import settings as S
from sim.engine.booking import FOLLOW_UP_STAFF, spend_staff_time
from sim.engine.motivation import add_motivation, raise_motivation
from sim.levers.chance import DROP_IN, FOLLOW_UP



@njit(cache=True)
def after_outcome(state, s, a, i, day):
    """What levers do once the outcome is known: charge a fee, follow up a no-show, pay a
    voucher."""
    pr, pn, ai, rs, ins, key = state.pr, state.pn, state.ai, state.rs, state.ins, state.key
    outcome = ai[a, L.A_OUTCOME]
    if state.sites[s, L.S_POSTS] > 0:
        therapists.offer_switch(state, s, a, i, day)
    if outcome == L.NO_SHOW:
        pr[i, L.P_NO_SHOW_FEES_NOK] += rs[S.R_NO_SHOW_FEE_NOK]
        channel = ins[S.I_FOLLOW_UP_CHANNEL]
        if channel > 0:
            u = rng.uniform(key, s, pn[i, L.P_NUMBER], rng.LEVER_TAG0 + FOLLOW_UP, day)
            reached = u < rs[S.R_FOLLOW_UP_REACH]
            ai[a, L.A_FOLLOW_UP], ai[a, L.A_FOLLOW_UP_REACHED] = channel, reached
            if rs[S.R_FOLLOW_UP_CALL_MINUTES] > 0:
                spend_staff_time(state, FOLLOW_UP_STAFF, s, i, day, rs[S.R_FOLLOW_UP_CALL_MINUTES])
            if reached:
                raise_motivation(state, i, rs[S.R_FOLLOW_UP_MOTIVATION_GAIN])
                gain = rs[S.R_FOLLOW_UP_ALLIANCE_GAIN]
                pr[i, L.P_ALLIANCE] = min(pr[i, L.P_ALLIANCE] + gain, 1.0)
                pn[i, L.P_FOLLOW_UP_AGREED] = 1
        if ins[S.I_TELL_REFERRER]:
            ai[a, L.A_REFERRER_TOLD] = 1
            raise_motivation(state, i, rs[S.R_REFERRER_MOTIVATION_GAIN])
    every = ins[S.I_VOUCHER_EVERY_NTH]
    if every > 0 and outcome == L.ATTENDED and ai[a, L.A_STAGE] != L.ASSESSMENT:
        if (pn[i, L.P_SESSIONS_ATTENDED] + 1) % every == 0:
            ai[a, L.A_VOUCHER_PAID] = 1


@njit(cache=True)
def drop_in_visit(state, s, a, i, day):
    """After a no-show: the patient drops in within the next days (more likely the more
    motivated), if a drop-in slot is free; a visit means this miss ends nothing (-1)."""
    pr, pn, ai, cal, rs, ins, key = (state.pr, state.pn, state.ai, state.cal, state.rs,
                                     state.ins, state.key)
    if ai[a, L.A_OUTCOME] != L.NO_SHOW:
        return 0.0
    u = rng.uniform(key, s, pn[i, L.P_NUMBER], rng.LEVER_TAG0 + DROP_IN, day)
    if u >= rs[S.R_DROP_IN_UPTAKE] * pr[i, L.P_MOTIVATION]:
        return 0.0
    end = min(day + ins[S.I_DROP_IN_WINDOW_DAYS] + 1, cal.shape[2])
    for visit in range(day + 1, end):
        held = min(ins[S.I_DROP_IN_SLOTS], cal[s, L.D_CAPACITY, visit])
        if cal[s, L.D_DROP_IN_USED, visit] < held:
            cal[s, L.D_DROP_IN_USED, visit] += 1
            ai[a, L.A_DROP_IN_VISIT] = 1
            add_motivation(state, i, rs[S.R_DROP_IN_MOTIVATION_GAIN], visit)
            pn[i, L.P_DROP_IN_CONFIRMED] = 1
            return -1.0
    ai[a, L.A_DROP_IN_NO_ROOM] = 1
    return 0.0
