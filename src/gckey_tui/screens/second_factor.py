"""Second factor at sign-in: the code, "send me an email code", "Recover account"."""

from __future__ import annotations

from collections.abc import Iterable

from textual import on, work
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Button, Label, Static

from gckey_tui.api.errors import ApiError
from gckey_tui.i18n import _
from gckey_tui.screens.base import GCKeyScreen
from gckey_tui.widgets.code_input import CodeInput


class SecondFactorScreen(GCKeyScreen):
    """Enter the authenticator or email code; an email code is sent at once when email is the method."""

    TITLE_KEY = "console.second_factor.title"
    DEFAULT_CSS = "SecondFactorScreen #passkey-offer { margin-top: 1; }"
    BINDINGS = [
        Binding("ctrl+n", "send_email", "console.key.send_email", id="send-email-code"),
        Binding("ctrl+r", "recover", "console.key.recover", id="recover-account"),
        Binding("ctrl+l", "use_passkey", "passkeys.console.key.use", id="use-passkey"),
    ]

    def __init__(self, method: str | None = None) -> None:
        super().__init__()
        self.method = method
        #: the account holds a passkey or security key: offered beside the code
        self.has_passkey = False

    def compose_body(self) -> Iterable[Widget]:
        hint = "console.second_factor.email_hint" if self.method == "email" else "console.second_factor.totp_hint"
        yield Static(_(hint), classes="intro")
        with Vertical(id="form", classes="form"):
            yield Label(_("console.second_factor.code"))
            yield CodeInput(id="code")
            yield self.field_error("code")
            with Horizontal(classes="buttons"):
                yield Button(_("console.key.submit"), id="submit", variant="primary")
                yield Button(_("console.key.send_email"), id="send-email")
                yield Button(_("console.key.recover"), id="recover")
        if self.has_passkey:
            yield from self._passkey_offer()

    def _passkey_offer(self) -> Iterable[Widget]:
        yield Static(_("passkeys.console.offer", key=self.key_for("use-passkey") or "ctrl+l"), id="passkey-offer")
        yield Button(_("passkeys.console.key.use"), id="use-passkey")

    def on_mount(self) -> None:
        self.query_one("#code").focus()
        if self.method == "email":
            self.action_send_email()
        self.look_for_passkeys()

    @work(exclusive=True, group="passkeys")
    async def look_for_passkeys(self) -> None:
        """Offer the account's passkeys, when it has any (quietly nothing when the service cannot say)."""
        try:
            self.has_passkey = (await self.client.current_session()).passkeys > 0
        except ApiError:
            return
        if self.has_passkey and not self.query("#use-passkey"):
            await self.query_one("#body").mount_all(self._passkey_offer())
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "use_passkey":
            return self.has_passkey
        return super().check_action(action, parameters)

    @on(Button.Pressed, "#use-passkey")
    def action_use_passkey(self) -> None:
        """Finish signing in with a passkey or security key, in a browser."""
        from gckey_tui.screens.passkey_hand_off import PasskeySignInScreen

        self.app.push_screen(PasskeySignInScreen())

    @on(CodeInput.Submitted, "#code")
    @on(Button.Pressed, "#submit")
    def _submit(self) -> None:
        self.submit()

    @on(Button.Pressed, "#send-email")
    def _send(self) -> None:
        self.action_send_email()

    @on(Button.Pressed, "#recover")
    def action_recover(self) -> None:
        """Use a recovery code instead."""
        from gckey_tui.screens.recovery import RecoveryScreen

        self.app.push_screen(RecoveryScreen())

    @work(exclusive=True, group="email")
    async def action_send_email(self) -> None:
        """Ask the service to email a sign-in code."""
        await self.email_a_code()

    @work(exclusive=True)
    async def submit(self) -> None:
        """Send the code."""
        self.clear_errors()
        code_input = self.query_one("#code", CodeInput)
        try:
            async with self.busy(self.query_one("#form")):
                answer = await self.client.submit_second_factor(code_input.code)
        except ApiError as error:
            code_input.value = ""
            self.show_error(error, form=self.query_one("#form"))
            return
        self.gckey.route_session(answer.state)
