"""The kit's flows and fixtures on an embedded service: what they return is what the screens showed."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from gckey_tui.testing import PASSWORD, FlowStopped, fill, link_application, look, register, sign_in

LEFEVRE = {"date_of_birth": "1994-03-15", "country_of_birth": "France"}


async def test_register_with_email_codes_then_sign_in_with_an_emailed_code(gckey_console, mailbox):
    account = await register(gckey_console, "mailonly26", method="email")
    assert account.secret is None and len(account.recovery_codes) == 10
    assert "Second factor: email code" in account.seen
    sent = len(mailbox.messages(account.email))
    seen = await sign_in(gckey_console, account)
    assert seen.screen == "HomeScreen", seen
    assert len(mailbox.messages(account.email)) == sent + 1  # the second-factor screen sent the code it used


async def test_the_key_and_codes_returned_are_those_shown_and_they_work(gckey_service, gckey_console, totp):
    account = await register(gckey_console, "shown2026")
    client = gckey_service.client()
    await client.sign_in(account.username, account.password)
    await client.submit_second_factor(totp(account.secret))  # the key as the setup screen grouped it
    await client.sign_out()
    await client.sign_in(account.username, account.password)
    recovered = await client.recover(account.recovery_codes[0])
    assert recovered.recovery_codes_remaining == 9


async def test_totp_gives_the_next_step_too(gckey_service, totp):
    secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    following = totp(secret, 1)
    assert following != totp(secret)
    gckey_service.clock.advance(seconds=30)
    assert totp(secret) == following


async def test_a_wrong_password_is_what_the_user_sees_not_an_error(gckey_service, gckey_console):
    known = await gckey_service.account("knownuser26")
    seen = await sign_in(gckey_console, known.username, "Wrong7Password")
    assert seen.screen == "SignInScreen" and "password" in seen.message
    assert "Wrong7Password" not in seen.text and "•" * len("Wrong7Password") not in seen.text  # emptied


async def test_without_a_code_sign_in_stops_at_the_second_factor(gckey_service, gckey_console, totp):
    known = await gckey_service.account("stopper26")
    seen = await sign_in(gckey_console, known.username, PASSWORD)
    assert seen.screen == "SecondFactorScreen"
    await fill(gckey_console, "#code", totp(known.secret))
    await gckey_console.press("enter")
    assert (await look(gckey_console)).screen == "HomeScreen"


async def test_a_refused_registration_stops_the_flow_with_the_screen_that_says_why(gckey_service, gckey_console):
    await gckey_service.account("takenname26")
    with pytest.raises(FlowStopped) as stopped:
        await register(gckey_console, "takenname26", email="other@example.com")
    assert stopped.value.seen.screen == "RegisterScreen" and stopped.value.seen.message


async def test_link_by_uci_and_a_miss(gckey_service, gckey_console):
    gckey_service.seed_demo_applications()
    await sign_in(gckey_console, await gckey_service.account("linker2026"))
    missed = await link_application(gckey_console, "C100000005", family_name="Martin", **LEFEVRE)
    assert missed.screen == "LinkApplicationScreen" and "No application matches" in missed.message
    await gckey_console.press("escape")
    seen = await link_application(gckey_console, uci="1234567890", document_number="FR12AB345", **LEFEVRE)
    assert seen.screen == "ApplicationsScreen"
    assert "C100000005" in seen and "P100000006" in seen  # both of Lefèvre's unlinked applications


async def test_the_cursor_is_steady_and_passwords_are_not_read_back(gckey_console):
    await gckey_console.press("s")
    await gckey_console.pause()
    assert isinstance(gckey_console.app.focused, Input) and not gckey_console.app.focused.cursor_blink
    await fill(gckey_console, "#password", "Secret7Typed")
    assert "Secret7Typed" not in (await look(gckey_console)).text


async def test_flows_work_in_french_too(gckey_service):
    async with gckey_service.run_console("fr") as pilot:
        account = await register(pilot, "francais26")
        assert "Connecté en tant que francais26" in account.seen, account.seen
