"""The console as the kit runs it, and what every service the kit drives it against provides (``Harness``); a
console that opens on an empty screen, signed in or not, for a test about one screen."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any, TypeVar

from textual import events, on
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, TextArea

from gckey_tui.app import GCKeyApp

if TYPE_CHECKING:
    from fastapi import FastAPI

    from gckey_tui.config import Settings
    from gckey_tui.testing.mailbox import Mailbox

ConsoleT = TypeVar("ConsoleT", bound=GCKeyApp)

#: the smallest terminal the console is made for, and the one the kit runs it in
SIZE = (80, 24)


class KitConsole(GCKeyApp):
    """The console under test. Cursors do not blink (a blinking cursor redraws its field twice a second, so a
    screenshot would depend on when it was taken), and the console knows the service it runs on (``harness``),
    from which the kit's flows take the codes a user would read in their mail or authenticator."""

    def __init__(self, harness: Harness, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.harness = harness

    @on(events.DescendantFocus)
    def _steady_cursor(self, event: events.DescendantFocus) -> None:
        if isinstance(event.widget, Input | TextArea):
            event.widget.cursor_blink = False


class Harness(ABC):
    """A service the kit drives consoles against: embedded (``EmbeddedService``) or served (``RemoteService``)."""

    #: where the service's mail can be read, when it can
    mailbox: Mailbox | None = None

    @abstractmethod
    def console(self, language: str = "en", **options: Any) -> KitConsole:
        """A console on this service in ``language``, not yet running (``run_console`` runs one); ``options`` go
        to ``GCKeyApp`` (``demo_credentials``, ``on_ready``)."""

    @asynccontextmanager
    async def run_console(self, language: str = "en", **options: Any) -> AsyncIterator[Pilot[int]]:
        """A console on this service running headless at 80×24, notifications shown; yields its pilot."""
        async with self.console(language, **options).run_test(size=SIZE, notifications=True) as pilot:
            yield pilot

    @abstractmethod
    async def authenticator_code(self, secret: str) -> str:
        """The code an authenticator app for ``secret`` shows when a flow needs one: never one of a 30-second step
        a flow has already used (the service accepts each step once)."""

    @abstractmethod
    def code_accepted(self, secret: str) -> None:
        """The service accepted the last code of ``secret``: its step is spent."""


class BlankConsole(GCKeyApp):
    """The console opening on an empty screen instead of the welcome screen, for a test that pushes the one screen
    it is about (``app.push_screen(ApplicationsScreen())``). Built as ``GCKeyApp`` is: settings, then a client."""

    def get_default_screen(self) -> Screen:
        return Screen()


def signed_in_console(settings: Settings, service: FastAPI, token: str, language: str = "en") -> BlankConsole:
    """A blank console in ``language`` on the service app ``service`` (in process) whose client holds ``token``:
    the session of an account signed in through the API (``Account.client.token``), second factor done."""
    from gckey_tui.api import ServiceClient

    settings.language = language
    return with_session(BlankConsole(settings, ServiceClient.in_process(service, language=language)), token)


def with_session(app: ConsoleT, token: str) -> ConsoleT:
    """``app``, not yet running, put inside the session ``token`` (second factor done): its client holds it."""
    app.client.token = token
    app.session_state = "authenticated"
    return app
