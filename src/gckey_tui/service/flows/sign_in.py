"""Signing in (DESIGN §3): the password step, the second factor, recovery codes, re-authentication.

Every check is guarded by a limit reserved before it (``service/limits.py``):
- the password step by the username's lockout (5 consecutive failures; also counted by re-authentication);
- each code by the pending sign-in's 5 tries **and** the account's 10 consecutive second-factor failures
  across sign-ins. A lock ends the account's pending sign-ins; a second-factor lock is emailed to the owner.
A completed step gets a new session token, so a token seen before it is useless after it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, NoReturn

from sqlalchemy import Connection

from gckey_tui.service import limits
from gckey_tui.service.accounts import account_message, active_account_by_username, load_account, mail_account
from gckey_tui.service.activity import Client, known_client, record_event, record_sign_in
from gckey_tui.service.codes import issue_code, mail_code, reserve_send
from gckey_tui.service.context import ServiceContext
from gckey_tui.service.domain_error import DomainError
from gckey_tui.service.flows.two_factor import (
    recovery_codes_remaining,
    redeem_recovery_code,
    verify_second_factor,
)
from gckey_tui.service.sessions import (
    SessionRecord,
    end_pending_sign_ins,
    issue_session,
    revoke_sessions,
    rotate_token,
    set_state,
)


@dataclass(frozen=True)
class SignedIn:
    """A new session after the password step."""

    token: str
    state: str
    expires_at: datetime
    two_factor_method: str | None


def username_key(username: str) -> str:
    """Usernames compare (and failures count) casefolded, whatever was typed."""
    return username.strip().casefold()[:200]


def sign_in(context: ServiceContext, username: str, password: str, client: Client, now: datetime) -> SignedIn:
    """The password step. Unknown, wrong and deactivated all answer ``invalid_credentials``."""
    key = username_key(username)
    attempt = limits.reserve(context, limits.PASSWORD, key, now)
    with context.engine.connect() as conn:
        account = active_account_by_username(conn, key)
    # one argon2 verify on every path, so timing does not tell whether the username exists
    if not context.secrets.verify_password(account["password_hash"] if account else None, password):
        wrong_password(context, attempt, account, client, now)
    limits.succeeded(context, attempt, now)
    method = account["two_factor_method"]
    state = "two_factor_required" if method else "two_factor_setup_required"
    with context.engine.begin() as conn:
        token, expires_at = issue_session(conn, context, account["id"], state, now, client)
    return SignedIn(token, state, expires_at, method)


def signed_in(
    conn: Connection, context: ServiceContext, account: dict[str, Any], method: str, client: Client, now: datetime
) -> None:
    """Record a completed sign-in; from a client and address never seen before, the owner gets a notice (when,
    from which client and address, and where to end the session), queued in the same transaction."""
    new_place = bool(account.get("email")) and not known_client(conn, account["id"], client, now)
    record_sign_in(conn, account["id"], now)
    record_event(conn, account["id"], "sign_in", now, client, method)
    if new_place:
        when = now.strftime("%Y-%m-%d %H:%M UTC")
        mail_account(conn, context, account, "new_sign_in", now, when=when, client=client.kind, address=client.address)


def wrong_password(
    context: ServiceContext,
    attempt: limits.Reservation,
    account: dict[str, Any] | None,
    client: Client,
    now: datetime,
    session_attempt: tuple[SessionRecord, limits.Reservation] | None = None,
) -> NoReturn:
    """Count a wrong password; the one that spends the budget locks the username and ends its pending
    sign-ins. In a session (re-authentication), the session's tries are spent too."""
    lock = limits.failed(context, attempt, now)
    if account is not None:
        with context.engine.begin() as conn:
            record_event(conn, account["id"], "password_failed", now, client)
            if lock is not None and lock.started:
                end_pending_sign_ins(conn, account["id"], now)
                record_event(conn, account["id"], "password_locked", now, client)
    if lock is not None:
        limits.refuse(limits.PASSWORD, lock.until, now)
    if session_attempt is not None:
        end_if_spent(context, *session_attempt, now)
    raise DomainError("invalid_credentials")


def reserve_code_attempt(
    context: ServiceContext, session: SessionRecord, now: datetime
) -> tuple[limits.Reservation, limits.Reservation]:
    """Reserve one code try for the session, then for the account; refuse past either budget."""
    per_session = limits.reserve(context, limits.SESSION_TRIES, f"session:{session.id}", now)
    per_account = limits.reserve(context, limits.SECOND_FACTOR, f"account:{session.account_id}", now)
    return per_session, per_account


def end_if_spent(
    context: ServiceContext, session: SessionRecord, per_session: limits.Reservation, now: datetime
) -> None:
    """The session's last try failed: it ends, and the password must be entered again."""
    if per_session.count >= limits.SESSION_TRIES.limit:
        with context.engine.begin() as conn:
            revoke_sessions(conn, session.account_id, now, only=session.id)
        raise DomainError("sign_in_restart")


