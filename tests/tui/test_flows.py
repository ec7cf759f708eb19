"""Pilot walks through the console's account flows against the embedded service (fast hash, frozen clock)."""

from __future__ import annotations

import os
import re
import stat

import pytest
from pilot_support import ANSWERS, PASSWORD, field_message, fill, message, register, settle, totp
from textual.widgets import Button, Checkbox, Input, Select, Static

from gckey_tui.screens.home import HomeScreen
from gckey_tui.screens.recovery_codes import RecoveryCodesScreen
from gckey_tui.screens.second_factor import SecondFactorScreen
from gckey_tui.screens.setup import SetupScreen
from gckey_tui.screens.sign_in import SignInScreen
from gckey_tui.screens.welcome import WelcomeScreen
from gckey_tui.testing import (
    SIZE,
    sign_in,  # without a code: it stops at the second factor
)


async def set_up_totp(pilot, clock) -> tuple[str, list[str]]:  # noqa: ANN001
    """From the second-factor choice: authenticator, code, recovery codes acknowledged; ends on home."""
    app = pilot.app
    app.screen.query_one("#totp", Button).press()
    await settle(pilot)
    assert isinstance(app.screen, SetupScreen)
    secret = app.screen.enrolment.secret
    await fill(pilot, "#code", totp(secret, clock))
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(app.screen, RecoveryCodesScreen), message(app)
    codes = app.screen.codes
    assert len(codes) == 10
    await pilot.press("ctrl+y")
    assert app.clipboard == "\n".join(codes)
    continue_button = app.screen.query_one("#continue", Button)
    assert continue_button.disabled  # gated by the checkbox, and the screen says so
    assert app.screen.query_one("#continue-hint").display
    await pilot.press("escape")  # the codes cannot be skipped
    assert isinstance(app.screen, RecoveryCodesScreen)
    app.screen.query_one("#stored", Checkbox).value = True
    await pilot.pause()
    assert not continue_button.disabled and not app.screen.query_one("#continue-hint").display
    continue_button.press()
    await settle(pilot)
    assert isinstance(app.screen, HomeScreen)
    clock.advance(seconds=30)  # the setup step's code is spent
    return secret, codes


@pytest.mark.parametrize("language", ["en", "fr"])
async def test_register_set_up_sign_out_and_in(make_console, mail, clock, language) -> None:
    app = make_console(language)
    async with app.run_test(size=SIZE) as pilot:
        await register(pilot, mail, "walker2026", "walker@example.com")
        secret, _codes = await set_up_totp(pilot, clock)
        who = str(app.screen.query_one("#who", Static).visual)
        assert "walker2026" in who
        assert ("authenticator" if language == "en" else "authentification") in who

        await pilot.press("ctrl+o")
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)

        await sign_in(pilot, "walker2026", PASSWORD)
        assert isinstance(app.screen, SecondFactorScreen)
        code = totp(secret, clock)
        await fill(pilot, "#code", code)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)

        # the same code again, in a new sign-in: refused on screen
        await pilot.press("ctrl+o")
        await settle(pilot)
        await sign_in(pilot, "walker2026", PASSWORD)
        await fill(pilot, "#code", code)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SecondFactorScreen)
        expected = "The code is not right" if language == "en" else "Le code est incorrect"
        assert expected in message(app)


@pytest.mark.parametrize("language", ["en", "fr"])
async def test_recovery_code_forces_new_setup_and_old_codes_die(make_console, mail, clock, language) -> None:
    app = make_console(language)
    async with app.run_test(size=SIZE) as pilot:
        await register(pilot, mail, "recover2026", "recover@example.com")
        _secret, codes = await set_up_totp(pilot, clock)
        await pilot.press("ctrl+o")
        await settle(pilot)
        await sign_in(pilot, "recover2026", PASSWORD)
        await pilot.press("ctrl+r")
        await settle(pilot)
        await fill(pilot, "#recovery_code", codes[0])
        await pilot.press("enter")
        await settle(pilot)
        assert "9" in str(app.screen.query_one(".intro", Static).visual)
        assert [type(screen).__name__ for screen in app.screen_stack] == ["WelcomeScreen", "RecoveredScreen"]
        app.screen.query_one("#setup", Button).press()
        await settle(pilot)
        new_secret, new_codes = await set_up_totp(pilot, clock)
        assert set(new_codes).isdisjoint(codes)

        await pilot.press("ctrl+o")
        await settle(pilot)
        await sign_in(pilot, "recover2026", PASSWORD)
        await pilot.press("ctrl+r")
        await settle(pilot)
        await fill(pilot, "#recovery_code", codes[1])  # an old code: no longer valid
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "RecoveryScreen"
        assert ("The code is not right" if language == "en" else "Le code est incorrect") in message(app)


