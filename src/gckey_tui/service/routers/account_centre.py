"""The account centre over HTTP: password, email, recovery answers and codes, sessions and activity."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Response

from gckey_tui.api import models as m
from gckey_tui.api import models_account as am
from gckey_tui.service.activity import Client
from gckey_tui.service.context import ServiceContext
from gckey_tui.service.deps import Caller, caller_client, get_context, session_not_token
from gckey_tui.service.flows import account_centre as flow

router = APIRouter(prefix="/api/v1/me", tags=["account"])


@router.post("/password", status_code=204)
def change_password(
    request: am.PasswordChange,
    caller: Caller = Depends(session_not_token),
    context: ServiceContext = Depends(get_context),
    client: Client = Depends(caller_client),
) -> Response:
    """A new password, after re-authentication; other sessions and every API token end; a notice is emailed."""
    flow.change_password(context, caller.session, request.current_password, request.new_password, client, caller.now)
    return Response(status_code=204)


@router.post("/email", status_code=202)
def change_email(
    request: am.EmailChange,
    caller: Caller = Depends(session_not_token),
    context: ServiceContext = Depends(get_context),
    client: Client = Depends(caller_client),
) -> None:
    """After re-authentication, a 6-digit code goes to the new address (the old one works until it is used)."""
    flow.start_email_change(context, caller.session, request.email, client, caller.now)


@router.post("/email/verify", status_code=204)
def verify_email(
    request: m.CodeRequest,
    caller: Caller = Depends(session_not_token),
    context: ServiceContext = Depends(get_context),
    client: Client = Depends(caller_client),
) -> Response:
    """The code from the new address: it becomes the account's; the old address is told."""
    flow.verify_email_change(context, caller.session, request.code, client, caller.now)
    return Response(status_code=204)


@router.put("/security-answers", status_code=204)
def change_security_answers(
    request: am.SecurityAnswersChange,
    caller: Caller = Depends(session_not_token),
    context: ServiceContext = Depends(get_context),
    client: Client = Depends(caller_client),
) -> Response:
    """Three new recovery answers, after re-authentication."""
    answers = [(answer.question_id, answer.answer) for answer in request.security_answers]
    flow.change_security_answers(context, caller.session, answers, client, caller.now)
    return Response(status_code=204)


@router.post("/recovery-codes", response_model=m.RecoveryCodes)
def regenerate_recovery_codes(
    caller: Caller = Depends(session_not_token),
    context: ServiceContext = Depends(get_context),
    client: Client = Depends(caller_client),
) -> m.RecoveryCodes:
    """Ten new recovery codes, after re-authentication; the old ones stop working."""
    return m.RecoveryCodes(recovery_codes=flow.regenerate_recovery_codes(context, caller.session, client, caller.now))


@router.get("/sessions", response_model=am.LiveSessions)
def sessions(
    caller: Caller = Depends(session_not_token), context: ServiceContext = Depends(get_context)
) -> am.LiveSessions:
    """Every live session of the account, the current one marked."""
    rows = flow.live_sessions(context, caller.session, caller.now)
    return am.LiveSessions(sessions=[am.LiveSession(**row) for row in rows])


@router.delete("/sessions/{session_id}", status_code=204)
def end_session(
    session_id: int,
    caller: Caller = Depends(session_not_token),
    context: ServiceContext = Depends(get_context),
    client: Client = Depends(caller_client),
) -> Response:
    """End one of the account's sessions (404 for any other)."""
    flow.end_session(context, caller.session, session_id, client, caller.now)
    return Response(status_code=204)


@router.delete("/sessions", status_code=204)
def end_other_sessions(
    others: bool = Query(description="must be true: every session but this one ends"),
    caller: Caller = Depends(session_not_token),
    context: ServiceContext = Depends(get_context),
    client: Client = Depends(caller_client),
) -> Response:
    """End every other session of the account."""
    if others:
        flow.end_other_sessions(context, caller.session, client, caller.now)
    return Response(status_code=204)


@router.get("/activity", response_model=am.Activity)
def activity(
    limit: int = Query(default=50, ge=1, le=200),
    before: int | None = Query(default=None, ge=1, description="an event id: the page of older events"),
    caller: Caller = Depends(session_not_token),
    context: ServiceContext = Depends(get_context),
) -> am.Activity:
    """The account's security events of the last 2 years, newest first."""
    rows = flow.activity(context, caller.account_id, caller.now, limit=limit, before=before)
    return am.Activity(events=[am.SecurityEvent(**row) for row in rows])
