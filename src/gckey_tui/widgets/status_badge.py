"""A report's status as the board and the report show it: a coloured badge, and the reason when corrections
are requested."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from gckey_tui.i18n import _
from gckey_tui.i18n.labels import REPORT_STATUSES, label

if TYPE_CHECKING:
    from gckey_tui.api.models_reports import ReportSummary

#: badge style per report status
BADGES = {
    "overdue": "bold white on red",
    "corrections_requested": "bold black on yellow",
    "submitted": "bold black on green",
    "submitted_late": "black on dark_orange",
    "in_progress": "bold black on cyan",
    "not_started": "bold",
    "scheduled": "dim",
    "exempt": "dim italic",
}


def status_badge(status: str) -> Text:
    """The report status, in the current language, as a coloured badge."""
    return Text(f" {label(REPORT_STATUSES, status)} ", style=BADGES[status])


def corrections_line(report: ReportSummary) -> str | None:
    """What the service asked to correct, and when (None when no corrections are requested)."""
    if report.status != "corrections_requested" or not report.corrections_reason:
        return None
    asked = report.corrections_requested_at.date().isoformat() if report.corrections_requested_at else "—"
    return _("reports.corrections", cycle=report.cycle, date=asked, reason=report.corrections_reason)
