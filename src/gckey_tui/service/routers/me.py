"""The signed-in account and second-factor enrolment over HTTP."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from gckey_tui.api import models as m
from gckey_tui.service.activity import Client
from gckey_tui.service.context import ServiceContext
from gckey_tui.service.deps import Caller, authenticated, caller_client, get_context, session_in
from gckey_tui.service.flows import mail_status
from gckey_tui.service.flows import two_factor as flow

router = APIRouter(prefix="/api/v1/me", tags=["account"])

setting_up_or_signed_in = session_in("two_factor_setup_required", "authenticated")


@router.get("", response_model=m.Me)
def me(caller: Caller = Depends(authenticated), context: ServiceContext = Depends(get_context)) -> m.Me:
    """The account behind a fully signed-in session."""
    account = flow.me_summary(context, caller.account_id)
    return m.Me(
        username=account["username"],
        email=account["email"],
        language=account["language"],
        two_factor=m.TwoFactorStatus(
            method=account["two_factor_method"], recovery_codes_remaining=account["recovery_codes_remaining"]
        ),
        roles=account["roles"],
        created_at=account["created_at"],
        last_sign_in_at=account["last_sign_in_at"],
    )


@router.post("/two-factor/enrolments", status_code=201, response_model=m.EnrolmentCreated)
def start_enrolment(
    request: m.EnrolmentRequest,
    caller: Caller = Depends(setting_up_or_signed_in),
    context: ServiceContext = Depends(get_context),
) -> m.EnrolmentCreated:
    """Begin setting up a factor. Changing an existing one needs re-authentication in the last 5 minutes."""
    enrolment = flow.start_enrolment(context, caller.session, request.method, caller.now)
    return m.EnrolmentCreated(
        enrolment_id=enrolment.enrolment_id,
        method=enrolment.method,
        secret=enrolment.secret,
        otpauth_uri=enrolment.otpauth_uri,
        expires_at=enrolment.expires_at,
        mail_delayed=enrolment.method == "email" and mail_status.delayed(context, caller.now),
    )


@router.post("/two-factor/enrolments/{enrolment_id}/confirm", response_model=m.RecoveryCodes)
def confirm_enrolment(
    enrolment_id: str,
    request: m.CodeRequest,
    caller: Caller = Depends(setting_up_or_signed_in),
    context: ServiceContext = Depends(get_context),
    client: Client = Depends(caller_client),
) -> m.RecoveryCodes:
    """Prove the new factor works; it replaces the old one, with 10 new recovery codes."""
    codes = flow.confirm_enrolment(context, caller.session, enrolment_id, request.code, client, caller.now)
    return m.RecoveryCodes(recovery_codes=codes)
