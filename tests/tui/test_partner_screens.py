"""Pilot tests of partner sign-in in the console over a real embedded service and its loopback port."""

from __future__ import annotations

import asyncio
import re
from contextlib import ExitStack

import httpx
import pytest
from support import Outbox, enter_user_code, register_account
from textual.widgets import OptionList

from gckey_tui.i18n import translate
from gckey_tui.screens import partner_sign_in
from gckey_tui.screens.account_delete import ConfirmDeletionScreen
from gckey_tui.screens.partner_sign_in import PartnerAttachScreen, PartnerCodeScreen, PartnerListScreen
from gckey_tui.service.flows import partners as partner_flow
from gckey_tui.testing import BlankConsole, EmbeddedService
from gckey_tui.widgets.qr import qr_matrix

#: one key for the services a test makes one after the other on its store
SECRET_KEY = "test-secret-key-0123456789abcdef0123456789abcdef"


@pytest.fixture
def partner_console(tmp_path, clock):
    """``partner_console(language, **settings)``: a blank console on a kit service with the development partner;
    each call a new service on the same store."""
    with ExitStack() as services:

        def make(language: str = "en", **extra) -> BlankConsole:
            settings = {"dev_partner": True, "secret_key": SECRET_KEY, "language": language, **extra}
            return services.enter_context(EmbeddedService(tmp_path, clock=clock, **settings)).blank_console(language)

        yield make


async def wait_for(pilot, condition, timeout: float = 10.0) -> None:
    async with asyncio.timeout(timeout):
        while not condition():
            await pilot.pause(0.05)


def shown_code(app) -> str | None:
    screen = app.screen
    return screen.grant.user_code if isinstance(screen, PartnerCodeScreen) and screen.grant else None


async def browser_leg(grant, decision: str = "allow") -> str:
    """The user's browser, over real HTTP to the loopback port the console opened."""
    async with httpx.AsyncClient(timeout=10) as web:
        page = await web.get(grant.verification_uri_complete)
        assert grant.user_code in page.text
        sent = await enter_user_code(web, grant.verification_uri, grant.user_code)
        consent = await web.get(sent.headers["location"])
        fields = dict(re.findall(r'name="(\w+)" value="([^"]*)"', consent.text.replace("&amp;", "&")))
        back = await web.post(str(consent.url), data={**fields, "decision": decision})
        return (await web.get(back.headers["location"])).text


async def test_partner_list_offers_only_configured_partners(partner_console):
    app = partner_console()
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(PartnerListScreen())
        await wait_for(pilot, lambda: any(options.option_count == 11 for options in app.screen.query(OptionList)))
        options = app.screen.query_one(OptionList)
        enabled = [options.get_option_at_index(i) for i in range(11) if not options.get_option_at_index(i).disabled]
        assert [option.id for option in enabled] == ["dev"]
        assert "(not offered here)" in str(options.get_option_at_index(0).prompt)
        await pilot.press("enter")  # the only enabled option is highlighted
        await wait_for(pilot, lambda: shown_code(app) is not None)
        assert isinstance(app.screen, PartnerCodeScreen)


async def test_device_code_screen_signs_in_through_the_browser(partner_console):
    app = partner_console()
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(PartnerCodeScreen("dev", "Development partner"))
        await wait_for(pilot, lambda: shown_code(app) is not None)
        grant = app.screen.grant
        assert grant.verification_uri.startswith("http://127.0.0.1:")
        assert str(app.screen.query_one("#user-code").render()) == grant.user_code
        # the QR code is of the complete address (code included), as the browser needs it
        qr = app.screen.query_one("#partner-qr")
        assert qr.matrix == qr_matrix(grant.verification_uri_complete, qr.quiet_zone)
        assert "signed in" in await browser_leg(grant)
        await wait_for(pilot, lambda: app.session_state == "authenticated", timeout=20)
        assert (await app.client.current_session()).state == "authenticated"
        await app.workers.wait_for_complete()  # home has loaded
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
        assert "through your Sign-In Partner" in str(app.screen.query_one("#who").render())
        # no password or code to give: the two-factor and deletion screens say so instead of asking for them
        app.open("two-factor")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "no GCKey password or second factor" in str(app.screen.query_one("#current").render())
        assert not app.screen.query_one("#form").display and app.focused is None
        app.push_screen(ConfirmDeletionScreen())
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not app.screen.query_one("#delete-form").display
        assert "made through your Sign-In Partner" in str(app.screen.query_one("#message").render())
    # the loopback port is closed once the sign-in is over
    with pytest.raises(httpx.ConnectError):
        httpx.get(grant.verification_uri)


