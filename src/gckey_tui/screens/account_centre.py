"""Account: the account centre's menu (password, email, recovery answers and codes, sessions, activity, data)."""

from __future__ import annotations

from collections.abc import Iterable

from textual.widget import Widget
from textual.widgets import Static

from gckey_tui.i18n import _
from gckey_tui.navigation import destinations
from gckey_tui.screens.base import GCKeyScreen
from gckey_tui.widgets.menu import DestinationMenu


class AccountCentreScreen(GCKeyScreen):
    """Every part of the account its owner can see and change, each a destination of the ``account`` group."""

    TITLE_KEY = "account_centre.title"
    AUTO_FOCUS = "#menu"

    def compose_body(self) -> Iterable[Widget]:
        yield Static(_("account_centre.intro"), classes="intro")
        yield DestinationMenu(destinations(signed_in=True, group="account"), id="menu")
