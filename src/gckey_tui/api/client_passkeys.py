"""Client calls of passkeys: the browser hand-offs (enrolment, sign-in), their polls, list, rename, remove."""

from __future__ import annotations

from typing import Any

from gckey_tui.api import models_passkeys as pm

API = "/api/v1"


class PasskeysClientMixin:
    """Mixed into ``ServiceClient`` (uses its ``request`` / ``call`` plumbing)."""

    async def passkeys(self: Any) -> pm.PasskeyList:
        """The account's passkeys and security keys."""
        return await self.call("GET", f"{API}/me/passkeys", pm.PasskeyList)

    async def start_passkey_enrolment(self: Any) -> pm.PasskeyHandOff:
        """A one-time page to add a passkey (after re-authentication)."""
        return await self.call("POST", f"{API}/me/passkeys", pm.PasskeyHandOff)

    async def poll_passkey_enrolment(self: Any) -> pm.PasskeyPoll:
        """Where the latest enrolment hand-off stands."""
        return await self.call("GET", f"{API}/me/passkeys/enrolment", pm.PasskeyPoll)

    async def rename_passkey(self: Any, passkey_id: int, name: str) -> pm.Passkey:
        """A new name (after re-authentication)."""
        return await self.call("PATCH", f"{API}/me/passkeys/{passkey_id}", pm.Passkey, json={"name": name})

    async def remove_passkey(self: Any, passkey_id: int) -> None:
        """Remove one (after re-authentication; another way in must remain)."""
        await self.request("DELETE", f"{API}/me/passkeys/{passkey_id}")

    async def start_passkey_sign_in(self: Any) -> pm.PasskeyHandOff:
        """A one-time page to finish the pending sign-in with a passkey."""
        return await self.call("POST", f"{API}/sessions/current/passkey", pm.PasskeyHandOff)

    async def poll_passkey_sign_in(self: Any) -> pm.PasskeyPoll:
        """Where the sign-in hand-off stands; once done, the session's new token is kept."""
        answer = await self.call("GET", f"{API}/sessions/current/passkey", pm.PasskeyPoll)
        if answer.token:
            self.token = answer.token
        return answer
