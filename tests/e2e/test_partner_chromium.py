"""Partner sign-in end to end: the console's device authorization is completed in headless Chromium
against the development partner, over the loopback port the console opens; the console's poll then yields a
signed-in session."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from cdp import Chromium

from gckey_tui.api import ServiceClient
from gckey_tui.api.errors import ApiError
from gckey_tui.config import Settings
from gckey_tui.screens.partner_polling import poll_for_session
from gckey_tui.service import create_app
from gckey_tui.service.partners_loopback import loopback_server


@pytest.fixture
def embedded_app(tmp_path):
    """The console's embedded service (real clock), test settings with the development partner."""
    settings = Settings(
        data_dir=tmp_path / "data",
        database_url=f"sqlite:///{tmp_path / 'store.sqlite3'}",
        mail_dir=tmp_path / "mail",
        secret_key="e2e-secret-key-0123456789abcdef0123456789abcdef",
        hash_profile="fast",
        dev_partner=True,
    )
    app = create_app(settings, embedded=True)
    yield app
    app.state.context.engine.dispose()


@pytest.mark.parametrize("language, expected", [("en-CA", "You are signed in"), ("fr-CA", "Vous êtes connecté")])
async def test_device_authorization_completed_in_chromium(embedded_app, language, expected):
    async with loopback_server(embedded_app) as base_url:
        async with ServiceClient(base_url) as console:
            grant = await console.start_partner_sign_in("dev")
            assert grant.verification_uri.startswith(base_url)
            polling = asyncio.create_task(poll_for_session(console, grant))
            async with Chromium(language) as page:
                await page.goto(grant.verification_uri_complete)
                code = await page.wait_for("document.getElementById('user_code')?.value")
                assert code == grant.user_code  # prefilled from the complete address (the QR code's)
                await page.evaluate("document.getElementById('continue').click()")
                # RFC 8628 §5.4: the partner and the console's code are named before anything happens
                question = await page.wait_for("document.getElementById('question')?.textContent")
                assert grant.user_code in question
                await page.evaluate("document.getElementById('confirm').click()")
                await page.wait_for("!!document.getElementById('allow')")  # the partner's consent page
                assert "dev-partner/authorize" in await page.evaluate("location.pathname")
                await page.evaluate("document.getElementById('allow').click()")
                message = await page.wait_for("document.getElementById('message')?.textContent")
                assert expected in message
            created = await asyncio.wait_for(polling, timeout=30)
            assert created.state == "authenticated"
            me = await console.me()
            assert me.username is None  # a partner-only account, made at first sign-in
    # the loopback port is closed once the sign-in is over
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{base_url}/health")


async def test_denied_in_chromium(embedded_app):
    async with loopback_server(embedded_app) as base_url, ServiceClient(base_url) as console:
        grant = await console.start_partner_sign_in("dev")
        async with Chromium() as page:
            await page.goto(grant.verification_uri)
            await page.wait_for("!!document.getElementById('user_code')")
            await page.evaluate(
                f"document.getElementById('user_code').value = '{grant.user_code.lower().replace('-', '')}'"
            )
            await page.evaluate("document.getElementById('continue').click()")
            await page.wait_for("!!document.getElementById('confirm')")
            await page.evaluate("document.getElementById('confirm').click()")
            await page.wait_for("!!document.getElementById('deny')")
            await page.evaluate("document.getElementById('deny').click()")
            await page.wait_for("!!document.getElementById('message')")
        with pytest.raises(ApiError) as caught:
            await poll_for_session(console, grant)
        assert caught.value.code == "access_denied"


async def test_console_screen_signed_in_through_chromium(embedded_app):
    """The console's own device-code screen: its code is completed in Chromium; its poll signs it in."""
    from gckey_tui.screens.partner_sign_in import PartnerCodeScreen
    from gckey_tui.testing import BlankConsole

    settings = embedded_app.state.context.settings
    app = BlankConsole(settings, ServiceClient.in_process(embedded_app), embedded=True)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(PartnerCodeScreen("dev", "Development partner"))
        async with asyncio.timeout(10):
            while getattr(app.screen, "grant", None) is None:
                await pilot.pause(0.05)
        grant = app.screen.grant
        async with Chromium() as page:
            await page.goto(grant.verification_uri_complete)
            await page.wait_for("!!document.getElementById('continue')")
            await page.evaluate("document.getElementById('continue').click()")
            await page.wait_for("!!document.getElementById('confirm')")
            await page.evaluate("document.getElementById('confirm').click()")
            await page.wait_for("!!document.getElementById('allow')")
            await page.evaluate("document.getElementById('allow').click()")
            await page.wait_for("document.getElementById('message')?.textContent")
        async with asyncio.timeout(20):
            while app.session_state != "authenticated":
                await pilot.pause(0.1)
        assert (await app.client.current_session()).state == "authenticated"
        await app.workers.wait_for_complete()
        await pilot.pause()
    with pytest.raises(httpx.ConnectError):
        httpx.get(grant.verification_uri)
