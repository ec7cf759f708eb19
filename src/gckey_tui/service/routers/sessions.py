"""Sign-in: password step, second factor, recovery codes, re-authentication, sign-out."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Response
from sqlalchemy import update

from gckey_tui.api import models as m
from gckey_tui.service import throttle
from gckey_tui.service.accounts import active_account_by_username, load_account, mail_account
from gckey_tui.service.codes import issue_code, refuse_if_sent_recently
from gckey_tui.service.context import ServiceContext
from gckey_tui.service.deps import Caller, any_session, authenticated, get_context, session_in
from gckey_tui.service.domain_error import DomainError
from gckey_tui.service.sessions import issue_session, record_second_factor_failure, set_state
from gckey_tui.service.tables.accounts import accounts, sessions
from gckey_tui.service.twofactor import recovery_codes_remaining, redeem_recovery_code, verify_second_factor

router = APIRouter(prefix="/api/v1/sessions", tags=["sessions"])

pending_second_factor = session_in("two_factor_required")


@router.post("", status_code=201, response_model=m.SessionCreated)
def sign_in(request: m.SignInRequest, context: ServiceContext = Depends(get_context)) -> m.SessionCreated:
    """The password step. Unknown, wrong and deactivated all answer 401 ``invalid_credentials``."""
    now = context.clock.now()
    key = throttle.throttle_key(request.username)
    with context.engine.connect() as conn:
        failures_on_record = throttle.refuse_if_locked(conn, key, now)
        account = active_account_by_username(conn, key)
    # one argon2 verify on every path, so timing does not tell whether the username exists
    if not context.secrets.verify_password(account["password_hash"] if account else None, request.password):
        throttle.record_failure(context, key, now)
    if failures_on_record:
        throttle.record_success(context, key)
    method = account["two_factor_method"]
    state = "two_factor_required" if method else "two_factor_setup_required"
    with context.engine.begin() as conn:
        token, expires_at = issue_session(conn, context, account["id"], state, now)
    return m.SessionCreated(token=token, state=state, expires_at=expires_at, two_factor_method=method)


@router.post("/current/two-factor", response_model=m.SessionStateAnswer)
def second_factor(
    request: m.CodeRequest,
    caller: Caller = Depends(pending_second_factor),
    context: ServiceContext = Depends(get_context),
) -> m.SessionStateAnswer:
    """Finish sign-in with a code; five wrong codes end the pending sign-in."""
    with context.engine.connect() as conn:
        account = load_account(conn, caller.account_id)
    if not verify_second_factor(context, account, caller.session.id, request.code, caller.now):
        record_second_factor_failure(context, caller.session, caller.now)
    with context.engine.begin() as conn:
        set_state(conn, caller.session.id, "authenticated", second_factor_failures=0)
        conn.execute(
            update(accounts)
            .where(accounts.c.id == caller.account_id)
            .values(last_sign_in_at=caller.now, last_activity_at=caller.now, inactivity_warned_at=None)
        )
    return m.SessionStateAnswer(state="authenticated")


@router.post("/current/two-factor/email-code", status_code=202)
def send_email_code(
    caller: Caller = Depends(session_in("two_factor_required", "authenticated")),
    context: ServiceContext = Depends(get_context),
) -> None:
    """Email a sign-in (or re-authentication) code to an account whose method is email."""
    with context.engine.begin() as conn:
        account = load_account(conn, caller.account_id)
        if account["two_factor_method"] != "email":
            raise DomainError("not_email_method")
        refuse_if_sent_recently(conn, "session", str(caller.session.id), caller.now)
        code = issue_code(conn, context, "session", str(caller.session.id), caller.now)
    mail_account(context, account, "sign_in_code", code=code)


@router.post("/current/recovery", response_model=m.RecoveryAnswer)
def recover(
    request: m.RecoveryRequest,
    caller: Caller = Depends(pending_second_factor),
    context: ServiceContext = Depends(get_context),
) -> m.RecoveryAnswer:
    """Use one recovery code: the session may then only set up a new second factor."""
    with context.engine.connect() as conn:
        account = load_account(conn, caller.account_id)
    if not redeem_recovery_code(context, caller.account_id, request.recovery_code, caller.now):
        record_second_factor_failure(context, caller.session, caller.now)
    with context.engine.begin() as conn:
        set_state(conn, caller.session.id, "two_factor_setup_required", recovered=True, second_factor_failures=0)
        remaining = recovery_codes_remaining(conn, caller.account_id)
    mail_account(context, account, "account_recovered", remaining=remaining)
    return m.RecoveryAnswer(state="two_factor_setup_required", recovered=True, recovery_codes_remaining=remaining)


@router.get("/current", response_model=m.SessionInfo)
def current_session(
    caller: Caller = Depends(any_session), context: ServiceContext = Depends(get_context)
) -> m.SessionInfo:
    """The session's state and expiry."""
    with context.engine.connect() as conn:
        account = load_account(conn, caller.account_id)
    session = caller.session
    return m.SessionInfo(
        state=session.state,
        recovered=session.recovered,
        two_factor_method=account["two_factor_method"],
        created_at=session.created_at,
        expires_at=session.expires_at,
        idle_expires_at=session.idle_expires_at,
        reauthenticated_until=session.reauthenticated_until(),
    )


@router.delete("/current", status_code=204)
def sign_out(caller: Caller = Depends(any_session), context: ServiceContext = Depends(get_context)) -> Response:
    """End the session."""
    with context.engine.begin() as conn:
        conn.execute(update(sessions).where(sessions.c.id == caller.session.id).values(revoked_at=caller.now))
    return Response(status_code=204)


@router.post("/current/reauthenticate", response_model=m.ReauthenticateAnswer)
def reauthenticate(
    request: m.ReauthenticateRequest,
    caller: Caller = Depends(authenticated),
    context: ServiceContext = Depends(get_context),
) -> m.ReauthenticateAnswer:
    """Password and a current code again: opens a 5-minute window for sensitive changes."""
    with context.engine.connect() as conn:
        account = load_account(conn, caller.account_id)
    password_ok = context.secrets.verify_password(account["password_hash"], request.password)
    if not (password_ok and verify_second_factor(context, account, caller.session.id, request.code, caller.now)):
        record_second_factor_failure(context, caller.session, caller.now)
    with context.engine.begin() as conn:
        set_state(conn, caller.session.id, "authenticated", reauthenticated_at=caller.now, second_factor_failures=0)
    caller.session.reauthenticated_at = caller.now
    return m.ReauthenticateAnswer(reauthenticated_until=caller.session.reauthenticated_until())
