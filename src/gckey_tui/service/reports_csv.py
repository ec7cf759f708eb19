"""CSV formats of reports: the roster (admin import), the statuses (staff import) and the export.

Exports are safe to open in a spreadsheet: a cell that would start a formula (OWASP's CSV injection) is
written with a leading ``'``, and imports take that ``'`` off again, so our own export imports unchanged.
A refused import lists the first ``MAX_LISTED_ERRORS`` errors and counts them all, and keeps no rows once
one error is found (nothing will be applied), so a huge file of bad lines costs time, not memory.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from gckey_tui.i18n import translate
from gckey_tui.service.reports import STATUSES, parse_date

ROSTER_COLUMNS = ("student_id", "family_name", "given_names", "date_of_birth", "uci", "program")
EXPORT_COLUMNS = (*ROSTER_COLUMNS, "status", "effective_date", "note")
#: limits that keep a row within its columns' sizes
MAX_LENGTHS = {"student_id": 40, "family_name": 100, "given_names": 100, "uci": 20, "program": 200, "note": 500}
#: errors listed in a refusal; the rest are only counted
MAX_LISTED_ERRORS = 100
#: first characters a spreadsheet reads as a formula (or that hide one): written after a ``'``
FORMULA_STARTS = frozenset("=+-@\t\r")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


@dataclass
class LineError:
    """One problem: 1-based line of the file (the header is line 1), the column, an i18n message key."""

    line: int
    field: str
    message: str


@dataclass
class Parsed:
    """Rows (only while no error was found), the first errors and how many there are in all."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    errors: list[LineError] = field(default_factory=list)
    error_count: int = 0

    def add_error(self, line: int, name: str, message: str) -> None:
        """Count an error; list it if it is among the first ``MAX_LISTED_ERRORS``; drop the rows."""
        self.error_count += 1
        if len(self.errors) < MAX_LISTED_ERRORS:
            self.errors.append(LineError(line, name, message))
        self.rows.clear()

    def add_row(self, row: dict[str, Any]) -> None:
        """Keep a row, unless the file is already refused."""
        if not self.error_count:
            self.rows.append(row)


def neutralise(value: str) -> str:
    """``value`` as an export cell: a leading ``'`` when it would start a formula or be taken for one."""
    if value[:1] in FORMULA_STARTS or (value[:1] == "'" and (value[1:2] in FORMULA_STARTS or value[1:2] == "'")):
        return "'" + value
    return value


def restore(value: str) -> str:
    """An imported cell as it was before ``neutralise`` (the inverse for every string)."""
    if value[:1] == "'" and (value[1:2] in FORMULA_STARTS or value[1:2] == "'"):
        return value[1:]
    return value


def _cell(row: dict[str, Any], name: str) -> str:
    return restore((row.get(name) or "").strip())


def _lines(text: str) -> Iterator[str]:
    """The text's lines with their endings (LF, CRLF or CR), one at a time: no copy of a large file."""
    return (match.group() for match in _LINE.finditer(text))


def _rows(reader: csv.DictReader, parsed: Parsed) -> Iterator[tuple[int, dict[str, Any]]]:
    """Numbered rows (the header is line 1); a file the CSV reader cannot follow ends with an error."""
    line = 1
    try:
        for row in reader:
            line += 1
            yield line, row
    except csv.Error:
        parsed.add_error(line + 1, "file", "reports.csv.malformed")


def delimiter_of(text: str) -> str:
    """``;`` for a file saved by a spreadsheet in a French locale (its header says so), else ``,``."""
    header = text.split("\n", 1)[0]
    return ";" if header.count(";") > header.count(",") else ","


def _reader(text: str, required: tuple[str, ...], parsed: Parsed) -> csv.DictReader | None:
    text = text.removeprefix("\ufeff")
    reader = csv.DictReader(_lines(text), delimiter=delimiter_of(text))
    header = [name.strip() for name in (reader.fieldnames or [])]
    missing = [name for name in required if name not in header]
    for name in missing:
        parsed.add_error(1, name, "reports.csv.missing_column")
    if missing:
        return None
    reader.fieldnames = header
    return reader


