"""Sign in with a Sign-In Partner: choose the partner, then the device code screen (RFC 8628).

The code screen shows the user code, the verification address and a QR code of the complete address, with
a countdown, and polls in a worker (respecting the interval and slow_down). In embedded mode the service is
served on a loopback port only while the sign-in is in progress, so a browser can reach it.
"""

from __future__ import annotations

import math
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from time import monotonic
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from gckey_tui.api.errors import ApiError
from gckey_tui.i18n import _
from gckey_tui.screens.base import GCKeyScreen
from gckey_tui.screens.partner_polling import poll_for_session

if TYPE_CHECKING:
    from gckey_tui.api import ServiceClient
    from gckey_tui.api import models_partners as mp


#: beside and around the QR code: the body's padding and the steps' column (a loopback address with its port on
#: one line, and 2 of padding); the title, the partner's name and the key bar
QR_AROUND = (2 + 40, 3)


class PartnerListScreen(GCKeyScreen):
    """The partners the service lists; those it does not offer are shown but cannot be chosen."""

    TITLE_KEY = "partners.console.menu"
    LEAD_KEY = "partners.console.choose"
    #: signed in: the chosen partner is added to this account instead of signing in
    ATTACH = False

    def __init__(self) -> None:
        super().__init__()
        self.partners: list[mp.PartnerInfo] = []

    def compose_body(self) -> Iterable[Widget]:
        yield Static(_(self.LEAD_KEY), classes="lead")
        yield OptionList(*self._options(), id="partners")

    def _options(self) -> list[Option]:
        return [
            Option(p.name if p.available else _("partners.console.unavailable", name=p.name), p.id, not p.available)
            for p in self.partners
        ]

    def on_mount(self) -> None:
        # after the first refresh: the list widget is mounted by then
        self.call_after_refresh(self.load)

    async def refresh_language(self) -> None:
        """Partner names come from the service in the console's language: fetch them again."""
        await super().refresh_language()
        self.load()

    @work(exclusive=True)
    async def load(self) -> None:
        """Fetch the partner list."""
        options = self.query_one("#partners", OptionList)
        try:
            async with self.busy(options):
                self.partners = (await self.client.partners()).partners
        except ApiError as error:
            self.show_error(error)
            return
        options.clear_options()
        options.add_options(self._options())
        offered = [index for index, partner in enumerate(self.partners) if partner.available]
        if offered:
            options.highlighted = offered[0]
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        partner = next(p for p in self.partners if p.id == event.option.id)
        self.app.push_screen(PartnerCodeScreen(partner.id, partner.name, attach=self.ATTACH))


class PartnerAttachScreen(PartnerListScreen):
    """Signed in: add a Sign-In Partner to this account (the service ties the partner's identifier to it)."""

    TITLE_KEY = "partners.console.attach_menu"
    LEAD_KEY = "partners.console.attach_choose"
    ATTACH = True


