"""The account centre (DESIGN §3 Account self-service): what a signed-in owner may change and see.

Every change needs re-authentication within the last 5 minutes and tells the owner by email. Changing the
password ends the other sessions and every API token; a new address works only once its code is entered (the
old one keeps working until then, and is told); the sessions list says how, from where and when each live
session signed in; the activity is the account's security events of the last 2 years.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from gckey_tui.service import lifecycle, limits, policy
from gckey_tui.service.accounts import account_message, load_account, mail_account
from gckey_tui.service.activity import Client, events, record_activity, record_event
from gckey_tui.service.clock import aware
from gckey_tui.service.codes import consume_code, issue_code, mail_code, reserve_send
from gckey_tui.service.context import ServiceContext
from gckey_tui.service.domain_error import DomainError
from gckey_tui.service.flows.registration import answers_problem
from gckey_tui.service.flows.sign_in import username_key, wrong_password
from gckey_tui.service.flows.tokens import revoke_account_tokens
from gckey_tui.service.flows.two_factor import replace_recovery_codes
from gckey_tui.service.security import normalise_answer
from gckey_tui.service.sessions import IDLE_TIMEOUT, SessionRecord, revoke_sessions
from gckey_tui.service.tables.accounts import accounts, pending_emails, security_answers, sessions

EMAIL_CODE_PURPOSE = "email_change"


def require_reauthentication(session: SessionRecord, now: datetime) -> None:
    """Sensitive changes need the password and a code again within the last 5 minutes."""
    if not session.recently_reauthenticated(now):
        raise DomainError("reauthentication_required")


def change_password(
    context: ServiceContext, session: SessionRecord, current: str, new: str, client: Client, now: datetime
) -> None:
    """A new password (the registration policy); the current one counts against the username's lockout."""
    require_reauthentication(session, now)
    with context.engine.connect() as conn:
        account = load_account(conn, session.account_id)
    if problems := policy.password_problems(new, account["username"] or ""):
        raise DomainError("invalid_password", fields={"new_password": problems[0]})
    attempt = limits.reserve(context, limits.PASSWORD, username_key(account["username"] or ""), now)
    if not context.secrets.verify_password(account["password_hash"], current):
        wrong_password(context, attempt, account, client, now)
    limits.succeeded(context, attempt, now)
    password_hash = context.secrets.hash_password(new)
    with context.engine.begin() as conn:
        conn.execute(update(accounts).where(accounts.c.id == session.account_id).values(password_hash=password_hash))
        ended = revoke_sessions(conn, session.account_id, now, keep=session.id)
        revoke_account_tokens(conn, session.account_id, now)
        record_activity(conn, session.account_id, now)
        record_event(conn, session.account_id, "password_changed", now, client, f"{ended} sessions ended")
        mail_account(conn, context, account, "password_changed", now)


def start_email_change(
    context: ServiceContext, session: SessionRecord, email: str, client: Client, now: datetime
) -> None:
    """Send a code to the new address; it replaces the old one when the code comes back."""
    require_reauthentication(session, now)
    email = email.strip()
    if problems := policy.email_problems(email):
        raise DomainError("invalid_fields", fields={"email": problems[0]})
    reserve_send(context, EMAIL_CODE_PURPOSE, str(session.account_id), now)
    with context.engine.begin() as conn:
        account = load_account(conn, session.account_id)
        conn.execute(delete(pending_emails).where(pending_emails.c.account_id == session.account_id))
        conn.execute(insert(pending_emails).values(account_id=session.account_id, email=email, requested_at=now))
        code = issue_code(conn, context, EMAIL_CODE_PURPOSE, str(session.account_id), now)
        record_event(conn, session.account_id, "email_change_requested", now, client)
        message = account_message(context, {**account, "email": email}, "email_change_code", code=code)
        mail_code(conn, context, message, EMAIL_CODE_PURPOSE, str(session.account_id), now)


def verify_email_change(
    context: ServiceContext, session: SessionRecord, code: str, client: Client, now: datetime
) -> None:
    """The code sent to the new address: it becomes the account's address; the old one is told."""
    with context.engine.connect() as conn:
        account = load_account(conn, session.account_id)
        pending = conn.execute(
            select(pending_emails.c.email).where(pending_emails.c.account_id == session.account_id)
        ).scalar()
    if pending is None:
        raise DomainError("code_expired", fields={"code": "error.code_expired_field"})
    checked = consume_code(context, EMAIL_CODE_PURPOSE, str(session.account_id), code, now)
    if checked.outcome == "wrong":
        raise DomainError("invalid_code", fields={"code": "error.invalid_code_field"}, remaining=checked.remaining)
    if checked.outcome == "expired":
        raise DomainError("code_expired", fields={"code": "error.code_expired_field"})
    with context.engine.begin() as conn:
        conn.execute(update(accounts).where(accounts.c.id == session.account_id).values(email=pending))
        conn.execute(delete(pending_emails).where(pending_emails.c.account_id == session.account_id))
        record_activity(conn, session.account_id, now)
        record_event(conn, session.account_id, "email_changed", now, client)
        mail_account(conn, context, account, "email_changed", now, new_email=pending)


