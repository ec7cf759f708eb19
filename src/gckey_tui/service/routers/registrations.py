"""Registration: username, password, recovery questions and a verified email address."""

from __future__ import annotations

import json
import uuid
from datetime import timedelta

from fastapi import APIRouter, Depends
from sqlalchemy import and_, insert, select, update
from sqlalchemy.exc import IntegrityError

from gckey_tui.api import models as m
from gckey_tui.service import policy
from gckey_tui.service.clock import aware
from gckey_tui.service.codes import consume_code, issue_code, refuse_if_sent_recently
from gckey_tui.service.context import ServiceContext
from gckey_tui.service.deps import get_context
from gckey_tui.service.domain_error import DomainError
from gckey_tui.service.security import normalise_answer
from gckey_tui.service.sessions import issue_session
from gckey_tui.service.tables.accounts import accounts, registrations, security_answers

router = APIRouter(prefix="/api/v1/registrations", tags=["registration"])

REGISTRATION_LIFETIME = timedelta(minutes=30)


def registration_problems(request: m.RegistrationRequest) -> dict[str, str]:
    """Field name → translation key of the first rule each field breaks."""
    fields: dict[str, str] = {}
    if problems := policy.username_problems(request.username):
        fields["username"] = problems[0]
    if problems := policy.password_problems(request.password, request.username):
        fields["password"] = problems[0]
    if problems := policy.email_problems(request.email):
        fields["email"] = problems[0]
    answers = request.security_answers
    question_ids = [answer.question_id for answer in answers]
    normalised = [normalise_answer(answer.answer) for answer in answers]
    if len(answers) != policy.SECURITY_ANSWER_COUNT or len(set(question_ids)) != len(question_ids):
        fields["security_answers"] = "policy.answers.count"
    elif any(qid not in policy.RECOVERY_QUESTIONS for qid in question_ids):
        fields["security_answers"] = "policy.answers.unknown"
    elif any(len(answer) < policy.ANSWER_MIN for answer in normalised):
        fields["security_answers"] = "policy.answers.short"
    elif len(set(normalised)) != len(normalised):
        fields["security_answers"] = "policy.answers.same"
    return fields


@router.post("", status_code=201, response_model=m.RegistrationCreated)
def start_registration(
    request: m.RegistrationRequest, context: ServiceContext = Depends(get_context)
) -> m.RegistrationCreated:
    """Check every field, then email a verification code; the account is created on verification."""
    fields = registration_problems(request)
    username_key = request.username.casefold()
    if "username" not in fields:
        with context.engine.connect() as conn:
            if conn.execute(select(accounts.c.id).where(accounts.c.username_key == username_key)).first():
                fields["username"] = "policy.username.taken"
    if fields:
        raise DomainError("invalid_registration", fields=fields)
    now = context.clock.now()
    answers = [
        {
            "question_id": answer.question_id,
            "answer_hash": context.secrets.hash_password(normalise_answer(answer.answer)),
        }
        for answer in request.security_answers
    ]
    registration_id = str(uuid.uuid4())
    expires_at = now + REGISTRATION_LIFETIME
    with context.engine.begin() as conn:
        conn.execute(
            insert(registrations).values(
                id=registration_id,
                username=request.username,
                password_hash=context.secrets.hash_password(request.password),
                email=request.email.strip(),
                language=request.language,
                answers=json.dumps(answers),
                created_at=now,
                expires_at=expires_at,
            )
        )
        code = issue_code(conn, context, "registration", registration_id, now)
    send_registration_code(context, request.email.strip(), request.language, request.username, code)
    return m.RegistrationCreated(registration_id=registration_id, expires_at=expires_at)


def send_registration_code(context: ServiceContext, email: str, language: str, username: str, code: str) -> None:
    """Email the verification code."""
    context.mailer.send(context.mailer.compose(email, "verify_email", language, username=username, code=code))


def open_registration(context: ServiceContext, registration_id: str) -> dict:
    """The registration if it can still be verified; 404 ``registration_not_found`` otherwise."""
    with context.engine.connect() as conn:
        row = conn.execute(select(registrations).where(registrations.c.id == registration_id)).mappings().first()
    if row is None or row["completed_at"] is not None or aware(row["expires_at"]) <= context.clock.now():
        raise DomainError("registration_not_found")
    return dict(row)


@router.post("/{registration_id}/code", status_code=202)
def resend_registration_code(registration_id: str, context: ServiceContext = Depends(get_context)) -> None:
    """Send a new verification code; the previous one stops working."""
    row = open_registration(context, registration_id)
    with context.engine.begin() as conn:
        refuse_if_sent_recently(conn, "registration", registration_id, context.clock.now())
        code = issue_code(conn, context, "registration", registration_id, context.clock.now())
    send_registration_code(context, row["email"], row["language"], row["username"], code)


@router.post("/{registration_id}/verify", status_code=201, response_model=m.SessionCreated)
def verify_registration(
    registration_id: str, request: m.CodeRequest, context: ServiceContext = Depends(get_context)
) -> m.SessionCreated:
    """Check the email code; create the account and a session that must set up a second factor."""
    row = open_registration(context, registration_id)
    now = context.clock.now()
    outcome = consume_code(context, "registration", registration_id, request.code, now)
    if outcome == "wrong":
        raise DomainError("invalid_code", fields={"code": "error.invalid_code_field"})
    if outcome == "expired":
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
            account_id = conn.execute(
                insert(accounts).values(
                    username=row["username"],
                    username_key=row["username"].casefold(),
                    password_hash=row["password_hash"],
                    email=row["email"],
                    language=row["language"],
                    status="active",
                    created_at=now,
                    last_activity_at=now,
                )
            ).inserted_primary_key[0]
            conn.execute(
                insert(security_answers),
                [
                    {"account_id": account_id, "position": position, **answer}
                    for position, answer in enumerate(json.loads(row["answers"]))
                ],
            )
            token, expires_at = issue_session(conn, context, account_id, "two_factor_setup_required", now)
    except IntegrityError as error:
        raise DomainError("username_taken", fields={"username": "policy.username.taken"}) from error
    return m.SessionCreated(token=token, state="two_factor_setup_required", expires_at=expires_at)
