"""Account: export the account's data to a private JSON file; the way to deleting the GCKey."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from textual import on, work
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Static

from gckey_tui.api.errors import ApiError
from gckey_tui.i18n import _
from gckey_tui.private_files import write_private_text
from gckey_tui.screens.base import GCKeyScreen


def write_private_json(path: Path, data: Any) -> None:
    """Write ``data`` as JSON readable only by its owner (0600), even when the file already existed."""
    write_private_text(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n", replace=True)


def default_export_path() -> Path:
    """~/gckey-export-YYYY-MM-DD.json."""
    return Path.home() / f"gckey-export-{date.today().isoformat()}.json"


async def export_account_to(screen: GCKeyScreen, path: Path, busy: Widget) -> str | None:
    """Fetch the account's export and save it to ``path`` (0600); the line to show, or None after an error
    the screen has already shown."""
    try:
        async with screen.busy(busy):
            exported = await screen.client.export_account()
    except ApiError as error:
        screen.show_error(error)
        return None
    try:
        write_private_json(path, exported.model_dump(mode="json"))
    except OSError as error:
        return _("console.file_not_written", reason=error.strerror or str(error))
    return _("lifecycle.account.exported", path=str(path))


class AccountScreen(GCKeyScreen):
    """Export the account's data; the way to deletion (its consequences come on the next screen)."""

    TITLE_KEY = "lifecycle.account.title"

    def compose_body(self) -> Iterable[Widget]:
        with Vertical(id="export-form", classes="form"):
            yield Static(f"[b]{_('lifecycle.account.export')}[/b]", classes="subtitle")
            yield Static(_("lifecycle.account.export_intro"))
            yield Label(_("lifecycle.account.export_path"))
            yield Input(str(default_export_path()), id="export_path")
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
        line = await export_account_to(self, self.export_path(), self.query_one("#export-form"))
        if line is not None:
            self.query_one("#export_result", Static).update(line)

    @on(Button.Pressed, "#delete-start")
    def _delete_start(self) -> None:
        from gckey_tui.screens.account_delete import DeleteAccountScreen

        self.app.push_screen(DeleteAccountScreen(self.export_path()))