def change_security_answers(
    context: ServiceContext, session: SessionRecord, answers: list[tuple[str, str]], client: Client, now: datetime
) -> None:
    """Three new recovery answers (the registration rules), stored as argon2id hashes."""
    require_reauthentication(session, now)
    if problem := answers_problem(answers):
        raise DomainError("invalid_fields", fields={"security_answers": problem})
    hashed = [
        {"question_id": question_id, "answer_hash": context.secrets.hash_password(normalise_answer(answer))}
        for question_id, answer in answers
    ]
    with context.engine.begin() as conn:
        account = load_account(conn, session.account_id)
        conn.execute(delete(security_answers).where(security_answers.c.account_id == session.account_id))
        conn.execute(
            insert(security_answers),
            [{"account_id": session.account_id, "position": n, **answer} for n, answer in enumerate(hashed)],
        )
        record_activity(conn, session.account_id, now)
        record_event(conn, session.account_id, "security_answers_changed", now, client)
        mail_account(conn, context, account, "security_answers_changed", now)


def regenerate_recovery_codes(
    context: ServiceContext, session: SessionRecord, client: Client, now: datetime
) -> list[str]:
    """Ten new recovery codes (returned once); the old ones stop working. The factor does not change."""
    require_reauthentication(session, now)
    with context.engine.begin() as conn:
        account = load_account(conn, session.account_id)
        if account["two_factor_method"] is None:
            raise DomainError("session_incomplete")
        codes = replace_recovery_codes(conn, context, session.account_id, now)
        record_event(conn, session.account_id, "recovery_codes_regenerated", now, client)
        mail_account(conn, context, account, "recovery_codes_regenerated", now)
    return codes


def live_sessions(context: ServiceContext, session: SessionRecord, now: datetime) -> list[dict[str, Any]]:
    """Every live session of the account: how and from where it signed in, when last seen, which is this one."""
    with context.engine.connect() as conn:
        rows = conn.execute(
            select(sessions)
            .where(
                sessions.c.account_id == session.account_id,
                sessions.c.revoked_at.is_(None),
                sessions.c.expires_at > now,
                sessions.c.last_seen_at > now - IDLE_TIMEOUT,
            )
            .order_by(sessions.c.last_seen_at.desc())
        ).mappings()
        return [
            {
                "id": row["id"],
                "created_at": aware(row["created_at"]),
                "last_seen_at": aware(row["last_seen_at"]),
                "state": row["state"],
                "method": row["method"],
                "client": row["client"],
                "address": row["address"],
                "current": row["id"] == session.id,
            }
            for row in rows
        ]


def end_session(
    context: ServiceContext, session: SessionRecord, session_id: int, client: Client, now: datetime
) -> None:
    """End one of the account's sessions; ``session_not_found`` for any other (another account's included)."""
    with context.engine.begin() as conn:
        ended = revoke_sessions(conn, session.account_id, now, only=session_id)
        if ended:
            record_event(
                conn, session.account_id, "session_ended", now, client, "this" if session_id == session.id else "one"
            )
    if not ended:
        raise DomainError("session_not_found")


def end_other_sessions(context: ServiceContext, session: SessionRecord, client: Client, now: datetime) -> int:
    """End every session of the account but this one; returns how many."""
    with context.engine.begin() as conn:
        ended = revoke_sessions(conn, session.account_id, now, keep=session.id)
        if ended:
            record_event(conn, session.account_id, "session_ended", now, client, f"{ended} others")
    return ended


def activity(
    context: ServiceContext, account_id: int, now: datetime, *, limit: int, before: int | None
) -> list[dict[str, Any]]:
    """The account's security events, newest first."""
    with context.engine.connect() as conn:
        load_account(conn, account_id)
        return events(conn, account_id, now, limit=limit, before=before)


@lifecycle.exporter("activity")
def _export_activity(conn: Connection, account_id: int) -> list[dict[str, Any]]:
    from gckey_tui.service.clock import Clock

    return [
        {**event, "occurred_at": event["occurred_at"].isoformat()}
        for event in events(conn, account_id, Clock().now(), limit=100_000)
    ]
