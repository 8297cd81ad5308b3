"""The tags of the levers' own chance events, keyed by what they concern (a patient, a day).

A lever that drew from a shared stream would shift every later draw of the run, so two scenarios
would no longer meet the same chance events (common random numbers). Each lever's draws are keyed
by its tag, the patient (or therapist) and the day, in compiled code (`sim.engine.rng`, purpose
`LEVER_TAG0 + tag`), so each event's uniform is the same in every scenario that asks for it.
"""

FOLLOW_UP, REMINDER_REACH, OUTREACH = 1, 2, 3
CONTINUITY = 12  # therapists' stays (sim/engine/therapists.py)
DROP_IN = 21  # coming to a drop-in session after a no-show (sim/engine/outcome.py)
