"""Forgotten username and forgotten password (DESIGN §3): the same answers whether or not an account matches.

A password reset proves control of the address (an email code) and of the three answers together; it does not
sign in, keeps the second factor required, and ends every session and API token of the account.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, insert, select, update

from gckey_tui.service import limits, policy
from gckey_tui.service.accounts import account_message, active_account_by_username, mail_account
from gckey_tui.service.activity import record_activity
from gckey_tui.service.clock import aware
from gckey_tui.service.codes import CODE_LIFETIME, consume_code, issue_code, mail_code
from gckey_tui.service.context import ServiceContext
from gckey_tui.service.domain_error import DomainError
from gckey_tui.service.flows.sign_in import username_key
from gckey_tui.service.flows.tokens import revoke_account_tokens
from gckey_tui.service.security import normalise_answer
from gckey_tui.service.sessions import revoke_sessions
from gckey_tui.service.tables.accounts import accounts, security_answers
from gckey_tui.service.tables.lifecycle import password_recoveries

CODE_PURPOSE = "password_recovery"


def remind_usernames(context: ServiceContext, email: str, now: datetime) -> None:
    """Queue a reminder of every active account's username to this address, if any has it; counted first.
    The caller learns nothing either way."""
    limits.reserve(context, limits.RECOVERY_USERNAME, email, now)
    address = email.strip().lower()
    with context.engine.begin() as conn:
        found = conn.execute(
            select(accounts.c.username, accounts.c.email, accounts.c.language)
            .where(and_(func.lower(accounts.c.email) == address, accounts.c.status == "active"))
            .order_by(accounts.c.created_at)
        ).all()
        if found:
            usernames = ", ".join(row.username for row in found)
            reminder = {"email": found[0].email, "language": found[0].language, "username": usernames}
            mail_account(conn, context, reminder, "username_reminder", now)


def decoy_questions(context: ServiceContext, key: str) -> list[str]:
    """Three distinct questions for an unknown username, the same on every request, so repeating it tells
    nothing."""
    pool = list(policy.RECOVERY_QUESTIONS)
    digest = bytes.fromhex(context.secrets.hmac("recovery-decoy", key))
    chosen: list[str] = []
    for byte in digest:
        question = pool[byte % len(pool)]
        if question not in chosen:
            chosen.append(question)
        if len(chosen) == policy.SECURITY_ANSWER_COUNT:
            break
    return chosen


def start_password_recovery(context: ServiceContext, username: str, now: datetime) -> tuple[str, list[str], datetime]:
    """A request id, its questions and expiry always; when the username is an active account's, an email code
    is queued to its address."""
    key = username_key(username)
    limits.reserve(context, limits.RECOVERY_PASSWORD, key, now)
    request_id = str(uuid.uuid4())
    expires_at = now + CODE_LIFETIME
    with context.engine.begin() as conn:
        account = active_account_by_username(conn, key)
        conn.execute(
            insert(password_recoveries).values(
                id=request_id,
                account_id=account["id"] if account else None,
                username=username.strip(),
                created_at=now,
                expires_at=expires_at,
            )
        )
        if account is None:
            return request_id, decoy_questions(context, key), expires_at
        questions = list(
            conn.execute(
                select(security_answers.c.question_id)
                .where(security_answers.c.account_id == account["id"])
                .order_by(security_answers.c.position)
            ).scalars()
        )
        code = issue_code(conn, context, CODE_PURPOSE, request_id, now)
        message = account_message(context, account, "password_reset_code", code=code)
        mail_code(conn, context, message, CODE_PURPOSE, request_id, now)
    return request_id, questions, expires_at


def answers_match(context: ServiceContext, account_id: int | None, given: list[tuple[str, str]]) -> bool:
    """All three answers right. Always three argon2 verifies, so the time does not tell whether the request
    belongs to an account."""
    stored = {}
    if account_id is not None:
        with context.engine.connect() as conn:
            stored = {
                row.question_id: row.answer_hash
                for row in conn.execute(
                    select(security_answers.c.question_id, security_answers.c.answer_hash).where(
                        security_answers.c.account_id == account_id
                    )
                )
            }
    offered = {question_id: normalise_answer(answer) for question_id, answer in given}
    questions = list(stored) or [None] * policy.SECURITY_ANSWER_COUNT
    results = [context.secrets.verify_password(stored.get(qid), offered.get(qid, "")) for qid in questions]
    return len(stored) == policy.SECURITY_ANSWER_COUNT and all(results)


def complete_password_recovery(
    context: ServiceContext,
    request_id: str,
    code: str,
    answers: list[tuple[str, str]],
    new_password: str,
    now: datetime,
) -> dict[str, Any]:
    """Email code + the three answers + a new password; returns the account. Any wrong part:
    ``invalid_recovery``, nothing more. Every session and API token of the account ends, and the owner is told."""
    with context.engine.connect() as conn:
        row = (
            conn.execute(select(password_recoveries).where(password_recoveries.c.id == request_id[:36]))
            .mappings()
            .first()
        )
    username = row["username"] if row else ""
    if problems := policy.password_problems(new_password, username):
        raise DomainError("invalid_password", fields={"new_password": problems[0]})
    live = row is not None and row["completed_at"] is None and aware(row["expires_at"]) > now
    account_id = row["account_id"] if live else None
    answers_ok = answers_match(context, account_id, answers)
    # the code is spent by a right guess even when the answers are wrong: one code, one try at the answers
    code_ok = account_id is not None and consume_code(context, CODE_PURPOSE, request_id, code, now).ok
    if not (answers_ok and code_ok):
        raise DomainError("invalid_recovery")
    password_hash = context.secrets.hash_password(new_password)
    with context.engine.begin() as conn:
        claimed = conn.execute(
            update(password_recoveries)
            .where(and_(password_recoveries.c.id == request_id, password_recoveries.c.completed_at.is_(None)))
            .values(completed_at=now)
        ).rowcount
        changed = (
            claimed == 1
            and conn.execute(
                update(accounts)
                .where(and_(accounts.c.id == account_id, accounts.c.status == "active"))
                .values(password_hash=password_hash)
            ).rowcount
            == 1
        )
        if changed:
            record_activity(conn, account_id, now)
            revoke_sessions(conn, account_id, now)
            revoke_account_tokens(conn, account_id, now)
            account = dict(conn.execute(select(accounts).where(accounts.c.id == account_id)).mappings().one())
            mail_account(conn, context, account, "password_reset_done", now)
    if not changed:
        raise DomainError("invalid_recovery")
    # the owner proved control of the address and the answers: a password lockout no longer protects anyone
    limits.clear(context, limits.PASSWORD, username_key(account["username"]), now)
    return account
