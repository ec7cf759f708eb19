"""One report: counts by status, rows paged through the API (smooth at 40,000), filter, search, set a status,
import from CSV, submit."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar

from rich.markup import escape
from textual import on, work
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import DataTable, Input, Select, Static

from gckey_tui.api.errors import ApiError
from gckey_tui.i18n import _
from gckey_tui.i18n.labels import COMPLIANCE_STATUSES, REPORT_COLUMNS, REPORT_STATUSES, label
from gckey_tui.screens.base import GCKeyScreen
from gckey_tui.screens.dialogs import Confirm
from gckey_tui.screens.reports_dialogs import StatusPicker, compliance_statuses
from gckey_tui.widgets.form_input import FormInput
from gckey_tui.widgets.status_badge import corrections_line, status_badge

if TYPE_CHECKING:
    from gckey_tui.api.models_reports import ReportPage

#: rows fetched per page: the table holds one page, whatever the report's size
PAGE = 200


def status_text(status: str | None) -> str:
    """A compliance status in the current language (``None``: no status yet)."""
    return label(COMPLIANCE_STATUSES, status or "missing")


class ReportScreen(GCKeyScreen):
    """The rows of one institution's report for one cycle."""

    TITLE_KEY = "reports.view.title"
    DEFAULT_CSS = """
    ReportScreen #report-tools { height: auto; }
    ReportScreen #report-filter { width: 34; }
    ReportScreen #report-search { width: 1fr; }
    ReportScreen #report-table { height: 1fr; min-height: 6; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "set_status", "reports.key.set_status", id="set-status"),
        Binding("slash", "search", "reports.key.search", id="search-report"),
        Binding("n", "next_page", "reports.key.next", id="next-page"),
        Binding("p", "previous_page", "reports.key.previous", id="previous-page"),
        Binding("i", "import_csv", "reports.key.import", id="import-statuses"),
        Binding("e", "export_csv", "reports.key.export", id="export-report"),
        Binding("u", "submit", "reports.key.submit", id="submit-report"),
    ]

    def __init__(self, dli: str, cycle: str) -> None:
        super().__init__()
        self.dli = dli
        self.cycle = cycle
        self.row_offset = 0
        self.page: ReportPage | None = None

    def compose_body(self) -> Iterable[Widget]:
        yield Static("", id="report-summary")
        with Horizontal(id="report-tools"):
            options = [(_("reports.filter.missing"), "missing")] + [(status_text(s), s) for s in compliance_statuses()]
            yield Select(options, prompt=_("reports.filter.all"), id="report-filter")
            yield FormInput(placeholder=_("reports.search"), id="report-search")
        yield DataTable(id="report-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="report-position")

    def on_mount(self) -> None:
        self.load()

    @property
    def status_filter(self) -> str | None:
        value = self.query_one("#report-filter", Select).value
        return value if isinstance(value, str) else None

    @work(exclusive=True)
    async def load(self) -> None:
        """Fetch the summary and the current page."""
        search = self.query_one("#report-search", Input).value.strip() or None
        try:
            async with self.busy(self.query_one("#report-table")):
                self.page = await self.client.report(
                    self.dli, self.cycle, status=self.status_filter, q=search, offset=self.row_offset, limit=PAGE
                )
        except ApiError as error:
            self.show_error(error)
            return
        self.show()
        if self.focused is None or self.focused.id == "report-search":
            # after a search (the table could not take focus while loading)
            self.query_one("#report-table").focus()

    def show(self) -> None:
        """Draw the summary and the page of rows."""
        if self.page is None:
            return
        summary = self.page.summary
        counts = "  ".join(f"{status_text(s)}: {n}" for s, n in sorted(summary.counts_by_status.items()))
        head = (
            status_badge(summary.status).markup
            + "  "
            + _("reports.view.progress", cycle=self.cycle, count=summary.total - summary.missing, total=summary.total)
        )
        # the reason is typed by an administrator: shown as text, never read as markup
        lines = [head] + [escape(line) for line in (counts, corrections_line(summary)) if line]
        self.query_one("#report-summary", Static).update("\n".join(lines))
        table = self.query_one("#report-table", DataTable)
        table.clear(columns=True)
        # the status before the program: it is what the report is about, and stays visible at 80 columns
        for key in ("student_id", "family_name", "given_names", "status", "program"):
            table.add_column(label(REPORT_COLUMNS, key), key=key)
        table.add_rows(
            (row.student_id, row.family_name, row.given_names, status_text(row.status), row.program)
            for row in self.page.rows
        )
        last = self.row_offset + len(self.page.rows)
        self.query_one("#report-position", Static).update(
            _("reports.view.position", first=self.row_offset + 1 if last else 0, last=last, matched=self.page.matched)
        )

    @on(Select.Changed, "#report-filter")
    def _filter(self) -> None:
        self.row_offset = 0
        self.load()

    @on(Input.Submitted, "#report-search")
    def _search(self) -> None:
        self.row_offset = 0
        self.load()

    def action_search(self) -> None:
        """Move to the search box."""
        self.query_one("#report-search").focus()

    def action_next_page(self) -> None:
        """The next page of rows."""
        if self.page and self.row_offset + PAGE < self.page.matched:
            self.row_offset += PAGE
            self.load()

    def action_previous_page(self) -> None:
        """The previous page of rows."""
        if self.row_offset:
            self.row_offset = max(0, self.row_offset - PAGE)
            self.load()

    def action_set_status(self) -> None:
        """Pick a status for the row under the cursor."""
        table = self.query_one("#report-table", DataTable)
        if self.page is None or not self.page.rows:
            return
        row = self.page.rows[min(table.cursor_row, len(self.page.rows) - 1)]

        def chosen(status: str | None) -> None:
            if status:
                self.set_status(row.student_id, status)

        self.app.push_screen(StatusPicker(f"{row.family_name}, {row.given_names} ({row.student_id})"), chosen)

    @work(exclusive=True, group="write")
    async def set_status(self, student_id: str, status: str) -> None:
        """Save one row's status, then redraw."""
        from gckey_tui.api.models_reports import RowUpdate

        try:
            await self.client.set_student_status(self.dli, self.cycle, student_id, RowUpdate(status=status))
        except ApiError as error:
            self.show_error(error)
            return
        self.say(_("reports.view.saved", student=student_id))
        self.load()

    def action_import_csv(self, export_first: bool = False) -> None:
        """Import statuses from a CSV file (or export the report to one first)."""
        from gckey_tui.screens.reports_import import ImportScreen

        screen = ImportScreen(self.dli, self.cycle, export_first=export_first)
        self.app.push_screen(screen, lambda _result: self.load())

    def action_export_csv(self) -> None:
        """Export the report to a CSV file (to fill in and import back)."""
        self.action_import_csv(export_first=True)

    def action_submit(self) -> None:
        """Confirm, then submit."""
        if self.page is None:
            return
        question = _("reports.submit.confirm", cycle=self.cycle, count=self.page.summary.total)
        confirm = Confirm(question, _("reports.submit.yes"), _("reports.submit.no"))
        self.app.push_screen(confirm, lambda yes: self.submit() if yes else None)

    @work(exclusive=True, group="write")
    async def submit(self) -> None:
        """Submit the report."""
        try:
            done = await self.client.submit_report(self.dli, self.cycle)
        except ApiError as error:
            self.show_error(error)
            return
        self.say(_("reports.submit.done", status=label(REPORT_STATUSES, done.status)))
        self.load()

    async def refresh_language(self) -> None:
        await super().refresh_language()
        self.show()