class PartnerCodeScreen(GCKeyScreen):
    """The user code, the address and its QR code, a countdown; polls until the partner answers."""

    TITLE_KEY = "partners.console.menu"
    DEFAULT_CSS = """
    #partner-steps { width: 1fr; }
    #user-code { text-style: bold; padding: 0 0 0 2; }
    #verification-uri { padding: 0 0 0 2; }  /* a loopback address with its port fits on one line beside the QR */
    #countdown, #partner-status { margin-top: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "partners.console.key.cancel", id="back"),
        Binding("r", "retry", "partners.console.key.retry", id="partner-new-code"),
    ]

    def __init__(self, partner_id: str, partner_name: str, *, attach: bool = False) -> None:
        super().__init__()
        self.partner_id = partner_id
        self.partner_name = partner_name
        self.attach = attach
        if attach:
            self.TITLE_KEY = "partners.console.attach_menu"
        self.grant: mp.DeviceAuthorization | None = None
        self.deadline = 0.0
        self.status_key = "partners.console.starting"

    def compose_body(self) -> Iterable[Widget]:
        title = "partners.console.attach_title" if self.attach else "partners.console.code_title"
        yield Static(_(title, name=self.partner_name), id="partner-name")
        with Horizontal(id="partner-device"):
            with Vertical(id="partner-steps"):
                yield Static(_("partners.console.step_visit"), classes="partner-step")
                yield Static("", id="verification-uri")
                yield Static(_("partners.console.step_code"), classes="partner-step")
                yield Static("", id="user-code")
                yield Static(_("partners.console.step_partner"), classes="partner-step")
                yield Static("", id="countdown")
                yield Static(_(self.status_key), id="partner-status")
            if self.grant is not None:
                yield self._qr(self.grant.verification_uri_complete)

    def _fill(self) -> None:
        """Show the current code (or nothing yet) in the steps."""
        grant = self.grant
        for step in self.query(".partner-step"):
            step.display = grant is not None
        self.query_one("#verification-uri", Static).update(grant.verification_uri if grant else "")
        self.query_one("#user-code", Static).update(grant.user_code if grant else "")
        self.query_one("#countdown", Static).update(self._countdown_text() if grant else "")
        self.query_one("#partner-status", Static).update(_(self.status_key))

    async def _show(self, grant: mp.DeviceAuthorization | None, status_key: str) -> None:
        """Switch to ``grant`` (a new QR code) without recomposing (focus and bindings stay).

        ``self.grant`` names the code on screen: it is None while the QR code changes, and set in the same
        step as the code, the address and the countdown are drawn, never before.
        """
        self.grant = None
        await self.query("#partner-qr").remove()
        if grant is not None:
            await self.query_one("#partner-device").mount(self._qr(grant.verification_uri_complete))
        self.grant = grant
        self.status_key = status_key
        self._fill()

    @staticmethod
    def _qr(data: str) -> Widget:
        from gckey_tui.widgets.qr import QRCode

        return QRCode(data, around=QR_AROUND, id="partner-qr")

    def on_mount(self) -> None:
        self._fill()
        self.set_interval(1, self._tick)
        self.sign_in()

    async def refresh_language(self) -> None:
        """Recompose in the new language, the current code still shown."""
        await super().refresh_language()
        self._fill()

    def _remaining(self) -> int:
        return max(0, math.ceil(self.deadline - monotonic()))

    def _countdown_text(self) -> str:
        minutes, seconds = divmod(self._remaining(), 60)
        return _("partners.console.expires_in", time=f"{minutes}:{seconds:02d}")

    def _tick(self) -> None:
        if self.grant is not None:
            self.query_one("#countdown", Static).update(self._countdown_text())

    def _status(self, key: str) -> None:
        self.status_key = key
        self.query_one("#partner-status", Static).update(_(key))

    def action_retry(self) -> None:
        """A new code (after expiry or refusal)."""
        self.clear_errors()
        self.sign_in()

    @asynccontextmanager
    async def _partner_client(self) -> AsyncIterator[ServiceClient]:
        """A client whose service address a browser can reach: in embedded mode, a loopback port for now.

        Adding a partner, it carries the signed-in session (that is what tells the service which account);
        signing in, it carries none.
        """
        from gckey_tui.api import ServiceClient

        token = self.client.token if self.attach else None
        if self.client.asgi_app is None:
            yield self.client  # the console's own client: it holds a session exactly when one is signed in
            return
        from gckey_tui.embedded import loopback_server

        async with loopback_server(self.client.asgi_app) as base_url:
            async with ServiceClient(base_url, token=token, language=self.client.language) as client:
                yield client

    @work(exclusive=True)
    async def sign_in(self) -> None:
        """Ask for a code, show it, poll until signed in (or refused, or expired)."""
        await self._show(None, "partners.console.starting")
        try:
            async with self._partner_client() as client:
                grant = await client.start_partner_sign_in(self.partner_id)
                self.deadline = monotonic() + grant.expires_in
                await self._show(grant, "partners.console.waiting")
                created = await poll_for_session(client, grant)
        except ApiError as error:
            if error.code == "expired_token":
                self._status("partners.console.expired")
            else:
                self.show_error(error)
            return
        self.client.token = created.token
        if self.attach:
            self.app.notify(_("partners.console.attached", name=self.partner_name))
        self.gckey.route_session(created.state)
