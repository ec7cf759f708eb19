"""Accounts: the one place they are created, reading them, and mailing them."""

from __future__ import annotations

from datetime import datetime
from email.message import EmailMessage
from typing import Any

from sqlalchemy import Connection, insert, select

from gckey_tui.service.context import ServiceContext
from gckey_tui.service.domain_error import DomainError
from gckey_tui.service.tables.accounts import accounts


def create_account(
    conn: Connection,
    now: datetime,
    *,
    language: str,
    username: str | None = None,
    password_hash: str | None = None,
    email: str | None = None,
) -> int:
    """A new active account; a partner-made one has no username, password or address until the user adds
    them. A taken username raises ``IntegrityError`` (the unique key decides races)."""
    return conn.execute(
        insert(accounts).values(
            username=username,
            username_key=username.casefold() if username else None,
            password_hash=password_hash,
            email=email,
            language=language,
            status="active",
            created_at=now,
            last_activity_at=now,
        )
    ).inserted_primary_key[0]


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


def account_message(context: ServiceContext, account: dict[str, Any], template: str, **params: object) -> EmailMessage:
    """``template`` to the account's address, in its language first."""
    return context.mailer.compose(
        account["email"], template, account["language"], username=account["username"], **params
    )


def mail_account(
    conn: Connection, context: ServiceContext, account: dict[str, Any], template: str, now: datetime, **params: object
) -> None:
    """Queue ``template`` to the account in the transaction of ``conn``: it goes out only if that commits."""
    context.outbox.enqueue(conn, account_message(context, account, template, **params), now)
