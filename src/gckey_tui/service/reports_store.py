"""Reads and writes of DLI reports in the store (SQLAlchemy Core); HTTP and CLI both go through here."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, bindparam, delete, func, insert, or_, select, text, update
from sqlalchemy.exc import IntegrityError

from gckey_tui.service.clock import aware
from gckey_tui.service.reports import Cycle, current_cycle, cycle, exempt, next_cycle, report_status
from gckey_tui.service.tables.reports import (
    institution_staff,
    institutions,
    report_counts,
    report_rows,
    report_states,
)

ROW_COLUMNS = (
    report_rows.c.student_id,
    report_rows.c.family_name,
    report_rows.c.given_names,
    report_rows.c.date_of_birth,
    report_rows.c.uci,
    report_rows.c.program,
    report_rows.c.status,
    report_rows.c.effective_date,
    report_rows.c.note,
)


def institutions_of(conn: Connection, account_id: int) -> list[dict[str, Any]]:
    """The institutions where the account is staff, with its role there."""
    query = (
        select(institutions, institution_staff.c.role)
        .join(institution_staff, institution_staff.c.institution_id == institutions.c.id)
        .where(institution_staff.c.account_id == account_id)
        .order_by(institutions.c.name)
    )
    return [dict(row) for row in conn.execute(query).mappings()]


def institution_of(conn: Connection, account_id: int, dli: str) -> dict[str, Any] | None:
    """The institution ``dli`` if the account is on its staff (otherwise None: the caller answers 404)."""
    query = (
        select(institutions, institution_staff.c.role)
        .join(institution_staff, institution_staff.c.institution_id == institutions.c.id)
        .where(and_(institution_staff.c.account_id == account_id, institutions.c.dli == dli))
    )
    row = conn.execute(query).mappings().first()
    return dict(row) if row else None


def institution_by_dli(conn: Connection, dli: str) -> dict[str, Any] | None:
    """Any institution by DLI number (admin)."""
    row = conn.execute(select(institutions).where(institutions.c.dli == dli)).mappings().first()
    return dict(row) if row else None


def _report_key(table, institution_id: int, cycle_name: str):
    return and_(table.c.institution_id == institution_id, table.c.cycle == cycle_name)


def counts_by_status(conn: Connection, institution_id: int, cycle_name: str) -> dict[str, int]:
    """Rows per status (``missing`` for rows without one), from the counts kept by every write."""
    query = select(report_counts.c.status, report_counts.c.count).where(
        _report_key(report_counts, institution_id, cycle_name)
    )
    return {status: count for status, count in conn.execute(query) if count}


def lock_report(conn: Connection, institution_id: int, cycle_name: str) -> None:
    """Serialise writes to one report (row lock on its state), so its counts stay exact."""
    key = _report_key(report_states, institution_id, cycle_name)
    if conn.execute(select(report_states.c.cycle).where(key).with_for_update()).first() is None:
        try:
            with conn.begin_nested():
                conn.execute(insert(report_states).values(institution_id=institution_id, cycle=cycle_name))
        except IntegrityError:
            pass  # another writer created it first; the lock below waits for it
        conn.execute(select(report_states.c.cycle).where(key).with_for_update())


def refresh_counts(conn: Connection, institution_id: int, cycle_name: str) -> None:
    """Recount one report's rows per status (inside the writing transaction, after ``lock_report``)."""
    query = (
        select(report_rows.c.status, func.count())
        .where(_report_key(report_rows, institution_id, cycle_name))
        .group_by(report_rows.c.status)
    )
    counts = [
        {"institution_id": institution_id, "cycle": cycle_name, "status": status or "missing", "count": count}
        for status, count in conn.execute(query)
    ]
    conn.execute(delete(report_counts).where(_report_key(report_counts, institution_id, cycle_name)))
    if counts:
        conn.execute(insert(report_counts), counts)


def report_cycles(conn: Connection, institution_id: int, now: datetime, days: int) -> list[Cycle]:
    """Cycles with rows for the institution, plus the current and next ones, newest first."""
    names = set(
        conn.execute(select(report_rows.c.cycle).where(report_rows.c.institution_id == institution_id).distinct())
        .scalars()
        .all()
    )
    names |= {current_cycle(now, days).name, next_cycle(now, days).name}
    return sorted((cycle(name, days) for name in names), key=lambda c: c.opens_at, reverse=True)


def summary(conn: Connection, institution: dict[str, Any], the_cycle: Cycle, now: datetime) -> dict[str, Any]:
    """One report's status, due date and counts."""
    counts = counts_by_status(conn, institution["id"], the_cycle.name)
    state = (
        conn.execute(
            select(report_states).where(
                and_(report_states.c.institution_id == institution["id"], report_states.c.cycle == the_cycle.name)
            )
        )
        .mappings()
        .first()
    )
    submitted_at = aware(state["submitted_at"]) if state else None
    requested_at = aware(state["corrections_requested_at"]) if state else None
    total = sum(counts.values())
    if exempt(institution["province"]):
        status, due_at = "exempt", the_cycle.due_at
    else:
        status, due_at = report_status(
            the_cycle,
            now,
            with_status=total - counts.get("missing", 0),
            submitted_at=submitted_at,
            corrections_requested_at=requested_at,
        )
    return {
        "cycle": the_cycle.name,
        "opens_at": the_cycle.opens_at,
        "due_at": due_at,
        "status": status,
        "total": total,
        "missing": counts.pop("missing", 0),
        "counts_by_status": counts,
        "submitted_at": submitted_at,
        "corrections_requested_at": requested_at,
        "corrections_reason": state["corrections_reason"] if state else None,
    }


