"""Second factor (DESIGN §3): TOTP with replay refusal, emailed codes, single-use recovery codes, and setting a
factor up (enrolment)."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, and_, delete, func, insert, or_, select, update

from gckey_tui.service.accounts import account_message, load_account, mail_account
from gckey_tui.service.activity import Client, record_event, record_sign_in
from gckey_tui.service.clock import aware
from gckey_tui.service.codes import consume_code, issue_code, mail_code
from gckey_tui.service.context import ServiceContext
from gckey_tui.service.domain_error import DomainError
from gckey_tui.service.flows.tokens import revoke_account_tokens
from gckey_tui.service.roles import account_roles
from gckey_tui.service.security import (
    SecretNotBound,
    account_binding,
    new_recovery_code,
    new_totp_secret,
    normalise_recovery_code,
    otpauth_uri,
    totp_matching_step,
)
from gckey_tui.service.sessions import SessionRecord, revoke_sessions, set_state
from gckey_tui.service.tables.accounts import accounts, enrolments, recovery_codes

RECOVERY_CODE_COUNT = 10

log = logging.getLogger("gckey_tui.service")


def accept_totp(context: ServiceContext, account_id: int, secret: str, code: str, now: datetime) -> bool:
    """True when ``code`` is valid now and its time step is later than any accepted before.

    The step is claimed with a conditional UPDATE, so the same code wins at most once, even concurrently.
    """
    step = totp_matching_step(secret, code, now.timestamp())
    if step is None:
        return False
    with context.engine.begin() as conn:
        claimed = conn.execute(
            update(accounts)
            .where(
                and_(
                    accounts.c.id == account_id,
                    or_(accounts.c.totp_last_step.is_(None), accounts.c.totp_last_step < step),
                )
            )
            .values(totp_last_step=step)
        ).rowcount
    return claimed == 1


def verify_second_factor(
    context: ServiceContext, account: dict[str, Any], session_id: int, code: str, now: datetime
) -> bool:
    """Check a sign-in or re-authentication code against the account's method."""
    if account["two_factor_method"] == "totp" and account["totp_secret"] is not None:
        try:
            secret = context.secrets.decrypt(account["totp_secret"], account_binding(account["id"]))
        except SecretNotBound:
            log.error("the TOTP secret of account %s does not decrypt for it: refused", account["id"])
            return False
        return accept_totp(context, account["id"], secret, code, now)
    if account["two_factor_method"] == "email":
        return consume_code(context, "session", str(session_id), code, now).ok
    return False


