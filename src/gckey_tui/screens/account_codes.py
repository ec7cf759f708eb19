"""New recovery codes without changing the second factor: the old ones stop working."""

from __future__ import annotations

from collections.abc import Iterable

from textual.widget import Widget
from textual.widgets import Static

from gckey_tui.i18n import _
from gckey_tui.screens.account_change import ChangeScreen


class RecoveryCodesRenewScreen(ChangeScreen):
    """The password and a code, then 10 new codes, shown once on the same screen as at setup."""

    TITLE_KEY = "account_centre.codes.title"
    SUBMIT_KEY = "account_centre.codes.make"

    def __init__(self) -> None:
        super().__init__()
        self.codes: list[str] = []

    def compose_change(self) -> Iterable[Widget]:
        yield Static(_("account_centre.codes.intro"), classes="intro")

    async def change(self) -> None:
        self.codes = (await self.client.regenerate_recovery_codes()).recovery_codes

    def done(self) -> None:
        from gckey_tui.screens.recovery_codes import RecoveryCodesScreen

        self.app.switch_screen(RecoveryCodesScreen(self.codes))
