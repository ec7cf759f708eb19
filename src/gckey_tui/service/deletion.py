"""Erasing an account: hooks first, sessions ended, personal data nulled, the username freed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, delete, update

from gckey_tui.service import lifecycle
from gckey_tui.service.context import ServiceContext
from gckey_tui.service.sessions import revoke_sessions
from gckey_tui.service.tables.accounts import accounts, enrolments, recovery_codes, security_answers
from gckey_tui.service.tables.lifecycle import password_recoveries


def erase_account(context: ServiceContext, account_id: int, now: datetime) -> bool:
    """Delete the account in one transaction; False when it was no longer active (a concurrent deletion).

    The row stays (status ``deleted``) so that records pointing at it keep their integrity, but nothing in it
    identifies a person any more, and ``username_key`` is NULL so the name can be registered again.
    """
    with context.engine.begin() as conn:
        claimed = conn.execute(
            update(accounts)
            .where(and_(accounts.c.id == account_id, accounts.c.status == "active"))
            .values(status="deleted", deleted_at=now)
        ).rowcount
        if claimed != 1:
            return False
        for hook in lifecycle.ON_DELETE:
            hook(conn, account_id, now)
        revoke_sessions(conn, account_id, now)
        conn.execute(delete(security_answers).where(security_answers.c.account_id == account_id))
        conn.execute(delete(recovery_codes).where(recovery_codes.c.account_id == account_id))
        conn.execute(delete(enrolments).where(enrolments.c.account_id == account_id))
        conn.execute(delete(password_recoveries).where(password_recoveries.c.account_id == account_id))
        conn.execute(
            update(accounts)
            .where(accounts.c.id == account_id)
            .values(
                username=None,
                username_key=None,
                email=None,
                password_hash=None,
                two_factor_method=None,
                totp_secret=None,
                totp_last_step=None,
                inactivity_warned_at=None,
            )
        )
    return True
