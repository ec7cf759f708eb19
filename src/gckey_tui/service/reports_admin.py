"""Administration of DLI reporting: institutions, staff, rosters and corrections requests."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import and_, delete, insert, select, update

from gckey_tui.service.context import ServiceContext
from gckey_tui.service.reports import PROVINCES, Cycle, valid_dli
from gckey_tui.service.reports_csv import Parsed, parse_roster
from gckey_tui.service.reports_store import institution_by_dli, lock_report, refresh_counts, request_corrections
from gckey_tui.service.tables.accounts import accounts
from gckey_tui.service.tables.reports import institution_staff, institutions, report_rows


class AdminError(Exception):
    """A refused admin command, with a message for the operator."""


def create_institution(
    context: ServiceContext, dli: str, name: str, province: str, principal_email: str, now: datetime
) -> int:
    """A new institution; AdminError for a malformed DLI number, unknown province or a duplicate."""
    if not valid_dli(dli):
        raise AdminError(f"DLI number must be O followed by 11 digits: {dli!r}")
    if province not in PROVINCES:
        raise AdminError(f"province must be one of {', '.join(PROVINCES)}")
    if "@" not in principal_email:
        raise AdminError("principal contact email is not an address")
    with context.engine.begin() as conn:
        if institution_by_dli(conn, dli) is not None:
            raise AdminError(f"institution {dli} exists already")
        return conn.execute(
            insert(institutions).values(
                dli=dli, name=name, province=province, principal_email=principal_email, created_at=now
            )
        ).inserted_primary_key[0]


def grant_staff(context: ServiceContext, dli: str, username: str, role: str) -> None:
    """Make the account ``principal`` or ``staff`` of the institution (replacing an earlier role)."""
    if role not in ("principal", "staff"):
        raise AdminError("role must be principal or staff")
    with context.engine.begin() as conn:
        institution = institution_by_dli(conn, dli)
        account_id = conn.execute(
            select(accounts.c.id).where(
                and_(accounts.c.username_key == username.casefold(), accounts.c.status == "active")
            )
        ).scalar()
        if institution is None or account_id is None:
            raise AdminError("no such institution or active account")
        key = and_(
            institution_staff.c.institution_id == institution["id"], institution_staff.c.account_id == account_id
        )
        if conn.execute(update(institution_staff).where(key).values(role=role)).rowcount == 0:
            conn.execute(
                insert(institution_staff).values(institution_id=institution["id"], account_id=account_id, role=role)
            )


def import_roster(context: ServiceContext, dli: str, the_cycle: Cycle, text: str) -> Parsed | int:
    """Replace the cycle's roster with the CSV's students: all lines valid, or the refused parse (its first
    errors and how many in all) and nothing changed."""
    parsed = parse_roster(text)
    if parsed.error_count:
        return parsed
    with context.engine.begin() as conn:
        institution = institution_by_dli(conn, dli)
        if institution is None:
            raise AdminError(f"no institution {dli}")
        conn.execute(
            delete(report_rows).where(
                and_(report_rows.c.institution_id == institution["id"], report_rows.c.cycle == the_cycle.name)
            )
        )
        if parsed.rows:
            conn.execute(
                insert(report_rows),
                [{**row, "institution_id": institution["id"], "cycle": the_cycle.name} for row in parsed.rows],
            )
        lock_report(conn, institution["id"], the_cycle.name)
        refresh_counts(conn, institution["id"], the_cycle.name)
    return len(parsed.rows)


#: days the institution has to answer a request for corrections (DESIGN §3)
CORRECTIONS_DAYS = 10


def corrections(context: ServiceContext, dli: str, the_cycle: Cycle, reason: str, now: datetime) -> None:
    """IRCC requests corrections of a report: writable again, 10 days to answer; the principal contact is told
    why, by email queued in the same transaction."""
    with context.engine.begin() as conn:
        institution = institution_by_dli(conn, dli)
        if institution is None:
            raise AdminError(f"no institution {dli}")
        request_corrections(conn, institution["id"], the_cycle.name, now, reason)
        message = context.mailer.compose(
            institution["principal_email"],
            "corrections_requested",
            "en",
            institution=institution["name"],
            dli=institution["dli"],
            cycle=the_cycle.name,
            reason=reason,
            due=(now + timedelta(days=CORRECTIONS_DAYS)).date().isoformat(),
        )
        context.outbox.enqueue(conn, message, now)
