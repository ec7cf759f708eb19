"""Roles an account holds, gathered from every area that grants one."""

from __future__ import annotations

from sqlalchemy import Connection, select

from gckey_tui.service.tables.reports import institution_staff


def account_roles(conn: Connection, account_id: int) -> list[str]:
    """Sorted role names, e.g. ``dli_staff``; empty for a plain account."""
    staff = conn.execute(
        select(institution_staff.c.role).where(institution_staff.c.account_id == account_id).distinct()
    ).scalars()
    return sorted(f"dli_{role}" for role in staff)