def wrong_code(
    context: ServiceContext,
    account: dict[str, Any],
    session: SessionRecord,
    attempts: tuple[limits.Reservation, limits.Reservation],
    client: Client,
    now: datetime,
) -> NoReturn:
    """Count a wrong code. The account's budget spent: lock its second factor, end its pending sign-ins and
    tell the owner. The session's spent: it ends."""
    per_session, per_account = attempts
    lock = limits.failed(context, per_account, now)
    with context.engine.begin() as conn:
        record_event(conn, account["id"], "code_failed", now, client)
        if lock is not None and lock.started:
            end_pending_sign_ins(conn, account["id"], now)
            record_event(conn, account["id"], "second_factor_locked", now, client)
            until = lock.until.strftime("%Y-%m-%d %H:%M UTC")
            mail_account(conn, context, account, "second_factor_locked", now, until=until)
    if lock is not None:
        limits.refuse(limits.SECOND_FACTOR, lock.until, now)
    end_if_spent(context, session, per_session, now)
    raise DomainError("invalid_code", remaining=limits.SESSION_TRIES.limit - per_session.count)


def finish_sign_in(context: ServiceContext, session: SessionRecord, code: str, client: Client, now: datetime) -> str:
    """Check the second factor of a pending sign-in; returns the session's new token."""
    attempts = reserve_code_attempt(context, session, now)
    with context.engine.connect() as conn:
        account = load_account(conn, session.account_id)
    if not verify_second_factor(context, account, session.id, code, now):
        wrong_code(context, account, session, attempts, client, now)
    limits.succeeded(context, attempts[1], now)
    with context.engine.begin() as conn:
        set_state(conn, session.id, "authenticated", method=account["two_factor_method"])
        token = rotate_token(conn, context, session.id)
        signed_in(conn, context, account, account["two_factor_method"], client, now)
    return token


def send_sign_in_code(context: ServiceContext, session: SessionRecord, now: datetime) -> None:
    """Email a sign-in (or re-authentication) code to an account whose method is email."""
    with context.engine.connect() as conn:
        account = load_account(conn, session.account_id)
    if account["two_factor_method"] != "email":
        raise DomainError("not_email_method")
    reserve_send(context, "session", str(session.id), now)
    with context.engine.begin() as conn:
        code = issue_code(conn, context, "session", str(session.id), now)
        message = account_message(context, account, "sign_in_code", code=code)
        mail_code(conn, context, message, "session", str(session.id), now)


@dataclass(frozen=True)
class Recovered:
    """A recovery code was accepted: the session may now only set up a new second factor."""

    token: str
    recovery_codes_remaining: int


def recover(
    context: ServiceContext, session: SessionRecord, recovery_code: str, client: Client, now: datetime
) -> Recovered:
    """Use one recovery code instead of the second factor."""
    attempts = reserve_code_attempt(context, session, now)
    with context.engine.connect() as conn:
        account = load_account(conn, session.account_id)
    if not redeem_recovery_code(context, session.account_id, recovery_code, now):
        wrong_code(context, account, session, attempts, client, now)
    limits.succeeded(context, attempts[1], now)
    with context.engine.begin() as conn:
        set_state(conn, session.id, "two_factor_setup_required", recovered=True, method="recovery_code")
        token = rotate_token(conn, context, session.id)
        remaining = recovery_codes_remaining(conn, session.account_id)
        record_event(conn, session.account_id, "recovery_code_used", now, client, str(remaining))
        mail_account(conn, context, account, "account_recovered", now, remaining=remaining)
    return Recovered(token, remaining)


def reauthenticate(
    context: ServiceContext, session: SessionRecord, password: str, code: str, client: Client, now: datetime
) -> datetime:
    """Password and a current code again: opens the 5-minute window for sensitive changes; returns its end.

    The password counts against the username's lockout and the code against the account's second-factor
    budget (and both against the session's 5 tries), so a stolen session gives no more guesses than signing in.
    """
    with context.engine.connect() as conn:
        account = load_account(conn, session.account_id)
    per_session = limits.reserve(context, limits.SESSION_TRIES, f"session:{session.id}", now)
    password_attempt = limits.reserve(context, limits.PASSWORD, username_key(account["username"] or ""), now)
    if not context.secrets.verify_password(account["password_hash"], password):
        wrong_password(context, password_attempt, account, client, now, (session, per_session))
    limits.succeeded(context, password_attempt, now)
    per_account = limits.reserve(context, limits.SECOND_FACTOR, f"account:{session.account_id}", now)
    if not verify_second_factor(context, account, session.id, code, now):
        wrong_code(context, account, session, (per_session, per_account), client, now)
    limits.succeeded(context, per_account, now)
    limits.succeeded(context, per_session, now)
    with context.engine.begin() as conn:
        set_state(conn, session.id, "authenticated", reauthenticated_at=now)
    session.reauthenticated_at = now
    until = session.reauthenticated_until()
    assert until is not None
    return until


def sign_out(context: ServiceContext, session: SessionRecord, now: datetime) -> None:
    """End the session."""
    with context.engine.begin() as conn:
        revoke_sessions(conn, session.account_id, now, only=session.id)


def two_factor_method(context: ServiceContext, session: SessionRecord) -> str | None:
    """The account's second-factor method (for the session's state answer)."""
    with context.engine.connect() as conn:
        return load_account(conn, session.account_id)["two_factor_method"]
