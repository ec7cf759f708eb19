"""Report a problem (DESIGN §3 Support): a message to the DLI mailbox, answered within 10 business days."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import insert

from gckey_tui.service import limits, policy
from gckey_tui.service.accounts import load_account
from gckey_tui.service.context import ServiceContext
from gckey_tui.service.domain_error import DomainError
from gckey_tui.service.security import CROCKFORD
from gckey_tui.service.sessions import authenticate_token
from gckey_tui.service.support import REPLY_BUSINESS_DAYS, add_business_days
from gckey_tui.service.svg_sanitiser import UnsafeSvg, sanitise_svg
from gckey_tui.service.tables.lifecycle import support_requests

#: the service desk works on Ottawa's calendar
DESK_ZONE = ZoneInfo("America/Toronto")


@dataclass(frozen=True)
class Report:
    """What the person wrote."""

    subject: str
    description: str
    steps_taken: str
    contact_email: str | None
    screenshot_svg: str | None


def new_reference(now: datetime) -> str:
    """``GCK-YYMMDD-XXXXXX``: dated, unguessable, easy to read over the phone."""
    suffix = "".join(secrets.choice(CROCKFORD) for _ in range(6))
    return f"GCK-{now.astimezone(DESK_ZONE):%y%m%d}-{suffix}"


def reporter(context: ServiceContext, bearer: str | None, now: datetime) -> dict[str, Any] | None:
    """The signed-in account sending the report, or None for a signed-out report."""
    if not bearer:
        return None
    session = authenticate_token(context, bearer, now)
    if session.state != "authenticated":
        return None
    with context.engine.connect() as conn:
        return load_account(conn, session.account_id)


def report_problem(
    context: ServiceContext, report: Report, bearer: str | None, client_address: str, now: datetime
) -> tuple[str, date]:
    """Queue the report (with the sanitised screenshot attached) to the support mailbox; returns its reference
    and the date the answer is due."""
    account = reporter(context, bearer, now)
    reply_to = account["email"] if account else (report.contact_email or "").strip()
    fields = {}
    if not report.subject.strip():
        fields["subject"] = "lifecycle.support.required"
    if not report.description.strip():
        fields["description"] = "lifecycle.support.required"
    if account is None and (problems := policy.email_problems(reply_to)):
        fields["contact_email"] = problems[0]
    screenshot = None
    if report.screenshot_svg:
        try:
            screenshot = sanitise_svg(report.screenshot_svg)
        except UnsafeSvg as error:
            fields["screenshot_svg"] = error.key
    if fields:
        raise DomainError("invalid_support_request", fields=fields)
    if account is None:
        limits.reserve(context, limits.SUPPORT_CLIENT, client_address, now)
    limits.reserve(context, limits.SUPPORT, f"account:{account['id']}" if account else reply_to, now)
    reference = new_reference(now)
    reply_by = add_business_days(now.astimezone(DESK_ZONE).date(), REPLY_BUSINESS_DAYS)
    message = context.mailer.compose(
        context.settings.support_mailbox,
        "support_request",
        "en",
        attachments=[(f"{reference}.svg", "image/svg+xml", screenshot)] if screenshot else [],
        reference=reference,
        reply_by=reply_by.isoformat(),
        reporter=account["username"] if account else "-",
        reply_to=reply_to,
        subject=report.subject.strip(),
        description=report.description.strip(),
        steps=report.steps_taken.strip() or "-",
    )
    message["Reply-To"] = reply_to
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
        context.outbox.enqueue(conn, message, now)
    return reference, reply_by
