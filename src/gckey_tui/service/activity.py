"""Recording what happens to an account: the one place sign-ins, activity and security events are written.

Security events are what the owner sees under Account → Activity (and in the export) for 2 years: sign-ins,
failed passwords and codes (repeats from one client and address within minutes are one event with a count),
locks, changes to the factor, password, address or answers, recovery codes, tokens, applications, partner
identities and ended sessions. Details never hold a secret.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, and_, delete, insert, select, update

from gckey_tui.service.clock import aware
from gckey_tui.service.tables.accounts import accounts, security_events

#: events are kept this long
RETENTION = timedelta(days=2 * 365)
#: repeated failures within this long (same client and address) add to one event's count
MERGE_WINDOW = timedelta(minutes=15)
MERGED_KINDS = ("password_failed", "code_failed")
#: the clients a session or an event is made from
CLIENTS = ("console", "console_ssh", "browser", "api")


@dataclass(frozen=True)
class Client:
    """Who is calling: the kind of client and its address."""

    kind: str
    address: str


def client_kind(user_agent: str) -> str:
    """The kind of client a User-Agent names: the console (locally or over SSH), a browser, or the API."""
    agent = user_agent.lower()
    if agent.startswith("gckey-tui/"):
        return "console_ssh" if "ssh" in agent else "console"
    if agent.startswith("mozilla/"):
        return "browser"
    return "api"


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


def record_event(
    conn: Connection, account_id: int, kind: str, now: datetime, client: Client | None = None, detail: str = ""
) -> None:
    """Add a security event (a repeated failure from the same client and address adds to the last one)."""
    where = client or Client("", "")
    if kind in MERGED_KINDS:
        merged = conn.execute(
            update(security_events)
            .where(
                security_events.c.id
                == select(security_events.c.id)
                .where(
                    security_events.c.account_id == account_id,
                    security_events.c.kind == kind,
                    security_events.c.client == where.kind,
                    security_events.c.address == where.address,
                    security_events.c.occurred_at > now - MERGE_WINDOW,
                )
                .order_by(security_events.c.id.desc())
                .limit(1)
                .scalar_subquery()
            )
            .values(count=security_events.c.count + 1, occurred_at=now)
        ).rowcount
        if merged:
            return
    conn.execute(
        insert(security_events).values(
            account_id=account_id,
            kind=kind,
            occurred_at=now,
            count=1,
            client=where.kind,
            address=where.address[:64],
            detail=detail[:100],
        )
    )


def events(
    conn: Connection, account_id: int, now: datetime, *, limit: int = 50, before: int | None = None
) -> list[dict[str, Any]]:
    """The account's events of the last 2 years, newest first (``before``: an event id, for the next page)."""
    query = select(security_events).where(
        security_events.c.account_id == account_id, security_events.c.occurred_at > now - RETENTION
    )
    if before is not None:
        query = query.where(security_events.c.id < before)
    rows = conn.execute(query.order_by(security_events.c.id.desc()).limit(limit)).mappings()
    return [
        {
            "id": row["id"],
            "kind": row["kind"],
            "occurred_at": aware(row["occurred_at"]),
            "count": row["count"],
            "client": row["client"] or None,
            "address": row["address"] or None,
            "detail": row["detail"] or None,
        }
        for row in rows
    ]


def known_client(conn: Connection, account_id: int, client: Client, now: datetime) -> bool:
    """Whether the account signed in from this client and address before (in the last 2 years)."""
    return (
        conn.execute(
            select(security_events.c.id)
            .where(
                and_(
                    security_events.c.account_id == account_id,
                    security_events.c.kind == "sign_in",
                    security_events.c.client == client.kind,
                    security_events.c.address == client.address,
                    security_events.c.occurred_at > now - RETENTION,
                )
            )
            .limit(1)
        ).first()
        is not None
    )


def forget_old_events(conn: Connection, now: datetime) -> int:
    """Delete events older than 2 years (the daily sweep)."""
    return conn.execute(delete(security_events).where(security_events.c.occurred_at <= now - RETENTION)).rowcount
