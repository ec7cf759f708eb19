"""The signed-in account and second-factor enrolment."""

from __future__ import annotations

import uuid
from datetime import timedelta

from fastapi import APIRouter, Depends
from sqlalchemy import and_, insert, select, update

from gckey_tui.api import models as m
from gckey_tui.service.accounts import load_account, mail_account
from gckey_tui.service.clock import aware
from gckey_tui.service.codes import consume_code, issue_code
from gckey_tui.service.context import ServiceContext
from gckey_tui.service.deps import Caller, authenticated, get_context, session_in
from gckey_tui.service.errors import ServiceError
from gckey_tui.service.roles import account_roles
from gckey_tui.service.security import account_binding, new_totp_secret, otpauth_uri, totp_matching_step
from gckey_tui.service.sessions import revoke_sessions, set_state
from gckey_tui.service.tables.accounts import accounts, enrolments
from gckey_tui.service.twofactor import recovery_codes_remaining, replace_recovery_codes

router = APIRouter(prefix="/api/v1/me", tags=["account"])

ENROLMENT_LIFETIME = timedelta(minutes=15)

setting_up_or_signed_in = session_in("two_factor_setup_required", "authenticated")


@router.get("", response_model=m.Me)
def me(caller: Caller = Depends(authenticated), context: ServiceContext = Depends(get_context)) -> m.Me:
    """The account behind a fully signed-in session."""
    with context.engine.connect() as conn:
        account = load_account(conn, caller.account_id)
        remaining = recovery_codes_remaining(conn, caller.account_id)
        roles = account_roles(conn, caller.account_id)
    return m.Me(
        username=account["username"],
        email=account["email"],
        language=account["language"],
        two_factor=m.TwoFactorStatus(method=account["two_factor_method"], recovery_codes_remaining=remaining),
        roles=roles,
        created_at=aware(account["created_at"]),
        last_sign_in_at=aware(account["last_sign_in_at"]),
    )


@router.post("/two-factor/enrolments", status_code=201, response_model=m.EnrolmentCreated)
def start_enrolment(
    request: m.EnrolmentRequest,
    caller: Caller = Depends(setting_up_or_signed_in),
    context: ServiceContext = Depends(get_context),
) -> m.EnrolmentCreated:
    """Begin setting up a factor. Changing an existing one needs re-authentication in the last 5 minutes."""
    if caller.session.state == "authenticated" and not caller.session.recently_reauthenticated(caller.now):
        raise ServiceError(403, "reauthentication_required")
    enrolment_id = str(uuid.uuid4())
    expires_at = caller.now + ENROLMENT_LIFETIME
    secret = new_totp_secret() if request.method == "totp" else None
    with context.engine.begin() as conn:
        account = load_account(conn, caller.account_id)
        conn.execute(
            insert(enrolments).values(
                id=enrolment_id,
                account_id=caller.account_id,
                session_id=caller.session.id,
                method=request.method,
                secret=context.secrets.encrypt(secret, account_binding(caller.account_id)) if secret else None,
                created_at=caller.now,
                expires_at=expires_at,
            )
        )
        code = issue_code(conn, context, "enrolment", enrolment_id, caller.now) if secret is None else None
    if code is not None:
        mail_account(context, account, "enrolment_code", code=code)
    return m.EnrolmentCreated(
        enrolment_id=enrolment_id,
        method=request.method,
        secret=secret,
        otpauth_uri=otpauth_uri(secret, account["username"]) if secret else None,
        expires_at=expires_at,
    )


@router.post("/two-factor/enrolments/{enrolment_id}/confirm", response_model=m.RecoveryCodes)
def confirm_enrolment(
    enrolment_id: str,
    request: m.CodeRequest,
    caller: Caller = Depends(setting_up_or_signed_in),
    context: ServiceContext = Depends(get_context),
) -> m.RecoveryCodes:
    """Prove the new factor works; it replaces the old one, with 10 new recovery codes."""
    with context.engine.connect() as conn:
        enrolment = (
            conn.execute(
                select(enrolments).where(
                    and_(enrolments.c.id == enrolment_id, enrolments.c.session_id == caller.session.id)
                )
            )
            .mappings()
            .first()
        )
    if enrolment is None or enrolment["confirmed_at"] is not None or aware(enrolment["expires_at"]) <= caller.now:
        raise ServiceError(404, "enrolment_not_found")
    secret = (
        context.secrets.decrypt(enrolment["secret"], account_binding(caller.account_id))
        if enrolment["secret"]
        else None
    )
    step = None
    if secret is not None:
        step = totp_matching_step(secret, request.code, caller.now.timestamp())
        if step is None:
            raise ServiceError(400, "invalid_code", fields={"code": "error.invalid_code_field"}, remaining=5)
    else:
        outcome = consume_code(context, "enrolment", enrolment_id, request.code, caller.now)
        if outcome != "ok":
            code = "invalid_code" if outcome == "wrong" else "code_expired"
            raise ServiceError(400, code, fields={"code": f"error.{code}_field"}, remaining=5)
    with context.engine.begin() as conn:
        confirmed = conn.execute(
            update(enrolments)
            .where(and_(enrolments.c.id == enrolment_id, enrolments.c.confirmed_at.is_(None)))
            .values(confirmed_at=caller.now)
        ).rowcount
        if confirmed != 1:
            raise ServiceError(404, "enrolment_not_found")
        account = load_account(conn, caller.account_id)
        changed = account["two_factor_method"] is not None
        conn.execute(
            update(accounts)
            .where(accounts.c.id == caller.account_id)
            .values(
                two_factor_method=enrolment["method"],
                totp_secret=enrolment["secret"],
                # the step that confirmed setup is spent: the same code cannot also sign in
                totp_last_step=step,
                last_sign_in_at=caller.now,
                last_activity_at=caller.now,
            )
        )
        codes = replace_recovery_codes(conn, context, caller.account_id, caller.now)
        set_state(conn, caller.session.id, "authenticated", recovered=False, second_factor_failures=0)
        if changed:
            revoke_sessions(conn, caller.account_id, caller.now, keep=caller.session.id)
    if changed:
        mail_account(context, account, "two_factor_changed", method=enrolment["method"])
    return m.RecoveryCodes(recovery_codes=codes)
