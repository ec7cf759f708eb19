"""Change the email address: a code goes to the new one; the old one works (and is told) until it is entered."""

from __future__ import annotations

from collections.abc import Iterable

from textual import on, work
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Static

from gckey_tui.api.errors import ApiError
from gckey_tui.i18n import _
from gckey_tui.screens.account_change import ChangeScreen
from gckey_tui.screens.base import GCKeyScreen
from gckey_tui.widgets.code_input import CodeInput
from gckey_tui.widgets.form_input import FormInput


class EmailChangeScreen(ChangeScreen):
    """The password and a code, then the new address (a code is sent there)."""

    TITLE_KEY = "account_centre.email.title"
    SUBMIT_KEY = "account_centre.email.send"

    def compose_change(self) -> Iterable[Widget]:
        yield Label(_("account_centre.email.new"))
        yield FormInput(id="email", max_length=320)
        yield self.field_error("email")

    async def change(self) -> None:
        await self.client.change_email(self.query_one("#email", Input).value.strip())

    def done(self) -> None:
        self.app.switch_screen(NewEmailCodeScreen(self.query_one("#email", Input).value.strip()))


class NewEmailCodeScreen(GCKeyScreen):
    """The code sent to the new address: it becomes the account's."""

    TITLE_KEY = "account_centre.email.title"

    def __init__(self, email: str) -> None:
        super().__init__()
        self.email = email

    def compose_body(self) -> Iterable[Widget]:
        sent = _("account_centre.email.sent", email=self.email)
        yield Static(f"{sent} {_('console.verify.mailbox')}" if self.gckey.embedded else sent, classes="intro")
        with Vertical(id="form", classes="form"):
            yield Label(_("console.setup.code"))
            yield CodeInput(id="code")
            yield self.field_error("code")
            yield Button(_("account_centre.email.confirm"), id="confirm", variant="primary")

    @on(Input.Submitted, "#code")
    @on(Button.Pressed, "#confirm")
    def _confirm(self) -> None:
        self.confirm()

    @work(exclusive=True)
    async def confirm(self) -> None:
        """Send the code; the address changes."""
        self.clear_errors()
        try:
            async with self.busy(self.query_one("#form")):
                await self.client.verify_email(self.query_one("#code", CodeInput).code)
        except ApiError as error:
            self.show_error(error, form=self.query_one("#form"))
            return
        self.app.notify(_("account_centre.email.done", email=self.email))
        self.dismiss()
