"""Client calls for linked applications."""

from __future__ import annotations

from typing import Any

from gckey_tui.api import models_applications as am

API = "/api/v1"


class ApplicationsClientMixin:
    """Mixed into ``ServiceClient`` (uses its ``request`` / ``call`` plumbing)."""

    async def applications(self: Any) -> list[am.ApplicationSummary]:
        """Every application linked to the account, latest status change first."""
        return (await self.call("GET", f"{API}/me/applications", am.ApplicationList)).applications

    async def link_application(
        self: Any, request: am.LinkByApplicationNumber | am.LinkByUciDocument
    ) -> list[am.ApplicationSummary]:
        """Link by number or by UCI and document; raises ``ApiError`` 404 / 429 on a miss or while locked."""
        linked = await self.call("POST", f"{API}/me/applications", am.LinkedApplications, json=self.body(request))
        return linked.applications

    async def application(self: Any, number: str) -> am.ApplicationDetail:
        """One linked application with its status history."""
        return await self.call("GET", f"{API}/me/applications/{number}", am.ApplicationDetail)
