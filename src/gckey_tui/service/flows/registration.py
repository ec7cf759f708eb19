"""Registration (DESIGN §3): username, password, recovery answers and a verified email address.

Cheap field checks answer first; then the limits per address and per client are reserved, and only then is
the username looked up (a taken one is a field message: a user must learn it, an attacker only slowly) and
anything hashed.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, and_, insert, select, update
from sqlalchemy.exc import IntegrityError

from gckey_tui.service import limits, policy
from gckey_tui.service.accounts import create_account
from gckey_tui.service.activity import Client, record_event
from gckey_tui.service.clock import aware
from gckey_tui.service.codes import consume_code, issue_code, mail_code, reserve_send
from gckey_tui.service.context import ServiceContext
from gckey_tui.service.domain_error import DomainError
from gckey_tui.service.security import normalise_answer
from gckey_tui.service.sessions import issue_session
from gckey_tui.service.tables.accounts import accounts, registrations, security_answers

REGISTRATION_LIFETIME = timedelta(minutes=30)


@dataclass(frozen=True)
class Registration:
    """What a person typed to register."""

    username: str
    password: str
    email: str
    language: str
    #: (question id, answer) × 3
    answers: list[tuple[str, str]]


def registration_problems(registration: Registration) -> dict[str, str]:
    """Field name → translation key of the first rule each field breaks (no store, no hashing)."""
    fields: dict[str, str] = {}
    if problems := policy.username_problems(registration.username):
        fields["username"] = problems[0]
    if problems := policy.password_problems(registration.password, registration.username):
        fields["password"] = problems[0]
    if problems := policy.email_problems(registration.email):
        fields["email"] = problems[0]
    if problem := answers_problem(registration.answers):
        fields["security_answers"] = problem
    return fields


def answers_problem(answers: list[tuple[str, str]]) -> str | None:
    """The translation key of the first rule three (question id, answer) pairs break, if any."""
    question_ids = [question_id for question_id, _answer in answers]
    normalised = [normalise_answer(answer) for _question_id, answer in answers]
    if len(question_ids) != policy.SECURITY_ANSWER_COUNT or len(set(question_ids)) != len(question_ids):
        return "policy.answers.count"
    if any(qid not in policy.RECOVERY_QUESTIONS for qid in question_ids):
        return "policy.answers.unknown"
    if any(len(answer) < policy.ANSWER_MIN for answer in normalised):
        return "policy.answers.short"
    if len(set(normalised)) != len(normalised):
        return "policy.answers.same"
    return None


def start(
    context: ServiceContext, registration: Registration, client_address: str, now: datetime
) -> tuple[str, datetime]:
    """Check every field, then email a verification code; returns the registration id and its expiry. The
    account is created on verification."""
    fields = registration_problems(registration)
    if fields:
        raise DomainError("invalid_registration", fields=fields)
    email = registration.email.strip()
    limits.reserve(context, limits.REGISTRATION_CLIENT, client_address, now)
    limits.reserve(context, limits.REGISTRATION_EMAIL, email, now)
    with context.engine.connect() as conn:
        taken = conn.execute(
            select(accounts.c.id).where(accounts.c.username_key == registration.username.casefold())
        ).first()
    if taken:
        raise DomainError("invalid_registration", fields={"username": "policy.username.taken"})
    answers = [
        {"question_id": question_id, "answer_hash": context.secrets.hash_password(normalise_answer(answer))}
        for question_id, answer in registration.answers
    ]
    registration_id = str(uuid.uuid4())
    expires_at = now + REGISTRATION_LIFETIME
    reserve_send(context, "registration", registration_id, now)
    with context.engine.begin() as conn:
        conn.execute(
            insert(registrations).values(
                id=registration_id,
                username=registration.username,
                password_hash=context.secrets.hash_password(registration.password),
                email=email,
                language=registration.language,
                answers=json.dumps(answers),
                created_at=now,
                expires_at=expires_at,
            )
        )
        code = issue_code(conn, context, "registration", registration_id, now)
        send_code(conn, context, registration_id, email, registration.language, registration.username, code, now)
    return registration_id, expires_at


def send_code(
    conn: Connection,
    context: ServiceContext,
    registration_id: str,
    email: str,
    language: str,
    username: str,
    code: str,
    now: datetime,
) -> None:
    """Queue the verification code's message in the transaction that issued the code."""
    message = context.mailer.compose(email, "verify_email", language, username=username, code=code)
    mail_code(conn, context, message, "registration", registration_id, now)


def open_registration(context: ServiceContext, registration_id: str, now: datetime) -> dict:
    """The registration if it can still be verified; ``registration_not_found`` otherwise."""
    with context.engine.connect() as conn:
        row = conn.execute(select(registrations).where(registrations.c.id == registration_id)).mappings().first()
    if row is None or row["completed_at"] is not None or aware(row["expires_at"]) <= now:
        raise DomainError("registration_not_found")
    return dict(row)


def resend_code(context: ServiceContext, registration_id: str, now: datetime) -> None:
    """Send a new verification code; the previous one stops working."""
    row = open_registration(context, registration_id, now)
    reserve_send(context, "registration", registration_id, now)
    with context.engine.begin() as conn:
        code = issue_code(conn, context, "registration", registration_id, now)
        send_code(conn, context, registration_id, row["email"], row["language"], row["username"], code, now)


def verify(
    context: ServiceContext, registration_id: str, code: str, client: Client, now: datetime
) -> tuple[str, datetime]:
    """Check the email code; create the account and a session that must set up a second factor. Returns the
    session's token and expiry."""
    row = open_registration(context, registration_id, now)
    checked = consume_code(context, "registration", registration_id, code, now)
    if checked.outcome == "wrong":
        raise DomainError("invalid_code", fields={"code": "error.invalid_code_field"}, remaining=checked.remaining)
    if checked.outcome == "expired":
        raise DomainError("code_expired", fields={"code": "error.code_expired_field"})
    try:
        with context.engine.begin() as conn:
            completed = conn.execute(
                update(registrations)
                .where(and_(registrations.c.id == registration_id, registrations.c.completed_at.is_(None)))
                .values(completed_at=now)
            ).rowcount
            if completed != 1:
                raise DomainError("registration_not_found")
            account_id = create_account(
                conn,
                now,
                username=row["username"],
                password_hash=row["password_hash"],
                email=row["email"],
                language=row["language"],
            )
            conn.execute(
                insert(security_answers),
                [
                    {"account_id": account_id, "position": position, **answer}
                    for position, answer in enumerate(json.loads(row["answers"]))
                ],
            )
            record_event(conn, account_id, "account_created", now, client)
            return issue_session(conn, context, account_id, "two_factor_setup_required", now, client)
    except IntegrityError as error:
        raise DomainError("username_taken", fields={"username": "policy.username.taken"}) from error
