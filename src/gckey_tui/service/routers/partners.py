"""Partner sign-in: the partner list, RFC 8628 endpoints, the verification page and the OIDC callback."""

from __future__ import annotations

import hmac
import secrets
from html import escape

import httpx
from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from pydantic import ValidationError

from gckey_tui.api import models as m
from gckey_tui.api import models_partners as mp
from gckey_tui.i18n import translate
from gckey_tui.i18n.labels import PARTNERS
from gckey_tui.service import csrf
from gckey_tui.service.context import ServiceContext
from gckey_tui.service.deps import (
    authenticated,
    bearer_token,
    client_address,
    client_of,
    get_context,
    get_language,
)
from gckey_tui.service.domain_error import DomainError
from gckey_tui.service.errors import MESSAGES
from gckey_tui.service.flows import partners as flow
from gckey_tui.service.partner_registry import DEV_PARTNER_ID, partner_config, partner_ids
from gckey_tui.service.partners_oidc import PartnerFailure, authorization_url, discover, verified_subject
from gckey_tui.service.partners_pages import form_fields, hidden, message_page, page

router = APIRouter(tags=["partners"])

#: binds the browser that entered the user code to the callback (login CSRF)
STATE_COOKIE = "gckey_partner_attempt"
PAGE_TITLE = "partners.page.title"
#: where a served instance with no GCKEY_PUBLIC_URL says browsers reach it (``serve``'s own default address)
DEFAULT_PUBLIC_URL = "http://127.0.0.1:8080"


def public_base(request: Request, context: ServiceContext) -> str:
    """The address browsers reach this service at: ``GCKEY_PUBLIC_URL`` (``serve`` defaults it to its own
    address). Never the request's Host header, which the caller chooses; only the embedded console's loopback
    port, which only its own user reaches, is taken as addressed."""
    if context.settings.public_url:
        return context.settings.public_url.rstrip("/")
    if context.embedded:
        return str(request.base_url).rstrip("/")
    return DEFAULT_PUBLIC_URL


def optional_account(request: Request, context: ServiceContext = Depends(get_context)) -> int | None:
    """The signed-in account attaching a partner, when the request carries a token (it must be complete)."""
    if "authorization" not in request.headers:
        return None
    return authenticated(token=bearer_token(request), context=context).account_id


def _partner_name(partner_id: str, language: str) -> str:
    return translate("partners.dev.name" if partner_id == DEV_PARTNER_ID else PARTNERS[partner_id], language)


@router.get("/api/v1/partners", response_model=mp.PartnerList)
def list_partners(
    request: Request, language: str = Depends(get_language), context: ServiceContext = Depends(get_context)
) -> mp.PartnerList:
    """Every Sign-In Partner, and whether it is configured here."""
    base = public_base(request, context)
    return mp.PartnerList(
        partners=[
            mp.PartnerInfo(
                id=pid,
                name=_partner_name(pid, language),
                available=partner_config(context.settings, pid, base, context.secrets.hmac) is not None,
            )
            for pid in partner_ids(context.settings)
        ]
    )


@router.post(
    "/api/v1/partners/{partner_id}/device-authorizations", status_code=201, response_model=mp.DeviceAuthorization
)
def device_authorization(
    partner_id: str,
    request: Request,
    language: str = Depends(get_language),
    link_account_id: int | None = Depends(optional_account),
    context: ServiceContext = Depends(get_context),
    address: str = Depends(client_address),
) -> mp.DeviceAuthorization:
    """RFC 8628 §3.1: a device code for the console and a user code for the browser.

    With a signed-in (complete) session, the partner is attached to that account instead of signing in.
    """
    base = public_base(request, context)
    flow.available_partner(context, partner_id, base)
    now = context.clock.now()
    grant = flow.start_device_authorization(context, partner_id, language, now, link_account_id, address)
    verification_uri = f"{base}/partners/verify"
    return mp.DeviceAuthorization(
        device_code=grant.device_code,
        user_code=grant.user_code,
        verification_uri=verification_uri,
        verification_uri_complete=f"{verification_uri}?user_code={grant.user_code}",
        expires_in=int((grant.expires_at - now).total_seconds()),
        interval=grant.interval,
    )


