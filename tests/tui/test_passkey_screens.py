"""Passkeys in the console, as a person uses them, in English and French (pilot), and 80×24 snapshots.

The browser's side here is plain HTTP against the loopback port the console opens (picking the number); the
WebAuthn ceremonies themselves run in Chromium (tests/e2e/test_passkeys_chromium.py).
"""

from __future__ import annotations

import asyncio
import re
import time
from datetime import UTC, datetime
from urllib.parse import urlsplit

import httpx
import pytest
from sqlalchemy import insert
from support import Outbox, register_account, totp_code
from textual.widgets import Button, DataTable, Input

from gckey_tui.api import ServiceClient
from gckey_tui.api import models_passkeys as pm
from gckey_tui.app import GCKeyApp
from gckey_tui.screens.passkey_change import PasskeyAddScreen, PasskeyRemoveScreen, PasskeyRenameScreen
from gckey_tui.screens.passkey_hand_off import PasskeyEnrolScreen, PasskeyHandOffScreen, PasskeySignInScreen
from gckey_tui.screens.passkeys import PasskeysScreen
from gckey_tui.screens.second_factor import SecondFactorScreen
from gckey_tui.service.tables.accounts import accounts
from gckey_tui.service.tables.passkeys import passkeys

SIZE = (80, 24)
#: a hand-off as the service gives one (fixed, for snapshots)
HAND_OFF = pm.PasskeyHandOff(
    url="http://localhost:41234/passkeys/new?ticket=Zq3Kx9Lm2Pw8Rt5V",
    number="47",
    expires_at=datetime(2026, 11, 2, 12, 5, tzinfo=UTC),
    expires_in=300,
)


@pytest.fixture(autouse=True)
def _utc(monkeypatch):
    """Local times in tables and snapshots: the same on every machine."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def mail(console_service) -> Outbox:
    return Outbox.of(console_service)


async def make_account(console_service, clock, username: str, with_passkey: bool = True):
    known = await register_account(
        ServiceClient.in_process(console_service), Outbox.of(console_service), clock, username
    )
    if with_passkey:
        context = console_service.state.context
        with context.engine.begin() as conn:
            owner = conn.execute(accounts.select().where(accounts.c.username == username)).mappings().one()["id"]
            conn.execute(
                insert(passkeys).values(
                    account_id=owner,
                    credential_id=b"credential-" + username.encode(),
                    public_key=b"public key",
                    sign_count=1,
                    transports="internal",
                    name="Laptop",
                    created_at=clock.now(),
                )
            )
    return known


def signed_in(make_console, known, language: str) -> GCKeyApp:
    app = make_console(language)
    app.client.token = known.client.token
    app.session_state = "authenticated"
    return app


async def settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def open_passkeys(pilot) -> None:
    pilot.app.go_home()
    await settle(pilot)
    await pilot.press("c")
    await settle(pilot)
    await pilot.press("k")
    await settle(pilot)


async def reauthenticate_on_screen(pilot, known, clock) -> None:
    clock.advance(seconds=30)
    pilot.app.screen.query_one("#reauth-password").focus()
    await pilot.press(*known.password)
    pilot.app.screen.query_one("#reauth-code").focus()
    await pilot.press(*totp_code(known.secret, clock))


async def submit(pilot) -> None:
    pilot.app.screen.query_one("#submit", Button).press()
    await pilot.pause()


async def wait_until(pilot, condition, timeout: float = 10) -> None:
    async with asyncio.timeout(timeout):
        while not condition():
            await pilot.pause(0.05)


def shown(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


@pytest.mark.parametrize("language", ["en", "fr"])
async def test_the_list_renames_and_removes(make_console, console_service, clock, mail, language):
    known = await make_account(console_service, clock, f"keys{language}2026")
    app = signed_in(make_console, known, language)
    async with app.run_test(size=SIZE) as pilot:
        await open_passkeys(pilot)
        assert isinstance(app.screen, PasskeysScreen)
        table = app.screen.query_one("#passkeys", DataTable)
        assert table.get_row_at(0)[0] == "Laptop"
        assert table.get_row_at(0)[2] in ("never", "jamais")

        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, PasskeyRenameScreen)
        await reauthenticate_on_screen(pilot, known, clock)
        app.screen.query_one("#passkey-name", Input).value = "Work laptop"
        await submit(pilot)
        await settle(pilot)
        assert isinstance(app.screen, PasskeysScreen)
        await settle(pilot)
        assert app.screen.query_one("#passkeys", DataTable).get_row_at(0)[0] == "Work laptop"
        assert "renamed" in mail.latest(known.email)["Subject"]

        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, PasskeyRemoveScreen)
        assert "Work laptop" in shown(app, ".intro")  # says which one goes
        await reauthenticate_on_screen(pilot, known, clock)
        await submit(pilot)
        await settle(pilot)
        assert isinstance(app.screen, PasskeysScreen)
        await settle(pilot)
        assert app.screen.query_one("#passkeys", DataTable).row_count == 0
        assert shown(app, "#passkeys-summary").startswith(("You have no passkey", "Vous n'avez encore"))
        assert "removed" in mail.latest(known.email)["Subject"]


@pytest.mark.parametrize("language", ["en", "fr"])
async def test_adding_shows_address_number_and_code_and_a_wrong_pick_is_refused(
    make_console, console_service, clock, language
):
    known = await make_account(console_service, clock, f"add{language}20261", with_passkey=False)
    app = signed_in(make_console, known, language)
    async with app.run_test(size=SIZE) as pilot:
        await open_passkeys(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, PasskeyAddScreen)
        await reauthenticate_on_screen(pilot, known, clock)
        await submit(pilot)
        await wait_until(pilot, lambda: isinstance(app.screen, PasskeyEnrolScreen) and app.screen.hand_off)
        screen = app.screen
        url = shown(app, "#passkey-url")
        number = shown(app, "#passkey-number")
        # the address a browser reaches: the loopback port, named localhost (a valid RP ID)
        assert re.fullmatch(r"http://localhost:\d+/passkeys/new\?ticket=[\w-]{16}", url), url
        assert re.fullmatch(r"\d\d", number)
        assert screen.query("#passkey-qr")
        # what a person sees in the browser: three numbers; the wrong one ends the address
        async with httpx.AsyncClient(headers={"Accept-Language": language}) as browser:
            page = await browser.get(url)
            assert page.status_code == 200 and number in re.findall(r'value="(\d\d)"', page.text)
            fields = dict(re.findall(r'name="(csrf|ticket|lang)" value="([^"]*)"', page.text))
            wrong = next(n for n in re.findall(r'name="number" value="(\d\d)"', page.text) if n != number)
            refused = await browser.post(urlsplit(url)._replace(query="").geturl(), data={**fields, "number": wrong})
            assert refused.status_code == 400
        await wait_until(pilot, lambda: screen.status_key.endswith("refused"))
        assert not screen.query("#passkey-qr") and shown(app, "#passkey-url") == ""
        # r: a new address and number
        await pilot.press("r")
        await wait_until(pilot, lambda: screen.hand_off is not None and shown(app, "#passkey-url") != url)
        assert screen.status_key == "passkeys.console.waiting"


@pytest.mark.parametrize("language", ["en", "fr"])
async def test_the_second_factor_step_offers_the_passkey(make_console, console_service, clock, language):
    known = await make_account(console_service, clock, f"offer{language}2026")
    app = make_console(language)
    async with app.run_test(size=SIZE) as pilot:
        created = await app.client.sign_in(known.username, known.password)
        app.route_session(created.state, created.two_factor_method)
        await settle(pilot)
        assert isinstance(app.screen, SecondFactorScreen)
        assert app.screen.query("#use-passkey")
        assert "^l" in shown(app, "#passkey-offer") or "ctrl+l" in shown(app, "#passkey-offer").lower()
        await pilot.press("ctrl+l")
        await wait_until(pilot, lambda: isinstance(app.screen, PasskeySignInScreen) and app.screen.hand_off)
        assert "/passkeys/sign-in?ticket=" in shown(app, "#passkey-url")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SecondFactorScreen)


async def test_no_passkey_no_offer(make_console, console_service, clock):
    known = await make_account(console_service, clock, "nooffer2026", with_passkey=False)
    app = make_console()
    async with app.run_test(size=SIZE) as pilot:
        created = await app.client.sign_in(known.username, known.password)
        app.route_session(created.state, created.two_factor_method)
        await settle(pilot)
        assert not app.screen.query("#use-passkey")
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, SecondFactorScreen)


async def test_the_screenshot_hides_the_ticket(make_console):
    app = make_console()
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(PasskeyEnrolScreen(HAND_OFF))
        await wait_until(pilot, lambda: app.screen.hand_off is not None)
        svg = app.export_screenshot()
        assert "Zq3Kx9" not in svg and "▀" not in svg
        assert shown(app, "#passkey-url").endswith("Zq3Kx9Lm2Pw8Rt5V")


# -- snapshots ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "fr"])
def test_passkeys_list_snapshot(snap_compare, make_console, console_service, clock, language):
    app = make_console(language)

    async def open_list(pilot):
        known = await make_account(console_service, clock, "snapshot2026")
        app.client.token = known.client.token
        app.session_state = "authenticated"
        await open_passkeys(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=open_list)


@pytest.fixture(autouse=True)
def stopped_countdown(monkeypatch):
    """Hand-off screens' countdown stays at 5:00 (a loaded machine would otherwise draw 4:59 in a snapshot)."""
    monkeypatch.setattr(PasskeyHandOffScreen, "clock", staticmethod(lambda: 1000.0))


