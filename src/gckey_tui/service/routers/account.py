"""The account's data: export it, or delete the account (DESIGN §4, issue #6)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Response

from gckey_tui.api import models_lifecycle as lm
from gckey_tui.service.context import ServiceContext
from gckey_tui.service.deps import Caller, authenticated, get_context
from gckey_tui.service.flows import account as flow
from gckey_tui.service.inactivity import daily_sweeps

#: a served instance sweeps for inactive accounts daily (uvicorn runs the lifespan; the embedded console's
#: in-process transport does not, and tests call ``inactivity.sweep`` with their own clock)
router = APIRouter(prefix="/api/v1/me", tags=["account"], lifespan=daily_sweeps)


@router.get("/export", response_model=lm.AccountExport)
def export(caller: Caller = Depends(authenticated), context: ServiceContext = Depends(get_context)) -> lm.AccountExport:
    """All the account's data as JSON; secrets (TOTP secret, hashes, codes) are never included."""
    return lm.AccountExport(exported_at=caller.now, data=flow.export(context, caller.account_id))


@router.delete("", status_code=204)
def delete_account(
    request: lm.DeletionRequest,
    caller: Caller = Depends(authenticated),
    context: ServiceContext = Depends(get_context),
) -> Response:
    """Delete the account: needs re-authentication in the last 5 minutes and the username typed again."""
    flow.delete_account(context, caller.session, request.confirm_username, caller.now)
    return Response(status_code=204)
