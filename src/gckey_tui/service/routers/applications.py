"""``/api/v1/me/applications``: link an application, list them, one with its history."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Depends

from gckey_tui.api import models_applications as am
from gckey_tui.service.context import ServiceContext
from gckey_tui.service.deps import Caller, authenticated, get_context
from gckey_tui.service.flows import applications as domain

router = APIRouter(prefix="/api/v1/me/applications", tags=["applications"])


@router.get("", response_model=am.ApplicationList)
def list_applications(
    caller: Caller = Depends(authenticated), context: ServiceContext = Depends(get_context)
) -> am.ApplicationList:
    """Every application linked to the account, latest status change first."""
    summaries = domain.applications_of(context, caller.account_id)
    return am.ApplicationList(applications=[am.ApplicationSummary(**summary) for summary in summaries])


@router.post("", status_code=201, response_model=am.LinkedApplications)
def link_application(
    request: Annotated[am.LinkByApplicationNumber | am.LinkByUciDocument, Body(discriminator="identifier_type")],
    caller: Caller = Depends(authenticated),
    context: ServiceContext = Depends(get_context),
) -> am.LinkedApplications:
    """Link by application number or by UCI and document; 404 ``no_matching_application``; 429 ``linking_locked``."""
    linked = domain.link_applications(context, caller.account_id, request.model_dump(), caller.now)
    return am.LinkedApplications(applications=[am.ApplicationSummary(**summary) for summary in linked])


@router.get("/{number}", response_model=am.ApplicationDetail)
def application_detail(
    number: str, caller: Caller = Depends(authenticated), context: ServiceContext = Depends(get_context)
) -> am.ApplicationDetail:
    """One of the account's applications with its status history (404 for any other)."""
    return am.ApplicationDetail(**domain.one_application(context, caller.account_id, number))
