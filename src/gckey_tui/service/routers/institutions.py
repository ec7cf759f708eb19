"""DLI institutions and their compliance reports (staff only; read calls also take a reports:read token)."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response

from gckey_tui.api import models_reports as m
from gckey_tui.service.context import ServiceContext
from gckey_tui.service.deps import Caller, get_context, get_language, session_not_token, session_or_token
from gckey_tui.service.domain_error import DomainError
from gckey_tui.service.flows import reports as flow
from gckey_tui.service.flows.tokens import TokenCaller
from gckey_tui.service.reports import exempt
from gckey_tui.service.reports_csv import refusal
from gckey_tui.service.reports_cycles import open_due_cycles_hourly

#: a served instance opens cycles (and emails principal contacts) at start-up and then hourly
router = APIRouter(prefix="/api/v1/institutions", tags=["reports"], lifespan=open_due_cycles_hourly)

reader = session_or_token("reports:read")


def _wire_institution(row: dict[str, Any]) -> m.Institution:
    return m.Institution(
        dli=row["dli"], name=row["name"], province=row["province"], exempt=exempt(row["province"]), role=row["role"]
    )


@router.get("", response_model=m.Institutions)
def list_institutions(
    caller: Caller | TokenCaller = Depends(reader), context: ServiceContext = Depends(get_context)
) -> m.Institutions:
    """The institutions where the caller is staff."""
    return m.Institutions(
        institutions=[_wire_institution(row) for row in flow.institutions(context, caller.account_id)]
    )


@router.get("/{dli}/reports", response_model=m.Reports)
def list_reports(
    dli: str, caller: Caller | TokenCaller = Depends(reader), context: ServiceContext = Depends(get_context)
) -> m.Reports:
    """One summary per cycle, newest first."""
    institution = flow.institution(context, caller.account_id, dli)
    return m.Reports(
        institution=_wire_institution(institution),
        reports=[m.ReportSummary(**item) for item in flow.summaries(context, institution, caller.now)],
        as_of=caller.now,
    )


@router.get("/{dli}/reports/{cycle_name}", response_model=m.ReportPage)
def report(
    dli: str,
    cycle_name: str,
    status: Literal[m.ComplianceStatus, "missing"] | None = Query(default=None, description="or 'missing'"),
    q: str | None = Query(default=None, max_length=100, description="part of a name, student ID or UCI"),
    offset: int = Query(default=0, ge=0),
    limit: int = Query(default=100, ge=1, le=flow.PAGE_LIMIT),
    caller: Caller | TokenCaller = Depends(reader),
    context: ServiceContext = Depends(get_context),
) -> m.ReportPage:
    """The report's summary and one page of its rows."""
    page = flow.report_page(
        context, caller.account_id, dli, cycle_name, caller.now, status=status, q=q, offset=offset, limit=limit
    )
    return m.ReportPage(
        summary=m.ReportSummary(**page.summary),
        matched=page.matched,
        offset=offset,
        limit=limit,
        rows=[m.ReportRow(**row) for row in page.rows],
    )


@router.get("/{dli}/reports/{cycle_name}/export.csv", response_class=Response)
def export_csv(
    dli: str,
    cycle_name: str,
    caller: Caller | TokenCaller = Depends(reader),
    context: ServiceContext = Depends(get_context),
) -> Response:
    """The report as CSV; just the header (a template) when it has no rows."""
    text, filename = flow.export_csv(context, caller.account_id, dli, cycle_name)
    return Response(
        text,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.patch("/{dli}/reports/{cycle_name}/students/{student_id}", response_model=m.ReportRow)
def set_status(
    dli: str,
    cycle_name: str,
    student_id: str,
    request: m.RowUpdate,
    caller: Caller = Depends(session_not_token),
    context: ServiceContext = Depends(get_context),
) -> m.ReportRow:
    """Set one row's status."""
    row = flow.set_status(context, caller.account_id, dli, cycle_name, student_id, request.model_dump(), caller.now)
    return m.ReportRow(**row)


@router.put(
    "/{dli}/reports/{cycle_name}/statuses",
    response_model=m.Updated,
    responses={422: {"model": m.CsvErrors, "description": "Every error with its line; nothing applied"}},
    openapi_extra={"requestBody": {"content": {"text/csv": {"schema": {"type": "string"}}}, "required": True}},
)
async def import_statuses(
    dli: str,
    cycle_name: str,
    request: Request,
    caller: Caller = Depends(session_not_token),
    context: ServiceContext = Depends(get_context),
    language: str = Depends(get_language),
) -> Any:
    """Import ``student_id,status[,effective_date,note]`` rows: all checked, nothing applied unless all are valid."""
    body = await request.body()  # at most 16 MiB: service/body_limits.py refuses more before it is read
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise DomainError("csv_not_utf8") from None
    outcome = await run_in_threadpool(
        flow.import_statuses, context, caller.account_id, dli, cycle_name, text, caller.now
    )
    if isinstance(outcome, int):
        return m.Updated(updated=outcome)
    return JSONResponse(status_code=422, content=refusal(outcome, language))


@router.post("/{dli}/reports/{cycle_name}/submit", response_model=m.ReportSummary)
def submit(
    dli: str,
    cycle_name: str,
    caller: Caller = Depends(session_not_token),
    context: ServiceContext = Depends(get_context),
) -> m.ReportSummary:
    """Submit the report; refused while any row lacks a status."""
    return m.ReportSummary(**flow.submit(context, caller.account_id, dli, cycle_name, caller.now))
