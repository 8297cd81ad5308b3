"""A trust's own appointment records: reading and checking them, describing what they show, and
writing a finished run's appointments in the same format (docs/records.md).

Patient and clinician keys never leave the reading step as they were written: they are replaced
by a keyed hash (sim/records/keys.py), and every described figure from fewer than 5 patients is
suppressed (sim/records/suppress.py).
"""


class RecordsError(ValueError):
    """A records file that cannot be read as records at all; str() is one line naming the file.

    Never holds a cell of the file: a patient key must not reach an error line."""
