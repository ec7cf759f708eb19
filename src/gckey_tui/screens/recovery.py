"""Recover account: a recovery code instead of the second factor, then straight to a new setup."""

from __future__ import annotations

from collections.abc import Iterable

from textual import on, work
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Static

from gckey_tui.api.errors import ApiError
from gckey_tui.i18n import _
from gckey_tui.screens.base import GCKeyScreen
from gckey_tui.widgets.form_input import FormInput


class RecoveryScreen(GCKeyScreen):
    """One of the ten recovery codes; each works once."""

    TITLE_KEY = "console.recovery.title"

    def compose_body(self) -> Iterable[Widget]:
        yield Static(_("console.recovery.intro"), classes="intro")
        with Vertical(id="form", classes="form"):
            yield Label(_("console.recovery.code"))
            yield FormInput(id="recovery_code", max_length=64)
            yield self.field_error("recovery_code")
            yield Button(_("console.key.submit"), id="submit", variant="primary")
        yield Static(_("console.recovery.lost"), classes="hint")

    def on_mount(self) -> None:
        self.query_one("#recovery_code").focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#submit")
    def _submit(self) -> None:
        self.submit()

    @work(exclusive=True)
    async def submit(self) -> None:
        """Redeem the code."""
        self.clear_errors()
        field = self.query_one("#recovery_code", Input)
        try:
            async with self.busy(self.query_one("#form")):
                answer = await self.client.recover(field.value.strip())
        except ApiError as error:
            field.value = ""
            self.show_error(error, form=self.query_one("#form"))
            return
        self.gckey.session_state = answer.state
        # the second-factor and recovery steps are over: escape must not lead back to them
        self.gckey.show_alone(RecoveredScreen(answer.recovery_codes_remaining))


class RecoveredScreen(GCKeyScreen):
    """Success: the account is recovered; the old factor is gone until a new one is set up."""

    TITLE_KEY = "console.recovered.title"

    def __init__(self, remaining: int) -> None:
        super().__init__()
        self.remaining = remaining

    def compose_body(self) -> Iterable[Widget]:
        yield Static(_("console.recovered.body", remaining=self.remaining), classes="intro")
        yield Button(_("console.recovered.setup"), id="setup", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#setup").focus()

    @on(Button.Pressed, "#setup")
    def _setup(self) -> None:
        self.gckey.route_session("two_factor_setup_required")

    async def action_back(self) -> None:
        """Escape. The recovered session can only set up a new factor, so leaving it signs out (as on the
        setup choice): the second-factor step it came from is over."""
        await self.gckey.sign_out()
