"""Wire models of partner sign-in (RFC 8628 device authorization grant)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from gckey_tui.api.models import WireModel

DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"


class PartnerInfo(WireModel):
    id: str
    name: str
    #: configured on this service (a partner without OIDC settings cannot be chosen)
    available: bool


class PartnerList(WireModel):
    partners: list[PartnerInfo]


class DeviceAuthorization(WireModel):
    """RFC 8628 §3.2 device authorization response."""

    device_code: str
    user_code: str
    verification_uri: str
    verification_uri_complete: str
    expires_in: int
    interval: int


class DeviceTokenRequest(WireModel):
    """RFC 8628 §3.4 token request (as JSON)."""

    grant_type: Literal["urn:ietf:params:oauth:grant-type:device_code"] = DEVICE_GRANT
    device_code: str = Field(max_length=200)


class OAuthTokenResponse(WireModel):
    """RFC 6749 §5.1 access token response (answer to a form-encoded device token request)."""

    access_token: str
    token_type: Literal["Bearer"] = "Bearer"
    expires_in: int


class OAuthError(WireModel):
    """RFC 6749 §5.2 error response, with the RFC 8628 §3.5 codes (answer to a form-encoded request)."""

    error: Literal[
        "authorization_pending",
        "slow_down",
        "expired_token",
        "access_denied",
        "invalid_grant",
        "invalid_request",
        "unsupported_grant_type",
    ]
    error_description: str
