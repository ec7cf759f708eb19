"""Account: export the account's data to a private JSON file; delete the GCKey, consequences first."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from textual import on, work
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Static

from gckey_tui.api.errors import ApiError
from gckey_tui.i18n import _
from gckey_tui.screens.base import GCKeyScreen


def write_private_json(path: Path, data: Any) -> None:
    """Write ``data`` as JSON readable only by its owner (0600), even when the file already existed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=2)
        handle.write("\n")


def default_export_path() -> Path:
    """~/gckey-export-YYYY-MM-DD.json."""
    return Path.home() / f"gckey-export-{date.today().isoformat()}.json"


class AccountScreen(GCKeyScreen):
    """Export, and deletion behind the seed's consequences, re-authentication and the typed username."""

    TITLE_KEY = "lifecycle.account.title"
    DEFAULT_CSS = """
    AccountScreen .row {
        height: auto;
    }
    AccountScreen .row Input {
        width: 1fr;
    }
    """

    def compose_body(self) -> Iterable[Widget]:
        with Vertical(id="export-form", classes="form"):
            yield Static(f"[b]{_('lifecycle.account.export')}[/b]", classes="subtitle")
            yield Static(_("lifecycle.account.export_intro"))
            yield Label(_("lifecycle.account.export_path"))
            yield Input(str(default_export_path()), id="export_path")
            yield Button(_("lifecycle.account.export"), id="export", variant="primary")
            yield Static("", id="export_result")
        with Vertical(id="delete-form", classes="form"):
            yield Static(f"[b]{_('lifecycle.account.delete')}[/b]", classes="subtitle")
            # the consequences come first, before any field of the deletion
            yield Static(_("lifecycle.account.consequences"), id="consequences", classes="warning")
            yield Button(_("lifecycle.account.export_first"), id="export_first")
            yield Static(_("lifecycle.account.reauth"))
            yield Label(_("lifecycle.account.password"))
            yield Input(id="password", password=True, max_length=200)
            yield self.field_error("password")
            yield Label(_("lifecycle.account.code"))
            with Horizontal(classes="row"):
                yield Input(id="code", max_length=12)
                yield Button(_("lifecycle.account.send_code"), id="send_code")
            yield self.field_error("code")
            yield Label(_("lifecycle.account.confirm_username"))
            yield Input(id="confirm_username", max_length=200)
            yield self.field_error("confirm_username")
            yield Button(_("lifecycle.account.delete_now"), id="delete", variant="error")

    @on(Button.Pressed, "#export")
    @on(Button.Pressed, "#export_first")
    def _export(self) -> None:
        self.export(Path(self.query_one("#export_path", Input).value.strip() or default_export_path()).expanduser())

    @work(exclusive=True, group="export")
    async def export(self, path: Path) -> None:
        """Fetch the export and write it to ``path`` (0600)."""
        result = self.query_one("#export_result", Static)
        try:
            async with self.busy(self.query_one("#export-form")):
                exported = await self.client.export_account()
        except ApiError as error:
            self.show_error(error)
            return
        try:
            write_private_json(path, exported.model_dump(mode="json"))
        except OSError as error:
            result.update(_("lifecycle.account.export_failed", reason=error.strerror or str(error)))
            return
        result.update(_("lifecycle.account.exported", path=str(path)))

    @on(Button.Pressed, "#send_code")
    @work(exclusive=True, group="code")
    async def send_code(self) -> None:
        """Email a re-authentication code (email method)."""
        try:
            await self.client.send_email_code()
        except ApiError as error:
            self.show_error(error)
            return
        self.say(_("lifecycle.account.code_sent"))

    @on(Button.Pressed, "#delete")
    def _delete(self) -> None:
        self.delete(
            self.query_one("#password", Input).value,
            self.query_one("#code", Input).value.strip(),
            self.query_one("#confirm_username", Input).value.strip(),
        )

    @work(exclusive=True, group="delete")
    async def delete(self, password: str, code: str, username: str) -> None:
        """Re-authenticate, then delete; the console returns to the welcome screen."""
        self.clear_errors()
        form = self.query_one("#delete-form")
        if not (password and code and username):
            for name, value in (("password", password), ("code", code), ("confirm_username", username)):
                if not value:
                    self.query_one(f"#{name}-error", Static).update(_("lifecycle.required"))
            return
        try:
            async with self.busy(form):
                await self.client.reauthenticate(password, code)
                await self.client.delete_account(username)
        except ApiError as error:
            self.show_error(error, form=form)
            return
        # the token is already forgotten: this only returns the console to the welcome screen
        await self.gckey.sign_out()
        self.app.notify(_("lifecycle.account.deleted"))
