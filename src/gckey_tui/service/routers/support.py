"""Report a problem (DESIGN §3 Support): a message to the DLI mailbox, answered within 10 business days."""

from __future__ import annotations

import secrets
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Request
from sqlalchemy import insert

from gckey_tui.api import models_lifecycle as lm
from gckey_tui.service import policy
from gckey_tui.service.accounts import load_account
from gckey_tui.service.context import ServiceContext
from gckey_tui.service.deps import get_context
from gckey_tui.service.errors import ServiceError
from gckey_tui.service.hourly_limit import count_request
from gckey_tui.service.security import CROCKFORD
from gckey_tui.service.sessions import authenticate_token
from gckey_tui.service.support import REPLY_BUSINESS_DAYS, add_business_days
from gckey_tui.service.svg_sanitiser import UnsafeSvg, sanitise_svg
from gckey_tui.service.tables.lifecycle import support_requests

router = APIRouter(prefix="/api/v1/support", tags=["support"])

#: requests per hour from one account or one contact address
HOURLY_LIMIT = 10
#: the service desk works on Ottawa's calendar
DESK_ZONE = ZoneInfo("America/Toronto")


def new_reference(context: ServiceContext) -> str:
    """``GCK-YYMMDD-XXXXXX``: dated, unguessable, easy to read over the phone."""
    suffix = "".join(secrets.choice(CROCKFORD) for _ in range(6))
    return f"GCK-{context.clock.now().astimezone(DESK_ZONE):%y%m%d}-{suffix}"


def reporter(request: Request, context: ServiceContext) -> dict | None:
    """The signed-in account sending the report, or None for a signed-out report."""
    scheme, _sep, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    session = authenticate_token(context, token.strip(), context.clock.now())
    if session.state != "authenticated":
        return None
    with context.engine.connect() as conn:
        return load_account(conn, session.account_id)


@router.post("/requests", status_code=201, response_model=lm.SupportCreated)
def report_problem(
    body: lm.SupportRequest, request: Request, context: ServiceContext = Depends(get_context)
) -> lm.SupportCreated:
    """Mail the report (with the sanitised screenshot attached) to the support mailbox."""
    now = context.clock.now()
    account = reporter(request, context)
    reply_to = account["email"] if account else (body.contact_email or "").strip()
    fields = {}
    if not body.subject.strip():
        fields["subject"] = "lifecycle.support.required"
    if not body.description.strip():
        fields["description"] = "lifecycle.support.required"
    if account is None and (problems := policy.email_problems(reply_to)):
        fields["contact_email"] = problems[0]
    screenshot = None
    if body.screenshot_svg:
        try:
            screenshot = sanitise_svg(body.screenshot_svg)
        except UnsafeSvg as error:
            fields["screenshot_svg"] = error.key
    if fields:
        raise ServiceError(422, "invalid_support_request", fields=fields)
    count_request(context, "support", f"account:{account['id']}" if account else reply_to, HOURLY_LIMIT, now)
    reference = new_reference(context)
    reply_by = add_business_days(now.astimezone(DESK_ZONE).date(), REPLY_BUSINESS_DAYS)
    with context.engine.begin() as conn:
        conn.execute(
            insert(support_requests).values(
                reference=reference,
                account_id=account["id"] if account else None,
                created_at=now,
                reply_by=reply_by,
                has_screenshot=1 if screenshot else 0,
            )
        )
    message = context.mailer.compose(
        context.settings.support_mailbox,
        "support_request",
        "en",
        attachments=[(f"{reference}.svg", "image/svg+xml", screenshot)] if screenshot else [],
        reference=reference,
        reply_by=reply_by.isoformat(),
        reporter=account["username"] if account else "-",
        reply_to=reply_to,
        subject=body.subject.strip(),
        description=body.description.strip(),
        steps=body.steps_taken.strip() or "-",
    )
    message["Reply-To"] = reply_to
    context.mailer.send(message)
    return lm.SupportCreated(reference=reference, reply_by=reply_by)
