"""Test helpers shared by the service and console suites (beside the testing kit, ``gckey_tui.testing``)."""

from __future__ import annotations

import re

import httpx


async def enter_user_code(web: httpx.AsyncClient, verification_uri: str, user_code: str) -> httpx.Response:
    """What a person does on the verification page: open it, type the code, confirm partner and code.

    Returns the service's last answer: the redirect to the partner, or the page that refused.
    """
    form = await web.get(verification_uri)
    token = re.search(r'name="csrf" value="([^"]+)"', form.text).group(1)
    sent = await web.post(verification_uri, data={"user_code": user_code, "csrf": token})
    if sent.status_code != 200 or 'id="confirm"' not in sent.text:
        return sent
    token = re.search(r'name="csrf" value="([^"]+)"', sent.text).group(1)
    confirm_uri = verification_uri.replace("/partners/verify", "/partners/confirm")
    return await web.post(confirm_uri, data={"user_code": user_code, "csrf": token})
