"""Client calls for account lifecycle and help: recovery, export, deletion, support."""

from __future__ import annotations

from typing import Any

from gckey_tui.api import models as m
from gckey_tui.api import models_lifecycle as lm

API = "/api/v1"


class LifecycleClientMixin:
    """Mixed into ``ServiceClient`` (uses its ``request`` / ``call`` plumbing)."""

    async def recover_username(self: Any, email: str) -> None:
        """Ask for the username to be emailed (the answer is the same whether or not it matched)."""
        await self.request("POST", f"{API}/recovery/username", json={"email": email})

    async def start_password_recovery(self: Any, username: str) -> lm.PasswordRecoveryStarted:
        """Ask for a password reset code; returns the request id and the three questions to answer."""
        return await self.call(
            "POST", f"{API}/recovery/password", lm.PasswordRecoveryStarted, json={"username": username}
        )

    async def complete_password_recovery(
        self: Any, request_id: str, code: str, answers: list[tuple[str, str]], new_password: str
    ) -> None:
        """Code + answers ``[(question_id, answer)]`` + new password. Does not sign in."""
        body = lm.PasswordRecoveryCompletion(
            code=code,
            security_answers=[m.SecurityAnswer(question_id=q, answer=a) for q, a in answers],
            new_password=new_password,
        )
        await self.request("POST", f"{API}/recovery/password/{request_id}/complete", json=self.body(body))

    async def export_account(self: Any) -> lm.AccountExport:
        """All the account's data."""
        return await self.call("GET", f"{API}/me/export", lm.AccountExport)

    async def delete_account(self: Any, confirm_username: str) -> None:
        """Delete the account (after ``reauthenticate``); the session ends with it."""
        await self.request("DELETE", f"{API}/me", json={"confirm_username": confirm_username})
        self.token = None

    async def report_problem(self: Any, request: lm.SupportRequest) -> lm.SupportCreated:
        """Send a problem report to the service desk; returns its reference and reply-by date."""
        return await self.call("POST", f"{API}/support/requests", lm.SupportCreated, json=self.body(request))
