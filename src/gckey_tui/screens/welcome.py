"""Welcome: what a signed-out user can do (sign in, register, partners, help …)."""

from __future__ import annotations

from collections.abc import Iterable

from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import Static

from gckey_tui.i18n import _
from gckey_tui.navigation import destinations
from gckey_tui.screens.base import GCKeyScreen
from gckey_tui.widgets.menu import DestinationMenu


class WelcomeScreen(GCKeyScreen):
    """The first screen."""

    TITLE_KEY = "console.name"

    def compose_body(self) -> Iterable[Widget]:
        yield Static(_("console.welcome.intro"), classes="intro")
        demo = self.gckey.demo_credentials
        if demo:
            username, password, secret = demo
            yield Static(
                _("console.welcome.demo", username=username, password=password, secret=secret),
                id="demo",
                classes="notice",
            )
        yield DestinationMenu(destinations(signed_in=False, group="main"), id="menu")
        yield Static("", id="hint", classes="hint")

    def on_screen_resume(self) -> None:
        self.query_one("#menu").focus()
        self.show_hint()

    def show_hint(self) -> None:
        """The keys to know, as they are mapped now (a key remapped in config.toml is named as remapped)."""
        palette = self.app.get_key_display(Binding(self.app.COMMAND_PALETTE_BINDING, "command_palette"))
        self.query_one("#hint", Static).update(
            _("console.welcome.hint", palette=palette, keys=self.key_for("keys"), language=self.key_for("language"))
        )

    async def refresh_language(self) -> None:
        await super().refresh_language()
        self.show_hint()
