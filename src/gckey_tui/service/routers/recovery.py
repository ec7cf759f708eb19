"""Forgotten username and forgotten password over HTTP: the same answers whether or not an account matches.

The flows queue the mail (``service/outbox.py``): no answer waits on a mail server, whether or not there was
anything to send.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Response

from gckey_tui.api import models_lifecycle as lm
from gckey_tui.service.context import ServiceContext
from gckey_tui.service.deps import get_context, hashing
from gckey_tui.service.flows import mail_status
from gckey_tui.service.flows import recovery as flow

router = APIRouter(prefix="/api/v1/recovery", tags=["recovery"])


@router.post("/username", status_code=202)
def recover_username(request: lm.UsernameRecoveryRequest, context: ServiceContext = Depends(get_context)) -> None:
    """Email the usernames of the active accounts with this address; the answer never says whether any did."""
    flow.remind_usernames(context, request.email, context.clock.now())


@router.post("/password", status_code=202, response_model=lm.PasswordRecoveryStarted)
def start_password_recovery(
    request: lm.PasswordRecoveryRequest, context: ServiceContext = Depends(get_context)
) -> lm.PasswordRecoveryStarted:
    """A request id always; an email code only when the username is an active account's."""
    now = context.clock.now()
    request_id, questions, expires_at = flow.start_password_recovery(context, request.username, now)
    return lm.PasswordRecoveryStarted(
        request_id=request_id,
        question_ids=questions,
        expires_at=expires_at,
        mail_delayed=mail_status.delayed(context, now),
    )


#: the three recovery answers and the new password
COMPLETION_HASHES = 4


@router.post("/password/{request_id}/complete", status_code=204, dependencies=[Depends(hashing(COMPLETION_HASHES))])
def complete_password_recovery(
    request_id: str, request: lm.PasswordRecoveryCompletion, context: ServiceContext = Depends(get_context)
) -> Response:
    """Email code + the three answers + a new password. Any wrong part: 400 ``invalid_recovery``, nothing more.

    Does not sign in; the second factor stays required at the next sign-in. Every session and token is ended.
    """
    flow.complete_password_recovery(
        context,
        request_id,
        request.code,
        [(answer.question_id, answer.answer) for answer in request.security_answers],
        request.new_password,
        context.clock.now(),
    )
    return Response(status_code=204)