async def test_the_screen_names_a_code_only_once_it_is_drawn(partner_console):
    # at every moment a test (or a screenshot) can look, a code the screen names is the code on screen
    app = partner_console()
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(PartnerCodeScreen("dev", "Development partner"))
        async with asyncio.timeout(10):
            while shown_code(app) is None:
                await asyncio.sleep(0)
        assert str(app.screen.query_one("#user-code").render()) == shown_code(app)
        qr = app.screen.query_one("#partner-qr")
        assert qr.matrix == qr_matrix(app.screen.grant.verification_uri_complete, qr.quiet_zone)
        await pilot.press("escape")


async def test_the_code_screen_says_how_large_the_terminal_must_be_for_its_qr_code(partner_console):
    from gckey_tui.widgets.qr import QRCode

    needed = None
    for size in ((60, 20), "needed"):
        app = partner_console()
        async with app.run_test(size=needed if size == "needed" else size) as pilot:
            app.push_screen(PartnerCodeScreen("dev", "Development partner"))
            await wait_for(pilot, lambda app=app: shown_code(app) is not None)
            await pilot.pause()
            qr = app.screen.query_one(QRCode)
            if needed is None:
                found = re.search(r"(\d+)×(\d+)", str(qr.render()))
                assert qr.quiet_zone is None and found, str(qr.render())
                needed = (int(found[1]), int(found[2]))
                assert str(app.screen.query_one("#user-code").render()) == shown_code(app)  # the code as text
            else:
                geometry = app.screen.find_widget(qr)
                assert qr.quiet_zone is not None and geometry.clip.intersection(geometry.region) == geometry.region
            await pilot.press("escape")


async def test_refusal_is_shown_and_escape_cancels(partner_console):
    app = partner_console()
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(PartnerCodeScreen("dev", "Development partner"))
        await wait_for(pilot, lambda: shown_code(app) is not None)
        grant = app.screen.grant
        await browser_leg(grant, "deny")
        await wait_for(pilot, lambda: "refused" in str(app.screen.query_one("#message").render()), timeout=20)
        await pilot.press("r")  # a new code
        await wait_for(pilot, lambda: shown_code(app) not in (None, grant.user_code))
        second = app.screen.grant
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, PartnerCodeScreen)
        assert app.session_state is None
        await pilot.pause(0.2)
        with pytest.raises(httpx.ConnectError):  # cancelled: the port is closed at once
            httpx.get(second.verification_uri)


async def test_a_signed_in_user_adds_a_partner_then_signs_in_with_it(partner_console, clock):
    app = partner_console()
    await register_account(app.client, Outbox.of(app.client.asgi_app), clock, "attacher26")
    app.session_state = "authenticated"
    async with app.run_test(size=(80, 24)) as pilot:
        app.open("partner-attach")
        await wait_for(pilot, lambda: any(options.option_count == 11 for options in app.screen.query(OptionList)))
        assert isinstance(app.screen, PartnerAttachScreen)
        await pilot.press("enter")  # the development partner, the only one offered
        await wait_for(pilot, lambda: shown_code(app) is not None)
        assert "Add Development" in str(app.screen.query_one("#partner-name").render())
        await browser_leg(app.screen.grant)
        await wait_for(pilot, lambda: type(app.screen).__name__ == "HomeScreen", timeout=20)
        assert (await app.client.me()).username == "attacher26"
        await app.sign_out()
        # from now on the partner signs in to that same account, with no password or second factor
        app.push_screen(PartnerCodeScreen("dev", "Development partner"))
        await wait_for(pilot, lambda: shown_code(app) is not None)
        await browser_leg(app.screen.grant)
        await wait_for(pilot, lambda: app.session_state == "authenticated", timeout=20)
        assert (await app.client.me()).username == "attacher26"


@pytest.mark.parametrize("language", ["en", "fr"])
def test_device_code_screen_snapshot(snap_compare, partner_console, monkeypatch, language):
    # a fixed code and address, so the picture is the same on every run
    monkeypatch.setattr(partner_flow, "new_user_code", lambda: "BCDF-GHJK")
    # and a countdown that does not move on a slow machine between the code and the picture
    monkeypatch.setattr(partner_sign_in, "monotonic", lambda: 1000.0)
    app = partner_console(language, public_url="http://127.0.0.1:8765")

    async def open_code_screen(pilot):
        app.push_screen(PartnerCodeScreen("dev", translate("partners.dev.name", language)))
        await wait_for(pilot, lambda: shown_code(app) is not None)
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=open_code_screen)