@pytest.mark.parametrize("language", ["en", "fr"])
def test_hand_off_snapshot(snap_compare, make_console, language):
    app = make_console(language)

    async def show(pilot):
        await app.push_screen(PasskeyEnrolScreen(HAND_OFF))
        await wait_until(pilot, lambda: app.screen.hand_off is not None)
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=show)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_second_factor_offer_snapshot(snap_compare, make_console, console_service, clock, language):
    app = make_console(language)

    async def show(pilot):
        known = await make_account(console_service, clock, "snapshot2026")
        created = await app.client.sign_in(known.username, known.password)
        app.route_session(created.state, created.two_factor_method)
        await settle(pilot)
        for field in app.screen.query(Input):
            field.cursor_blink = False
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=show)


#: a passkey as the list gives one (fixed, for snapshots)
LAPTOP = pm.Passkey(id=1, name="Laptop", transports=["internal"], created_at=datetime(2026, 11, 2, 12, 0, tzinfo=UTC))
FORMS = {
    "add": PasskeyAddScreen,
    "rename": lambda: PasskeyRenameScreen(LAPTOP),
    "remove": lambda: PasskeyRemoveScreen(LAPTOP),
    "sign_in": lambda: PasskeySignInScreen(HAND_OFF.model_copy(update={"url": HAND_OFF.url.replace("new", "sign-in")})),
}


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("name", list(FORMS))
def test_form_snapshot(snap_compare, make_console, name, language):
    app = make_console(language)

    async def show(pilot):
        await app.push_screen(FORMS[name]())
        await pilot.pause()
        if name == "sign_in":
            await wait_until(pilot, lambda: app.screen.hand_off is not None)
        for field in app.screen.query(Input):
            field.cursor_blink = False
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=show)
