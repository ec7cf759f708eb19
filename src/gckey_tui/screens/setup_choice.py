"""Choose the second factor to set up: an authenticator app or email codes."""

from __future__ import annotations

from collections.abc import Iterable

from textual import on, work
from textual.widget import Widget
from textual.widgets import Button, Static

from gckey_tui.api.errors import ApiError
from gckey_tui.i18n import _
from gckey_tui.screens.base import GCKeyScreen


class SetupChoiceScreen(GCKeyScreen):
    """The enrolment starts when a method is picked; its setup screen follows."""

    TITLE_KEY = "console.setup.title"

    def compose_body(self) -> Iterable[Widget]:
        yield Static(_("console.setup.intro"), classes="intro")
        yield Button(_("console.setup.totp"), id="totp", variant="primary")
        yield Static(_("console.setup.totp_help"), classes="hint")
        yield Button(_("console.setup.email"), id="email")
        yield Static(_("console.setup.email_help"), classes="hint")

    def on_mount(self) -> None:
        self.query_one("#totp").focus()

    async def action_back(self) -> None:
        """Escape. A session that must set up a factor can do nothing else, so leaving it signs out."""
        if self.gckey.session_state == "two_factor_setup_required":
            await self.gckey.sign_out()
        else:
            super().action_back()

    @on(Button.Pressed)
    def _chosen(self, event: Button.Pressed) -> None:
        if event.button.id in ("totp", "email"):
            self.start(event.button.id)

    @work(exclusive=True)
    async def start(self, method: str) -> None:
        """Begin the enrolment and open its setup screen."""
        try:
            async with self.busy():
                enrolment = await self.client.start_enrolment(method)
        except ApiError as error:
            self.show_error(error)
            return
        from gckey_tui.screens.setup import SetupScreen

        self.app.push_screen(SetupScreen(enrolment))