async def test_escape_after_recovery_signs_out_instead_of_going_back_to_the_second_factor(
    make_console, mail, clock
) -> None:
    app = make_console()
    async with app.run_test(size=SIZE) as pilot:
        await register(pilot, mail, "escaper2026", "escaper@example.com")
        _secret, codes = await set_up_totp(pilot, clock)
        await pilot.press("ctrl+o")
        await settle(pilot)
        await sign_in(pilot, "escaper2026", PASSWORD)
        await pilot.press("ctrl+r")
        await settle(pilot)
        await fill(pilot, "#recovery_code", codes[0])
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "RecoveredScreen"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        assert not app.signed_in
        await sign_in(pilot, "escaper2026", PASSWORD)  # a new sign-in starts over
        assert isinstance(app.screen, SecondFactorScreen), message(app)


@pytest.mark.parametrize("language", ["en", "fr"])
async def test_a_wrong_registration_code_says_how_many_tries_are_left(make_console, language) -> None:
    from gckey_tui.screens.register import VerifyEmailScreen

    app = make_console(language)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await settle(pilot)
        await fill(pilot, "#username", "wrongcode26")
        await fill(pilot, "#password", PASSWORD)
        await fill(pilot, "#email", "wrongcode@example.com")
        for n, (question, answer) in enumerate(ANSWERS):
            app.screen.query_one(f"#question-{n}", Select).value = question
            await fill(pilot, f"#answer-{n}", answer)
        app.screen.query_one("#submit", Button).press()
        await settle(pilot)
        assert isinstance(app.screen, VerifyEmailScreen), message(app)
        await fill(pilot, "#code", "000000")
        await pilot.press("enter")
        await settle(pilot)
        shown = message(app)
        assert shown and "{" not in shown and "4" in shown


