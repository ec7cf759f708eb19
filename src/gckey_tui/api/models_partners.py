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
