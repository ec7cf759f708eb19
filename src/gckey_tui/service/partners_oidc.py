"""The service as an OpenID Connect relying party of a partner: authorization URL, code exchange, ID token.

PKCE (S256) via authlib; the ID token's signature (RS256, from the partner's JWKS), issuer, audience, expiry
and nonce via joserfc.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import urlencode

import httpx
from authlib.oauth2.rfc7636 import create_s256_code_challenge
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from gckey_tui.service.partner_registry import PartnerConfig


class PartnerFailure(Exception):
    """The partner could not be reached or answered something we must not trust."""


def callback_url(base_url: str) -> str:
    """Where partners send the browser back (registered with each partner)."""
    return f"{base_url}/partners/callback"


async def discover(http: httpx.AsyncClient, partner: PartnerConfig) -> dict[str, Any]:
    """The partner's discovery document; its issuer must be the configured one."""
    document = await _get_json(http, partner.discovery_url)
    if document.get("issuer") != partner.issuer:
        raise PartnerFailure("issuer mismatch in discovery document")
    return document


def authorization_url(
    discovery: dict[str, Any], partner: PartnerConfig, base_url: str, state: str, nonce: str, verifier: str
) -> str:
    """The partner's authorization request for this attempt (code flow, PKCE S256, nonce)."""
    query = urlencode(
        {
            "response_type": "code",
            "client_id": partner.client_id,
            "redirect_uri": callback_url(base_url),
            "scope": "openid",
            "state": state,
            "nonce": nonce,
            "code_challenge": create_s256_code_challenge(verifier),
            "code_challenge_method": "S256",
        }
    )
    return f"{discovery['authorization_endpoint']}?{query}"


async def verified_subject(
    http: httpx.AsyncClient,
    discovery: dict[str, Any],
    partner: PartnerConfig,
    base_url: str,
    code: str,
    nonce: str,
    verifier: str,
    now: datetime,
) -> str:
    """Exchange the code and return the ID token's ``sub`` once every check has passed."""
    try:
        response = await http.post(
            discovery["token_endpoint"],
            data={
                "grant_type": "authorization_code",
                "code": code,
                "redirect_uri": callback_url(base_url),
                "code_verifier": verifier,
            },
            auth=(partner.client_id, partner.client_secret),
        )
    except httpx.HTTPError as error:
        raise PartnerFailure(f"token endpoint unreachable: {error}") from error
    if response.status_code != 200:
        raise PartnerFailure(f"token endpoint answered {response.status_code}")
    try:
        id_token = response.json()["id_token"]
    except (ValueError, KeyError, TypeError) as error:
        raise PartnerFailure("no id_token in the token answer") from error
    keys = KeySet.import_key_set(await _get_json(http, discovery["jwks_uri"]))
    try:
        token = jwt.decode(id_token, keys, algorithms=["RS256"])
        jwt.JWTClaimsRegistry(
            now=int(now.timestamp()),
            leeway=60,
            iss={"essential": True, "value": partner.issuer},
            aud={"essential": True, "value": partner.client_id},
            exp={"essential": True},
            nonce={"essential": True, "value": nonce},
            sub={"essential": True},
        ).validate(token.claims)
    except (JoseError, ValueError) as error:
        raise PartnerFailure(f"ID token refused: {error}") from error
    return str(token.claims["sub"])


async def _get_json(http: httpx.AsyncClient, url: str) -> dict[str, Any]:
    try:
        response = await http.get(url)
        response.raise_for_status()
        document = response.json()
    except (httpx.HTTPError, ValueError) as error:
        raise PartnerFailure(f"{url}: {error}") from error
    if not isinstance(document, dict):
        raise PartnerFailure(f"{url}: not a JSON object")
    return document
