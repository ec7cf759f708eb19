"""Forgotten username and forgotten password (DESIGN §3): same answers whether or not an account matches."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, BackgroundTasks, Depends, Response
from sqlalchemy import and_, func, insert, select, update

from gckey_tui.api import models_lifecycle as lm
from gckey_tui.service import policy, throttle
from gckey_tui.service.accounts import active_account_by_username, mail_account
from gckey_tui.service.clock import aware
from gckey_tui.service.codes import CODE_LIFETIME, consume_code, issue_code
from gckey_tui.service.context import ServiceContext
from gckey_tui.service.deps import get_context
from gckey_tui.service.domain_error import DomainError
from gckey_tui.service.hourly_limit import count_request
from gckey_tui.service.security import normalise_answer
from gckey_tui.service.sessions import revoke_sessions
from gckey_tui.service.tables.accounts import accounts, security_answers, sign_in_throttle
from gckey_tui.service.tables.lifecycle import password_recoveries

router = APIRouter(prefix="/api/v1/recovery", tags=["recovery"])

#: requests per hour for one address or one username (whatever exists): enough for typos, too few to spam
HOURLY_LIMIT = 5
CODE_PURPOSE = "password_recovery"


@router.post("/username", status_code=202)
def recover_username(
    request: lm.UsernameRecoveryRequest, tasks: BackgroundTasks, context: ServiceContext = Depends(get_context)
) -> None:
    """Email the usernames of the active accounts with this address; the answer never says whether any did."""
    now = context.clock.now()
    count_request(context, "recovery-username", request.email, HOURLY_LIMIT, now)
    address = request.email.strip().lower()
    with context.engine.connect() as conn:
        found = conn.execute(
            select(accounts.c.username, accounts.c.email, accounts.c.language)
            .where(and_(func.lower(accounts.c.email) == address, accounts.c.status == "active"))
            .order_by(accounts.c.created_at)
        ).all()
    if found:
        # after the answer is sent: the time taken does not depend on a match
        first = found[0]
        names = ", ".join(row.username for row in found)
        tasks.add_task(
            mail_account,
            context,
            {"email": first.email, "language": first.language, "username": names},
            "username_reminder",
        )


def decoy_questions(context: ServiceContext, username_key: str) -> list[str]:
    """Three distinct questions for an unknown username, the same on every request, so repeating it tells
    nothing."""
    pool = list(policy.RECOVERY_QUESTIONS)
    digest = bytes.fromhex(context.secrets.hmac("recovery-decoy", username_key))
    chosen = []
    for byte in digest:
        question = pool[byte % len(pool)]
        if question not in chosen:
            chosen.append(question)
        if len(chosen) == policy.SECURITY_ANSWER_COUNT:
            break
    return chosen


@router.post("/password", status_code=202, response_model=lm.PasswordRecoveryStarted)
def start_password_recovery(
    request: lm.PasswordRecoveryRequest, tasks: BackgroundTasks, context: ServiceContext = Depends(get_context)
) -> lm.PasswordRecoveryStarted:
    """A request id always; an email code only when the username is an active account's."""
    now = context.clock.now()
    key = throttle.throttle_key(request.username)
    count_request(context, "recovery-password", key, HOURLY_LIMIT, now)
    request_id = str(uuid.uuid4())
    expires_at = now + CODE_LIFETIME
    with context.engine.begin() as conn:
        account = active_account_by_username(conn, key)
        conn.execute(
            insert(password_recoveries).values(
                id=request_id,
                account_id=account["id"] if account else None,
                username=request.username.strip(),
                created_at=now,
                expires_at=expires_at,
            )
        )
        if account is None:
            questions = decoy_questions(context, key)
        else:
            questions = list(
                conn.execute(
                    select(security_answers.c.question_id)
                    .where(security_answers.c.account_id == account["id"])
                    .order_by(security_answers.c.position)
                ).scalars()
            )
            code = issue_code(conn, context, CODE_PURPOSE, request_id, now)
            tasks.add_task(mail_account, context, account, "password_reset_code", code=code)
    return lm.PasswordRecoveryStarted(request_id=request_id, question_ids=questions, expires_at=expires_at)


def answers_match(context: ServiceContext, account_id: int | None, given: list) -> bool:
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
    offered = {answer.question_id: normalise_answer(answer.answer) for answer in given}
    questions = list(stored) or [None] * policy.SECURITY_ANSWER_COUNT
    results = [context.secrets.verify_password(stored.get(qid), offered.get(qid, "")) for qid in questions]
    return len(stored) == policy.SECURITY_ANSWER_COUNT and all(results)


@router.post("/password/{request_id}/complete", status_code=204)
def complete_password_recovery(
    request_id: str,
    request: lm.PasswordRecoveryCompletion,
    tasks: BackgroundTasks,
    context: ServiceContext = Depends(get_context),
) -> Response:
    """Email code + the three answers + a new password. Any wrong part: 400 ``invalid_recovery``, nothing more.

    Does not sign in; the second factor stays required at the next sign-in. Every session is ended.
    """
    now = context.clock.now()
    with context.engine.connect() as conn:
        row = (
            conn.execute(select(password_recoveries).where(password_recoveries.c.id == request_id[:36]))
            .mappings()
            .first()
        )
    username = row["username"] if row else ""
    if problems := policy.password_problems(request.new_password, username):
        raise DomainError("invalid_password", fields={"new_password": problems[0]})
    live = row is not None and row["completed_at"] is None and aware(row["expires_at"]) > now
    account_id = row["account_id"] if live else None
    answers_ok = answers_match(context, account_id, request.security_answers)
    # the code is spent by a right guess even when the answers are wrong: one code, one try at the answers
    code_ok = account_id is not None and consume_code(context, CODE_PURPOSE, request_id, request.code, now) == "ok"
    if not (answers_ok and code_ok):
        raise DomainError("invalid_recovery")
    password_hash = context.secrets.hash_password(request.new_password)
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
                .values(password_hash=password_hash, last_activity_at=now, inactivity_warned_at=None)
            ).rowcount
            == 1
        )
        if changed:
            revoke_sessions(conn, account_id, now)
            account = dict(conn.execute(select(accounts).where(accounts.c.id == account_id)).mappings().one())
    if not changed:
        raise DomainError("invalid_recovery")
    # the owner proved control of the address and the answers: a password lockout no longer protects anyone
    with context.engine.begin() as conn:
        conn.execute(
            update(sign_in_throttle)
            .where(sign_in_throttle.c.username_key == throttle.throttle_key(account["username"]))
            .values(failures=0, lock_count=0, locked_until=None)
        )
    tasks.add_task(mail_account, context, account, "password_reset_done")
    return Response(status_code=204)
