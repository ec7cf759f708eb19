"""Importing the application registry from CSV: every bad row reported with its line, all or nothing.

Format (DESIGN §4), UTF-8 with a header row:
``application_number,uci,category,family_name,given_names,date_of_birth,country_of_birth,document_number,
status,status_date``. Each row is one status of one application; several rows of the same number are its
history. Importing again adds new statuses and skips ones already recorded.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, and_, bindparam, insert, select, update

from gckey_tui.service.context import ServiceContext
from gckey_tui.service.flows.applications import compact
from gckey_tui.service.tables.applications import application_statuses, applications
from gckey_tui.vocabulary import CATEGORIES, STATUSES

HEADER = (
    "application_number",
    "uci",
    "category",
    "family_name",
    "given_names",
    "date_of_birth",
    "country_of_birth",
    "document_number",
    "status",
    "status_date",
)
IDENTITY = HEADER[:8]
NUMBER = re.compile(r"[A-Z]\d{9}")
UCI = re.compile(r"\d{8}|\d{10}")
DOCUMENT = re.compile(r"[A-Z0-9]{5,20}")
CHUNK = 500


@dataclass(frozen=True)
class RowError:
    line: int
    field: str
    message: str


@dataclass(frozen=True)
class ImportResult:
    applications_added: int
    statuses_added: int


class ImportRefused(Exception):
    """The file has errors; nothing was imported."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(f"{len(errors)} error(s)")
        self.errors = errors


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def validate_row(raw: dict[str, str], today: date) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """A row normalised for the store, and its problems as (field, message)."""
    value = {name: (raw.get(name) or "").strip() for name in HEADER}
    problems: list[tuple[str, str]] = []
    row: dict[str, Any] = dict(value)
    row["application_number"] = compact(value["application_number"])
    row["uci"] = compact(value["uci"])
    row["document_number"] = compact(value["document_number"])
    if not NUMBER.fullmatch(row["application_number"]):
        problems.append(("application_number", "must be one letter and 9 digits, e.g. W123456789"))
    if not UCI.fullmatch(row["uci"]):
        problems.append(("uci", "must be 8 or 10 digits"))
    if value["category"] not in CATEGORIES:
        problems.append(("category", f"must be one of {', '.join(CATEGORIES)}"))
    for name in ("family_name", "country_of_birth"):
        if not value[name] or len(value[name]) > 100:
            problems.append((name, "required, at most 100 characters"))
    if len(value["given_names"]) > 100:
        problems.append(("given_names", "at most 100 characters"))
    if not DOCUMENT.fullmatch(row["document_number"]):
        problems.append(("document_number", "must be 5 to 20 letters or digits"))
    if value["status"] not in STATUSES:
        problems.append(("status", f"must be one of {', '.join(STATUSES)}"))
    row["date_of_birth"] = _date(value["date_of_birth"])
    row["status_date"] = _date(value["status_date"])
    if row["date_of_birth"] is None or row["date_of_birth"] > today:
        problems.append(("date_of_birth", "must be a past date as YYYY-MM-DD"))
    if row["status_date"] is None or row["status_date"] > today:
        problems.append(("status_date", "must be a date as YYYY-MM-DD, not in the future"))
    elif row["date_of_birth"] is not None and row["status_date"] < row["date_of_birth"]:
        problems.append(("status_date", "is before the date of birth"))
    return row, problems


def parse(text: str, today: date) -> tuple[list[tuple[int, dict[str, Any]]], list[RowError]]:
    """Rows with their line numbers, and every error in the file."""
    reader = csv.DictReader(io.StringIO(text.removeprefix("\ufeff")))
    if tuple(name.strip() for name in reader.fieldnames or ()) != HEADER:
        return [], [RowError(1, "header", f"must be exactly: {','.join(HEADER)}")]
    rows: list[tuple[int, dict[str, Any]]] = []
    errors: list[RowError] = []
    first_seen: dict[str, tuple[int, tuple]] = {}
    start = 2
    for raw in reader:
        line = start
        start = reader.line_num + 1
        if None in raw:
            errors.append(RowError(line, "row", f"has more than {len(HEADER)} fields"))
            continue
        row, problems = validate_row(raw, today)
        errors.extend(RowError(line, name, message) for name, message in problems)
        if problems:
            continue
        identity = tuple(row[name] for name in IDENTITY)
        seen = first_seen.setdefault(row["application_number"], (line, identity))
        if seen[1] != identity:
            errors.append(RowError(line, "application_number", f"details differ from line {seen[0]}"))
            continue
        rows.append((line, row))
    if not rows and not errors:
        errors.append(RowError(1, "file", "has no rows"))
    return rows, errors


