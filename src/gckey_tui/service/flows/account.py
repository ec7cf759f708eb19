"""The account's own data: export it, or delete the account (hooks first, sessions ended, personal data
nulled, the username freed)."""

from __future__ import annotations

from datetime import datetime
from email.message import EmailMessage
from typing import Any

from sqlalchemy import and_, delete, update

from gckey_tui.service import lifecycle
from gckey_tui.service.accounts import account_message, load_account
from gckey_tui.service.context import ServiceContext
from gckey_tui.service.domain_error import DomainError
from gckey_tui.service.sessions import SessionRecord, revoke_sessions
from gckey_tui.service.tables.accounts import accounts, enrolments, recovery_codes, security_answers
from gckey_tui.service.tables.lifecycle import password_recoveries


def export(context: ServiceContext, account_id: int) -> dict[str, Any]:
    """All the account's data, one section per area; secrets (TOTP secret, hashes, codes) are never included."""
    with context.engine.connect() as conn:
        load_account(conn, account_id)
        return lifecycle.export_account(conn, account_id)


def delete_account(context: ServiceContext, session: SessionRecord, confirm_username: str, now: datetime) -> None:
    """Delete the account: needs re-authentication in the last 5 minutes and the username typed again."""
    if not session.recently_reauthenticated(now):
        raise DomainError("reauthentication_required")
    with context.engine.connect() as conn:
        account = load_account(conn, session.account_id)
    if confirm_username.strip().casefold() != (account["username"] or "").casefold():
        raise DomainError("confirmation_mismatch", fields={"confirm_username": "lifecycle.delete.mismatch"})
    farewell = account_message(context, account, "account_deleted")
    if not erase_account(context, session.account_id, now, notice=farewell):
        raise DomainError("unauthorized")  # deleted by a concurrent request


def erase_account(
    context: ServiceContext, account_id: int, now: datetime, *, notice: EmailMessage | None = None
) -> bool:
    """Delete the account in one transaction; False when it was no longer active (a concurrent deletion).
    ``notice`` (to the address being erased) is queued in the same transaction.

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
        if notice is not None:
            context.outbox.enqueue(conn, notice, now)
    return True