FORM_CONTENT = "application/x-www-form-urlencoded"
#: RFC 8628 §3.4 as OAuth clients send it (a ``client_id`` or other extra parameter is ignored)
OAUTH_FORM_SCHEMA = {
    "type": "object",
    "required": ["grant_type", "device_code"],
    "properties": {
        "grant_type": {"type": "string", "const": mp.DEVICE_GRANT},
        "device_code": {"type": "string", "minLength": 1, "maxLength": 200},
        "client_id": {"type": "string"},
    },
}
#: RFC 6749 §5.1: token answers must not be cached
NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}


@router.post(
    "/api/v1/partners/device-token",
    responses={
        200: {"model": m.SessionCreated | mp.OAuthTokenResponse, "description": "Signed in (shape per request)"},
        400: {"model": m.ErrorResponse | mp.OAuthError, "description": "RFC 8628 §3.5 answer (shape per request)"},
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": mp.DeviceTokenRequest.model_json_schema()},
                FORM_CONTENT: {"schema": OAUTH_FORM_SCHEMA},
            },
        }
    },
)
async def device_token(request: Request, context: ServiceContext = Depends(get_context)) -> JSONResponse:
    """RFC 8628 §3.4: poll; once the partner vouched, an authenticated session (no second factor asked).

    As JSON (the console): ``SessionCreated``, or errors in this API's shape (400): ``authorization_pending``,
    ``slow_down`` (Retry-After: the new interval), ``expired_token``, ``access_denied``, ``invalid_grant``
    (unknown or already used device code). Form-encoded, as any OAuth 2.0 client sends it: the same codes in
    RFC 6749's shape (``{"error", "error_description"}``) and ``{"access_token", "token_type", "expires_in"}``.
    """
    if request.headers.get("content-type", "").split(";")[0].strip().lower() == FORM_CONTENT:
        return await _oauth_device_token(request, context)
    try:
        polled = mp.DeviceTokenRequest.model_validate_json(await request.body())
    except ValidationError as invalid:
        raise RequestValidationError(invalid.errors()) from None
    client = client_of(request)
    token, expires_at = await run_in_threadpool(flow.poll, context, polled.device_code, client, context.clock.now())
    created = m.SessionCreated(token=token, state="authenticated", expires_at=expires_at)
    return JSONResponse(created.model_dump(mode="json"), headers=NO_STORE)


async def _oauth_device_token(request: Request, context: ServiceContext) -> JSONResponse:
    """The token request of RFC 8628 §3.4 answered exactly as RFC 6749 §5.1/§5.2 describe."""
    language = get_language(request)
    fields = await form_fields(request)
    if fields.get("grant_type") != mp.DEVICE_GRANT:
        code = "invalid_request" if "grant_type" not in fields else "unsupported_grant_type"
        return _oauth_error(code, language)
    device_code = fields.get("device_code", "")
    if not device_code or len(device_code) > 200:
        return _oauth_error("invalid_request", language)
    now = context.clock.now()
    try:
        token, expires_at = await run_in_threadpool(flow.poll, context, device_code, client_of(request), now)
    except DomainError as refused:
        return _oauth_error(refused.code, language, refused.retry_after, **refused.details)
    answer = mp.OAuthTokenResponse(access_token=token, expires_in=int((expires_at - now).total_seconds()))
    return JSONResponse(answer.model_dump(mode="json"), headers=NO_STORE)


def _oauth_error(code: str, language: str, retry_after: float | None = None, **params: object) -> JSONResponse:
    body = mp.OAuthError(error=code, error_description=translate(MESSAGES[code], language, **params))
    headers = dict(NO_STORE)
    if retry_after is not None:
        headers["Retry-After"] = str(int(retry_after))
    return JSONResponse(body.model_dump(mode="json"), status_code=400, headers=headers)


