"""Registration over HTTP: start (a code is emailed), resend the code, verify it (the account is created)."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from gckey_tui.api import models as m
from gckey_tui.service.activity import Client
from gckey_tui.service.context import ServiceContext
from gckey_tui.service.deps import caller_client, client_address, get_context, hashing
from gckey_tui.service.flows import mail_status
from gckey_tui.service.flows import registration as flow

router = APIRouter(prefix="/api/v1/registrations", tags=["registration"])


#: the password and the three recovery answers
REGISTRATION_HASHES = 4


@router.post(
    "", status_code=201, response_model=m.RegistrationCreated, dependencies=[Depends(hashing(REGISTRATION_HASHES))]
)
def start_registration(
    request: m.RegistrationRequest,
    context: ServiceContext = Depends(get_context),
    address: str = Depends(client_address),
) -> m.RegistrationCreated:
    """Check every field, then email a verification code; the account is created on verification."""
    registration = flow.Registration(
        username=request.username,
        password=request.password,
        email=request.email,
        language=request.language,
        answers=[(answer.question_id, answer.answer) for answer in request.security_answers],
    )
    now = context.clock.now()
    registration_id, expires_at = flow.start(context, registration, address, now)
    return m.RegistrationCreated(
        registration_id=registration_id, expires_at=expires_at, mail_delayed=mail_status.delayed(context, now)
    )


@router.post("/{registration_id}/code", status_code=202, response_model=m.MailQueued)
def resend_registration_code(registration_id: str, context: ServiceContext = Depends(get_context)) -> m.MailQueued:
    """Send a new verification code; the previous one stops working."""
    now = context.clock.now()
    flow.resend_code(context, registration_id, now)
    return m.MailQueued(mail_delayed=mail_status.delayed(context, now))


@router.post("/{registration_id}/verify", status_code=201, response_model=m.SessionCreated)
def verify_registration(
    registration_id: str,
    request: m.CodeRequest,
    context: ServiceContext = Depends(get_context),
    client: Client = Depends(caller_client),
) -> m.SessionCreated:
    """Check the email code; create the account and a session that must set up a second factor."""
    token, expires_at = flow.verify(context, registration_id, request.code, client, context.clock.now())
    return m.SessionCreated(token=token, state="two_factor_setup_required", expires_at=expires_at)
