"""The development Sign-In Partner: a small OpenID Connect provider with one test user.

Discovery, authorize (a consent page with Allow/Deny), token (PKCE S256 checked) and JWKS; ID tokens signed
RS256 with joserfc. Present only in demo and test settings (404 otherwise), so the whole flow runs on one
machine. Authorization codes are short-lived HS256 tokens signed with a key derived from the service key.
"""

from __future__ import annotations

import base64
import hmac
import secrets
from datetime import timedelta
from html import escape
from urllib.parse import urlencode

from authlib.oauth2.rfc7636 import create_s256_code_challenge
from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import OctKey

from gckey_tui.i18n import translate
from gckey_tui.service.context import ServiceContext
from gckey_tui.service.deps import get_context, get_language
from gckey_tui.service.dev_partner_keys import KID, signing_key
from gckey_tui.service.domain_error import DomainError
from gckey_tui.service.partner_registry import (
    DEV_CLIENT_ID,
    DEV_ISSUER,
    DEV_PREFIX,
    dev_client_secret,
    dev_partner_enabled,
)
from gckey_tui.service.partners_oidc import callback_url
from gckey_tui.service.partners_pages import form_fields, hidden, message_page, page

#: the one test user
TEST_SUBJECT = "dev-tester-0001"
TEST_NAME = "Dev Tester"
CODE_LIFETIME = timedelta(minutes=1)
ID_TOKEN_LIFETIME = timedelta(minutes=5)
AUTHORIZE_PARAMS = ("client_id", "redirect_uri", "state", "nonce", "code_challenge")


def require_enabled(context: ServiceContext = Depends(get_context)) -> None:
    """The development partner does not exist outside demo and test settings."""
    if not dev_partner_enabled(context.settings):
        raise DomainError("not_found")


router = APIRouter(prefix=DEV_PREFIX, include_in_schema=False, dependencies=[Depends(require_enabled)])


def _base(request: Request) -> str:
    return str(request.base_url).rstrip("/")


def _code_key(context: ServiceContext) -> OctKey:
    return OctKey.import_key(context.secrets.hmac("dev-partner-code-key", "v1").encode())