def _code_form(
    context: ServiceContext, request: Request, language: str, user_code: str = "", error_key: str | None = None
) -> HTMLResponse:
    """The page asking for the code shown in the console."""
    browser = csrf.browser_value(request)
    error = f'<p id="error" role="alert">{escape(translate(error_key, language))}</p>' if error_key else ""
    label = escape(translate("partners.page.enter_code", language))
    button = escape(translate("partners.page.continue", language))
    body = (
        f'{error}<form method="post" action="/partners/verify">{hidden(csrf.FIELD, csrf.form_token(context, browser))}'
        f'<label for="user_code">{label}</label><br>'
        f'<input id="user_code" name="user_code" value="{escape(user_code)}" autocomplete="off" '
        f'autocapitalize="characters" maxlength="20" required> <button id="continue">{button}</button></form>'
    )
    response = page(language, PAGE_TITLE, body, 400 if error_key else 200)
    csrf.remember(response, browser, public_base(request, context).startswith("https://"))
    return response


def _confirmation(
    context: ServiceContext, request: Request, language: str, authorization: dict, user_code: str
) -> HTMLResponse:
    """RFC 8628 §5.4: say which partner and which code before anything happens, so a code sent by someone
    else is not approved blindly."""
    browser = csrf.browser_value(request)
    question = escape(
        translate(
            "partners.page.confirm",
            language,
            partner=_partner_name(authorization["partner_id"], language),
            code=flow.display_user_code(user_code),
        )
    )
    warning = escape(translate("partners.page.confirm_warning", language))
    button = escape(translate("partners.page.continue", language))
    cancel = escape(translate("partners.page.cancel", language))
    body = (
        f'<p id="question">{question}</p><p id="warning">{warning}</p>'
        f'<form method="post" action="/partners/confirm">{hidden(csrf.FIELD, csrf.form_token(context, browser))}'
        f'{hidden("user_code", user_code)}<button id="confirm">{button}</button> '
        f'<a id="cancel" href="/partners/verify">{cancel}</a></form>'
    )
    response = page(language, PAGE_TITLE, body)
    csrf.remember(response, browser, public_base(request, context).startswith("https://"))
    return response


@router.get("/partners/verify", include_in_schema=False)
def verification_page(
    request: Request, language: str = Depends(get_language), context: ServiceContext = Depends(get_context)
) -> HTMLResponse:
    """Where the user types the user code shown by the console (prefilled from the complete address)."""
    return _code_form(context, request, language, request.query_params.get("user_code", "")[:20])


def _http_for(request: Request, local: bool) -> httpx.AsyncClient:
    """The development partner is this very app: reached in-process, whatever the network allows."""
    if local:
        return httpx.AsyncClient(transport=httpx.ASGITransport(app=request.app), timeout=10)
    return httpx.AsyncClient(timeout=10)


async def _checked_code(
    request: Request, language: str, context: ServiceContext, address: str
) -> tuple[dict | None, str, HTMLResponse | None]:
    """The authorization a posted user code names, or the page that answers instead (a forged or foreign
    post, too many tries, a wrong code)."""
    fields = await form_fields(request)
    user_code = fields.get("user_code", "")[:20]
    if not csrf.valid_post(context, request, fields, public_base(request, context)):
        return None, user_code, message_page(language, PAGE_TITLE, "partners.page.forged", 403)
    try:
        authorization = await run_in_threadpool(flow.enter_user_code, context, user_code, address, context.clock.now())
    except DomainError:
        return None, user_code, message_page(language, PAGE_TITLE, "partners.page.too_many_tries", 429)
    if authorization is None:
        return None, user_code, _code_form(context, request, language, user_code, "partners.page.bad_code")
    return authorization, user_code, None


@router.post("/partners/verify", include_in_schema=False)
async def verify_user_code(
    request: Request,
    language: str = Depends(get_language),
    context: ServiceContext = Depends(get_context),
    address: str = Depends(client_address),
) -> HTMLResponse:
    """A valid user code: ask the user to confirm the partner and the code before going on."""
    authorization, user_code, refusal = await _checked_code(request, language, context, address)
    if refusal is not None:
        return refusal
    return _confirmation(context, request, language, authorization, user_code)


