"""Forgot username: the address in, the same neutral answer out, whatever it matched (DESIGN §3)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual import on, work
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Static

from gckey_tui.api.errors import ApiError
from gckey_tui.i18n import _
from gckey_tui.screens.base import GCKeyScreen
from gckey_tui.widgets.form_input import FormInput


class ForgotUsernameScreen(GCKeyScreen):
    """Ask for the username by email."""

    TITLE_KEY = "lifecycle.username.title"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "send", "lifecycle.send", id="send-username-reminder"),
    ]

    def compose_body(self) -> Iterable[Widget]:
        with Vertical(id="forgot-username", classes="form"):
            yield Static(_("lifecycle.username.intro"), classes="intro")
            yield Label(_("lifecycle.username.email"))
            yield FormInput(id="email", placeholder="name@example.com", max_length=320)
            yield self.field_error("email")
            yield Button(_("lifecycle.send"), id="send", variant="primary")

    @on(Input.Submitted, "#email")
    @on(Button.Pressed, "#send")
    def action_send(self) -> None:
        """Send the request."""
        self.send(self.query_one("#email", Input).value.strip())

    @work(exclusive=True)
    async def send(self, email: str) -> None:
        """Ask the service; the answer says nothing about whether the address matched."""
        self.clear_errors()
        if not email:
            self.field_says("email", _("lifecycle.required"))
            return
        try:
            async with self.busy():
                await self.client.recover_username(email)
        except ApiError as error:
            self.show_error(error, form=self.query_one("#forgot-username"))
            return
        self.say(_("lifecycle.username.sent", email=email))
