"""Set up the second factor: the authenticator's QR code and secret, or the emailed code; then confirm."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual import on, work
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Button, Label, Static

from gckey_tui.api.errors import ApiError
from gckey_tui.i18n import _
from gckey_tui.screens.base import GCKeyScreen
from gckey_tui.widgets.code_input import CodeInput
from gckey_tui.widgets.qr import QRCode, SecretText

if TYPE_CHECKING:
    from gckey_tui.api import models as m


#: beside and around the QR code: the body's padding and the code field's column (its Continue button, 16
#: wide, and 2 of padding); the title, the key text under the code and the key bar
QR_AROUND = (2 + 19, 3)


class SetupScreen(GCKeyScreen):
    """One enrolment: prove the new factor with a code; the recovery codes follow."""

    TITLE_KEY = "console.setup.title"
    DEFAULT_CSS = """
    SetupScreen #totp, SetupScreen #totp-code, SetupScreen #totp-side { height: auto; }
    SetupScreen #totp-code { width: auto; }
    SetupScreen #secret { width: 100%; content-align: center middle; }
    SetupScreen #totp-side { width: 1fr; padding: 0 0 0 2; }
    SetupScreen #totp-side .hint { margin: 0; }
    """
    BINDINGS = [Binding("ctrl+y", "copy_secret", "console.key.copy", id="copy-secret")]

    def __init__(self, enrolment: m.EnrolmentCreated) -> None:
        super().__init__()
        self.enrolment = enrolment

    def compose_body(self) -> Iterable[Widget]:
        form = Vertical(id="form", classes="form setup-form")
        if self.enrolment.method == "totp" and self.enrolment.otpauth_uri and self.enrolment.secret:
            with Horizontal(id="totp"):
                # the key as text right under the code, for those who cannot scan (DESIGN §5)
                with Vertical(id="totp-code"):
                    yield QRCode(self.enrolment.otpauth_uri, around=QR_AROUND, id="qr", classes="sensitive")
                    yield SecretText(self.enrolment.secret, id="secret", classes="sensitive")
                with Vertical(id="totp-side"):
                    yield Static(_("console.setup.scan"), classes="hint")
                    with form:
                        yield from self._code_fields()
        else:
            yield Static(_("console.setup.email_sent"), classes="intro")
            if self.gckey.embedded:
                yield Static(_("console.verify.mailbox"), classes="hint")
            with form:
                yield from self._code_fields()

    def _code_fields(self) -> Iterable[Widget]:
        yield Label(_("console.setup.code"))
        yield CodeInput(id="code")
        yield self.field_error("code")
        yield Button(_("console.key.submit"), id="submit", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#code").focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "copy_secret":
            return self.enrolment.secret is not None
        return super().check_action(action, parameters)

    def action_copy_secret(self) -> None:
        """Copy the secret (OSC 52: works over SSH)."""
        if self.enrolment.secret:
            self.app.copy_to_clipboard(self.enrolment.secret)
            self.notify(_("console.copied"))

    @on(CodeInput.Submitted)
    @on(Button.Pressed, "#submit")
    def _submit(self) -> None:
        self.confirm()

    @work(exclusive=True)
    async def confirm(self) -> None:
        """Confirm the enrolment; show the new recovery codes."""
        self.clear_errors()
        code_input = self.query_one("#code", CodeInput)
        try:
            async with self.busy(self.query_one("#form")):
                codes = await self.client.confirm_enrolment(self.enrolment.enrolment_id, code_input.code)
        except ApiError as error:
            code_input.value = ""
            self.show_error(error, form=self.query_one("#form"))
            return
        from gckey_tui.screens.recovery_codes import RecoveryCodesScreen

        self.gckey.session_state = "authenticated"
        self.app.switch_screen(RecoveryCodesScreen(codes.recovery_codes))
