"""The browser hand-off of passkeys: the page's address, its QR code and the number to pick there; the console
polls until the browser is done (a passkey added, or the pending sign-in completed).

In embedded mode the service is served on a loopback port only while the hand-off runs, and addressed as
``localhost``: WebAuthn's RP ID must be a host name (not an address), and browsers treat http://localhost as
secure.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from time import monotonic
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Static

from gckey_tui.api.errors import ApiError
from gckey_tui.i18n import _
from gckey_tui.screens.base import GCKeyScreen

if TYPE_CHECKING:
    from gckey_tui.api import ServiceClient
    from gckey_tui.api import models_passkeys as pm

#: how often the console asks whether the browser is done
POLL_SECONDS = 2.0
#: what the screen says when a hand-off ends without the browser finishing
ENDED = {"refused": "passkeys.console.refused", "expired": "passkeys.console.expired"}
#: beside and around the QR code: the steps' column and padding; the title and the key bar
QR_AROUND = (2 + 38, 3)


class TicketAddress(Widget):
    """The page's address; its one-time ticket is dotted out while the app takes a screenshot."""

    DEFAULT_CSS = "TicketAddress { width: 1fr; height: auto; }"

    def __init__(self, url: str = "", **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.url = url

    def show(self, url: str) -> None:
        self.url = url
        self.refresh(layout=True)

    def render(self) -> str:
        if getattr(self.app, "masking", False) and "ticket=" in self.url:
            before, _sep, ticket = self.url.partition("ticket=")
            return f"{before}ticket={'•' * len(ticket)}"
        return self.url


class PasskeyHandOffScreen(GCKeyScreen):
    """Address, QR code, number and countdown; polls until the browser is done. ``r``: a new address."""

    DEFAULT_CSS = """
    #passkey-steps { width: 1fr; }
    #passkey-url { padding: 0 0 0 2; }
    #passkey-number { text-style: bold; padding: 0 0 0 2; }
    #passkey-countdown, #passkey-status { margin-top: 1; }
    """
    #: the countdown's clock (seconds, monotonic); snapshot tests stop it
    clock: ClassVar[Callable[[], float]] = staticmethod(monotonic)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "partners.console.key.cancel", id="back"),
        Binding("r", "retry", "passkeys.console.key.new_address", id="passkey-new-address"),
    ]

    def __init__(self, hand_off: pm.PasskeyHandOff | None = None) -> None:
        """``hand_off``: one already made whose address a browser reaches (else the screen asks for one)."""
        super().__init__()
        self.hand_off: pm.PasskeyHandOff | None = None
        self.given = hand_off
        self.deadline = 0.0
        self.status_key = "passkeys.console.starting"

    def compose_body(self) -> Iterable[Widget]:
        with Horizontal(id="passkey-hand-off"):
            with Vertical(id="passkey-steps"):
                yield Static(_("passkeys.console.step_open"), classes="passkey-step")
                yield TicketAddress(id="passkey-url", classes="sensitive")
                yield Static(_("passkeys.console.step_number"), classes="passkey-step")
                yield Static("", id="passkey-number")
                yield Static(_("passkeys.console.step_finish"), classes="passkey-step")
                yield Static("", id="passkey-countdown")
                yield Static(_(self.status_key), id="passkey-status")
            if self.hand_off is not None:
                yield self._qr(self.hand_off.url)

    @staticmethod
    def _qr(data: str) -> Widget:
        from gckey_tui.widgets.qr import QRCode

        return QRCode(data, around=QR_AROUND, id="passkey-qr", classes="sensitive")

    def _fill(self) -> None:
        hand_off = self.hand_off
        for step in self.query(".passkey-step"):
            step.display = hand_off is not None
        self.query_one("#passkey-url", TicketAddress).show(hand_off.url if hand_off else "")
        self.query_one("#passkey-number", Static).update(hand_off.number if hand_off else "")
        self.query_one("#passkey-countdown", Static).update(self._countdown_text() if hand_off else "")
        self.query_one("#passkey-status", Static).update(_(self.status_key))

    async def _show(self, hand_off: pm.PasskeyHandOff | None, status_key: str) -> None:
        """Switch to ``hand_off`` (a new QR code) without recomposing: focus and bindings stay."""
        self.hand_off = None
        await self.query("#passkey-qr").remove()
        if hand_off is not None:
            await self.query_one("#passkey-hand-off").mount(self._qr(hand_off.url))
        self.hand_off = hand_off
        self.status_key = status_key
        self._fill()

    def on_mount(self) -> None:
        self._fill()
        self.set_interval(1, self._tick)
        self.run_hand_off()

    async def refresh_language(self) -> None:
        await super().refresh_language()
        self._fill()

    def _countdown_text(self) -> str:
        minutes, seconds = divmod(max(0, math.ceil(self.deadline - self.clock())), 60)
        return _("passkeys.console.expires_in", time=f"{minutes}:{seconds:02d}")

    def _tick(self) -> None:
        if self.hand_off is not None:
            self.query_one("#passkey-countdown", Static).update(self._countdown_text())

    def _status(self, key: str) -> None:
        self.status_key = key
        self.query_one("#passkey-status", Static).update(_(key))

    def action_retry(self) -> None:
        """A new address and number (the old ones stop working)."""
        self.given = None
        self.clear_errors()
        self.run_hand_off()

    @asynccontextmanager
    async def _browser_client(self) -> AsyncIterator[ServiceClient]:
        """A client of this session whose service address a browser can reach: in embedded mode, a loopback
        port addressed as localhost, for as long as the hand-off runs."""
        from gckey_tui.api import ServiceClient

        if self.client.asgi_app is None:
            yield self.client
            return
        from gckey_tui.embedded import loopback_server

        async with loopback_server(self.client.asgi_app) as base_url:
            local = base_url.replace("://127.0.0.1:", "://localhost:")
            async with ServiceClient(local, token=self.client.token, language=self.client.language) as client:
                yield client

    @work(exclusive=True)
    async def run_hand_off(self) -> None:
        """Ask for an address (unless given), show it, poll until the browser is done, refused or expired."""
        await self._show(None, "passkeys.console.starting")
        try:
            async with self._browser_client() as client:
                hand_off = self.given or await self.start(client)
                self.deadline = self.clock() + hand_off.expires_in
                await self._show(hand_off, "passkeys.console.waiting")
                while True:
                    await asyncio.sleep(POLL_SECONDS)
                    polled = await self.poll(client)
                    if polled.status != "pending":
                        break
                self.client.token = client.token
        except ApiError as error:
            self.show_error(error)
            return
        if polled.status == "done":
            self.done(polled)
        else:
            # the address no longer works: it goes, with its code and countdown
            await self._show(None, ENDED[polled.status])

    async def start(self, client: ServiceClient) -> pm.PasskeyHandOff:
        """Ask the service for a new hand-off."""
        raise NotImplementedError

    async def poll(self, client: ServiceClient) -> pm.PasskeyPoll:
        """Ask where the hand-off stands."""
        raise NotImplementedError

    def done(self, polled: pm.PasskeyPoll) -> None:
        """The browser finished."""
        raise NotImplementedError


class PasskeyEnrolScreen(PasskeyHandOffScreen):
    """Add a passkey (the session was re-authenticated just before); back to the list when it is added."""

    TITLE_KEY = "passkeys.console.enrol_title"

    async def start(self, client: ServiceClient) -> pm.PasskeyHandOff:
        return await client.start_passkey_enrolment()

    async def poll(self, client: ServiceClient) -> pm.PasskeyPoll:
        return await client.poll_passkey_enrolment()

    def done(self, polled: pm.PasskeyPoll) -> None:
        self.app.notify(_("passkeys.console.added", name=polled.name or ""))
        self.dismiss()


class PasskeySignInScreen(PasskeyHandOffScreen):
    """Finish a pending sign-in with a passkey; home once the browser is done."""

    TITLE_KEY = "passkeys.console.sign_in_title"

    async def start(self, client: ServiceClient) -> pm.PasskeyHandOff:
        return await client.start_passkey_sign_in()

    async def poll(self, client: ServiceClient) -> pm.PasskeyPoll:
        return await client.poll_passkey_sign_in()

    def done(self, polled: pm.PasskeyPoll) -> None:
        self.gckey.route_session("authenticated")
