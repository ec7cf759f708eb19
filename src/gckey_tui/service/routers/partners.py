"""Partner sign-in: the partner list, RFC 8628 endpoints, the verification page and the OIDC callback."""

from __future__ import annotations

import hmac
import secrets
from html import escape

import httpx
from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse

from gckey_tui.api import models as m
from gckey_tui.api import models_partners as mp
from gckey_tui.i18n import translate
from gckey_tui.service import partners as flow
from gckey_tui.service.context import ServiceContext
from gckey_tui.service.deps import authenticated, bearer_token, get_context, get_language
from gckey_tui.service.errors import ServiceError
from gckey_tui.service.hourly_limit import count_request
from gckey_tui.service.partner_registry import DEV_PARTNER_ID, partner_config, partner_ids
from gckey_tui.service.partners_oidc import PartnerFailure, authorization_url, discover, verified_subject
from gckey_tui.service.partners_pages import form_fields, message_page, page

router = APIRouter(tags=["partners"])

#: binds the browser that entered the user code to the callback (login CSRF)
STATE_COOKIE = "gckey_partner_attempt"
PAGE_TITLE = "partners.page.title"
#: RFC 8628 §5.1: user codes are short, so guesses are limited per browser address
USER_CODE_TRIES_PER_HOUR = 30


def public_base(request: Request, context: ServiceContext) -> str:
    """The address browsers reach this service at."""
    return (context.settings.public_url or str(request.base_url)).rstrip("/")


def optional_account(request: Request, context: ServiceContext = Depends(get_context)) -> int | None:
    """The signed-in account attaching a partner, when the request carries a token (it must be complete)."""
    if "authorization" not in request.headers:
        return None
    return authenticated(token=bearer_token(request), context=context).account_id


def _partner_name(partner_id: str, language: str) -> str:
    return translate("partners.dev.name" if partner_id == DEV_PARTNER_ID else f"partner.{partner_id}", language)


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
) -> mp.DeviceAuthorization:
    """RFC 8628 §3.1: a device code for the console and a user code for the browser.

    With a signed-in (complete) session, the partner is attached to that account instead of signing in.
    """
    if partner_id not in partner_ids(context.settings):
        raise ServiceError(404, "partner_not_found")
    base = public_base(request, context)
    if partner_config(context.settings, partner_id, base, context.secrets.hmac) is None:
        raise ServiceError(409, "partner_unavailable")
    now = context.clock.now()
    grant = flow.start_device_authorization(context, partner_id, language, now, link_account_id)
    verification_uri = f"{base}/partners/verify"
    return mp.DeviceAuthorization(
        device_code=grant.device_code,
        user_code=grant.user_code,
        verification_uri=verification_uri,
        verification_uri_complete=f"{verification_uri}?user_code={grant.user_code}",
        expires_in=int((grant.expires_at - now).total_seconds()),
        interval=grant.interval,
    )


@router.post("/api/v1/partners/device-token", response_model=m.SessionCreated)
def device_token(request: mp.DeviceTokenRequest, context: ServiceContext = Depends(get_context)) -> m.SessionCreated:
    """RFC 8628 §3.4: poll; once the partner vouched, an authenticated session (no second factor asked).

    Errors (400): ``authorization_pending``, ``slow_down`` (Retry-After: the new interval), ``expired_token``,
    ``access_denied``, ``invalid_grant`` (unknown or already used device code).
    """
    token, expires_at = flow.poll(context, request.device_code, context.clock.now())
    return m.SessionCreated(token=token, state="authenticated", expires_at=expires_at)


def _code_form(language: str, user_code: str = "", error_key: str | None = None) -> HTMLResponse:
    error = f'<p id="error" role="alert">{escape(translate(error_key, language))}</p>' if error_key else ""
    label = escape(translate("partners.page.enter_code", language))
    button = escape(translate("partners.page.continue", language))
    body = (
        f'{error}<form method="post" action="/partners/verify"><label for="user_code">{label}</label><br>'
        f'<input id="user_code" name="user_code" value="{escape(user_code)}" autocomplete="off" '
        f'autocapitalize="characters" maxlength="20" required> <button id="continue">{button}</button></form>'
    )
    return page(language, PAGE_TITLE, body, 400 if error_key else 200)


@router.get("/partners/verify", include_in_schema=False)
def verification_page(request: Request, language: str = Depends(get_language)) -> HTMLResponse:
    """Where the user types the user code shown by the console (prefilled from the complete address)."""
    return _code_form(language, request.query_params.get("user_code", "")[:20])


def _http_for(request: Request, local: bool) -> httpx.AsyncClient:
    """The development partner is this very app: reached in-process, whatever the network allows."""
    if local:
        return httpx.AsyncClient(transport=httpx.ASGITransport(app=request.app), timeout=10)
    return httpx.AsyncClient(timeout=10)


@router.post("/partners/verify", include_in_schema=False)
async def verify_user_code(
    request: Request, language: str = Depends(get_language), context: ServiceContext = Depends(get_context)
):
    """A valid user code sends the browser to the partner (code flow, PKCE, nonce, state)."""
    user_code = (await form_fields(request)).get("user_code", "")[:20]
    now = context.clock.now()
    client_address = request.client.host if request.client else "unknown"
    try:
        await run_in_threadpool(
            count_request, context, "partner-user-code", client_address, USER_CODE_TRIES_PER_HOUR, now
        )
    except ServiceError:
        return message_page(language, PAGE_TITLE, "partners.page.too_many_tries", 429)
    authorization = await run_in_threadpool(flow.find_by_user_code, context, user_code, now)
    if authorization is None:
        return _code_form(language, user_code, "partners.page.bad_code")
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
        await run_in_threadpool(flow.deny, context, authorization, state)
        return _done(message_page(language, PAGE_TITLE, "partners.page.linked_elsewhere", 409))
    if not await run_in_threadpool(flow.approve, context, authorization, state, account_id):
        return message_page(language, PAGE_TITLE, "partners.page.bad_state", 400)
    return _done(message_page(language, PAGE_TITLE, "partners.page.approved"))


def _done(response: HTMLResponse) -> HTMLResponse:
    """The attempt is over: its state cookie goes."""
    response.delete_cookie(STATE_COOKIE, path="/partners")
    return response
