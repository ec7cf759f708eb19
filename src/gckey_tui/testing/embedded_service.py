"""An embedded service on a fresh store, for tests: SQLite and a Maildir in one directory, the fast hash profile,
and a frozen clock that moves only when told."""

from __future__ import annotations

import secrets
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gckey_tui.config import Settings
from gckey_tui.i18n import current_language, set_language
from gckey_tui.service import create_app
from gckey_tui.service.clock import FrozenClock
from gckey_tui.testing.accounts import Account, register_account, sign_in_demo, totp_code
from gckey_tui.testing.console import BlankConsole, Harness, KitConsole, with_session
from gckey_tui.testing.mailbox import Mailbox

if TYPE_CHECKING:
    from fastapi import FastAPI

    from gckey_tui.api import ServiceClient
    from gckey_tui.service.applications_import import ImportResult
    from gckey_tui.service.context import ServiceContext


class EmbeddedService(Harness):
    """The reference service in-process, as the console runs it by default, on a store of its own.

    ``directory`` holds the store (``store.sqlite3``), the Maildir (``mail/``) and the data directory
    (``data/``); a temporary directory, removed on ``close()``, when none is given. ``clock`` starts, unless
    given, on 2026-11-02 12:00 UTC and moves only when told (``clock.advance(minutes=31)``). ``settings`` are
    ``Settings`` fields set over those (``dev_partner=True``, ``public_url=…``; a fixed ``secret_key`` for
    services that share a store one after the other). Use it as a context manager, or call ``close()``.
    """

    def __init__(self, directory: Path | None = None, *, clock: FrozenClock | None = None, **settings: Any) -> None:
        self._temporary: tempfile.TemporaryDirectory[str] | None = None
        if directory is None:
            self._temporary = tempfile.TemporaryDirectory(prefix="gckey-")
            directory = Path(self._temporary.name)
        self.directory = Path(directory)
        self.clock = clock or FrozenClock()
        defaults: dict[str, Any] = {
            "data_dir": self.directory / "data",
            "database_url": f"sqlite:///{self.directory / 'store.sqlite3'}",
            "mail_dir": self.directory / "mail",
            "secret_key": secrets.token_hex(32),
            "hash_profile": "fast",
            "language": "en",
        }
        self.settings = Settings(**(defaults | settings))
        self.app: FastAPI = create_app(self.settings, clock=self.clock, embedded=True)
        self.mailbox = Mailbox.of(self.app)
        # the console's language is process-wide: put back, on close, what was there before
        self._language_before = current_language()

    @property
    def context(self) -> ServiceContext:
        """The service's context: its store (``engine``), secrets, mailer and clock."""
        return self.app.state.context

    def client(self, language: str = "en") -> ServiceClient:
        """A new API client of this service (each holds its own session)."""
        from gckey_tui.api import ServiceClient

        return ServiceClient.in_process(self.app, language=language)

    def console(self, language: str = "en", **options: Any) -> KitConsole:
        """A console on this service in ``language``, embedded mode, configured by nothing but ``settings``."""
        self.settings.language = language
        return KitConsole(self, self.settings, self.client(language), embedded=True, **options)

    def blank_console(self, language: str = "en") -> BlankConsole:
        """A console on this service in ``language``, embedded mode, signed out, on an empty screen: push the screen
        the test is about. Not yet running (``run_test(size=SIZE)`` runs it)."""
        self.settings.language = language
        return BlankConsole(self.settings, self.client(language), embedded=True)

    async def demo_console(self, language: str = "en") -> BlankConsole:
        """``blank_console(language)`` inside the demo account's session (``seed_demo()`` first, or the
        ``gckey_demo_service`` fixture); each call a new session, on a fresh authenticator step."""
        app = self.blank_console(language)
        await sign_in_demo(app.client, self.clock)
        return with_session(app, app.client.token)

    def signed_in_console(self, account: Account, language: str = "en") -> BlankConsole:
        """A console in ``language`` already inside ``account``'s session (``await service.account(name)``), on an
        empty screen: push the screen the test is about. Not yet running (``run_test(size=SIZE)`` runs it)."""
        return with_session(self.blank_console(language), account.client.token)

    async def account(self, username: str, *, language: str = "en") -> Account:
        """An account made through the API (registered, email verified, authenticator set up) with a client signed
        in as it: for tests that start inside a session instead of walking registration."""
        return await register_account(self.client(language), self.mailbox, self.clock, username, language=language)

    def totp(self, secret: str, steps_ahead: int = 0) -> str:
        """The authenticator's code for ``secret`` at the service's time (``steps_ahead=1``: the next one)."""
        return totp_code(secret, self.clock, steps_ahead)

    async def authenticator_code(self, secret: str) -> str:
        return self.totp(secret)

    def code_accepted(self, secret: str) -> None:
        """A step is accepted once: the clock moves on to the next, as the time would while the user reads on."""
        self.clock.advance(seconds=30)

    def import_applications(self, csv_text: str) -> ImportResult:
        """Add applications to the registry from an import file (``gckey-tui admin import-applications`` format)."""
        from gckey_tui.service.applications_import import import_applications

        return import_applications(self.context, csv_text, self.clock.now())

    def seed_demo_applications(self) -> ImportResult:
        """The demo registry (README "Demo"): e.g. ``C100000005``, family name ``Lefèvre``, born 1994-03-15 in
        France."""
        from gckey_tui.admin.applications import demo_csv

        return self.import_applications(demo_csv())

    def seed_demo(self) -> None:
        """Every area's demo data, as ``gckey-tui --demo`` has it: the demo account (``gckey_tui.demo``) with its
        applications, and institutions with reports."""
        from gckey_tui.admin import area_modules

        for module in area_modules():
            seeder = getattr(module, "seed_demo", None)
            if seeder is not None:
                seeder(self.context)

    def close(self) -> None:
        """Close the store, put the language back, and remove the temporary directory if there is one."""
        self.context.engine.dispose()
        set_language(self._language_before)
        if self._temporary is not None:
            self._temporary.cleanup()

    def __enter__(self) -> EmbeddedService:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