@router.post("/partners/confirm", include_in_schema=False)
async def confirm_user_code(
    request: Request,
    language: str = Depends(get_language),
    context: ServiceContext = Depends(get_context),
    address: str = Depends(client_address),
):
    """Confirmed: send the browser to the partner (code flow, PKCE, nonce, state)."""
    authorization, _user_code, refusal = await _checked_code(request, language, context, address)
    if refusal is not None:
        return refusal
    base = public_base(request, context)
    partner = partner_config(context.settings, authorization["partner_id"], base, context.secrets.hmac)
    if partner is None:
        return message_page(language, PAGE_TITLE, "error.partner_unavailable", 409)
    state = secrets.token_urlsafe(32)
    nonce, verifier = flow.attempt_secrets(context, state)
    try:
        async with _http_for(request, partner.local) as http:
            document = await discover(http, partner)
    except PartnerFailure:
        return message_page(language, PAGE_TITLE, "partners.page.partner_failed", 502)
    await run_in_threadpool(flow.begin_browser_attempt, context, authorization["id"], state)
    response = RedirectResponse(authorization_url(document, partner, base, state, nonce, verifier), status_code=303)
    response.set_cookie(
        STATE_COOKIE,
        state,
        max_age=int(flow.DEVICE_CODE_LIFETIME.total_seconds()),
        path="/partners",
        httponly=True,
        samesite="lax",
        secure=base.startswith("https://"),
    )
    return response


@router.get("/partners/callback", include_in_schema=False)
async def callback(
    request: Request, language: str = Depends(get_language), context: ServiceContext = Depends(get_context)
) -> HTMLResponse:
    """The partner's answer: check state (and its cookie), nonce and PKCE, then approve or deny the console."""
    query = request.query_params
    state = query.get("state", "")
    cookie = request.cookies.get(STATE_COOKIE, "")
    now = context.clock.now()
    if not state or not hmac.compare_digest(state.encode(), cookie.encode()):
        return message_page(language, PAGE_TITLE, "partners.page.bad_state", 400)
    authorization = await run_in_threadpool(flow.find_by_state, context, state, now)
    if authorization is None:
        return message_page(language, PAGE_TITLE, "partners.page.bad_state", 400)
    if query.get("error") or not query.get("code"):
        await run_in_threadpool(flow.deny, context, authorization, state)
        return _done(message_page(language, PAGE_TITLE, "partners.page.denied"))
    base = public_base(request, context)
    partner = partner_config(context.settings, authorization["partner_id"], base, context.secrets.hmac)
    nonce, verifier = flow.attempt_secrets(context, state)
    try:
        if partner is None:
            raise PartnerFailure("partner no longer configured")
        async with _http_for(request, partner.local) as http:
            document = await discover(http, partner)
            subject = await verified_subject(http, document, partner, base, query["code"], nonce, verifier, now)
    except PartnerFailure:
        await run_in_threadpool(flow.deny, context, authorization, state)
        return _done(message_page(language, PAGE_TITLE, "partners.page.partner_failed", 502))
    subject_hmac = flow.pairwise_subject(context, authorization["partner_id"], partner.issuer, subject)
    account_id = await run_in_threadpool(flow.account_for_subject, context, authorization, subject_hmac, now)
    if account_id is None:
        await run_in_threadpool(flow.refuse_linked_elsewhere, context, authorization, state)
        return _done(message_page(language, PAGE_TITLE, "partners.page.linked_elsewhere", 409))
    if not await run_in_threadpool(flow.approve, context, authorization, state, account_id):
        return message_page(language, PAGE_TITLE, "partners.page.bad_state", 400)
    return _done(message_page(language, PAGE_TITLE, "partners.page.approved"))


def _done(response: HTMLResponse) -> HTMLResponse:
    """The attempt is over: its state cookie goes."""
    response.delete_cookie(STATE_COOKIE, path="/partners")
    return response
