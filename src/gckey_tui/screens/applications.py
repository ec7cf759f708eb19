"""Applications: every linked application in one sortable, filterable table, and the home summary card."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.binding import Binding, BindingType
from textual.widget import Widget
from textual.widgets import DataTable, Input, Static

from gckey_tui.api.errors import ApiError
from gckey_tui.i18n import _
from gckey_tui.i18n.labels import APPLICATION_COLUMNS, label
from gckey_tui.screens.base import GCKeyScreen
from gckey_tui.widgets.application_labels import category_text, status_text
from gckey_tui.widgets.form_input import FormInput

if TYPE_CHECKING:
    from gckey_tui.api import ServiceClient
    from gckey_tui.api.models_applications import ApplicationSummary

#: statuses that ask something of the applicant
NEEDS_ACTION = ("additional_information_requested",)
#: below this width the "submitted" column is left out so the table fits 80 columns
WIDE = 100
SORTS = ("status_date", "number", "category", "status", "submitted_on")


def matches(application: ApplicationSummary, needle: str) -> bool:
    """Whether the filter text appears in the number, category or status (as shown)."""
    shown = (application.number, category_text(application.category), status_text(application.status))
    return needle.casefold() in " ".join(shown).casefold()


class ApplicationsScreen(GCKeyScreen):
    """The dashboard of linked applications."""

    TITLE_KEY = "applications.title"
    DEFAULT_CSS = """
    ApplicationsScreen #applications-table { height: auto; max-height: 14; }
    ApplicationsScreen #applications-filter { width: 40; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("l", "link", "applications.key.link", id="link-application"),
        Binding("s", "sort", "applications.key.sort", id="sort-applications"),
        Binding("slash", "filter", "applications.key.filter", id="filter-applications"),
        Binding("r", "reload", "applications.key.reload", id="reload-applications"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[ApplicationSummary] = []
        self.sort_by = SORTS[0]

    def compose_body(self) -> Iterable[Widget]:
        yield FormInput(placeholder=_("applications.filter"), id="applications-filter")
        yield Static("", id="applications-summary")
        table: DataTable = DataTable(id="applications-table", cursor_type="row", zebra_stripes=True)
        yield table

    def on_mount(self) -> None:
        self.load()

    def on_resize(self) -> None:
        self.show_rows()

    @work(exclusive=True)
    async def load(self) -> None:
        """Fetch the list from the service."""
        try:
            async with self.busy(self.query_one("#applications-table")):
                self.rows = await self.client.applications()
        except ApiError as error:
            self.show_error(error)
            return
        self.show_rows()
        self.query_one("#applications-table").focus()

    def show_rows(self) -> None:
        """(Re)draw the table: filtered, sorted, with the columns that fit the width."""
        table = self.query_one("#applications-table", DataTable)
        needle = self.query_one("#applications-filter", Input).value.strip()
        shown = [row for row in self.rows if matches(row, needle)]
        descending = self.sort_by == "status_date"
        shown.sort(key=lambda row: (self._sort_key(row), row.number), reverse=descending)
        wide = self.size.width >= WIDE
        table.clear(columns=True)
        table.add_column(_("applications.column.category"), key="category")
        table.add_column(_("applications.column.number"), key="number")
        if wide:
            table.add_column(_("applications.column.submitted"), key="submitted_on")
        table.add_column(_("applications.column.status"), key="status")
        table.add_column(_("applications.column.updated"), key="status_date")
        for row in shown:
            cells = [category_text(row.category), row.number]
            if wide:
                cells.append(row.submitted_on.isoformat())
            cells += [status_text(row.status, short=not wide), row.status_date.isoformat()]
            table.add_row(*cells, key=row.number)
        summary = _("applications.summary", shown=len(shown), count=len(self.rows))
        summary += "  " + _("applications.sorted_by", column=label(APPLICATION_COLUMNS, _column(self.sort_by)))
        self.query_one("#applications-summary", Static).update(summary if self.rows else _("applications.none"))

    def _sort_key(self, row: ApplicationSummary) -> str:
        if self.sort_by == "category":
            return category_text(row.category)
        if self.sort_by == "status":
            return status_text(row.status)
        return str(getattr(row, self.sort_by))

    @on(Input.Changed, "#applications-filter")
    def _filter_changed(self) -> None:
        self.show_rows()

    @on(Input.Submitted, "#applications-filter")
    def _filter_done(self) -> None:
        self.query_one("#applications-table").focus()

    @on(DataTable.RowSelected, "#applications-table")
    def _open(self, event: DataTable.RowSelected) -> None:
        from gckey_tui.screens.applications_detail import ApplicationDetailScreen

        self.app.push_screen(ApplicationDetailScreen(str(event.row_key.value)))

    def action_sort(self) -> None:
        """Sort by the next column."""
        self.sort_by = SORTS[(SORTS.index(self.sort_by) + 1) % len(SORTS)]
        self.show_rows()

    def action_filter(self) -> None:
        """Move to the filter box."""
        self.query_one("#applications-filter").focus()

    def action_reload(self) -> None:
        """Fetch the list again."""
        self.clear_errors()  # what the last attempt said (the service unreachable…) is over
        self.load()

    def action_link(self) -> None:
        """Open the link wizard; the table reloads when it closes."""
        from gckey_tui.screens.applications_link import LinkApplicationScreen

        self.app.push_screen(LinkApplicationScreen(), lambda _result: self.load())

    async def refresh_language(self) -> None:
        await super().refresh_language()
        self.show_rows()


def _column(sort_by: str) -> str:
    return {"status_date": "updated", "submitted_on": "submitted"}.get(sort_by, sort_by)


async def applications_card(client: ServiceClient) -> Widget | None:
    """Home: how many applications, and how many ask for something."""
    rows = await client.applications()
    if not rows:
        return Static(_("applications.card.none"), id="applications-card", classes="card")
    waiting = sum(1 for row in rows if row.status in NEEDS_ACTION)
    latest = max(rows, key=lambda row: row.status_date)
    text = _("applications.card.count", count=len(rows))
    if waiting:
        text += "\n" + _("applications.card.action", count=waiting)
    text += "\n" + _(
        "applications.card.latest",
        number=latest.number,
        status=status_text(latest.status),
        date=latest.status_date.isoformat(),
    )
    return Static(text, id="applications-card", classes="card")
