"""Deleting a GCKey in two steps: the consequences (with an offer to export first), then re-authentication
and the typed username."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from textual import on, work
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Static

from gckey_tui.api.errors import ApiError
from gckey_tui.i18n import _
from gckey_tui.screens.base import GCKeyScreen, made_by_partner
from gckey_tui.widgets.account_export import export_account
from gckey_tui.widgets.form_input import FormInput


class DeleteAccountScreen(GCKeyScreen):
    """What deletion costs, before anything is asked; export first, or go on."""

    TITLE_KEY = "lifecycle.account.delete"

    def __init__(self, export_path: Path) -> None:
        super().__init__()
        self.export_path = export_path

    def compose_body(self) -> Iterable[Widget]:
        with Vertical(id="consequences-form", classes="form"):
            yield Static(_("lifecycle.account.consequences"), id="consequences", classes="intro")
            yield Static("", id="export_result")
            with Horizontal(classes="buttons"):
                yield Button(_("lifecycle.account.export_first"), id="export_first", variant="primary")
                yield Button(_("lifecycle.account.delete_continue"), id="continue")

    def on_mount(self) -> None:
        self.query_one("#export_first").focus()

    @on(Button.Pressed, "#export_first")
    @work(exclusive=True, group="export")
    async def export_first(self) -> None:
        """Save the export to the file chosen on the account screen."""
        try:
            async with self.busy(self.query_one("#consequences-form")):
                line = await export_account(self.client, self.export_path)
        except ApiError as error:
            self.show_error(error)
            return
        self.query_one("#export_result", Static).update(line)

    @on(Button.Pressed, "#continue")
    def _continue(self) -> None:
        self.app.push_screen(ConfirmDeletionScreen())


class ConfirmDeletionScreen(GCKeyScreen):
    """Password, a current code and the typed username: then the GCKey is deleted."""

    TITLE_KEY = "lifecycle.account.delete"
    DEFAULT_CSS = """
    ConfirmDeletionScreen .row Input {
        width: 1fr;
    }
    """

    def compose_body(self) -> Iterable[Widget]:
        with Vertical(id="delete-form", classes="form"):
            yield Static(_("lifecycle.account.reauth"), classes="intro")
            yield Label(_("lifecycle.account.password"))
            yield FormInput(id="password", password=True, max_length=200, advance=True)
            yield self.field_error("password")
            yield Label(_("lifecycle.account.code"))
            with Horizontal(classes="row"):
                yield FormInput(id="code", max_length=12, advance=True)
                yield Button(_("lifecycle.account.send_code"), id="send_code")
            yield self.field_error("code")
            yield Label(_("lifecycle.account.confirm_username"))
            yield FormInput(id="confirm_username", max_length=200)
            yield self.field_error("confirm_username")
            yield Button(_("lifecycle.account.delete_now"), id="delete", variant="error")

    def on_mount(self) -> None:
        self.query_one("#password").focus()
        self.check_account()

    @work(exclusive=True, group="account")
    async def check_account(self) -> None:
        """An account made through a Sign-In Partner has no password or code to give: say so, ask nothing."""
        try:
            me = await self.client.me()
        except ApiError as error:
            self.show_error(error)
            return
        if made_by_partner(me):
            self.query_one("#delete-form").display = False
            self.set_focus(None)  # nothing to type into
            self.say(_("lifecycle.account.partner_account"))

    @on(Button.Pressed, "#send_code")
    @work(exclusive=True, group="code")
    async def send_code(self) -> None:
        """Email a re-authentication code (email method)."""
        await self.email_a_code()

    @on(Input.Submitted, "#confirm_username")
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
                    self.field_says(name, _("lifecycle.required"))
            return
        try:
            async with self.busy(form):
                # checked before re-authenticating: a typo must not spend the code (or count as a failure)
                me = await self.client.me()
                if username.casefold() != (me.username or "").casefold():
                    self.field_says("confirm_username", _("lifecycle.delete.mismatch"))
                    return
                await self.client.reauthenticate(password, code)
                await self.client.delete_account(username)
        except ApiError as error:
            self.show_error(error, form=form)
            return
        # the token is already forgotten: this only returns the console to the welcome screen
        await self.gckey.sign_out()
        self.app.notify(_("lifecycle.account.deleted"))
