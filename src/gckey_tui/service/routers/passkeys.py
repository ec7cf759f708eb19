"""Passkeys over HTTP: the console's hand-offs and polls, the managed list, and the browser pages."""

from __future__ import annotations

import json
from datetime import datetime

from fastapi import APIRouter, Depends, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse

from gckey_tui.api import models_passkeys as pm
from gckey_tui.i18n import accept_language, translate
from gckey_tui.service import csrf
from gckey_tui.service import passkeys_pages as pages
from gckey_tui.service.activity import Client
from gckey_tui.service.context import ServiceContext
from gckey_tui.service.deps import Caller, caller_client, client_of, get_context, session_in, session_not_token
from gckey_tui.service.domain_error import DomainError
from gckey_tui.service.flows import passkeys as flow
from gckey_tui.service.partners_pages import form_fields
from gckey_tui.service.routers.partners import public_base

router = APIRouter(tags=["passkeys"])

API = "/api/v1"
pending_second_factor = session_in("two_factor_required")
#: the ceremony's answer is a few kilobytes; anything much larger is not one
MAX_ANSWER = 64 * 1024


def _hand_off(
    request: Request, context: ServiceContext, purpose: str, hand_off: flow.HandOff, now: datetime
) -> pm.PasskeyHandOff:
    """The console's answer: the page's address (the public one, ticket included), the number, the expiry."""
    url = f"{public_base(request, context)}{pages.PATHS[purpose]}?ticket={hand_off.ticket}"
    return pm.PasskeyHandOff(
        url=url,
        number=hand_off.number,
        expires_at=hand_off.expires_at,
        expires_in=int((hand_off.expires_at - now).total_seconds()),
    )


# -- the console's calls ------------------------------------------------------------------------------------


@router.get(f"{API}/me/passkeys", response_model=pm.PasskeyList)
def list_passkeys(
    caller: Caller = Depends(session_not_token), context: ServiceContext = Depends(get_context)
) -> pm.PasskeyList:
    """The account's passkeys and security keys, oldest first."""
    return pm.PasskeyList(passkeys=[pm.Passkey(**row) for row in flow.list_passkeys(context, caller.account_id)])


@router.post(f"{API}/me/passkeys", status_code=201, response_model=pm.PasskeyHandOff)
def start_enrolment(
    request: Request, caller: Caller = Depends(session_not_token), context: ServiceContext = Depends(get_context)
) -> pm.PasskeyHandOff:
    """After re-authentication: a one-time page (5 minutes) and the number it asks for, to add a passkey."""
    return _hand_off(request, context, "enrol", flow.start_enrolment(context, caller.session, caller.now), caller.now)


@router.get(f"{API}/me/passkeys/enrolment", response_model=pm.PasskeyPoll)
def poll_enrolment(
    caller: Caller = Depends(session_not_token), context: ServiceContext = Depends(get_context)
) -> pm.PasskeyPoll:
    """Where the latest enrolment hand-off stands (``done`` once)."""
    polled = flow.poll_enrolment(context, caller.session, caller.now)
    return pm.PasskeyPoll(status=polled.status, name=polled.name)


@router.patch(f"{API}/me/passkeys/{{passkey_id:int}}", response_model=pm.Passkey)
def rename_passkey(
    passkey_id: int,
    body: pm.PasskeyRename,
    caller: Caller = Depends(session_not_token),
    context: ServiceContext = Depends(get_context),
    client: Client = Depends(caller_client),
) -> pm.Passkey:
    """A new name, after re-authentication; a notice is emailed."""
    return pm.Passkey(**flow.rename(context, caller.session, passkey_id, body.name, client, caller.now))


@router.delete(f"{API}/me/passkeys/{{passkey_id:int}}", status_code=204)
def remove_passkey(
    passkey_id: int,
    caller: Caller = Depends(session_not_token),
    context: ServiceContext = Depends(get_context),
    client: Client = Depends(caller_client),
) -> Response:
    """Remove one, after re-authentication (409 ``last_factor`` when it is the last way in); a notice is emailed."""
    flow.remove(context, caller.session, passkey_id, client, caller.now)
    return Response(status_code=204)


