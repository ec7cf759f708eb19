"""A report's status as a coloured badge: the institutions board's cells and a report's header."""

from __future__ import annotations

from rich.text import Text

from gckey_tui.i18n import _

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
    return Text(f" {_(f'reports.report.{status}')} ", style=BADGES[status])
