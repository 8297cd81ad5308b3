"""A trust's own appointment types mapped to the model's stages (docs/records.md).

A CSV of two columns, `appointment_type` and `stage`, e.g. `Førstegangssamtale;assessment`. The
stage is one of the stage words the records accept (assessment, first_treatment, treatment, or
utredning, første behandling, behandling). The types are matched as the stage column's words are:
trimmed, in any case.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from sim.enums import Stage
from sim.records import RecordsError
from sim.records.table_text import SEPARATORS, read_bytes, column_name, decode
from sim.records.vocabulary import STAGE_WORDS, word

HEADER = ("appointment_type", "stage")


def read_stage_map(path: Path) -> dict[str, Stage]:
    """`type word -> stage`; one line naming the file and line where it cannot be read."""
    text, _ = decode(read_bytes(path), path)
    lines = text.splitlines()
    if not any(line.strip() for line in lines):
        raise RecordsError(f"{path}: the stage mapping file is empty")
    first = next(i for i, line in enumerate(lines) if line.strip())
    separator = max(SEPARATORS, key=lines[first].count)
    reader = csv.reader(io.StringIO("\n".join(lines[first:])), delimiter=separator)
    header = [column_name(cell) for cell in next(reader)]
    if header[:2] != list(HEADER):
        raise RecordsError(f"{path}, line {first + 1}: a stage mapping starts with the columns "
                           f"{', '.join(HEADER)}")
    mapping = {}
    for cells in reader:
        line = first + reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) < 2 or word(cells[1]) not in STAGE_WORDS:
            raise RecordsError(f"{path}, line {line}: the stage must be one of "
                               "assessment, first_treatment, treatment")
        mapping[word(cells[0])] = STAGE_WORDS[word(cells[1])]
    return mapping
