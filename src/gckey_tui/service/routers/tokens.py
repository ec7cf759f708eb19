"""Scoped read-only API tokens of the signed-in account (for scripts: ``gckey-tui reports status``)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Response

from gckey_tui.api import models_reports as m
from gckey_tui.service.activity import Client
from gckey_tui.service.context import ServiceContext
from gckey_tui.service.deps import Caller, caller_client, get_context, session_not_token
from gckey_tui.service.flows.tokens import create_token, list_tokens, revoke_token

router = APIRouter(prefix="/api/v1/me/tokens", tags=["tokens"])


@router.post("", status_code=201, response_model=m.TokenCreated)
def create(
    request: m.TokenRequest,
    caller: Caller = Depends(session_not_token),
    context: ServiceContext = Depends(get_context),
    client: Client = Depends(caller_client),
) -> m.TokenCreated:
    """A new token, shown this once (only its HMAC is kept)."""
    token, record = create_token(
        context, caller.account_id, request.name.strip(), request.scope, request.expires_in_days, caller.now, client
    )
    return m.TokenCreated(token=token, **{k: record[k] for k in ("id", "name", "scope", "created_at", "expires_at")})


@router.get("", response_model=m.Tokens)
def listing(caller: Caller = Depends(session_not_token), context: ServiceContext = Depends(get_context)) -> m.Tokens:
    """The account's live tokens, without their values."""
    return m.Tokens(
        tokens=[
            m.TokenInfo(**{k: row[k] for k in ("id", "name", "scope", "created_at", "expires_at", "last_used_at")})
            for row in list_tokens(context, caller.account_id, caller.now)
        ]
    )


@router.delete("/{token_id}", status_code=204)
def revoke(
    token_id: str,
    caller: Caller = Depends(session_not_token),
    context: ServiceContext = Depends(get_context),
    client: Client = Depends(caller_client),
) -> Response:
    """Revoke a token at once."""
    revoke_token(context, caller.account_id, token_id, caller.now, client)
    return Response(status_code=204)
