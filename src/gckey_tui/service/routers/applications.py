"""``/api/v1/me/applications``: link an application, list them, one with its history."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Depends

from gckey_tui.api import models_applications as am
from gckey_tui.service import applications as domain
from gckey_tui.service.context import ServiceContext
from gckey_tui.service.deps import Caller, authenticated, get_context

router = APIRouter(prefix="/api/v1/me/applications", tags=["applications"])


@router.get("", response_model=am.ApplicationList)
def list_applications(
    caller: Caller = Depends(authenticated), context: ServiceContext = Depends(get_context)
) -> am.ApplicationList:
    """Every application linked to the account, latest status change first."""
    with context.engine.connect() as conn:
        return am.ApplicationList(applications=domain.list_applications(conn, caller.account_id))


@router.post("", status_code=201, response_model=am.LinkedApplications)
def link_application(
    request: Annotated[am.LinkByApplicationNumber | am.LinkByUciDocument, Body(discriminator="identifier_type")],
    caller: Caller = Depends(authenticated),
    context: ServiceContext = Depends(get_context),
) -> am.LinkedApplications:
    """Link by application number or by UCI and document; 404 ``no_matching_application``; 429 ``linking_locked``."""
    return am.LinkedApplications(applications=domain.link_applications(context, caller.account_id, request, caller.now))


@router.get("/{number}", response_model=am.ApplicationDetail)
def application_detail(
    number: str, caller: Caller = Depends(authenticated), context: ServiceContext = Depends(get_context)
) -> am.ApplicationDetail:
    """One of the account's applications with its status history (404 for any other)."""
    with context.engine.connect() as conn:
        return domain.application_detail(conn, caller.account_id, number)
