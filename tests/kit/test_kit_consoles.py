"""The kit's consoles beside ``gckey_console``: in another language, on an empty screen inside a session made
through the API, and on a service seeded with the demo data."""

from __future__ import annotations

import pytest
from textual.screen import Screen

from gckey_tui.demo import DEMO_USERNAME
from gckey_tui.screens.home import HomeScreen
from gckey_tui.testing import SIZE, BlankConsole, EmbeddedService, Mailbox, look, sign_in, sign_in_demo


@pytest.mark.parametrize("gckey_language", ["fr"])
async def test_the_console_fixture_speaks_the_language_it_is_given(gckey_console, gckey_language):
    seen = await look(gckey_console)
    assert seen.screen == "WelcomeScreen" and "Connectez-vous pour accéder" in seen, seen


async def test_a_signed_in_console_starts_blank_inside_the_account_s_session(gckey_service):
    account = await gckey_service.account("insider2026")
    app = gckey_service.signed_in_console(account, "fr")
    assert isinstance(app, BlankConsole) and app.signed_in
    async with app.run_test(size=SIZE) as pilot:
        assert type(app.screen) is Screen  # nothing opened until the test opens it
        app.push_screen(HomeScreen())
        seen = await look(pilot)
    assert seen.screen == "HomeScreen" and "Connecté en tant que insider2026" in seen, seen


async def test_a_console_given_an_ended_session_is_sent_to_sign_in(gckey_service):
    account = await gckey_service.account("revoked2026")
    await account.client.sign_out()
    app = gckey_service.signed_in_console(account)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(HomeScreen())
        seen = await look(pilot)
    assert seen.screen == "SignInScreen" and "session has ended" in seen.message, seen
    assert not app.signed_in


async def test_the_demo_service_has_the_demo_account_and_it_signs_in_again_and_again(
    gckey_demo_service, gckey_clock, gckey_console
):
    for _session in range(2):  # each sign-in takes a fresh authenticator step
        client = gckey_demo_service.client()
        await sign_in_demo(client, gckey_clock)
        assert (await client.me()).username == DEMO_USERNAME
        assert await client.applications()
    seen = await sign_in(gckey_console, DEMO_USERNAME, "Wrong7Password")
    assert seen.screen == "SignInScreen" and seen.message  # the same store the console runs on


async def test_a_demo_console_opens_blank_inside_the_demo_account_s_session(gckey_demo_service):
    app = await gckey_demo_service.demo_console("fr")
    async with app.run_test(size=SIZE) as pilot:
        assert type(app.screen) is Screen and app.embedded
        app.push_screen(HomeScreen())
        seen = await look(pilot)
    assert f"Connecté en tant que {DEMO_USERNAME}" in seen, seen


def test_a_service_s_settings_can_be_set_and_its_mail_read_by_its_app(tmp_path):
    with EmbeddedService(tmp_path, dev_partner=True, support_mailbox="desk@example.com") as service:
        assert service.settings.dev_partner and service.settings.hash_profile == "fast"
        assert Mailbox.of(service.app).path == service.mailbox.path == tmp_path / "mail"
