"""Reading accounts and sending them mail."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from gckey_tui.service.context import ServiceContext
from gckey_tui.service.domain_error import DomainError
from gckey_tui.service.tables.accounts import accounts


def load_account(conn: Connection, account_id: int) -> dict[str, Any]:
    """The account row; 401 when it is gone (deleted or deactivated since the session began)."""
    row = conn.execute(select(accounts).where(accounts.c.id == account_id)).mappings().first()
    if row is None or row["status"] != "active":
        raise DomainError("unauthorized")
    return dict(row)


def active_account_by_username(conn: Connection, username_key: str) -> dict[str, Any] | None:
    """The active account with that casefolded username, if any."""
    row = (
        conn.execute(select(accounts).where(accounts.c.username_key == username_key, accounts.c.status == "active"))
        .mappings()
        .first()
    )
    return dict(row) if row else None


def mail_account(context: ServiceContext, account: dict[str, Any], template: str, **params: object) -> None:
    """Send ``template`` to the account's address in its language."""
    message = context.mailer.compose(
        account["email"], template, account["language"], username=account["username"], **params
    )
    context.mailer.send(message)
