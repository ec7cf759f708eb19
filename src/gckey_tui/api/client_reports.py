"""``ServiceClient`` methods for DLI institutions, compliance reports and scoped API tokens."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import httpx

from gckey_tui.api import models_reports as r
from gckey_tui.api.errors import ApiError, CsvImportError

API = "/api/v1"


def _report_path(dli: str, cycle: str) -> str:
    return f"{API}/institutions/{quote(dli, safe='')}/reports/{quote(cycle, safe='')}"


class ReportsClientMixin:
    """Institutions, reports and tokens; mixed into ``ServiceClient`` (uses its ``call``/``request``)."""

    async def institutions(self) -> r.Institutions:
        """Institutions where the caller is staff."""
        return await self.call("GET", f"{API}/institutions", r.Institutions)

    async def reports(self, dli: str) -> r.Reports:
        """One summary per cycle of the institution."""
        return await self.call("GET", f"{API}/institutions/{quote(dli, safe='')}/reports", r.Reports)

    async def report(
        self,
        dli: str,
        cycle: str,
        *,
        status: str | None = None,
        q: str | None = None,
        offset: int = 0,
        limit: int = 100,
    ) -> r.ReportPage:
        """A report's summary and one page of rows (filtered by status and/or a search)."""
        params: dict[str, Any] = {"status": status or None, "q": q or None, "offset": offset, "limit": limit}
        return await self.call("GET", _report_path(dli, cycle), r.ReportPage, params=params)

    async def set_student_status(self, dli: str, cycle: str, student_id: str, update: r.RowUpdate) -> r.ReportRow:
        """Set one row's status."""
        path = f"{_report_path(dli, cycle)}/students/{quote(student_id, safe='')}"
        return await self.call("PATCH", path, r.ReportRow, json=self.body(update))

    async def import_statuses(self, dli: str, cycle: str, csv_text: str) -> r.Updated:
        """Import statuses from CSV; raises ``CsvImportError`` listing every bad line (nothing applied)."""
        # not through ``request``: the 422 answer's per-line ``errors`` list is part of the result here
        try:
            response = await self._http.request(
                "PUT",
                f"{_report_path(dli, cycle)}/statuses",
                content=csv_text.encode("utf-8"),
                headers=self._headers({"Content-Type": "text/csv; charset=utf-8"}),
            )
        except httpx.HTTPError as error:
            raise ApiError(0, "network_error", str(error)) from error
        if response.status_code == 422 and response.headers.get("content-type", "").startswith("application/json"):
            body = response.json()
            if "errors" in body:
                refused = r.CsvErrors.model_validate(body)
                raise CsvImportError(
                    422, refused.error.code, refused.error.message, refused.errors, refused.error_count
                )
        if response.status_code >= 400:
            raise self._error(response)
        return r.Updated.model_validate(response.json())

    async def export_report(self, dli: str, cycle: str) -> str:
        """The report as CSV (a template when it has no rows)."""
        return (await self.request("GET", f"{_report_path(dli, cycle)}/export.csv")).text

    async def submit_report(self, dli: str, cycle: str) -> r.ReportSummary:
        """Submit the report (refused while any row lacks a status)."""
        return await self.call("POST", f"{_report_path(dli, cycle)}/submit", r.ReportSummary)

    async def create_token(self, request: r.TokenRequest) -> r.TokenCreated:
        """A new reports:read token; its value is shown this once."""
        return await self.call("POST", f"{API}/me/tokens", r.TokenCreated, json=self.body(request))

    async def tokens(self) -> r.Tokens:
        """The account's live tokens."""
        return await self.call("GET", f"{API}/me/tokens", r.Tokens)

    async def revoke_token(self, token_id: str) -> None:
        """Revoke a token."""
        await self.request("DELETE", f"{API}/me/tokens/{quote(token_id, safe='')}")
