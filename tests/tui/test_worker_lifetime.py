"""A worker whose screen has gone never crashes the console: sign out while every signed-in screen is still
loading, with the service's answers arriving at every moment of the unwinding."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest
from pilot_support import BlankConsole, sign_in_demo
from textual import work
from textual.screen import Screen
from textual.worker import WorkerState

from gckey_tui.admin.reports import DEMO_DLI
from gckey_tui.api import ServiceClient
from gckey_tui.navigation import destinations
from gckey_tui.screens.applications_detail import ApplicationDetailScreen
from gckey_tui.screens.base import GCKeyScreen
from gckey_tui.screens.home import HomeScreen
from gckey_tui.screens.reports_board import BoardScreen
from gckey_tui.screens.reports_view import ReportScreen
from gckey_tui.testing import message

ROUNDS = 20


class HeldService:
    """The real embedded service behind a gate: calls wait until ``release()`` (a slow network), except
    signing out, so that sign-out happens while every screen's loading call is still on its way."""

    def __init__(self, app) -> None:  # noqa: ANN001 - an ASGI app
        self.app = app
        self.gate = asyncio.Event()
        self.held = 0

    def hold(self) -> None:
        self.gate = asyncio.Event()

    def release(self) -> None:
        self.gate.set()

    async def __call__(self, scope, receive, send) -> None:  # noqa: ANN001 - ASGI
        signing_out = scope["type"] == "http" and scope["method"] == "DELETE" and scope["path"].endswith("/current")
        if scope["type"] == "http" and not signing_out:
            self.held += 1
            try:
                await self.gate.wait()
            finally:
                self.held -= 1
        await self.app(scope, receive, send)


def signed_in_screens() -> list[Callable[[], Screen]]:
    """Every signed-in screen that loads when it opens: the menu's destinations and the ones opened from rows."""
    made = [HomeScreen] + [destination.make for destination in destinations(signed_in=True)]
    return made + [
        lambda: ApplicationDetailScreen("V100000001"),
        lambda: BoardScreen(DEMO_DLI),
        lambda: ReportScreen(DEMO_DLI, "2026-11"),
    ]


async def test_signing_out_while_every_screen_is_loading_never_crashes(console_settings, demo_service, clock):
    held = HeldService(demo_service)
    app = BlankConsole(console_settings, ServiceClient.in_process(held))
    async with app.run_test(size=(80, 24)) as pilot:
        for round_ in range(ROUNDS):
            held.release()
            await sign_in_demo(app.client, clock)
            app.session_state = "authenticated"
            held.hold()
            for make in signed_in_screens():
                app.push_screen(make())
            async with asyncio.timeout(10):  # every screen's loading call is on its way
                while not (app.workers and all(w.state == WorkerState.RUNNING for w in app.workers)):
                    await pilot.pause()
                while held.held < len(app.workers):
                    await pilot.pause()
            loading = len(app.workers)
            assert loading >= 8
            signing_out = asyncio.ensure_future(app.sign_out())
            for _tick in range(round_):  # the answers arrive at a different moment of the unwinding each round
                await asyncio.sleep(0)
            held.release()
            await signing_out
            # every worker is over (cancelled with its screen, or failed into a widget already removed)
            await asyncio.gather(*(worker.wait() for worker in list(app.workers)), return_exceptions=True)
            await pilot.pause()
            assert app.is_running, f"round {round_}: the console stopped"
            assert app.return_code is None
            assert len(app.screen_stack) == 1 and not app.signed_in


class FailingScreen(GCKeyScreen):
    """A screen whose loading worker fails (as a bug would)."""

    def on_mount(self) -> None:
        self.load()

    @work
    async def load(self) -> None:
        raise RuntimeError("a bug")


@pytest.mark.parametrize(("language", "expected"), [("en", "Something went wrong"), ("fr", "Un problème est survenu")])
async def test_a_worker_failing_on_its_screen_is_said_there_and_the_console_goes_on(make_console, language, expected):
    app = make_console(language)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(FailingScreen())
        await pilot.pause()
        await asyncio.gather(*(worker.wait() for worker in list(app.workers)), return_exceptions=True)
        await pilot.pause()
        assert app.is_running
        assert expected in message(app)
