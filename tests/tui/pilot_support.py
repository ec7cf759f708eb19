"""Pilot helpers for console tests: fill forms, wait for workers, read the screen's text."""

from __future__ import annotations

import pyotp
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, Select, Static

from gckey_tui.app import GCKeyApp

PASSWORD = "Maple7Syrup"
ANSWERS = [("q01", "the lake in summer"), ("q03", "Biscuit"), ("q05", "École Laval")]


async def settle(pilot: Pilot) -> None:
    """Let workers finish and the screen redraw."""
    for _round in range(2):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def fill(pilot: Pilot, selector: str, value: str) -> None:
    """Focus an input and put ``value`` in it (its Changed handlers run as for typing)."""
    field = pilot.app.screen.query_one(selector, Input)
    field.focus()
    field.value = value
    field.cursor_position = len(value)
    await pilot.pause()


def message(app: GCKeyApp) -> str:
    """The screen's message line."""
    return str(app.screen.query_one("#message", Static).visual)


def field_message(app: GCKeyApp, name: str) -> str:
    """A field's message line."""
    return str(app.screen.query_one(f"#{name}-error", Static).visual)


def totp(secret: str, clock) -> str:  # noqa: ANN001 - FrozenClock
    """The authenticator's code at the service's time."""
    return pyotp.TOTP(secret).at(clock.now().timestamp())


async def register(pilot: Pilot, outbox, username: str, email: str) -> None:  # noqa: ANN001
    """Welcome → registration form → email code from the Maildir: ends on the second-factor choice."""
    app = pilot.app
    await pilot.press("r")
    await settle(pilot)
    await fill(pilot, "#username", username)
    await fill(pilot, "#password", PASSWORD)
    await fill(pilot, "#email", email)
    for n, (question, answer) in enumerate(ANSWERS):
        app.screen.query_one(f"#question-{n}", Select).value = question
        await fill(pilot, f"#answer-{n}", answer)
    app.screen.query_one("#submit").press()
    await settle(pilot)
    assert type(app.screen).__name__ == "VerifyEmailScreen", message(app)
    await fill(pilot, "#code", outbox.last_code(email))
    await pilot.press("enter")
    await settle(pilot)
    assert type(app.screen).__name__ == "SetupChoiceScreen", message(app)


class BlankConsole(GCKeyApp):
    """The console starting on an empty screen, so that each test opens what it is about."""

    def get_default_screen(self) -> Screen:
        return Screen()


def signed_in_console(settings, service, token: str, language: str = "en") -> BlankConsole:  # noqa: ANN001
    """A blank console over ``service`` whose client holds ``token``, a fully signed-in session."""
    from gckey_tui.api import ServiceClient
    from gckey_tui.i18n import set_language

    set_language(language)
    settings.language = language
    app = BlankConsole(settings, ServiceClient.in_process(service, language=language))
    app.client.token = token
    app.session_state = "authenticated"
    return app


async def sign_in_demo(client, clock) -> None:  # noqa: ANN001 - ServiceClient, FrozenClock
    """Sign ``client`` in as the demo account (a fresh authenticator step each time)."""
    from gckey_tui.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, DEMO_USERNAME

    clock.advance(seconds=30)
    await client.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    await client.submit_second_factor(totp(DEMO_TOTP_SECRET, clock))
