"""The account centre over HTTP: password, email, recovery answers and codes, sessions and activity."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from gckey_tui.api import models as m
from gckey_tui.api import models_account as am
from gckey_tui.service.deps import ClientDep, ContextDep, SessionDep
from gckey_tui.service.flows import account_centre as flow

router = APIRouter(prefix="/api/v1/me", tags=["account"])


@router.post("/password", status_code=204)
def change_password(
    request: am.PasswordChange,
    caller: SessionDep,
    context: ContextDep,
    client: ClientDep,
) -> Response:
    """A new password, after re-authentication; other sessions and every API token end; a notice is emailed."""
    flow.change_password(context, caller.session, request.current_password, request.new_password, client, caller.now)
    return Response(status_code=204)


@router.post("/email", status_code=202)
def change_email(
    request: am.EmailChange,
    caller: SessionDep,
    context: ContextDep,
    client: ClientDep,
) -> None:
    """After re-authentication, a 6-digit code goes to the new address (the old one works until it is used)."""
    flow.start_email_change(context, caller.session, request.email, client, caller.now)


@router.post("/email/verify", status_code=204)
def verify_email(
    request: m.CodeRequest,
    caller: SessionDep,
    context: ContextDep,
    client: ClientDep,
) -> Response:
    """The code from the new address: it becomes the account's; the old address is told."""
    flow.verify_email_change(context, caller.session, request.code, client, caller.now)
    return Response(status_code=204)


@router.put("/security-answers", status_code=204)
def change_security_answers(
    request: am.SecurityAnswersChange,
    caller: SessionDep,
    context: ContextDep,
    client: ClientDep,
) -> Response:
    """Three new recovery answers, after re-authentication."""
    answers = [(answer.question_id, answer.answer) for answer in request.security_answers]
    flow.change_security_answers(context, caller.session, answers, client, caller.now)
    return Response(status_code=204)


@router.post("/recovery-codes", response_model=m.RecoveryCodes)
def regenerate_recovery_codes(
    caller: SessionDep,
    context: ContextDep,
    client: ClientDep,
) -> m.RecoveryCodes:
    """Ten new recovery codes, after re-authentication; the old ones stop working."""
    return m.RecoveryCodes(recovery_codes=flow.regenerate_recovery_codes(context, caller.session, client, caller.now))


@router.get("/sessions", response_model=am.LiveSessions)
def sessions(caller: SessionDep, context: ContextDep) -> am.LiveSessions:
    """Every live session of the account, the current one marked."""
    rows = flow.live_sessions(context, caller.session, caller.now)
    return am.LiveSessions(sessions=[am.LiveSession(**row) for row in rows])


@router.delete("/sessions/{session_id}", status_code=204)
def end_session(
    session_id: int,
    caller: SessionDep,
    context: ContextDep,
    client: ClientDep,
) -> Response:
    """End one of the account's sessions (404 for any other)."""
    flow.end_session(context, caller.session, session_id, client, caller.now)
    return Response(status_code=204)


@router.delete("/sessions", status_code=204)
def end_other_sessions(
    others: Annotated[bool, Query(description="must be true: every session but this one ends")],
    caller: SessionDep,
    context: ContextDep,
    client: ClientDep,
) -> Response:
    """End every other session of the account."""
    if others:
        flow.end_other_sessions(context, caller.session, client, caller.now)
    return Response(status_code=204)


@router.get("/activity", response_model=am.Activity)
def activity(
    caller: SessionDep,
    context: ContextDep,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    before: Annotated[int | None, Query(ge=1, description="an event id: the page of older events")] = None,
) -> am.Activity:
    """The account's security events of the last 2 years, newest first."""
    rows = flow.activity(context, caller.account_id, caller.now, limit=limit, before=before)
    return am.Activity(events=[am.SecurityEvent(**row) for row in rows])