def _existing(conn: Connection, numbers: list[str]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for i in range(0, len(numbers), CHUNK):
        chunk = numbers[i : i + CHUNK]
        for row in conn.execute(select(applications).where(applications.c.number.in_(chunk))).mappings():
            found[row["number"]] = dict(row)
    return found


def _current(events: list[tuple[str, date]]) -> dict[str, Any]:
    """Latest status and submission date of an ordered history."""
    submitted = [day for status, day in events if status == "submitted"]
    status, status_date = events[-1]
    return {"status": status, "status_date": status_date, "submitted_on": min(submitted or [events[0][1]])}


def import_applications(context: ServiceContext, text: str, now: datetime) -> ImportResult:
    """Check the whole file, then import it in one transaction; ``ImportRefused`` lists every error."""
    rows, errors = parse(text, now.date())
    if errors:
        raise ImportRefused(errors)
    with context.engine.begin() as conn:
        existing = _existing(conn, sorted({row["application_number"] for _line, row in rows}))
        for line, row in rows:
            stored = existing.get(row["application_number"])
            if stored is not None and any(stored[_column(name)] != row[name] for name in IDENTITY[1:]):
                errors.append(RowError(line, "application_number", "details differ from the registry"))
        if errors:
            raise ImportRefused(errors)
        new = {}
        for _line, row in rows:
            if row["application_number"] not in existing:
                new.setdefault(row["application_number"], row)
        if new:
            conn.execute(
                insert(applications),
                [
                    {
                        "number": number,
                        "uci": row["uci"],
                        "category": row["category"],
                        "family_name": row["family_name"],
                        "given_names": row["given_names"],
                        "date_of_birth": row["date_of_birth"],
                        "country_of_birth": row["country_of_birth"],
                        "document_number": row["document_number"],
                        "status": row["status"],
                        "status_date": row["status_date"],
                        "submitted_on": row["status_date"],
                        "imported_at": now,
                    }
                    for number, row in new.items()
                ],
            )
        ids = {
            number: row["id"]
            for number, row in _existing(conn, sorted({r["application_number"] for _l, r in rows})).items()
        }
        added = _add_statuses(conn, ids, rows)
        _refresh_current(conn, list(ids.values()))
    return ImportResult(applications_added=len(new), statuses_added=added)


def _column(name: str) -> str:
    return "number" if name == "application_number" else name


def _history(conn: Connection, ids: list[int]) -> dict[int, list[tuple[str, date]]]:
    history: dict[int, list[tuple[str, date]]] = defaultdict(list)
    for i in range(0, len(ids), CHUNK):
        for event in conn.execute(
            select(
                application_statuses.c.application_id, application_statuses.c.status, application_statuses.c.status_date
            )
            .where(application_statuses.c.application_id.in_(ids[i : i + CHUNK]))
            .order_by(application_statuses.c.status_date, application_statuses.c.id)
        ):
            history[event.application_id].append((event.status, event.status_date))
    return history


def _add_statuses(conn: Connection, ids: dict[str, int], rows: list[tuple[int, dict[str, Any]]]) -> int:
    known = {
        (app_id, status, day) for app_id, events in _history(conn, list(ids.values())).items() for status, day in events
    }
    fresh = []
    for _line, row in rows:
        key = (ids[row["application_number"]], row["status"], row["status_date"])
        if key not in known:
            known.add(key)
            fresh.append({"application_id": key[0], "status": key[1], "status_date": key[2]})
    if fresh:
        conn.execute(insert(application_statuses), fresh)
    return len(fresh)


def _refresh_current(conn: Connection, ids: list[int]) -> None:
    """Keep each application's current status and submission date in step with its history."""
    history = _history(conn, ids)
    changes = [{"target": app_id, **_current(events)} for app_id, events in history.items()]
    if changes:
        conn.execute(
            update(applications)
            .where(and_(applications.c.id == bindparam("target")))
            .values(
                status=bindparam("status"), status_date=bindparam("status_date"), submitted_on=bindparam("submitted_on")
            ),
            changes,
        )