@router.get("/.well-known/openid-configuration")
def discovery(request: Request) -> dict:
    """OpenID Provider metadata."""
    base = f"{_base(request)}{DEV_PREFIX}"
    return {
        "issuer": DEV_ISSUER,
        "authorization_endpoint": f"{base}/authorize",
        "token_endpoint": f"{base}/token",
        "jwks_uri": f"{base}/jwks",
        "response_types_supported": ["code"],
        "subject_types_supported": ["pairwise"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "code_challenge_methods_supported": ["S256"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic"],
        "scopes_supported": ["openid"],
    }


@router.get("/jwks")
async def jwks(context: ServiceContext = Depends(get_context)) -> dict:
    """The public signing key."""
    key = await run_in_threadpool(signing_key, context)
    return {"keys": [key.as_dict(private=False)]}


def _valid_request(request: Request, params: dict[str, str]) -> bool:
    """Only the registered client, its registered redirect, and PKCE S256 are accepted."""
    return (
        params.get("client_id") == DEV_CLIENT_ID
        and params.get("redirect_uri") == callback_url(_base(request))
        and all(params.get(name) for name in AUTHORIZE_PARAMS)
    )


@router.get("/authorize")
def authorize(request: Request, language: str = Depends(get_language)) -> HTMLResponse:
    """The consent page: the test user allows or denies sign-in to GCKey."""
    params = dict(request.query_params)
    if not (
        _valid_request(request, params)
        and params.get("response_type") == "code"
        and params.get("code_challenge_method") == "S256"
    ):
        return message_page(language, "partners.dev.title", "partners.dev.bad_request", 400)
    fields = "".join(hidden(name, params[name]) for name in AUTHORIZE_PARAMS)
    question = escape(translate("partners.dev.consent", language, name=TEST_NAME))
    allow = escape(translate("partners.dev.allow", language))
    deny = escape(translate("partners.dev.deny", language))
    body = (
        f'<p id="consent">{question}</p><form method="post" action="{DEV_PREFIX}/authorize">{fields}'
        f'<button id="allow" name="decision" value="allow">{allow}</button> '
        f'<button id="deny" name="decision" value="deny">{deny}</button></form>'
    )
    return page(language, "partners.dev.title", body)


@router.post("/authorize")
async def decide(
    request: Request, language: str = Depends(get_language), context: ServiceContext = Depends(get_context)
):
    """Allow → back to the client with a code; Deny → back with ``error=access_denied``."""
    fields = await form_fields(request)
    if not _valid_request(request, fields):
        return message_page(language, "partners.dev.title", "partners.dev.bad_request", 400)
    if fields.get("decision") == "allow":
        now = context.clock.now()
        claims = {
            "sub": TEST_SUBJECT,
            "cid": fields["client_id"],
            "ruri": fields["redirect_uri"],
            "nonce": fields["nonce"],
            "cc": fields["code_challenge"],
            "exp": int((now + CODE_LIFETIME).timestamp()),
        }
        answer = {"code": jwt.encode({"alg": "HS256"}, claims, _code_key(context)), "state": fields["state"]}
    else:
        answer = {"error": "access_denied", "state": fields["state"]}
    return RedirectResponse(f"{fields['redirect_uri']}?{urlencode(answer)}", status_code=303)


def _oauth_error(error: str, status: int = 400) -> JSONResponse:
    return JSONResponse({"error": error}, status_code=status, headers={"Cache-Control": "no-store"})


def _client_authenticated(request: Request, context: ServiceContext) -> bool:
    scheme, _sep, value = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "basic":
        return False
    try:
        client_id, _sep, secret = base64.b64decode(value).decode().partition(":")
    except ValueError:
        return False
    expected = dev_client_secret(context.secrets.hmac)
    return client_id == DEV_CLIENT_ID and hmac.compare_digest(secret.encode(), expected.encode())


@router.post("/token")
async def token(request: Request, context: ServiceContext = Depends(get_context)) -> JSONResponse:
    """Authorization code (with the PKCE verifier) → ID token for the test user."""
    if not _client_authenticated(request, context):
        return _oauth_error("invalid_client", 401)
    fields = await form_fields(request)
    if fields.get("grant_type") != "authorization_code":
        return _oauth_error("unsupported_grant_type")
    now = context.clock.now()
    try:
        claims = jwt.decode(fields.get("code", ""), _code_key(context), algorithms=["HS256"]).claims
        jwt.JWTClaimsRegistry(now=int(now.timestamp()), exp={"essential": True}).validate(claims)
    except (JoseError, ValueError):
        return _oauth_error("invalid_grant")
    verifier = fields.get("code_verifier", "")
    if not (
        claims.get("cid") == DEV_CLIENT_ID
        and claims.get("ruri") == fields.get("redirect_uri")
        and verifier
        and hmac.compare_digest(create_s256_code_challenge(verifier), claims.get("cc", ""))
    ):
        return _oauth_error("invalid_grant")
    key = await run_in_threadpool(signing_key, context)
    id_token = jwt.encode(
        {"alg": "RS256", "kid": KID},
        {
            "iss": DEV_ISSUER,
            "sub": claims["sub"],
            "aud": DEV_CLIENT_ID,
            "iat": int(now.timestamp()),
            "exp": int((now + ID_TOKEN_LIFETIME).timestamp()),
            "nonce": claims["nonce"],
            "name": TEST_NAME,
        },
        key,
    )
    return JSONResponse(
        {
            "access_token": secrets.token_urlsafe(32),
            "token_type": "Bearer",
            "expires_in": int(ID_TOKEN_LIFETIME.total_seconds()),
            "id_token": id_token,
        },
        headers={"Cache-Control": "no-store"},
    )
