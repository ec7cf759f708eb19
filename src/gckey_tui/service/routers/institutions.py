"""DLI institutions and their compliance reports (staff only; read calls also take a reports:read token)."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response

from gckey_tui.api import models_reports as m
from gckey_tui.service import reports_store as store
from gckey_tui.service.context import ServiceContext
from gckey_tui.service.deps import Caller, get_context, get_language, session_not_token, session_or_token
from gckey_tui.service.errors import ServiceError
from gckey_tui.service.reports import Cycle, cycle, exempt
from gckey_tui.service.reports_csv import export, parse_statuses, refusal
from gckey_tui.service.reports_cycles import open_due_cycles_hourly
from gckey_tui.service.tokens import TokenCaller

#: a served instance opens cycles (and emails principal contacts) at start-up and then hourly
router = APIRouter(prefix="/api/v1/institutions", tags=["reports"], lifespan=open_due_cycles_hourly)

reader = session_or_token("reports:read")
#: the biggest CSV accepted: 40,000 rows of long notes fit well below it
MAX_CSV_BYTES = 16 * 1024 * 1024
PAGE_LIMIT = 500


def _institution(context: ServiceContext, caller: Caller | TokenCaller, dli: str) -> dict[str, Any]:
    """The caller's institution ``dli``; 404 for others (their existence is not revealed)."""
    with context.engine.connect() as conn:
        institution = store.institution_of(conn, caller.account_id, dli)
    if institution is None:
        raise ServiceError(404, "institution_not_found")
    return institution


def _cycle(name: str, context: ServiceContext) -> Cycle:
    try:
        return cycle(name, context.settings.report_days)
    except ValueError:
        raise ServiceError(404, "report_not_found") from None


def _wire_institution(row: dict[str, Any]) -> m.Institution:
    return m.Institution(
        dli=row["dli"], name=row["name"], province=row["province"], exempt=exempt(row["province"]), role=row["role"]
    )


def _summary(context: ServiceContext, institution: dict[str, Any], the_cycle: Cycle, now) -> dict[str, Any]:
    with context.engine.connect() as conn:
        return store.summary(conn, institution, the_cycle, now)


def _writable(summary: dict[str, Any]) -> None:
    """Rows change only while the report is open and not submitted (or corrections were requested)."""
    if summary["status"] == "exempt":
        raise ServiceError(409, "report_exempt")
    if summary["status"] == "scheduled":
        raise ServiceError(409, "report_not_open")
    if summary["status"] in ("submitted", "submitted_late"):
        raise ServiceError(409, "report_submitted")


@router.get("", response_model=m.Institutions)
def list_institutions(
    caller: Caller | TokenCaller = Depends(reader), context: ServiceContext = Depends(get_context)
) -> m.Institutions:
    """The institutions where the caller is staff."""
    with context.engine.connect() as conn:
        rows = store.institutions_of(conn, caller.account_id)
    return m.Institutions(institutions=[_wire_institution(row) for row in rows])


@router.get("/{dli}/reports", response_model=m.Reports)
def list_reports(
    dli: str, caller: Caller | TokenCaller = Depends(reader), context: ServiceContext = Depends(get_context)
) -> m.Reports:
    """One summary per cycle, newest first."""
    institution = _institution(context, caller, dli)
    with context.engine.connect() as conn:
        summaries = [
            store.summary(conn, institution, the_cycle, caller.now)
            for the_cycle in store.report_cycles(conn, institution["id"], caller.now, context.settings.report_days)
        ]
    return m.Reports(
        institution=_wire_institution(institution),
        reports=[m.ReportSummary(**item) for item in summaries],
        as_of=caller.now,
    )


