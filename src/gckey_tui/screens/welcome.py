"""Welcome: what a signed-out user can do (sign in, register, partners, help …)."""

from __future__ import annotations

from collections.abc import Iterable

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
        yield Static(_("console.welcome.hint"), classes="hint")

    def on_screen_resume(self) -> None:
        self.query_one("#menu").focus()
