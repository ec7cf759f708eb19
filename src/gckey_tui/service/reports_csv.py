"""CSV formats of reports: the roster (admin import), the statuses (staff import) and the export."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any

from gckey_tui.service.reports import STATUSES, parse_date

ROSTER_COLUMNS = ("student_id", "family_name", "given_names", "date_of_birth", "uci", "program")
EXPORT_COLUMNS = (*ROSTER_COLUMNS, "status", "effective_date", "note")
#: limits that keep a row within its columns' sizes
MAX_LENGTHS = {"student_id": 40, "family_name": 100, "given_names": 100, "uci": 20, "program": 200, "note": 500}


@dataclass
class LineError:
    """One problem: 1-based line of the file (the header is line 1), the column, an i18n message key."""

    line: int
    field: str
    message: str


@dataclass
class Parsed:
    rows: list[dict[str, Any]] = field(default_factory=list)
    errors: list[LineError] = field(default_factory=list)


def _reader(text: str, required: tuple[str, ...], parsed: Parsed) -> csv.DictReader | None:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [name.strip() for name in (reader.fieldnames or [])]
    missing = [name for name in required if name not in header]
    for name in missing:
        parsed.errors.append(LineError(1, name, "reports.csv.missing_column"))
    if missing:
        return None
    reader.fieldnames = header
    return reader


def _text(row: dict[str, Any], name: str, line: int, parsed: Parsed, *, required: bool = True) -> str:
    value = (row.get(name) or "").strip()
    if required and not value:
        parsed.errors.append(LineError(line, name, "reports.csv.required"))
    elif len(value) > MAX_LENGTHS.get(name, 40):
        parsed.errors.append(LineError(line, name, "reports.csv.too_long"))
    return value


def parse_roster(text: str) -> Parsed:
    """Roster rows; every error with its line (nothing is usable unless ``errors`` is empty)."""
    parsed = Parsed()
    reader = _reader(text, ROSTER_COLUMNS, parsed)
    if reader is None:
        return parsed
    seen: set[str] = set()
    for line, row in enumerate(reader, start=2):
        values = {name: _text(row, name, line, parsed) for name in ROSTER_COLUMNS}
        born = parse_date(values["date_of_birth"]) if values["date_of_birth"] else None
        if values["date_of_birth"] and born is None:
            parsed.errors.append(LineError(line, "date_of_birth", "reports.csv.bad_date"))
        if values["student_id"] in seen:
            parsed.errors.append(LineError(line, "student_id", "reports.csv.duplicate"))
        seen.add(values["student_id"])
        parsed.rows.append({**values, "date_of_birth": born})
    return parsed


def parse_statuses(text: str, known_students: set[str]) -> Parsed:
    """``student_id,status[,effective_date,note]`` rows (the export's other columns are ignored; a line whose
    status, date and note are all blank changes nothing, so a partly filled-in export imports as it is)."""
    parsed = Parsed()
    reader = _reader(text, ("student_id", "status"), parsed)
    if reader is None:
        return parsed
    seen: set[str] = set()
    for line, row in enumerate(reader, start=2):
        student_id = _text(row, "student_id", line, parsed)
        if student_id and student_id not in known_students:
            parsed.errors.append(LineError(line, "student_id", "reports.csv.unknown_student"))
        elif student_id in seen:
            parsed.errors.append(LineError(line, "student_id", "reports.csv.duplicate"))
        seen.add(student_id)
        status = (row.get("status") or "").strip()
        if not (status or (row.get("effective_date") or "").strip() or (row.get("note") or "").strip()):
            continue  # a line left blank (an export partly filled in): that student's row stays as it is
        if status not in STATUSES:
            parsed.errors.append(LineError(line, "status", "reports.csv.bad_status"))
        effective_text = (row.get("effective_date") or "").strip()
        effective = parse_date(effective_text) if effective_text else None
        if effective_text and effective is None:
            parsed.errors.append(LineError(line, "effective_date", "reports.csv.bad_date"))
        note = _text(row, "note", line, parsed, required=False)
        parsed.rows.append(
            {"student_id": student_id, "status": status, "effective_date": effective, "note": note or None}
        )
    return parsed


def export(rows: list[dict[str, Any]]) -> str:
    """The report as CSV (just the header when it has no rows: a template)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EXPORT_COLUMNS)
    for row in rows:
        writer.writerow(["" if row[name] is None else str(row[name]) for name in EXPORT_COLUMNS])
    return out.getvalue()
