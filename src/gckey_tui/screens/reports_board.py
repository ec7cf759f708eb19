"""The status board of one institution: one row per cycle with its status, due date, days left and progress."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar

from rich.markup import escape
from textual import on, work
from textual.binding import Binding, BindingType
from textual.widget import Widget
from textual.widgets import DataTable, Static

from gckey_tui.api.errors import ApiError
from gckey_tui.i18n.labels import REPORT_COLUMNS, label
from gckey_tui.reporting import days_left, progress
from gckey_tui.screens.base import GCKeyScreen
from gckey_tui.widgets.status_badge import corrections_line, status_badge

if TYPE_CHECKING:
    from gckey_tui.api.models_reports import Reports


class BoardScreen(GCKeyScreen):
    """Reports of one institution, newest cycle first; enter opens the report."""

    TITLE_KEY = "reports.board.title"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("r", "reload", "reports.key.reload", id="reload-board")]

    def __init__(self, dli: str) -> None:
        super().__init__()
        self.dli = dli
        self.reports: Reports | None = None
        #: the cycle last opened, where the cursor returns after a reload
        self.selected_cycle: str | None = None

    def compose_body(self) -> Iterable[Widget]:
        yield Static("", id="board-institution")
        yield DataTable(id="board-table", cursor_type="row")
        yield Static("", id="board-notes", classes="notice")

    def on_mount(self) -> None:
        self.load()

    @work(exclusive=True)
    async def load(self) -> None:
        """Fetch the reports."""
        try:
            async with self.busy(self.query_one("#board-table")):
                self.reports = await self.client.reports(self.dli)
        except ApiError as error:
            self.show_error(error)
            return
        self.show()

    def show(self) -> None:
        """Draw the board."""
        if self.reports is None:
            return
        institution = self.reports.institution
        self.query_one("#board-institution", Static).update(f"{institution.name} · {institution.dli}")
        table = self.query_one("#board-table", DataTable)
        table.clear(columns=True)
        for key in ("cycle", "status", "due", "days_left", "progress"):
            table.add_column(label(REPORT_COLUMNS, key), key=key)
        for report in self.reports.reports:
            days = days_left(report, self.reports.as_of)
            table.add_row(
                report.cycle,
                status_badge(report.status),
                report.due_at.date().isoformat(),
                "—" if days is None else str(days),
                progress(report),
                key=report.cycle,
            )
        notes = self.query_one("#board-notes", Static)
        corrections = [line for line in map(corrections_line, self.reports.reports) if line]
        notes.update(escape("\n".join(corrections)))  # typed by an administrator: text, never markup
        notes.display = bool(corrections)
        table.move_cursor(row=self._starting_row())
        table.focus()

    def _starting_row(self) -> int:
        """The cycle opened last, else the newest one already open (a scheduled cycle has nothing to do)."""
        assert self.reports is not None
        cycles = [report.cycle for report in self.reports.reports]
        if self.selected_cycle in cycles:
            return cycles.index(self.selected_cycle)
        opened = [n for n, report in enumerate(self.reports.reports) if report.status != "scheduled"]
        return opened[0] if opened else 0

    @on(DataTable.RowSelected, "#board-table")
    def _open(self, event: DataTable.RowSelected) -> None:
        from gckey_tui.screens.reports_view import ReportScreen

        self.selected_cycle = str(event.row_key.value)
        self.app.push_screen(ReportScreen(self.dli, self.selected_cycle), lambda _result: self.load())

    def action_reload(self) -> None:
        """Fetch again."""
        self.clear_errors()  # what the last attempt said (the service unreachable…) is over
        self.load()

    async def refresh_language(self) -> None:
        await super().refresh_language()
        self.show()
