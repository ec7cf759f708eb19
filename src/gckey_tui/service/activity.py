"""Recording that an account was used: the one place sign-ins and activity are written (inactivity rule)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, update

from gckey_tui.service.tables.accounts import accounts


def record_sign_in(conn: Connection, account_id: int, now: datetime) -> None:
    """The account signed in now: it is active again (any inactivity warning is void)."""
    conn.execute(
        update(accounts)
        .where(accounts.c.id == account_id, accounts.c.status == "active")
        .values(last_sign_in_at=now, last_activity_at=now, inactivity_warned_at=None)
    )


def record_activity(conn: Connection, account_id: int, now: datetime) -> None:
    """The account's owner did something that proves the account is used (not a sign-in)."""
    conn.execute(
        update(accounts).where(accounts.c.id == account_id).values(last_activity_at=now, inactivity_warned_at=None)
    )
