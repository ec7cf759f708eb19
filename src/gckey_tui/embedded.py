"""Embedded mode wiring: the service in-process, built in the background after the first screen shows.

This is the only console module that imports ``gckey_tui.service`` or ``gckey_tui.admin`` (lazily, in a
thread or on first need), so that the welcome screen appears before FastAPI and SQLAlchemy are loaded, and so
that screens and widgets reach the service only through the API client and the functions here
(import-linter keeps it so).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from typing import Any

from gckey_tui.config import Settings

ASGIApp = Callable[..., Any]


def build_service(settings: Settings) -> ASGIApp:
    """The embedded service over the local store; in demo mode, every area's demo data is seeded."""
    from gckey_tui.service.app import create_app
    from gckey_tui.service.outbox_sender import start_sender

    app = create_app(settings, embedded=True)
    # no lifespan runs in-process: the embedded service delivers its mail from its own thread
    app.state.sender = start_sender(app.state.context)
    if settings.demo:
        from gckey_tui.admin import area_modules

        for module in area_modules():
            seeder = getattr(module, "seed_demo", None)
            if seeder is not None:
                seeder(app.state.context)
    return app


class DeferredService:
    """An ASGI app that builds the real one in a thread on first need (or on ``start()``) and forwards to it."""

    def __init__(self, build: Callable[[], ASGIApp]) -> None:
        self._build = build
        self._task: asyncio.Future[ASGIApp] | None = None

    def start(self) -> None:
        """Begin building now (call once the first screen is up)."""
        if self._task is None:
            self._task = asyncio.ensure_future(asyncio.to_thread(self._build))

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        self.start()
        assert self._task is not None
        # shielded: a call cancelled while the service is being built (its screen left at once) must not cancel
        # the build itself, which every later call awaits (they would all be cancelled, the console stuck)
        app = await asyncio.shield(self._task)
        await app(scope, receive, send)


def demo_credentials() -> tuple[str, str, str]:
    """The demo account's username, password and authenticator secret (no service import: before first paint)."""
    from gckey_tui.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, DEMO_USERNAME

    return DEMO_USERNAME, DEMO_PASSWORD, DEMO_TOTP_SECRET


def loopback_server(app: ASGIApp) -> AbstractAsyncContextManager[str]:
    """Serve the embedded ``app`` on 127.0.0.1 at a free port while the block runs; yields its base URL.

    A partner sign-in needs it: the browser leg cannot reach an in-process service.
    """
    from gckey_tui.service.partners_loopback import loopback_server as serve_on_loopback

    return serve_on_loopback(app)


def read_mailbox(settings: Settings) -> list[Any]:
    """The messages the embedded service delivered to the local Maildir, oldest first."""
    from gckey_tui.service.mail import read_maildir

    return read_maildir(settings.resolved_mail_dir())