@router.post(f"{API}/sessions/current/passkey", status_code=201, response_model=pm.PasskeyHandOff)
def start_sign_in(
    request: Request, caller: Caller = Depends(pending_second_factor), context: ServiceContext = Depends(get_context)
) -> pm.PasskeyHandOff:
    """A pending sign-in: a one-time page (5 minutes) and its number, to finish with a passkey."""
    return _hand_off(request, context, "sign_in", flow.start_sign_in(context, caller.session, caller.now), caller.now)


@router.get(f"{API}/sessions/current/passkey", response_model=pm.PasskeyPoll)
def poll_sign_in(
    caller: Caller = Depends(pending_second_factor),
    context: ServiceContext = Depends(get_context),
    client: Client = Depends(caller_client),
) -> pm.PasskeyPoll:
    """Where the sign-in hand-off stands; ``done`` carries the session's new token (it is now signed in)."""
    polled = flow.poll_sign_in(context, caller.session, client, caller.now)
    return pm.PasskeyPoll(status=polled.status, token=polled.token)


# -- the browser pages --------------------------------------------------------------------------------------


def _language(request: Request, fields: dict[str, str] | None = None) -> str:
    """``lang`` from the form or the address, else Accept-Language."""
    chosen = (fields or {}).get("lang") or request.query_params.get("lang")
    return chosen if chosen in ("en", "fr") else accept_language(request.headers.get("accept-language"))


def _secure(request: Request, context: ServiceContext) -> bool:
    return public_base(request, context).startswith("https://")


def _number_page(request: Request, context: ServiceContext, purpose: str) -> HTMLResponse:
    language = _language(request)
    ticket = request.query_params.get("ticket", "")[:100]
    found = flow.open_ticket(context, ticket, purpose, context.clock.now(), ("pending",))
    if found is None:
        return pages.message(language, purpose, "passkeys.page.no_ticket", 404)
    browser = csrf.browser_value(request)
    field = pages.hidden(csrf.FIELD, csrf.form_token(context, browser))
    response = pages.number_form(language, purpose, ticket, flow.choices(found), field)
    csrf.remember(response, browser, _secure(request, context), path="/passkeys")
    return response


async def _number_picked(request: Request, context: ServiceContext, purpose: str) -> HTMLResponse:
    fields = await form_fields(request)
    language = _language(request, fields)
    if not csrf.valid_post(context, request, fields, public_base(request, context)):
        return pages.message(language, purpose, "passkeys.page.forged", 403)
    ticket = fields.get("ticket", "")[:100]
    now = context.clock.now()
    found = await run_in_threadpool(flow.open_ticket, context, ticket, purpose, now, ("pending",))
    if found is None:
        return pages.message(language, purpose, "passkeys.page.no_ticket", 404)
    try:
        await run_in_threadpool(flow.pick_number, context, found, fields.get("number", "")[:4], client_of(request), now)
    except DomainError as refused:
        key = "passkeys.page.wrong_number" if refused.code == "wrong_number" else "passkeys.page.no_ticket"
        return pages.message(language, purpose, key, 400)
    found = await run_in_threadpool(flow.open_ticket, context, ticket, purpose, now, ("matched",))
    if found is None:
        return pages.message(language, purpose, "passkeys.page.no_ticket", 404)
    party = flow.relying_party(public_base(request, context))
    options = await run_in_threadpool(flow.ceremony_options, context, found, party)
    browser = csrf.browser_value(request)
    response = pages.ceremony(language, purpose, ticket, options, csrf.form_token(context, browser))
    csrf.remember(response, browser, _secure(request, context), path="/passkeys")
    return response


def _answer(language: str, outcome: str, key: str, status: int, **params: object) -> JSONResponse:
    return JSONResponse({"outcome": outcome, "message": translate(key, language, **params)}, status_code=status)


