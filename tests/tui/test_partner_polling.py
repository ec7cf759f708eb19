"""The console's polling loop against the real service: interval, slow_down, approval, denial."""

from __future__ import annotations

import re

import httpx
import pytest
from support import enter_user_code

from gckey_tui.api.errors import ApiError
from gckey_tui.screens.partner_polling import poll_for_session


async def browser_leg(service, user_code: str, decision: str) -> None:
    """What the user does in the browser: enter the code, answer the development partner's consent page."""
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=service), base_url="http://gckey.local") as web:
        sent = await enter_user_code(web, "/partners/verify", user_code)
        consent = await web.get(sent.headers["location"])
        fields = dict(re.findall(r'name="(\w+)" value="([^"]*)"', consent.text.replace("&amp;", "&")))
        back = await web.post("/dev-partner/authorize", data={**fields, "decision": decision})
        await web.get(back.headers["location"])


async def test_polling_respects_interval_and_slow_down_then_signs_in(client, service, clock):
    grant = await client.start_partner_sign_in("dev")
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)
        # the second wait is cut short (as if the machine had slept through a clock change): too fast
        clock.advance(seconds=1 if len(waits) == 2 else seconds)
        if len(waits) == 4:
            await browser_leg(service, grant.user_code, "allow")

    created = await poll_for_session(client, grant, sleep)
    assert waits == [5, 5, 10, 10]  # slow_down added 5 s to every later wait
    assert created.state == "authenticated" and client.token == created.token


async def test_polling_stops_on_denial(client, service, clock):
    grant = await client.start_partner_sign_in("dev")

    async def sleep(seconds: float) -> None:
        clock.advance(seconds=seconds)
        await browser_leg(service, grant.user_code, "deny")

    with pytest.raises(ApiError) as caught:
        await poll_for_session(client, grant, sleep)
    assert caught.value.code == "access_denied"


async def test_polling_stops_when_the_code_expires(client, clock):
    grant = await client.start_partner_sign_in("dev")

    async def sleep(seconds: float) -> None:
        clock.advance(minutes=4)

    with pytest.raises(ApiError) as caught:
        await poll_for_session(client, grant, sleep)
    assert caught.value.code == "expired_token"
