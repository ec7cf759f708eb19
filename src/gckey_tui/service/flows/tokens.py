"""Scoped read-only API tokens: shown once, stored as HMACs, revocable, at most 90 days."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, and_, insert, select, update

from gckey_tui.service import lifecycle
from gckey_tui.service.activity import Client, record_event
from gckey_tui.service.clock import aware
from gckey_tui.service.context import ServiceContext
from gckey_tui.service.domain_error import DomainError
from gckey_tui.service.security import new_token
from gckey_tui.service.tables.accounts import accounts
from gckey_tui.service.tables.reports import api_tokens

#: a prefix tells API tokens from session tokens at a glance (and in secret scanners)
PREFIX = "gckr_"
SCOPES = ("reports:read",)
MAX_DAYS = 90
MAX_TOKENS = 20


@dataclass(frozen=True)
class TokenCaller:
    """An API token making a read request."""

    token_id: str
    account_id: int
    scope: str
    now: datetime


def is_api_token(token: str) -> bool:
    """Whether ``token`` looks like an API token rather than a session token."""
    return token.startswith(PREFIX)


def create_token(
    context: ServiceContext,
    account_id: int,
    name: str,
    scope: str,
    days: int,
    now: datetime,
    client: Client | None = None,
) -> tuple[str, dict[str, Any]]:
    """A new token (the plain value, returned this once) and its record."""
    token = PREFIX + new_token()
    record = {
        "id": str(uuid.uuid4()),
        "account_id": account_id,
        "name": name,
        "scope": scope,
        "token_hmac": context.secrets.hmac("api_token", token),
        "created_at": now,
        "expires_at": now + timedelta(days=days),
    }
    with context.engine.begin() as conn:
        # a no-op write on the account row: concurrent creations for one account wait here, so the cap holds
        conn.execute(update(accounts).where(accounts.c.id == account_id).values(id=accounts.c.id))
        live = conn.execute(select(api_tokens.c.id).where(_live(account_id, now))).all()
        if len(live) < MAX_TOKENS:
            conn.execute(insert(api_tokens).values(**record))
            record_event(conn, account_id, "token_created", now, client, name)
    if len(live) >= MAX_TOKENS:
        raise DomainError("too_many_tokens", limit=MAX_TOKENS)
    return token, record


def _live(account_id: int, now: datetime):
    return and_(api_tokens.c.account_id == account_id, api_tokens.c.revoked_at.is_(None), api_tokens.c.expires_at > now)


def list_tokens(context: ServiceContext, account_id: int, now: datetime) -> list[dict[str, Any]]:
    """The account's live tokens (never their values)."""
    with context.engine.connect() as conn:
        rows = conn.execute(
            select(api_tokens).where(_live(account_id, now)).order_by(api_tokens.c.created_at)
        ).mappings()
        return [
            {
                **row,
                "created_at": aware(row["created_at"]),
                "expires_at": aware(row["expires_at"]),
                "last_used_at": aware(row["last_used_at"]),
            }
            for row in rows
        ]


def revoke_token(
    context: ServiceContext, account_id: int, token_id: str, now: datetime, client: Client | None = None
) -> None:
    """Revoke one of the account's tokens; ``token_not_found`` when it has no such live token."""
    with context.engine.begin() as conn:
        revoked = conn.execute(
            update(api_tokens)
            .where(and_(api_tokens.c.id == token_id, _live(account_id, now)))
            .values(revoked_at=now)
            .returning(api_tokens.c.name)
        ).scalar()
        if revoked is not None:
            record_event(conn, account_id, "token_revoked", now, client, revoked)
    if revoked is None:
        raise DomainError("token_not_found")


def revoke_account_tokens(conn: Connection, account_id: int, now: datetime) -> int:
    """End every live token of the account (its password was reset, its factor changed, or it is gone)."""
    return conn.execute(
        update(api_tokens)
        .where(api_tokens.c.account_id == account_id, api_tokens.c.revoked_at.is_(None))
        .values(revoked_at=now)
    ).rowcount


@lifecycle.on_delete
def _end_tokens(conn: Connection, account_id: int, now: datetime) -> None:
    revoke_account_tokens(conn, account_id, now)


def authenticate_api_token(context: ServiceContext, token: str, scope: str, now: datetime) -> TokenCaller:
    """The live token's caller; 401 ``unauthorized`` when unknown, revoked or expired, 403 for another scope."""
    token_hmac = context.secrets.hmac("api_token", token)
    with context.engine.begin() as conn:
        # a token lives only as long as its account is active (deleted or deactivated: refused)
        row = (
            conn.execute(
                select(api_tokens)
                .join(accounts, accounts.c.id == api_tokens.c.account_id)
                .where(api_tokens.c.token_hmac == token_hmac, accounts.c.status == "active")
            )
            .mappings()
            .first()
        )
        live = row is not None and row["revoked_at"] is None and aware(row["expires_at"]) > now
        if live:
            conn.execute(update(api_tokens).where(api_tokens.c.id == row["id"]).values(last_used_at=now))
    if not live:
        raise DomainError("unauthorized")
    if row["scope"] != scope:
        raise DomainError("insufficient_scope")
    return TokenCaller(row["id"], row["account_id"], row["scope"], now)
