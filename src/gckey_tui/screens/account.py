"""Account: export the account's data to a private JSON file; the way to deleting the GCKey."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from textual import on, work
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Static

from gckey_tui.api.errors import ApiError
from gckey_tui.i18n import _
from gckey_tui.screens.base import GCKeyScreen
from gckey_tui.widgets.account_export import default_export_path, export_account
from gckey_tui.widgets.form_input import FormInput


class AccountScreen(GCKeyScreen):
    """Export the account's data; the way to deletion (its consequences come on the next screen)."""

    TITLE_KEY = "lifecycle.account.title"

    def compose_body(self) -> Iterable[Widget]:
        with Vertical(id="export-form", classes="form"):
            yield Static(f"[b]{_('lifecycle.account.export')}[/b]", classes="subtitle")
            yield Static(_("lifecycle.account.export_intro"))
            yield Label(_("lifecycle.account.export_path"))
            yield FormInput(str(default_export_path()), id="export_path")
            yield Button(_("lifecycle.account.export"), id="export", variant="primary")
            yield Static("", id="export_result")
        with Vertical(id="delete-start-form", classes="form"):
            yield Static(f"[b]{_('lifecycle.account.delete')}[/b]", classes="subtitle")
            yield Static(_("lifecycle.account.delete_intro"))
            yield Button(_("lifecycle.account.delete_start"), id="delete-start", variant="error")

    def export_path(self) -> Path:
        """The file the user chose for the export (the default when left empty)."""
        return Path(self.query_one("#export_path", Input).value.strip() or default_export_path()).expanduser()

    @on(Button.Pressed, "#export")
    @work(exclusive=True, group="export")
    async def export(self) -> None:
        """Save the export where the user chose."""
        try:
            async with self.busy(self.query_one("#export-form")):
                line = await export_account(self.client, self.export_path())
        except ApiError as error:
            self.show_error(error)
            return
        self.query_one("#export_result", Static).update(line)

    @on(Button.Pressed, "#delete-start")
    def _delete_start(self) -> None:
        from gckey_tui.screens.account_delete import DeleteAccountScreen

        self.app.push_screen(DeleteAccountScreen(self.export_path()))
