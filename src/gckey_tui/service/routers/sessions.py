"""Sign-in over HTTP: the password step, second factor, recovery codes, re-authentication, sign-out."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Response

from gckey_tui.api import models as m
from gckey_tui.service.activity import Client
from gckey_tui.service.context import ServiceContext
from gckey_tui.service.deps import (
    Caller,
    any_session,
    authenticated,
    caller_client,
    get_context,
    hashing,
    session_in,
)
from gckey_tui.service.flows import mail_status, passkeys
from gckey_tui.service.flows import sign_in as flow

router = APIRouter(prefix="/api/v1/sessions", tags=["sessions"])

pending_second_factor = session_in("two_factor_required")


@router.post("", status_code=201, response_model=m.SessionCreated, dependencies=[Depends(hashing(1))])
def sign_in(
    request: m.SignInRequest, context: ServiceContext = Depends(get_context), client: Client = Depends(caller_client)
) -> m.SessionCreated:
    """The password step. Unknown, wrong and deactivated all answer 401 ``invalid_credentials``."""
    signed_in = flow.sign_in(context, request.username, request.password, client, context.clock.now())
    return m.SessionCreated(
        token=signed_in.token,
        state=signed_in.state,
        expires_at=signed_in.expires_at,
        two_factor_method=signed_in.two_factor_method,
    )


@router.post("/current/two-factor", response_model=m.SessionStateAnswer)
def second_factor(
    request: m.CodeRequest,
    caller: Caller = Depends(pending_second_factor),
    context: ServiceContext = Depends(get_context),
    client: Client = Depends(caller_client),
) -> m.SessionStateAnswer:
    """Finish sign-in with a code (the answer carries the session's new token); five wrong codes end the
    pending sign-in, ten across sign-ins lock the account's second factor."""
    token = flow.finish_sign_in(context, caller.session, request.code, client, caller.now)
    return m.SessionStateAnswer(state="authenticated", token=token)


@router.post("/current/two-factor/email-code", status_code=202, response_model=m.MailQueued)
def send_email_code(
    caller: Caller = Depends(session_in("two_factor_required", "authenticated")),
    context: ServiceContext = Depends(get_context),
) -> m.MailQueued:
    """Email a sign-in (or re-authentication) code to an account whose method is email."""
    flow.send_sign_in_code(context, caller.session, caller.now)
    return m.MailQueued(mail_delayed=mail_status.delayed(context, caller.now))


@router.post("/current/recovery", response_model=m.RecoveryAnswer)
def recover(
    request: m.RecoveryRequest,
    caller: Caller = Depends(pending_second_factor),
    context: ServiceContext = Depends(get_context),
    client: Client = Depends(caller_client),
) -> m.RecoveryAnswer:
    """Use one recovery code: the session may then only set up a new second factor."""
    recovered = flow.recover(context, caller.session, request.recovery_code, client, caller.now)
    return m.RecoveryAnswer(
        state="two_factor_setup_required",
        token=recovered.token,
        recovered=True,
        recovery_codes_remaining=recovered.recovery_codes_remaining,
    )


@router.get("/current", response_model=m.SessionInfo)
def current_session(
    caller: Caller = Depends(any_session), context: ServiceContext = Depends(get_context)
) -> m.SessionInfo:
    """The session's state and expiry."""
    session = caller.session
    return m.SessionInfo(
        state=session.state,
        recovered=session.recovered,
        two_factor_method=flow.two_factor_method(context, session),
        created_at=session.created_at,
        expires_at=session.expires_at,
        idle_expires_at=session.idle_expires_at,
        reauthenticated_until=session.reauthenticated_until(),
        passkeys=passkeys.count_for(context, session.account_id),
    )


@router.delete("/current", status_code=204)
def sign_out(caller: Caller = Depends(any_session), context: ServiceContext = Depends(get_context)) -> Response:
    """End the session."""
    flow.sign_out(context, caller.session, caller.now)
    return Response(status_code=204)


@router.post("/current/reauthenticate", response_model=m.ReauthenticateAnswer, dependencies=[Depends(hashing(1))])
def reauthenticate(
    request: m.ReauthenticateRequest,
    caller: Caller = Depends(authenticated),
    context: ServiceContext = Depends(get_context),
    client: Client = Depends(caller_client),
) -> m.ReauthenticateAnswer:
    """Password and a current code again: opens a 5-minute window for sensitive changes."""
    until = flow.reauthenticate(context, caller.session, request.password, request.code, client, caller.now)
    return m.ReauthenticateAnswer(reauthenticated_until=until)
