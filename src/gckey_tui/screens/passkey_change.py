"""Adding, renaming and removing a passkey: each after the password and a current code again."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.widget import Widget
from textual.widgets import Input, Label, Static

from gckey_tui.i18n import _
from gckey_tui.screens.account_change import ChangeScreen
from gckey_tui.widgets.form_input import FormInput

if TYPE_CHECKING:
    from gckey_tui.api import models_passkeys as pm


class PasskeyAddScreen(ChangeScreen):
    """Re-authenticate, then the browser hand-off that adds the passkey."""

    TITLE_KEY = "passkeys.console.add_title"
    SUBMIT_KEY = "passkeys.console.add_submit"

    def compose_change(self) -> Iterable[Widget]:
        yield Static(_("passkeys.console.add_intro"), classes="intro")

    async def change(self) -> None:
        """Nothing more here: the hand-off screen asks for the address while the window is open."""

    def done(self) -> None:
        from gckey_tui.screens.passkey_hand_off import PasskeyEnrolScreen

        self.app.switch_screen(PasskeyEnrolScreen())


class PasskeyRenameScreen(ChangeScreen):
    """A new name for one passkey."""

    TITLE_KEY = "passkeys.console.rename_title"

    def __init__(self, passkey: pm.Passkey) -> None:
        super().__init__()
        self.passkey = passkey

    def compose_change(self) -> Iterable[Widget]:
        yield Label(_("passkeys.console.rename_label", name=self.passkey.name))
        yield FormInput(self.passkey.name, id="passkey-name", max_length=64)
        yield self.field_error("name")

    async def change(self) -> None:
        await self.client.rename_passkey(self.passkey.id, self.query_one("#passkey-name", Input).value)

    def done(self) -> None:
        self.app.notify(_("passkeys.console.renamed"))
        self.dismiss()


class PasskeyRemoveScreen(ChangeScreen):
    """Remove one passkey (the service keeps the last way in)."""

    TITLE_KEY = "passkeys.console.remove_title"
    SUBMIT_KEY = "passkeys.console.remove_submit"

    def __init__(self, passkey: pm.Passkey) -> None:
        super().__init__()
        self.passkey = passkey

    def compose_change(self) -> Iterable[Widget]:
        yield Static(_("passkeys.console.remove_intro", name=self.passkey.name), classes="intro")

    async def change(self) -> None:
        await self.client.remove_passkey(self.passkey.id)

    def done(self) -> None:
        self.app.notify(_("passkeys.console.removed"))
        self.dismiss()
