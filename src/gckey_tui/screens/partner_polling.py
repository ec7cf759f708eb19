"""The console's side of RFC 8628 §3.5: poll the token endpoint, respecting the interval and slow_down."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from gckey_tui.api.errors import ApiError

if TYPE_CHECKING:
    from gckey_tui.api import ServiceClient
    from gckey_tui.api import models as m
    from gckey_tui.api import models_partners as mp

#: RFC 8628 §3.5: on slow_down, wait 5 seconds more for this and every later request
SLOW_DOWN_STEP = 5


async def poll_for_session(
    client: ServiceClient,
    grant: mp.DeviceAuthorization,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
) -> m.SessionCreated:
    """Poll until the partner sign-in ends: the session, or the final ``ApiError`` (denied, expired…)."""
    interval = grant.interval
    while True:
        await sleep(interval)
        try:
            return await client.poll_partner_sign_in(grant.device_code)
        except ApiError as error:
            if error.code == "slow_down":
                interval = max(error.retry_after or 0, interval + SLOW_DOWN_STEP)
            elif error.code != "authorization_pending":
                raise
