"""One application: its details and its status history, oldest first."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual import work
from textual.widget import Widget
from textual.widgets import DataTable, Static

from gckey_tui.api.errors import ApiError
from gckey_tui.i18n import _
from gckey_tui.screens.base import GCKeyScreen
from gckey_tui.widgets.application_labels import category_text, status_text

if TYPE_CHECKING:
    from gckey_tui.api.models_applications import ApplicationDetail


class ApplicationDetailScreen(GCKeyScreen):
    """Details and history of one linked application."""

    TITLE_KEY = "applications.detail.title"
    DEFAULT_CSS = """
    ApplicationDetailScreen #application-history { height: auto; }
    """

    def __init__(self, number: str) -> None:
        super().__init__()
        self.number = number
        self.detail: ApplicationDetail | None = None

    def compose_body(self) -> Iterable[Widget]:
        yield Static("", id="application-facts")
        yield Static(_("applications.detail.history"), classes="section")
        yield DataTable(id="application-history", cursor_type="row")

    def on_mount(self) -> None:
        self.load()

    @work(exclusive=True)
    async def load(self) -> None:
        """Fetch the application and its history."""
        try:
            async with self.busy():
                self.detail = await self.client.application(self.number)
        except ApiError as error:
            self.show_error(error)
            return
        self.show_detail()

    def show_detail(self) -> None:
        """Draw the facts and the history in the current language."""
        if self.detail is None:
            return
        detail = self.detail
        facts = [
            _("applications.detail.number", number=detail.number, category=category_text(detail.category)),
            _("applications.detail.status", status=status_text(detail.status), date=detail.status_date.isoformat()),
            _("applications.detail.submitted", date=detail.submitted_on.isoformat()),
            _(
                "applications.detail.person",
                name=f"{detail.family_name}, {detail.given_names}".strip(", "),
                born=detail.date_of_birth.isoformat(),
                country=detail.country_of_birth,
            ),
            _("applications.detail.uci", uci=detail.uci),
        ]
        self.query_one("#application-facts", Static).update("\n".join(facts))
        table = self.query_one("#application-history", DataTable)
        table.clear(columns=True)
        table.add_column(_("applications.column.date"), key="date")
        table.add_column(_("applications.column.status"), key="status")
        for event in detail.history:
            table.add_row(event.status_date.isoformat(), status_text(event.status))
        table.focus()

    async def refresh_language(self) -> None:
        await super().refresh_language()
        self.show_detail()
