"""Sessions: opaque 256-bit tokens stored as HMACs, idle and absolute expiry, revocation (DESIGN §3)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, and_, insert, select, update

from gckey_tui.service.activity import Client
from gckey_tui.service.clock import aware
from gckey_tui.service.context import ServiceContext
from gckey_tui.service.domain_error import DomainError
from gckey_tui.service.security import new_token
from gckey_tui.service.tables.accounts import sessions

IDLE_TIMEOUT = timedelta(minutes=30)
ABSOLUTE_TIMEOUT = timedelta(hours=12)
REAUTH_WINDOW = timedelta(minutes=5)
#: last_seen_at is written at most this often, so reads stay reads
TOUCH_GRANULARITY = timedelta(seconds=30)


@dataclass
class SessionRecord:
    """One live session row."""

    id: int
    account_id: int
    state: str
    recovered: bool
    created_at: datetime
    last_seen_at: datetime
    expires_at: datetime
    reauthenticated_at: datetime | None

    @property
    def idle_expires_at(self) -> datetime:
        return min(self.last_seen_at + IDLE_TIMEOUT, self.expires_at)

    def reauthenticated_until(self) -> datetime | None:
        """End of the re-authentication window, if one was opened."""
        return self.reauthenticated_at + REAUTH_WINDOW if self.reauthenticated_at else None

    def recently_reauthenticated(self, now: datetime) -> bool:
        until = self.reauthenticated_until()
        return until is not None and now < until


def issue_session(
    conn: Connection,
    context: ServiceContext,
    account_id: int,
    state: str,
    now: datetime,
    client: Client | None = None,
    method: str | None = None,
) -> tuple[str, datetime]:
    """A new session for ``account_id`` from ``client``; returns the token (never stored) and the absolute
    expiry. ``method`` is how it signed in, once known."""
    token = new_token()
    expires_at = now + ABSOLUTE_TIMEOUT
    conn.execute(
        insert(sessions).values(
            token_hmac=context.secrets.hmac("session", token),
            account_id=account_id,
            state=state,
            recovered=False,
            second_factor_failures=0,  # counted by service.limits now; the column stays for older stores
            created_at=now,
            last_seen_at=now,
            expires_at=expires_at,
            method=method,
            client=client.kind if client else None,
            address=client.address[:64] if client else None,
        )
    )
    return token, expires_at


def _record(row) -> SessionRecord:
    return SessionRecord(
        id=row["id"],
        account_id=row["account_id"],
        state=row["state"],
        recovered=bool(row["recovered"]),
        created_at=aware(row["created_at"]),
        last_seen_at=aware(row["last_seen_at"]),
        expires_at=aware(row["expires_at"]),
        reauthenticated_at=aware(row["reauthenticated_at"]),
    )


def live_session(context: ServiceContext, session_id: int, now: datetime) -> SessionRecord | None:
    """The session ``session_id`` while it lives (not ended, not idle or past its 12 hours), untouched: what a
    browser page bound to a console's session checks (the browser holds no token)."""
    with context.engine.connect() as conn:
        row = conn.execute(select(sessions).where(sessions.c.id == session_id)).mappings().first()
    if row is None or row["revoked_at"] is not None:
        return None
    record = _record(row)
    return record if now < record.idle_expires_at else None


def authenticate_token(context: ServiceContext, token: str, now: datetime) -> SessionRecord:
    """The live session for ``token``, touched; 401 ``unauthorized`` or ``session_expired`` otherwise."""
    token_hmac = context.secrets.hmac("session", token)
    with context.engine.begin() as conn:
        row = conn.execute(select(sessions).where(sessions.c.token_hmac == token_hmac)).mappings().first()
        if row is None or row["revoked_at"] is not None:
            raise DomainError("unauthorized")
        record = _record(row)
        expired = now >= record.idle_expires_at
        if expired:
            conn.execute(update(sessions).where(sessions.c.id == record.id).values(revoked_at=now))
        elif now - record.last_seen_at >= TOUCH_GRANULARITY:
            conn.execute(update(sessions).where(sessions.c.id == record.id).values(last_seen_at=now))
            record.last_seen_at = now
    if expired:
        raise DomainError("session_expired")
    return record


def revoke_sessions(
    conn: Connection, account_id: int, now: datetime, *, keep: int | None = None, only: int | None = None
) -> int:
    """End every live session of the account (but ``keep``, or just ``only``); returns how many."""
    condition = and_(sessions.c.account_id == account_id, sessions.c.revoked_at.is_(None))
    if keep is not None:
        condition = and_(condition, sessions.c.id != keep)
    if only is not None:
        condition = and_(condition, sessions.c.id == only)
    return conn.execute(update(sessions).where(condition).values(revoked_at=now)).rowcount


def end_pending_sign_ins(conn: Connection, account_id: int, now: datetime) -> int:
    """End the account's sign-ins still waiting for a second factor (its password or codes were locked)."""
    return conn.execute(
        update(sessions)
        .where(
            sessions.c.account_id == account_id,
            sessions.c.state == "two_factor_required",
            sessions.c.revoked_at.is_(None),
        )
        .values(revoked_at=now)
    ).rowcount


def rotate_token(conn: Connection, context: ServiceContext, session_id: int) -> str:
    """A new token for the session (each authentication step gets one: a token seen before it is useless)."""
    token = new_token()
    conn.execute(
        update(sessions).where(sessions.c.id == session_id).values(token_hmac=context.secrets.hmac("session", token))
    )
    return token


def set_state(conn: Connection, session_id: int, state: str, **values: object) -> None:
    """Move a session to ``state``."""
    conn.execute(update(sessions).where(sessions.c.id == session_id).values(state=state, **values))
