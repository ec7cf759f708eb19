"""A report's figures as the status board and ``gckey-tui reports status`` both show them, so the two agree:
days left until the due date (counted in whole days on the service's clock) and progress."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gckey_tui.api.models_reports import ReportSummary

#: reports with nothing left to do: no countdown
SETTLED = ("submitted", "submitted_late", "exempt")


def days_left(report: ReportSummary, as_of: datetime) -> int | None:
    """Calendar days from ``as_of`` (the service's time) to the due date; None once nothing is due."""
    if report.status in SETTLED:
        return None
    return (report.due_at.date() - as_of.date()).days


def progress(report: ReportSummary) -> str:
    """Rows with a status, of all rows: ``"70/120"``."""
    return f"{report.total - report.missing}/{report.total}"
