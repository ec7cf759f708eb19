"""DLI compliance reports (DESIGN §3): what staff of an institution may read and change, and when.

Readers are staff sessions or ``reports:read`` tokens; an institution the caller is not staff of answers as
if it did not exist. Rows change only while the report is open and not submitted (or corrections were
requested); a CSV import is checked whole and applied only when every line is valid.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete

from gckey_tui.service import lifecycle
from gckey_tui.service import reports_store as store
from gckey_tui.service.context import ServiceContext
from gckey_tui.service.domain_error import DomainError
from gckey_tui.service.reports import STATUSES, Cycle, cycle
from gckey_tui.service.reports_csv import Parsed, export, parse_statuses
from gckey_tui.service.tables.reports import institution_staff

PAGE_LIMIT = 500


def institutions(context: ServiceContext, account_id: int) -> list[dict[str, Any]]:
    """The institutions where the account is staff."""
    with context.engine.connect() as conn:
        return store.institutions_of(conn, account_id)


def institution(context: ServiceContext, account_id: int, dli: str) -> dict[str, Any]:
    """The account's institution ``dli``; ``institution_not_found`` for others (their existence is not told)."""
    with context.engine.connect() as conn:
        found = store.institution_of(conn, account_id, dli)
    if found is None:
        raise DomainError("institution_not_found")
    return found


def report_cycle(context: ServiceContext, name: str) -> Cycle:
    """The cycle ``YYYY-04`` or ``YYYY-11``; ``report_not_found`` for any other name."""
    try:
        return cycle(name, context.settings.report_days)
    except ValueError:
        raise DomainError("report_not_found") from None


def summaries(context: ServiceContext, found: dict[str, Any], now: datetime) -> list[dict[str, Any]]:
    """One summary per cycle of the institution, newest first."""
    with context.engine.connect() as conn:
        return [
            store.summary(conn, found, the_cycle, now)
            for the_cycle in store.report_cycles(conn, found["id"], now, context.settings.report_days)
        ]


@dataclass(frozen=True)
class Page:
    """A report's summary and one page of its rows."""

    summary: dict[str, Any]
    matched: int
    rows: list[dict[str, Any]]


def report_page(
    context: ServiceContext,
    account_id: int,
    dli: str,
    cycle_name: str,
    now: datetime,
    *,
    status: str | None,
    q: str | None,
    offset: int,
    limit: int,
) -> Page:
    """The report's summary and the rows matching ``status`` (or ``missing``) and ``q``, one page of them."""
    found = institution(context, account_id, dli)
    the_cycle = report_cycle(context, cycle_name)
    if status and status != "missing" and status not in STATUSES:
        raise DomainError("invalid_fields", fields={"status": "reports.csv.bad_status"})
    with context.engine.connect() as conn:
        summary = store.summary(conn, found, the_cycle, now)
        matched, rows = store.rows_page(
            conn, found["id"], the_cycle.name, status=status, q=q, offset=offset, limit=limit
        )
    return Page(summary, matched, rows)


def export_csv(context: ServiceContext, account_id: int, dli: str, cycle_name: str) -> tuple[str, str]:
    """The report as CSV (just the header, a template, when it has no rows) and its file name."""
    found = institution(context, account_id, dli)
    the_cycle = report_cycle(context, cycle_name)
    with context.engine.connect() as conn:
        rows = store.all_rows(conn, found["id"], the_cycle.name)
    return export(rows), f"{dli}-{the_cycle.name}.csv"


def _writable(context: ServiceContext, account_id: int, dli: str, cycle_name: str, now: datetime):
    """The institution, cycle and summary of a report whose rows may change now."""
    found = institution(context, account_id, dli)
    the_cycle = report_cycle(context, cycle_name)
    with context.engine.connect() as conn:
        summary = store.summary(conn, found, the_cycle, now)
    if summary["status"] == "exempt":
        raise DomainError("report_exempt")
    if summary["status"] == "scheduled":
        raise DomainError("report_not_open")
    if summary["status"] in ("submitted", "submitted_late"):
        raise DomainError("report_submitted")
    return found, the_cycle, summary


def set_status(
    context: ServiceContext, account_id: int, dli: str, cycle_name: str, student_id: str, values: dict, now: datetime
) -> dict[str, Any]:
    """Set one row's status (and effective date and note); returns the row."""
    found, the_cycle, _summary = _writable(context, account_id, dli, cycle_name, now)
    with context.engine.begin() as conn:
        changed = store.apply_statuses(conn, found["id"], the_cycle.name, [{"student_id": student_id, **values}], now)
        _total, rows = store.rows_page(
            conn, found["id"], the_cycle.name, status=None, q=student_id, offset=0, limit=PAGE_LIMIT
        )
    row = next((row for row in rows if row["student_id"] == student_id), None)
    if changed != 1 or row is None:
        raise DomainError("student_not_found")
    return row


def import_statuses(
    context: ServiceContext, account_id: int, dli: str, cycle_name: str, text: str, now: datetime
) -> int | Parsed:
    """Import ``student_id,status[,effective_date,note]`` rows: the number updated, or the refused parse (its
    first errors with their lines, and how many in all; nothing applied)."""
    found, the_cycle, _summary = _writable(context, account_id, dli, cycle_name, now)
    with context.engine.connect() as conn:
        known = store.student_ids(conn, found["id"], the_cycle.name)
    parsed = parse_statuses(text, known)
    if parsed.error_count:
        return parsed
    with context.engine.begin() as conn:
        return store.apply_statuses(conn, found["id"], the_cycle.name, parsed.rows, now)


def submit(context: ServiceContext, account_id: int, dli: str, cycle_name: str, now: datetime) -> dict[str, Any]:
    """Submit the report; refused while any row lacks a status. Returns the new summary."""
    found, the_cycle, summary = _writable(context, account_id, dli, cycle_name, now)
    if summary["missing"]:
        raise DomainError("report_incomplete", count=summary["missing"])
    if not summary["total"]:
        raise DomainError("report_empty")
    with context.engine.begin() as conn:
        store.mark_submitted(conn, found["id"], the_cycle.name, now)
        return store.summary(conn, found, the_cycle, now)


@lifecycle.on_delete
def _end_staff_grants(conn: Connection, account_id: int, _now: datetime) -> None:
    # a deleted account is nobody's staff any more (a new account must be granted again)
    conn.execute(delete(institution_staff).where(institution_staff.c.account_id == account_id))
