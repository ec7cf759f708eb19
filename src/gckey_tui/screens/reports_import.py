"""Import a report's statuses from a CSV file: all lines checked, every error listed with its line."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.binding import Binding, BindingType
from textual.widget import Widget
from textual.widgets import Button, DataTable, Input, Static

from gckey_tui.api.errors import ApiError, CsvImportError
from gckey_tui.i18n import _
from gckey_tui.screens.base import GCKeyScreen


class ImportScreen(GCKeyScreen):
    """A file path, an import button, and the list of errors when the file is refused."""

    TITLE_KEY = "reports.import.title"
    DEFAULT_CSS = """
    ImportScreen #import-errors { height: auto; max-height: 12; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+s", "import_file", "reports.key.import", id="run-import")]

    def __init__(self, dli: str, cycle: str) -> None:
        super().__init__()
        self.dli = dli
        self.cycle = cycle

    def compose_body(self) -> Iterable[Widget]:
        yield Static(_("reports.import.help"))
        yield Input(placeholder=_("reports.import.path"), id="import-path")
        yield self.field_error("import-path")
        yield Button(_("reports.import.button"), id="import-button", variant="primary")
        yield DataTable(id="import-errors", cursor_type="row")

    def on_mount(self) -> None:
        self.query_one("#import-errors").display = False
        self.query_one("#import-path").focus()

    @on(Button.Pressed, "#import-button")
    @on(Input.Submitted, "#import-path")
    def action_import_file(self) -> None:
        """Read the file and send it."""
        self.clear_errors()
        path = Path(self.query_one("#import-path", Input).value.strip()).expanduser()
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            self.field_says("import-path", _("reports.import.unreadable"))
            return
        self.send(text)

    @work(exclusive=True)
    async def send(self, text: str) -> None:
        """Import, then show the count or every error."""
        table = self.query_one("#import-errors", DataTable)
        table.clear(columns=True)
        table.display = False
        try:
            async with self.busy():
                done = await self.client.import_statuses(self.dli, self.cycle, text)
        except CsvImportError as refused:
            for key in ("line", "field", "message"):
                table.add_column(_(f"reports.column.{key}"), key=key)
            table.add_rows((str(e.line), e.field, e.message) for e in refused.errors)
            table.display = True
            self.say(refused.message, error=True)
            return
        except ApiError as error:
            self.show_error(error)
            return
        self.say(_("reports.import.done", count=done.updated))
