"""Sign in with GCKey: the password step."""

from __future__ import annotations

from collections.abc import Iterable

from textual import on, work
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Button, Input, Label

from gckey_tui.api.errors import ApiError
from gckey_tui.i18n import _
from gckey_tui.screens.base import GCKeyScreen
from gckey_tui.widgets.form_input import FormInput


class SignInScreen(GCKeyScreen):
    """Username and password; the service then asks for the second factor (or its setup)."""

    TITLE_KEY = "console.sign_in.title"

    def __init__(self, message: str | None = None) -> None:
        super().__init__()
        self._initial_message = message

    def compose_body(self) -> Iterable[Widget]:
        with Vertical(id="form", classes="form"):
            yield Label(_("console.sign_in.username"))
            yield FormInput(id="username", max_length=200, advance=True)
            yield self.field_error("username")
            yield Label(_("console.sign_in.password"))
            yield FormInput(id="password", password=True, max_length=200)
            yield self.field_error("password")
            yield Button(_("console.sign_in.submit"), id="submit", variant="primary")

    def on_mount(self) -> None:
        if self._initial_message:
            self.say(self._initial_message, error=True)
        self.query_one("#username").focus()

    @on(Input.Submitted, "#password")
    @on(Button.Pressed, "#submit")
    def _submit(self) -> None:
        self.submit()

    @work(exclusive=True)
    async def submit(self) -> None:
        """Send the password step."""
        self.clear_errors()
        username = self.query_one("#username", Input).value.strip()
        password = self.query_one("#password", Input).value
        if not username or not password:
            self.say(_("console.sign_in.required"), error=True)
            # the error's field takes focus, and the cursor with it: a screen reader reads where to type
            self.query_one("#password" if username else "#username", Input).focus()
            return
        try:
            async with self.busy(self.query_one("#form")):
                created = await self.client.sign_in(username, password)
        except ApiError as error:
            self.query_one("#password", Input).value = ""
            self.show_error(error, form=self.query_one("#form"))
            if not error.fields and self.is_attached:
                self.query_one("#password", Input).focus()  # typed again, from the field in error
            return
        self.gckey.route_session(created.state, created.two_factor_method)
