"""Client calls of partner sign-in (RFC 8628 device authorization grant)."""

from __future__ import annotations

from typing import Any

from gckey_tui.api import models as m
from gckey_tui.api import models_partners as mp

API = "/api/v1"


class PartnersClientMixin:
    """Mixed into ``ServiceClient``: partner list, device authorization and token polling."""

    async def partners(self: Any) -> mp.PartnerList:
        """Every Sign-In Partner and whether this service offers it."""
        return await self.call("GET", f"{API}/partners", mp.PartnerList)

    async def start_partner_sign_in(self: Any, partner_id: str) -> mp.DeviceAuthorization:
        """Ask for a device and user code (with a signed-in token: attach the partner to this account)."""
        return await self.call("POST", f"{API}/partners/{partner_id}/device-authorizations", mp.DeviceAuthorization)

    async def poll_partner_sign_in(self: Any, device_code: str) -> m.SessionCreated:
        """One poll; raises ``ApiError`` with the RFC 8628 code until the sign-in is approved, then keeps the token."""
        created = await self.call(
            "POST",
            f"{API}/partners/device-token",
            m.SessionCreated,
            json={"grant_type": mp.DEVICE_GRANT, "device_code": device_code},
        )
        self.token = created.token
        return created
