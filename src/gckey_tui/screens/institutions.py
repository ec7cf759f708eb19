"""Institutions: the DLIs where the account is staff; each opens its report status board."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual import on, work
from textual.binding import Binding, BindingType
from textual.widget import Widget
from textual.widgets import DataTable, Static

from gckey_tui.api.errors import ApiError
from gckey_tui.i18n import _
from gckey_tui.i18n.labels import REPORT_COLUMNS, ROLES, label
from gckey_tui.screens.base import GCKeyScreen


class InstitutionsScreen(GCKeyScreen):
    """One row per institution; enter opens its board."""

    TITLE_KEY = "reports.institutions.title"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "reload", "reports.key.reload", id="reload-institutions"),
        Binding("t", "tokens", "reports.key.tokens", id="open-tokens"),
    ]

    def compose_body(self) -> Iterable[Widget]:
        yield Static("", id="institutions-summary")
        yield DataTable(id="institutions-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.load()

    @work(exclusive=True)
    async def load(self) -> None:
        """Fetch the institutions."""
        table = self.query_one("#institutions-table", DataTable)
        try:
            async with self.busy(table):
                found = (await self.client.institutions()).institutions
        except ApiError as error:
            self.show_error(error)
            return
        table.clear(columns=True)
        for key in ("dli", "name", "province", "role"):
            table.add_column(label(REPORT_COLUMNS, key), key=key)
        for item in found:
            province = item.province + (f" ({_('reports.report.exempt')})" if item.exempt else "")
            table.add_row(item.dli, item.name, province, label(ROLES, item.role), key=item.dli)
        self.query_one("#institutions-summary", Static).update(
            _("reports.institutions.count", count=len(found)) if found else _("reports.institutions.none")
        )
        table.focus()

    @on(DataTable.RowSelected, "#institutions-table")
    def _open(self, event: DataTable.RowSelected) -> None:
        from gckey_tui.screens.reports_board import BoardScreen

        self.app.push_screen(BoardScreen(str(event.row_key.value)))

    def action_reload(self) -> None:
        """Fetch again."""
        self.clear_errors()  # what the last attempt said (the service unreachable…) is over
        self.load()

    def action_tokens(self) -> None:
        """Open the API tokens."""
        from gckey_tui.screens.tokens import TokensScreen

        self.app.push_screen(TokensScreen())

    async def refresh_language(self) -> None:
        await super().refresh_language()
        self.load()
