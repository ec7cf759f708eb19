"""Manage two-factor authentication: the current method, and changing it after re-authentication."""

from __future__ import annotations

from collections.abc import Iterable

from textual import on, work
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Static

from gckey_tui.api.errors import ApiError
from gckey_tui.i18n import _
from gckey_tui.screens.base import GCKeyScreen, made_by_partner
from gckey_tui.screens.home import method_name
from gckey_tui.widgets.code_input import CodeInput
from gckey_tui.widgets.form_input import FormInput


class TwoFactorScreen(GCKeyScreen):
    """Change the method: password and a current code again, then a new enrolment."""

    TITLE_KEY = "console.two_factor.title"

    def compose_body(self) -> Iterable[Widget]:
        yield Static("", id="current", classes="summary")
        yield Static(_("console.two_factor.reauth"), classes="intro")
        with Vertical(id="form", classes="form"):
            yield Label(_("console.sign_in.password"))
            yield FormInput(id="password", password=True, max_length=200, advance=True)
            yield self.field_error("password")
            yield Label(_("console.second_factor.code"))
            yield CodeInput(id="code")
            yield self.field_error("code")
            yield Button(_("console.two_factor.change"), id="change", variant="primary")
            yield Button(_("console.key.send_email"), id="send-email")

    def on_mount(self) -> None:
        self.load()
        self.query_one("#password").focus()

    async def refresh_language(self) -> None:
        await super().refresh_language()
        self.load()

    @work(exclusive=True, group="load")
    async def load(self) -> None:
        """Show the current method."""
        try:
            me = await self.client.me()
        except ApiError as error:
            self.show_error(error)
            return
        if made_by_partner(me):
            # no password or code to re-authenticate with: the form would only use up attempts
            self.query_one("#current", Static).update(_("console.two_factor.partner_account"))
            for part in self.query("#form, .intro"):
                part.display = False
            self.set_focus(None)  # nothing to type into
            return
        self.query_one("#current", Static).update(_("console.home.method", method=method_name(me.two_factor.method)))

    @on(Button.Pressed, "#send-email")
    @work(exclusive=True, group="email")
    async def send_email(self) -> None:
        """An email code for the re-authentication (email method only)."""
        await self.email_a_code()

    @on(CodeInput.Submitted)
    @on(Button.Pressed, "#change")
    def _submit(self) -> None:
        self.reauthenticate()

    @work(exclusive=True)
    async def reauthenticate(self) -> None:
        """Open the 5-minute window, then choose the new method."""
        self.clear_errors()
        password = self.query_one("#password", Input)
        code = self.query_one("#code", CodeInput)
        # each try the service sees counts against the account: an empty field is said here, for free
        missing = [name for name, value in (("password", password.value), ("code", code.code)) if not value]
        for name in missing:
            self.field_says(name, _("lifecycle.required"))
        if missing:
            return
        try:
            async with self.busy(self.query_one("#form")):
                await self.client.reauthenticate(password.value, code.code)
        except ApiError as error:
            password.value = code.value = ""
            self.show_error(error, form=self.query_one("#form"))
            return
        from gckey_tui.screens.setup_choice import SetupChoiceScreen

        self.app.switch_screen(SetupChoiceScreen())


class ReenrolScreen(GCKeyScreen):
    """Every factor and every recovery code lost: the way back is a new GCKey."""

    TITLE_KEY = "console.reenrol.title"

    def compose_body(self) -> Iterable[Widget]:
        yield Static(_("console.reenrol.body"), classes="intro")
        yield Button(_("console.register.title"), id="register", variant="primary")

    @on(Button.Pressed, "#register")
    def _register(self) -> None:
        self.gckey.open("register")
