"""Report a problem over HTTP: signed in (the account's address answers) or signed out (a contact address)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from gckey_tui.api import models_lifecycle as lm
from gckey_tui.service.context import ServiceContext
from gckey_tui.service.deps import client_address, get_context
from gckey_tui.service.flows import support as flow

router = APIRouter(prefix="/api/v1/support", tags=["support"])


@router.post("/requests", status_code=201, response_model=lm.SupportCreated)
def report_problem(
    body: lm.SupportRequest,
    request: Request,
    context: ServiceContext = Depends(get_context),
    address: str = Depends(client_address),
) -> lm.SupportCreated:
    """Mail the report (with the sanitised screenshot attached) to the support mailbox."""
    scheme, _sep, token = request.headers.get("authorization", "").partition(" ")
    report = flow.Report(
        subject=body.subject,
        description=body.description,
        steps_taken=body.steps_taken,
        contact_email=body.contact_email,
        screenshot_svg=body.screenshot_svg,
    )
    bearer = token.strip() if scheme.lower() == "bearer" and token.strip() else None
    reference, reply_by = flow.report_problem(context, report, bearer, address, context.clock.now())
    return lm.SupportCreated(reference=reference, reply_by=reply_by)