def replace_recovery_codes(conn: Connection, context: ServiceContext, account_id: int, now: datetime) -> list[str]:
    """Void every recovery code of the account and issue 10 new ones (returned once, stored as HMACs)."""
    conn.execute(delete(recovery_codes).where(recovery_codes.c.account_id == account_id))
    codes = [new_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    conn.execute(
        insert(recovery_codes),
        [
            {
                "account_id": account_id,
                "code_hmac": context.secrets.hmac("recovery", normalise_recovery_code(code)),
                "created_at": now,
            }
            for code in codes
        ],
    )
    return codes


def redeem_recovery_code(context: ServiceContext, account_id: int, code: str, now: datetime) -> bool:
    """Use up one recovery code: ``UPDATE … WHERE used_at IS NULL``, one row or nothing."""
    code_hmac = context.secrets.hmac("recovery", normalise_recovery_code(code))
    with context.engine.begin() as conn:
        used = conn.execute(
            update(recovery_codes)
            .where(
                and_(
                    recovery_codes.c.account_id == account_id,
                    recovery_codes.c.code_hmac == code_hmac,
                    recovery_codes.c.used_at.is_(None),
                )
            )
            .values(used_at=now)
        ).rowcount
    return used == 1


def recovery_codes_remaining(conn: Connection, account_id: int) -> int:
    """How many recovery codes the account can still use."""
    return conn.execute(
        select(func.count())
        .select_from(recovery_codes)
        .where(and_(recovery_codes.c.account_id == account_id, recovery_codes.c.used_at.is_(None)))
    ).scalar_one()


# -- setting a factor up (first time, after recovery, or a change) ----------------------------------------

ENROLMENT_LIFETIME = timedelta(minutes=15)


@dataclass(frozen=True)
class Enrolment:
    """A factor being set up: the TOTP secret and its URI (shown once), or an emailed code."""

    enrolment_id: str
    method: str
    secret: str | None
    otpauth_uri: str | None
    expires_at: datetime


def start_enrolment(context: ServiceContext, session: SessionRecord, method: str, now: datetime) -> Enrolment:
    """Begin setting up a factor. Changing an existing one needs re-authentication in the last 5 minutes."""
    if session.state == "authenticated" and not session.recently_reauthenticated(now):
        raise DomainError("reauthentication_required")
    enrolment_id = str(uuid.uuid4())
    expires_at = now + ENROLMENT_LIFETIME
    secret = new_totp_secret() if method == "totp" else None
    with context.engine.begin() as conn:
        account = load_account(conn, session.account_id)
        conn.execute(
            insert(enrolments).values(
                id=enrolment_id,
                account_id=session.account_id,
                session_id=session.id,
                method=method,
                secret=context.secrets.encrypt(secret, account_binding(session.account_id)) if secret else None,
                created_at=now,
                expires_at=expires_at,
            )
        )
        if secret is None:
            code = issue_code(conn, context, "enrolment", enrolment_id, now)
            message = account_message(context, account, "enrolment_code", code=code)
            mail_code(conn, context, message, "enrolment", enrolment_id, now)
    uri = otpauth_uri(secret, account["username"]) if secret else None
    return Enrolment(enrolment_id, method, secret, uri, expires_at)


def confirm_enrolment(
    context: ServiceContext, session: SessionRecord, enrolment_id: str, code: str, client: Client, now: datetime
) -> list[str]:
    """Prove the new factor works; it replaces the old one, with 10 new recovery codes (returned once).

    A change ends the account's other sessions and its API tokens, and is emailed to the owner.
    """
    with context.engine.connect() as conn:
        enrolment = (
            conn.execute(
                select(enrolments).where(and_(enrolments.c.id == enrolment_id, enrolments.c.session_id == session.id))
            )
            .mappings()
            .first()
        )
    if enrolment is None or enrolment["confirmed_at"] is not None or aware(enrolment["expires_at"]) <= now:
        raise DomainError("enrolment_not_found")
    secret = (
        context.secrets.decrypt(enrolment["secret"], account_binding(session.account_id))
        if enrolment["secret"]
        else None
    )
    step = None
    if secret is not None:
        step = totp_matching_step(secret, code, now.timestamp())
        if step is None:
            # the new secret is this session's alone: no try limit to count down, just say what to check
            raise DomainError("invalid_setup_code", fields={"code": "error.invalid_code_field"})
    else:
        checked = consume_code(context, "enrolment", enrolment_id, code, now)
        if not checked.ok:
            left = checked.remaining
            if checked.outcome == "wrong":
                raise DomainError("invalid_code", fields={"code": "error.invalid_code_field"}, remaining=left)
            raise DomainError("code_expired", fields={"code": "error.code_expired_field"}, remaining=left)
    with context.engine.begin() as conn:
        confirmed = conn.execute(
            update(enrolments)
            .where(and_(enrolments.c.id == enrolment_id, enrolments.c.confirmed_at.is_(None)))
            .values(confirmed_at=now)
        ).rowcount
        if confirmed != 1:
            raise DomainError("enrolment_not_found")
        account = load_account(conn, session.account_id)
        changed = account["two_factor_method"] is not None
        conn.execute(
            update(accounts)
            .where(accounts.c.id == session.account_id)
            .values(
                two_factor_method=enrolment["method"],
                totp_secret=enrolment["secret"],
                # the step that confirmed setup is spent: the same code cannot also sign in
                totp_last_step=step,
            )
        )
        codes = replace_recovery_codes(conn, context, session.account_id, now)
        record_event(
            conn,
            session.account_id,
            "two_factor_changed" if changed else "two_factor_set_up",
            now,
            client,
            enrolment["method"],
        )
        if session.state != "authenticated":
            # setting the factor up finished a sign-in (a new account's, or one recovered with a code)
            set_state(conn, session.id, "authenticated", recovered=False, method=session_method(session, enrolment))
            record_event(conn, session.account_id, "sign_in", now, client, enrolment["method"])
        record_sign_in(conn, session.account_id, now)
        if changed:
            revoke_sessions(conn, session.account_id, now, keep=session.id)
            revoke_account_tokens(conn, session.account_id, now)
            mail_account(conn, context, account, "two_factor_changed", now, method=enrolment["method"])
    return codes


def session_method(session: SessionRecord, enrolment: dict[str, Any]) -> str:
    """How a session finished by setting a factor up signed in: with a recovery code, or the new factor."""
    return "recovery_code" if session.recovered else enrolment["method"]


def me_summary(context: ServiceContext, account_id: int) -> dict[str, Any]:
    """The account as its owner sees it: names, method, recovery codes left and roles."""
    with context.engine.connect() as conn:
        account = load_account(conn, account_id)
        return {
            **account,
            "created_at": aware(account["created_at"]),
            "last_sign_in_at": aware(account["last_sign_in_at"]),
            "recovery_codes_remaining": recovery_codes_remaining(conn, account_id),
            "roles": account_roles(conn, account_id),
        }