@pytest.mark.parametrize("language", ["en", "fr"])
async def test_change_method_totp_to_email(make_console, mail, clock, language, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    app = make_console(language)
    async with app.run_test(size=SIZE) as pilot:
        await register(pilot, mail, "changer2026", "changer@example.com")
        secret, _codes = await set_up_totp(pilot, clock)
        await pilot.press("2")
        await settle(pilot)
        await fill(pilot, "#password", PASSWORD)
        await fill(pilot, "#code", totp(secret, clock))
        await pilot.press("enter")
        await settle(pilot)
        app.screen.query_one("#email", Button).press()
        await settle(pilot)
        assert isinstance(app.screen, SetupScreen)
        await fill(pilot, "#code", mail.last_code("changer@example.com"))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, RecoveryCodesScreen)
        await pilot.press("ctrl+s")
        saved = tmp_path / "gckey-recovery-codes.txt"  # where the user is, not a hidden data folder
        assert stat.S_IMODE(os.stat(saved).st_mode) == 0o600
        assert saved.read_text().split() == app.screen.codes
        app.screen.query_one("#stored", Checkbox).value = True
        await pilot.pause()
        app.screen.query_one("#continue", Button).press()
        await settle(pilot)
        who = str(app.screen.query_one("#who", Static).visual)
        assert ("email code" if language == "en" else "code par courriel") in who
        # the next sign-in asks for an email code and sends it by itself
        codes_before = len(mail.messages("changer@example.com"))
        await pilot.press("ctrl+o")
        await settle(pilot)
        await sign_in(pilot, "changer2026", PASSWORD)
        assert isinstance(app.screen, SecondFactorScreen)
        hint = str(app.screen.query_one(".intro", Static).visual)
        assert ("sent a 6-digit code to your email" if language == "en" else "votre adresse courriel") in hint
        assert len(mail.messages("changer@example.com")) == codes_before + 1
        await fill(pilot, "#code", mail.last_code("changer@example.com"))
        await pilot.press("enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "HomeScreen", message(app)


@pytest.fixture
def in_toronto(monkeypatch):
    """The user's clock in Toronto (the console shows local times with the zone)."""
    import time

    monkeypatch.setenv("TZ", "America/Toronto")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize("language", ["en", "fr"])
async def test_five_wrong_passwords_lock_sign_in(make_console, mail, clock, language, in_toronto) -> None:
    app = make_console(language)
    async with app.run_test(size=SIZE) as pilot:
        await register(pilot, mail, "locked2026", "locked@example.com")
        await set_up_totp(pilot, clock)
        await pilot.press("ctrl+o")
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        for _attempt in range(6):
            await fill(pilot, "#username", "locked2026")
            await fill(pilot, "#password", "Wrong7Password")
            await pilot.press("enter")
            await settle(pilot)
        assert isinstance(app.screen, SignInScreen)
        text = message(app)
        expected = ("locked until", "Try again in") if language == "en" else ("bloquée jusqu'à", "Réessayez dans")
        assert all(part in text for part in expected), text
        assert re.search(r"\d\d:\d\d E[SD]T", text) and "UTC" not in text  # the user's time, with the zone


@pytest.mark.parametrize("language", ["en", "fr"])
async def test_idle_expiry_returns_to_sign_in_with_a_message(make_console, mail, clock, language) -> None:
    app = make_console(language)
    async with app.run_test(size=SIZE) as pilot:
        await register(pilot, mail, "idler2026", "idler@example.com")
        await set_up_totp(pilot, clock)
        clock.advance(minutes=31)
        await pilot.press("2")  # the two-factor screen asks the service who is signed in
        await settle(pilot)
        assert isinstance(app.screen, SignInScreen)
        assert not app.signed_in and app.client.token is None
        expected = "inactivity" if language == "en" else "inactivité"
        assert expected in message(app)


async def test_language_switch_rerenders_and_keeps_typed_values(console) -> None:
    async with console.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await settle(pilot)
        await fill(pilot, "#username", "keepme2026")
        await pilot.press("f2")
        await settle(pilot)
        assert str(console.screen.query_one("#title", Static).visual) == "Se connecter avec CléGC"
        assert console.screen.query_one("#username").value == "keepme2026"
        assert console.client.language == "fr"
        assert console.focused is console.screen.query_one("#username")  # typing goes on where it was


async def test_menu_keys_still_work_after_a_language_switch(console) -> None:
    async with console.run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        assert type(console.screen).__name__ == "HelpScreen"


async def test_escape_from_a_required_setup_signs_out(console, mail) -> None:
    async with console.run_test(size=SIZE) as pilot:
        await register(pilot, mail, "leaver2026", "leaver@example.com")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(console.screen, WelcomeScreen)
        assert not console.signed_in and console.client.token is None


async def test_command_palette_reaches_screens(console) -> None:
    async with console.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Register")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert type(console.screen).__name__ == "RegisterScreen"


async def test_keymap_from_config_remaps_a_binding(make_console, console_settings, mail) -> None:
    console_settings.keymap = {"recover-account": "f6"}
    app = make_console()
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(SecondFactorScreen(method="totp"))
        await pilot.pause()
        await pilot.press("f6")
        await settle(pilot)
        assert type(app.screen).__name__ == "RecoveryScreen"


async def test_demo_credentials_on_welcome(make_console) -> None:
    app = make_console(demo_credentials=("demouser2026", "Maple7Syrup!", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = str(app.screen.query_one("#demo", Static).visual)
        assert "demouser2026" in text and "Maple7Syrup!" in text


async def test_escape_on_home_does_not_leave_the_session(make_console, mail, clock) -> None:
    app = make_console()
    async with app.run_test(size=SIZE) as pilot:
        await register(pilot, mail, "stayer2026", "stayer@example.com")
        await set_up_totp(pilot, clock)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen) and app.signed_in
        keys = str(app.screen.query_one("#keybar").content)
        assert "Back" not in keys and "Sign out" in keys  # the key bar offers what home does


async def test_local_mailbox_shows_the_emails_sent(make_console, mail, clock) -> None:
    app = make_console()
    async with app.run_test(size=SIZE) as pilot:
        await register(pilot, mail, "reader2026", "reader@example.com")
        await set_up_totp(pilot, clock)
        await pilot.press("m")
        await settle(pilot)
        assert type(app.screen).__name__ == "MailboxScreen"
        await pilot.press("down", "up")
        await settle(pilot)
        reading = str(app.screen.query_one("#reading", Static).visual)
        assert mail.messages("reader@example.com")[-1].get_content().strip()[:40] in reading


async def test_settings_switch_language_and_save_it(make_console, console_settings) -> None:
    from textual.widgets import Select

    from gckey_tui.config import default_config_path, read_config_file

    app = make_console()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await settle(pilot)
        app.screen.query_one("#language", Select).value = "fr"
        await settle(pilot)
        assert str(app.screen.query_one("#title", Static).visual) == "Paramètres"
        assert read_config_file(default_config_path())["language"] == "fr"


async def test_a_refused_registration_shows_the_field_in_error_and_the_checklist_agreed(make_console) -> None:
    from gckey_tui.widgets.password import PasswordFeedback

    app = make_console()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await settle(pilot)
        await fill(pilot, "#username", "commonpw26")
        await fill(pilot, "#password", "Password1")  # upper, lower, digit… and among the most common
        checklist = str(app.screen.query_one(PasswordFeedback).render())
        assert "✗ Not a commonly used password" in checklist
        await fill(pilot, "#email", "commonpw@example.com")
        for n, (question, answer) in enumerate(ANSWERS):
            app.screen.query_one(f"#question-{n}", Select).value = question
            await fill(pilot, f"#answer-{n}", answer)
        app.screen.query_one("#submit", Button).focus()
        await pilot.press("enter")
        await settle(pilot)
        password = app.screen.query_one("#password")
        assert app.focused is password
        geometry = app.screen.find_widget(password)
        assert geometry.clip.intersection(geometry.region) == geometry.region  # scrolled back into view
        assert "too common" in field_message(app, "password")


async def test_escape_asks_before_dropping_a_half_filled_registration(make_console) -> None:
    app = make_console()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("escape")  # nothing typed: straight back
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press(*"halfway26")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("enter")  # "Stay" has focus
        await settle(pilot)
        assert type(app.screen).__name__ == "RegisterScreen"
        assert app.screen.query_one("#username", Input).value == "halfway26"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.click("#yes")
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
