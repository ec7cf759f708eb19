"""Wire models of DLI compliance reports and scoped API tokens."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field

from gckey_tui.api.models import ErrorBody, WireModel
from gckey_tui.vocabulary import ComplianceStatus

ReportStatus = Literal[
    "scheduled",
    "not_started",
    "in_progress",
    "submitted",
    "submitted_late",
    "overdue",
    "corrections_requested",
    "exempt",
]


class Institution(WireModel):
    dli: str
    name: str
    province: str
    exempt: bool
    role: Literal["principal", "staff"]


class Institutions(WireModel):
    institutions: list[Institution]


class ReportSummary(WireModel):
    cycle: str
    opens_at: datetime
    due_at: datetime
    status: ReportStatus
    total: int
    missing: int
    counts_by_status: dict[str, int]
    submitted_at: datetime | None = None
    corrections_requested_at: datetime | None = None
    corrections_reason: str | None = None


class Reports(WireModel):
    institution: Institution
    reports: list[ReportSummary]
    #: the service's time, so "days left" agrees with the service's clock
    as_of: datetime


class ReportRow(WireModel):
    student_id: str
    family_name: str
    given_names: str
    date_of_birth: date
    uci: str
    program: str
    status: ComplianceStatus | None = None
    effective_date: date | None = None
    note: str | None = None


class ReportPage(WireModel):
    summary: ReportSummary
    matched: int
    offset: int
    limit: int
    rows: list[ReportRow]


def _iso_date_only(value: object) -> object:
    """Pydantic also reads a number, or a string of digits, as a Unix time: ``0`` would be 1970-01-01."""
    if isinstance(value, str) and not ISO_DATE.fullmatch(value):
        raise ValueError("a date is written YYYY-MM-DD")
    if not isinstance(value, str | date):
        raise ValueError("a date is written YYYY-MM-DD")
    return value


ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
#: a date given only as ``YYYY-MM-DD`` (or a ``date``, from Python)
IsoDate = Annotated[date, BeforeValidator(_iso_date_only)]


class RowUpdate(WireModel):
    status: ComplianceStatus
    effective_date: IsoDate | None = None
    note: str | None = Field(default=None, max_length=500)


class Updated(WireModel):
    updated: int


class CsvError(WireModel):
    line: int
    field: str
    message: str


class CsvErrors(WireModel):
    """A refused CSV import: nothing applied; the first 100 errors with their lines, and how many in all."""

    error: ErrorBody
    errors: list[CsvError] = Field(max_length=100)
    error_count: int


class TokenRequest(WireModel):
    name: str = Field(min_length=1, max_length=60)
    scope: Literal["reports:read"] = "reports:read"
    expires_in_days: int = Field(default=30, ge=1, le=90)


class TokenInfo(WireModel):
    id: str
    name: str
    scope: str
    created_at: datetime
    expires_at: datetime
    last_used_at: datetime | None = None


class TokenCreated(TokenInfo):
    token: str


class Tokens(WireModel):
    tokens: list[TokenInfo]