def rows_page(
    conn: Connection,
    institution_id: int,
    cycle_name: str,
    *,
    status: str | None,
    q: str | None,
    offset: int,
    limit: int,
) -> tuple[int, list[dict[str, Any]]]:
    """The matching row count and one page of rows, by family name then given names then student ID."""
    condition = and_(report_rows.c.institution_id == institution_id, report_rows.c.cycle == cycle_name)
    if status == "missing":
        condition = and_(condition, report_rows.c.status.is_(None))
    elif status:
        condition = and_(condition, report_rows.c.status == status)
    if q:
        pattern = f"%{q.strip().lower()}%"
        condition = and_(
            condition,
            or_(
                func.lower(report_rows.c.family_name).like(pattern),
                func.lower(report_rows.c.given_names).like(pattern),
                func.lower(report_rows.c.student_id).like(pattern),
                func.lower(report_rows.c.uci).like(pattern),
            ),
        )
    matched = conn.execute(select(func.count()).select_from(report_rows).where(condition)).scalar_one()
    query = (
        select(*ROW_COLUMNS)
        .where(condition)
        .order_by(report_rows.c.family_name, report_rows.c.given_names, report_rows.c.student_id)
        .offset(offset)
        .limit(limit)
    )
    return matched, [dict(row) for row in conn.execute(query).mappings()]


def all_rows(conn: Connection, institution_id: int, cycle_name: str) -> list[dict[str, Any]]:
    """Every row of one report (export)."""
    query = (
        select(*ROW_COLUMNS)
        .where(and_(report_rows.c.institution_id == institution_id, report_rows.c.cycle == cycle_name))
        .order_by(report_rows.c.student_id)
    )
    return [dict(row) for row in conn.execute(query).mappings()]


def student_ids(conn: Connection, institution_id: int, cycle_name: str) -> set[str]:
    """The student IDs of one report."""
    query = select(report_rows.c.student_id).where(
        and_(report_rows.c.institution_id == institution_id, report_rows.c.cycle == cycle_name)
    )
    return set(conn.execute(query).scalars())


def apply_statuses(
    conn: Connection, institution_id: int, cycle_name: str, rows: list[dict[str, Any]], now: datetime
) -> int:
    """Set the status (effective date, note) of each given student and recount; returns how many rows changed.

    On PostgreSQL, one ``UPDATE … FROM unnest(…)``: 40,000 rows in one statement, not 40,000.
    """
    lock_report(conn, institution_id, cycle_name)
    if conn.dialect.name == "postgresql":
        changed = _update_unnest(conn, institution_id, cycle_name, rows, now) if rows else 0
    else:  # SQLite names no VALUES columns: one prepared UPDATE per row (a local store, small reports)
        statement = (
            update(report_rows)
            .where(
                and_(
                    _report_key(report_rows, institution_id, cycle_name),
                    report_rows.c.student_id == bindparam("student_key"),
                )
            )
            .values(status=bindparam("status"), effective_date=bindparam("effective_date"), note=bindparam("note"))
            .values(updated_at=now)
        )
        params = [
            {
                "student_key": row["student_id"],
                "status": row["status"],
                "effective_date": row["effective_date"],
                "note": row["note"],
            }
            for row in rows
        ]
        changed = conn.execute(statement, params).rowcount if params else 0
    refresh_counts(conn, institution_id, cycle_name)
    return changed


#: PostgreSQL: the rows travel as four arrays, joined by unnest (one statement, four parameters)
UNNEST_UPDATE = text(
    """
    UPDATE report_rows AS r
       SET status = g.status, effective_date = g.effective_date, note = g.note, updated_at = :now
      FROM unnest(CAST(:ids AS text[]), CAST(:statuses AS text[]), CAST(:dates AS date[]), CAST(:notes AS text[]))
           AS g(student_id, status, effective_date, note)
     WHERE r.institution_id = :institution_id AND r.cycle = :cycle AND r.student_id = g.student_id
    """
)


def _update_unnest(
    conn: Connection, institution_id: int, cycle_name: str, rows: list[dict[str, Any]], now: datetime
) -> int:
    return conn.execute(
        UNNEST_UPDATE,
        {
            "now": now,
            "institution_id": institution_id,
            "cycle": cycle_name,
            "ids": [row["student_id"] for row in rows],
            "statuses": [row["status"] for row in rows],
            "dates": [row["effective_date"] for row in rows],
            "notes": [row["note"] for row in rows],
        },
    ).rowcount


def mark_submitted(conn: Connection, institution_id: int, cycle_name: str, now: datetime) -> None:
    """Record the submission (a new one answers a corrections request)."""
    _upsert_state(conn, institution_id, cycle_name, submitted_at=now)


def request_corrections(conn: Connection, institution_id: int, cycle_name: str, now: datetime, reason: str) -> None:
    """IRCC asks for corrections: the report is writable again for 10 days."""
    _upsert_state(conn, institution_id, cycle_name, corrections_requested_at=now, corrections_reason=reason)


def _upsert_state(conn: Connection, institution_id: int, cycle_name: str, **values: object) -> None:
    key = and_(report_states.c.institution_id == institution_id, report_states.c.cycle == cycle_name)
    if conn.execute(update(report_states).where(key).values(**values)).rowcount == 0:
        conn.execute(insert(report_states).values(institution_id=institution_id, cycle=cycle_name, **values))
