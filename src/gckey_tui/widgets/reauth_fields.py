"""The password and current code every sensitive change asks for again (re-authentication, DESIGN §3)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Button, Input, Label, Static

from gckey_tui.i18n import _
from gckey_tui.widgets.code_input import CodeInput
from gckey_tui.widgets.form_input import FormInput


class ReauthFields(Vertical):
    """Password, a current code, and a button for an emailed code (accounts whose method is email)."""

    DEFAULT_CSS = "ReauthFields { height: auto; }"

    def compose(self) -> ComposeResult:
        yield Static(_("account_centre.reauth"), classes="intro")
        yield Label(_("console.sign_in.password"))
        yield FormInput(id="reauth-password", password=True, max_length=200, advance=True)
        yield Label(_("console.second_factor.code"))
        yield CodeInput(id="reauth-code", advance=True)
        yield Button(_("console.key.send_email"), id="reauth-email")

    @property
    def password(self) -> str:
        return self.query_one("#reauth-password", Input).value

    @property
    def code(self) -> str:
        return self.query_one("#reauth-code", CodeInput).code

    def clear(self) -> None:
        """Forget what was typed (after a refusal: the code is spent either way)."""
        self.query_one("#reauth-password", Input).value = ""
        self.query_one("#reauth-code", CodeInput).value = ""
