"""Home: who is signed in, the second factor, recovery codes left, and every signed-in destination."""

from __future__ import annotations

from collections.abc import Iterable

from textual import work
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Static

from gckey_tui.api.errors import ApiError
from gckey_tui.i18n import _
from gckey_tui.i18n.labels import CONSOLE_METHODS, label
from gckey_tui.navigation import destinations, home_cards
from gckey_tui.screens.base import GCKeyScreen, made_by_partner
from gckey_tui.widgets.menu import DestinationMenu


def method_name(method: str | None) -> str:
    """The localised name of a second-factor method."""
    return label(CONSOLE_METHODS, method or "none")


class HomeScreen(GCKeyScreen):
    """The signed-in dashboard."""

    TITLE_KEY = "console.home.title"

    def compose_body(self) -> Iterable[Widget]:
        yield Static("", id="who", classes="summary")
        yield Vertical(id="cards")
        yield DestinationMenu(destinations(signed_in=True, group="main"), id="menu")

    def on_screen_resume(self) -> None:
        self.query_one("#menu").focus()
        self.load()

    async def refresh_language(self) -> None:
        await super().refresh_language()
        self.load()

    @work(exclusive=True, group="home")
    async def load(self) -> None:
        """Fetch the account and the areas' summary cards."""
        try:
            async with self.busy(self.query_one("#who")):
                me = await self.client.me()
        except ApiError as error:
            self.show_error(error)
            return
        if made_by_partner(me):  # no GCKey username, password or second factor to speak of
            who = [_("console.home.partner_account")]
        else:
            who = [
                _("console.home.signed_in_as", username=me.username or me.email or "—"),
                _("console.home.method", method=method_name(me.two_factor.method)),
                _("console.home.codes_left", count=me.two_factor.recovery_codes_remaining),
            ]
        self.query_one("#who", Static).update("\n".join(who))
        cards = self.query_one("#cards", Vertical)
        await cards.remove_children()
        for build in home_cards():
            try:
                card = await build(self.client)
            except ApiError:
                continue  # a card is a summary: its area's own screen shows the error
            if card is not None:
                await cards.mount(card)

    def action_back(self) -> None:
        """Home is the bottom of a signed-in session: leaving it is signing out (Ctrl+O)."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Escape leads nowhere from home: the key bar does not offer it."""
        return False if action == "back" else super().check_action(action, parameters)