def _text(row: dict[str, Any], name: str, line: int, parsed: Parsed, *, required: bool = True) -> str:
    value = _cell(row, name)
    if required and not value:
        parsed.add_error(line, name, "reports.csv.required")
    elif len(value) > MAX_LENGTHS.get(name, 40):
        parsed.add_error(line, name, "reports.csv.too_long")
    elif "\x00" in value:
        parsed.add_error(line, name, "reports.csv.bad_character")
    return value


def parse_roster(text: str) -> Parsed:
    """Roster rows; every error with its line (nothing is usable unless ``errors`` is empty)."""
    parsed = Parsed()
    reader = _reader(text, ROSTER_COLUMNS, parsed)
    if reader is None:
        return parsed
    seen: set[str] = set()
    for line, row in _rows(reader, parsed):
        values = {name: _text(row, name, line, parsed) for name in ROSTER_COLUMNS}
        born = parse_date(values["date_of_birth"]) if values["date_of_birth"] else None
        if values["date_of_birth"] and born is None:
            parsed.add_error(line, "date_of_birth", "reports.csv.bad_date")
        if values["student_id"] in seen:
            parsed.add_error(line, "student_id", "reports.csv.duplicate")
        seen.add(values["student_id"])
        parsed.add_row({**values, "date_of_birth": born})
    return parsed


def parse_statuses(text: str, known_students: set[str]) -> Parsed:
    """``student_id,status[,effective_date,note]`` rows (the export's other columns are ignored; a line whose
    status, date and note are all blank changes nothing, so a partly filled-in export imports as it is)."""
    parsed = Parsed()
    reader = _reader(text, ("student_id", "status"), parsed)
    if reader is None:
        return parsed
    seen: set[str] = set()  # known students only: as large as the report at most
    for line, row in _rows(reader, parsed):
        student_id = _text(row, "student_id", line, parsed)
        if student_id and student_id not in known_students:
            parsed.add_error(line, "student_id", "reports.csv.unknown_student")
        elif student_id in seen:
            parsed.add_error(line, "student_id", "reports.csv.duplicate")
        elif student_id:
            seen.add(student_id)
        status = _cell(row, "status")
        effective_text = _cell(row, "effective_date")
        if not (status or effective_text or _cell(row, "note")):
            continue  # a line left blank (an export partly filled in): that student's row stays as it is
        if status not in STATUSES:
            parsed.add_error(line, "status", "reports.csv.bad_status")
        effective = parse_date(effective_text) if effective_text else None
        if effective_text and effective is None:
            parsed.add_error(line, "effective_date", "reports.csv.bad_date")
        note = _text(row, "note", line, parsed, required=False)
        parsed.add_row({"student_id": student_id, "status": status, "effective_date": effective, "note": note or None})
    return parsed


def refusal(parsed: Parsed, language: str) -> dict[str, Any]:
    """The 422 body of a refused import: the error envelope, the first errors and their total."""
    shown = len(parsed.errors)
    key = "error.invalid_csv" if shown == parsed.error_count else "error.invalid_csv_capped"
    return {
        "error": {
            "code": "invalid_csv",
            "message": translate(key, language, count=parsed.error_count, shown=shown),
            "fields": {},
        },
        "errors": [
            {"line": error.line, "field": error.field, "message": translate(error.message, language)}
            for error in parsed.errors
        ],
        "error_count": parsed.error_count,
    }


class _LineFeedRows(io.StringIO):
    """Rows written with a CRLF terminator (so the writer quotes a value holding a CR or an LF), kept with LF."""

    def write(self, row: str) -> int:
        return super().write(row.removesuffix("\r\n") + "\n")


def export(rows: list[dict[str, Any]]) -> str:
    """The report as CSV (just the header when it has no rows: a template); formulas neutralised."""
    out = _LineFeedRows()
    writer = csv.writer(out, lineterminator="\r\n")  # ``writerow`` writes each row in one call
    writer.writerow(EXPORT_COLUMNS)
    for row in rows:
        writer.writerow(["" if row[name] is None else neutralise(str(row[name])) for name in EXPORT_COLUMNS])
    return out.getvalue()
