"""Forgotten username and forgotten password over HTTP: the same answers whether or not an account matches.

Mail goes out after the answer (a background task), so the time taken does not depend on a match.
"""

from __future__ import annotations

from fastapi import APIRouter, BackgroundTasks, Depends, Response

from gckey_tui.api import models_lifecycle as lm
from gckey_tui.service.accounts import mail_account
from gckey_tui.service.context import ServiceContext
from gckey_tui.service.deps import get_context
from gckey_tui.service.flows import recovery as flow

router = APIRouter(prefix="/api/v1/recovery", tags=["recovery"])


@router.post("/username", status_code=202)
def recover_username(
    request: lm.UsernameRecoveryRequest, tasks: BackgroundTasks, context: ServiceContext = Depends(get_context)
) -> None:
    """Email the usernames of the active accounts with this address; the answer never says whether any did."""
    reminder = flow.usernames_for(context, request.email, context.clock.now())
    if reminder is not None:
        tasks.add_task(mail_account, context, reminder, "username_reminder")


@router.post("/password", status_code=202, response_model=lm.PasswordRecoveryStarted)
def start_password_recovery(
    request: lm.PasswordRecoveryRequest, tasks: BackgroundTasks, context: ServiceContext = Depends(get_context)
) -> lm.PasswordRecoveryStarted:
    """A request id always; an email code only when the username is an active account's."""
    request_id, questions, expires_at, to_mail = flow.start_password_recovery(
        context, request.username, context.clock.now()
    )
    if to_mail is not None:
        account, code = to_mail
        tasks.add_task(mail_account, context, account, "password_reset_code", code=code)
    return lm.PasswordRecoveryStarted(request_id=request_id, question_ids=questions, expires_at=expires_at)


@router.post("/password/{request_id}/complete", status_code=204)
def complete_password_recovery(
    request_id: str,
    request: lm.PasswordRecoveryCompletion,
    tasks: BackgroundTasks,
    context: ServiceContext = Depends(get_context),
) -> Response:
    """Email code + the three answers + a new password. Any wrong part: 400 ``invalid_recovery``, nothing more.

    Does not sign in; the second factor stays required at the next sign-in. Every session and token is ended.
    """
    account = flow.complete_password_recovery(
        context,
        request_id,
        request.code,
        [(answer.question_id, answer.answer) for answer in request.security_answers],
        request.new_password,
        context.clock.now(),
    )
    tasks.add_task(mail_account, context, account, "password_reset_done")
    return Response(status_code=204)