#: what a refusal of the ceremony's answer says on the page
REFUSALS = {
    "ticket_not_found": "passkeys.page.no_ticket",
    "passkey_refused": "passkeys.page.refused",
    "passkey_cloned": "passkeys.page.cloned",
    "invalid_fields": "passkeys.error.name",
    "sign_in_restart": "error.sign_in_restart",
    "too_many_attempts": "error.too_many_attempts",
    "unauthorized": "passkeys.page.no_ticket",
}


async def _finish(request: Request, context: ServiceContext, purpose: str) -> JSONResponse:
    language = _language(request)
    body = await request.body()
    try:
        sent = json.loads(body) if len(body) <= MAX_ANSWER else None
    except ValueError:
        sent = None
    if not isinstance(sent, dict) or not isinstance(sent.get("credential"), dict):
        return _answer(language, "refused", "passkeys.page.refused", 400)
    fields = {csrf.FIELD: str(sent.get(csrf.FIELD, ""))}
    if not csrf.valid_post(context, request, fields, public_base(request, context)):
        return _answer(language, "refused", "passkeys.page.forged", 403)
    now = context.clock.now()
    ticket = str(sent.get("ticket", ""))[:100]
    found = await run_in_threadpool(flow.open_ticket, context, ticket, purpose, now, ("matched",))
    if found is None:
        return _answer(language, "refused", "passkeys.page.no_ticket", 404)
    party = flow.relying_party(public_base(request, context))
    credential = json.dumps(sent["credential"])
    client = client_of(request)
    try:
        if purpose == "enrol":
            name = str(sent.get("name", ""))
            await run_in_threadpool(flow.finish_enrolment, context, found, name, credential, party, client, now)
            return _answer(language, "done", "passkeys.page.added", 200)
        await run_in_threadpool(flow.finish_sign_in, context, found, credential, party, client, now)
        return _answer(language, "done", "passkeys.page.signed_in", 200)
    except DomainError as refused:
        key = REFUSALS.get(refused.code, "passkeys.page.refused")
        return _answer(language, "refused", key, 400, **refused.details)


@router.get(pages.SCRIPT_PATH, include_in_schema=False)
def ceremony_script() -> Response:
    """The pages' one script (no inline script anywhere)."""
    return Response(pages.script(), media_type="text/javascript")


@router.get(pages.PATHS["enrol"], include_in_schema=False)
def enrol_page(request: Request, context: ServiceContext = Depends(get_context)) -> HTMLResponse:
    """Add a passkey: which number does the console show?"""
    return _number_page(request, context, "enrol")


@router.post(pages.PATHS["enrol"], include_in_schema=False)
async def enrol_number(request: Request, context: ServiceContext = Depends(get_context)) -> HTMLResponse:
    """The number picked: the right one leads to the ceremony; a wrong one ends the ticket."""
    return await _number_picked(request, context, "enrol")


@router.post(f"{pages.PATHS['enrol']}/finish", include_in_schema=False)
async def enrol_finish(request: Request, context: ServiceContext = Depends(get_context)) -> JSONResponse:
    """The new credential, verified and kept."""
    return await _finish(request, context, "enrol")


@router.get(pages.PATHS["sign_in"], include_in_schema=False)
def sign_in_page(request: Request, context: ServiceContext = Depends(get_context)) -> HTMLResponse:
    """Sign in with a passkey: which number does the console show?"""
    return _number_page(request, context, "sign_in")


@router.post(pages.PATHS["sign_in"], include_in_schema=False)
async def sign_in_number(request: Request, context: ServiceContext = Depends(get_context)) -> HTMLResponse:
    """The number picked: the right one leads to the ceremony; a wrong one ends the ticket."""
    return await _number_picked(request, context, "sign_in")


@router.post(f"{pages.PATHS['sign_in']}/finish", include_in_schema=False)
async def sign_in_finish(request: Request, context: ServiceContext = Depends(get_context)) -> JSONResponse:
    """The assertion, verified; the console's next poll completes its sign-in."""
    return await _finish(request, context, "sign_in")