@router.get("/{dli}/reports/{cycle_name}", response_model=m.ReportPage)
def report(
    dli: str,
    cycle_name: str,
    status: Literal[m.ComplianceStatus, "missing"] | None = Query(default=None, description="or 'missing'"),
    q: str | None = Query(default=None, max_length=100, description="part of a name, student ID or UCI"),
    offset: int = Query(default=0, ge=0),
    limit: int = Query(default=100, ge=1, le=PAGE_LIMIT),
    caller: Caller | TokenCaller = Depends(reader),
    context: ServiceContext = Depends(get_context),
) -> m.ReportPage:
    """The report's summary and one page of its rows."""
    institution = _institution(context, caller, dli)
    the_cycle = _cycle(cycle_name, context)
    with context.engine.connect() as conn:
        summary = store.summary(conn, institution, the_cycle, caller.now)
        matched, rows = store.rows_page(
            conn, institution["id"], the_cycle.name, status=status, q=q, offset=offset, limit=limit
        )
    return m.ReportPage(
        summary=m.ReportSummary(**summary),
        matched=matched,
        offset=offset,
        limit=limit,
        rows=[m.ReportRow(**row) for row in rows],
    )


@router.get("/{dli}/reports/{cycle_name}/export.csv", response_class=Response)
def export_csv(
    dli: str,
    cycle_name: str,
    caller: Caller | TokenCaller = Depends(reader),
    context: ServiceContext = Depends(get_context),
) -> Response:
    """The report as CSV; just the header (a template) when it has no rows."""
    institution = _institution(context, caller, dli)
    the_cycle = _cycle(cycle_name, context)
    with context.engine.connect() as conn:
        rows = store.all_rows(conn, institution["id"], the_cycle.name)
    return Response(
        export(rows),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{dli}-{the_cycle.name}.csv"'},
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
    institution = _institution(context, caller, dli)
    the_cycle = _cycle(cycle_name, context)
    _writable(_summary(context, institution, the_cycle, caller.now))
    values = {"student_id": student_id, **request.model_dump()}
    with context.engine.begin() as conn:
        changed = store.apply_statuses(conn, institution["id"], the_cycle.name, [values], caller.now)
        _total, rows = store.rows_page(
            conn, institution["id"], the_cycle.name, status=None, q=student_id, offset=0, limit=PAGE_LIMIT
        )
    row = next((row for row in rows if row["student_id"] == student_id), None)
    if changed != 1 or row is None:
        raise ServiceError(404, "student_not_found")
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
    body = await request.body()
    if len(body) > MAX_CSV_BYTES:
        raise ServiceError(413, "csv_too_large")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise ServiceError(400, "csv_not_utf8") from None
    return await run_in_threadpool(_import, context, caller, dli, cycle_name, text, language)


def _import(context: ServiceContext, caller: Caller, dli: str, cycle_name: str, text: str, language: str) -> Any:
    institution = _institution(context, caller, dli)
    the_cycle = _cycle(cycle_name, context)
    _writable(_summary(context, institution, the_cycle, caller.now))
    with context.engine.connect() as conn:
        known = store.student_ids(conn, institution["id"], the_cycle.name)
    parsed = parse_statuses(text, known)
    if parsed.error_count:
        return JSONResponse(status_code=422, content=refusal(parsed, language))
    with context.engine.begin() as conn:
        updated = store.apply_statuses(conn, institution["id"], the_cycle.name, parsed.rows, caller.now)
    return m.Updated(updated=updated)


@router.post("/{dli}/reports/{cycle_name}/submit", response_model=m.ReportSummary)
def submit(
    dli: str,
    cycle_name: str,
    caller: Caller = Depends(session_not_token),
    context: ServiceContext = Depends(get_context),
) -> m.ReportSummary:
    """Submit the report; refused while any row lacks a status."""
    institution = _institution(context, caller, dli)
    the_cycle = _cycle(cycle_name, context)
    summary = _summary(context, institution, the_cycle, caller.now)
    _writable(summary)
    if summary["missing"]:
        raise ServiceError(409, "report_incomplete", missing=summary["missing"])
    if not summary["total"]:
        raise ServiceError(409, "report_empty")
    with context.engine.begin() as conn:
        store.mark_submitted(conn, institution["id"], the_cycle.name, caller.now)
        done = store.summary(conn, institution, the_cycle, caller.now)
    return m.ReportSummary(**done)
