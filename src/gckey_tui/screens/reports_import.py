"""A report's CSV file: export it (a 0600 file), fill it in a spreadsheet, import it back: all lines checked,
every error listed with its line."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Button, DataTable, Input, Label, Static

from gckey_tui.api.errors import ApiError, CsvImportError
from gckey_tui.i18n import _
from gckey_tui.i18n.labels import REPORT_COLUMNS, label
from gckey_tui.private_files import write_private_text
from gckey_tui.screens.base import GCKeyScreen
from gckey_tui.widgets.form_input import FormInput


def default_csv_path(dli: str, cycle: str) -> Path:
    """~/report-<DLI>-<cycle>.csv: one file per report, exported and imported back."""
    return Path.home() / f"report-{dli}-{cycle}.csv"


class ImportScreen(GCKeyScreen):
    """A file path, export and import buttons, and the list of errors when a file is refused."""

    TITLE_KEY = "reports.import.title"
    DEFAULT_CSS = """
    ImportScreen #import-errors { height: auto; max-height: 12; }
    ImportScreen #import-path { width: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        # not ctrl+e: in the path field that is "end of line"
        Binding("ctrl+t", "export_file", "reports.key.export", id="run-export"),
        Binding("ctrl+s", "import_file", "reports.key.import", id="run-import"),
    ]

    def __init__(self, dli: str, cycle: str, *, export_first: bool = False) -> None:
        super().__init__()
        self.dli = dli
        self.cycle = cycle
        #: opened to export (the export button focused) rather than to import
        self.export_first = export_first

    def compose_body(self) -> Iterable[Widget]:
        yield Static(_("reports.import.help"))
        with Vertical(id="csv-form", classes="form"):
            yield Label(_("reports.import.path"))
            yield FormInput(str(default_csv_path(self.dli, self.cycle)), id="import-path")
            yield self.field_error("import-path")
            with Horizontal(classes="buttons"):
                yield Button(_("reports.export.button"), id="export-button")
                yield Button(_("reports.import.button"), id="import-button", variant="primary")
        yield DataTable(id="import-errors", cursor_type="row")

    def on_mount(self) -> None:
        self.query_one("#import-errors").display = False
        self.query_one("#export-button" if self.export_first else "#import-path").focus()

    def chosen_path(self) -> Path:
        """The file named in the path field."""
        return Path(self.query_one("#import-path", Input).value.strip()).expanduser()

    @on(Button.Pressed, "#export-button")
    @work(exclusive=True, group="export")
    async def action_export_file(self) -> None:
        """Write the report (a template when it has no rows) to the chosen file, readable by the user only."""
        self.clear_errors()
        path = self.chosen_path()
        try:
            async with self.busy():
                text = await self.client.export_report(self.dli, self.cycle)
        except ApiError as error:
            self.show_error(error)
            return
        try:
            write_private_text(path, text, replace=True)
        except OSError as error:
            self.field_says("import-path", _("console.file_not_written", reason=error.strerror or str(error)))
            return
        self.say(_("reports.export.done", count=max(0, len(text.splitlines()) - 1), path=str(path)))

    @on(Button.Pressed, "#import-button")
    @on(Input.Submitted, "#import-path")
    def action_import_file(self) -> None:
        """Read the file and send it."""
        self.clear_errors()
        path = self.chosen_path()
        try:
            text = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            self.field_says("import-path", _("reports.import.missing"))
            return
        except OSError as error:
            self.field_says("import-path", _("reports.import.cannot_open", reason=error.strerror or str(error)))
            return
        except UnicodeDecodeError:
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
                table.add_column(label(REPORT_COLUMNS, key), key=key)
            table.add_rows((str(e.line), e.field, e.message) for e in refused.errors)
            table.display = True
            self.say(refused.message, error=True)
            return
        except ApiError as error:
            self.show_error(error)
            return
        self.say(_("reports.import.done", count=done.updated))
