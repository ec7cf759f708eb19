"""Client calls of the account centre: password, email, recovery answers and codes, sessions, activity."""

from __future__ import annotations

from typing import Any

from gckey_tui.api import models as m
from gckey_tui.api import models_account as am

API = "/api/v1"


class AccountClientMixin:
    """Mixed into ``ServiceClient`` (uses its ``request`` / ``call`` plumbing)."""

    async def change_password(self: Any, current_password: str, new_password: str) -> None:
        """A new password (after re-authentication); the other sessions and API tokens end."""
        body = am.PasswordChange(current_password=current_password, new_password=new_password)
        await self.request("POST", f"{API}/me/password", json=self.body(body))

    async def change_email(self: Any, email: str) -> None:
        """Send a code to a new address (after re-authentication)."""
        await self.request("POST", f"{API}/me/email", json={"email": email})

    async def verify_email(self: Any, code: str) -> None:
        """The code from the new address: it becomes the account's."""
        await self.request("POST", f"{API}/me/email/verify", json={"code": code})

    async def change_security_answers(self: Any, answers: list[tuple[str, str]]) -> None:
        """Three new recovery answers ``[(question_id, answer)]`` (after re-authentication)."""
        body = am.SecurityAnswersChange(
            security_answers=[m.SecurityAnswer(question_id=q, answer=a) for q, a in answers]
        )
        await self.request("PUT", f"{API}/me/security-answers", json=self.body(body))

    async def regenerate_recovery_codes(self: Any) -> m.RecoveryCodes:
        """Ten new recovery codes (after re-authentication); the old ones stop working."""
        return await self.call("POST", f"{API}/me/recovery-codes", m.RecoveryCodes)

    async def live_sessions(self: Any) -> am.LiveSessions:
        """Every live session of the account."""
        return await self.call("GET", f"{API}/me/sessions", am.LiveSessions)

    async def end_session(self: Any, session_id: int) -> None:
        """End one of the account's sessions."""
        await self.request("DELETE", f"{API}/me/sessions/{int(session_id)}")

    async def end_other_sessions(self: Any) -> None:
        """End every session of the account but this one."""
        await self.request("DELETE", f"{API}/me/sessions", params={"others": "true"})

    async def activity(self: Any, limit: int = 50, before: int | None = None) -> am.Activity:
        """The account's security events, newest first."""
        params: dict[str, Any] = {"limit": limit} | ({"before": before} if before else {})
        return await self.call("GET", f"{API}/me/activity", am.Activity, params=params)
