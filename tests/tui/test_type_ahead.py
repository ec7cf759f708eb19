"""Keys typed ahead land in the field the user meant, and a password is never drawn in clear.

``burst`` posts every key to the app at once, as the terminal driver does when it reads a chunk of input (a
paste, a script, fast typing over SSH): no key is processed before the last one is queued. ``pilot.press``
waits for the app to settle after each key, which hides the problem.
"""

from __future__ import annotations

import pytest
from textual import events
from textual.widgets import Input

from gckey_tui.i18n import set_language
from gckey_tui.screens.applications_link import LinkApplicationScreen
from gckey_tui.screens.register import RegisterScreen
from gckey_tui.screens.sign_in import SignInScreen
from gckey_tui.testing import settle

PASSWORD = "Maple7Syrup"


def burst(app, *keys: str) -> None:  # noqa: ANN001 - GCKeyApp
    """Queue ``keys`` (characters, or key names such as "enter") for the app in one go."""
    for key in keys:
        if len(key) == 1:
            name = {" ": "space", "-": "minus", "@": "at_sign", ".": "full_stop"}.get(key, key)
            app.post_message(events.Key(name, key))
        else:
            app.post_message(events.Key(key, "\r" if key == "enter" else None))


def typed(text: str) -> list[str]:
    """A line of text as keys, "\r" as Enter."""
    return ["enter" if ch == "\r" else ch for ch in text]


def value(app, selector: str) -> str:  # noqa: ANN001
    return app.screen.query_one(selector, Input).value


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    set_language("en")


async def test_username_enter_password_in_one_burst(console):
    async with console.run_test(size=(80, 24)) as pilot:
        await console.push_screen(SignInScreen())
        await settle(pilot)
        burst(console, *typed(f"someone26\r{PASSWORD}"))
        await settle(pilot)
        assert value(console, "#username") == "someone26"
        assert value(console, "#password") == PASSWORD
        assert console.focused.id == "password"
        assert PASSWORD not in console.export_screenshot()  # drawn as bullets only


@pytest.mark.parametrize("between", ["tab", "enter"])
async def test_username_tab_or_enter_password_in_one_burst(console, between):
    """The way tmux ``send-keys`` or a paste delivers a sign-in: no key waits for the previous one's effect."""
    async with console.run_test(size=(80, 24)) as pilot:
        await console.push_screen(SignInScreen())
        await settle(pilot)
        burst(console, *typed("someone26"), between, *typed(PASSWORD))
        await settle(pilot)
        assert value(console, "#username") == "someone26"
        assert value(console, "#password") == PASSWORD
        assert PASSWORD not in console.export_screenshot()


async def test_shift_tab_in_a_burst_goes_back_before_the_next_keys(console):
    async with console.run_test(size=(80, 24)) as pilot:
        await console.push_screen(SignInScreen())
        await settle(pilot)
        burst(console, "tab", "shift+tab", *typed("someone26"))
        await settle(pilot)
        assert value(console, "#username") == "someone26"
        assert value(console, "#password") == ""


async def test_the_whole_sign_in_in_one_burst_reaches_the_second_factor(gckey_demo_service):
    from gckey_tui.demo import DEMO_PASSWORD, DEMO_USERNAME

    app = gckey_demo_service.blank_console()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(SignInScreen())
        await settle(pilot)
        burst(app, *typed(f"{DEMO_USERNAME}\r{DEMO_PASSWORD}\r"))
        await settle(pilot)
        assert type(app.screen).__name__ == "SecondFactorScreen"


async def test_registration_fields_in_one_burst(console):
    async with console.run_test(size=(80, 24)) as pilot:
        await console.push_screen(RegisterScreen())
        await settle(pilot)
        burst(console, *typed(f"newperson26\r{PASSWORD}\rnew@example.com\r"))
        await settle(pilot)
        assert value(console, "#username") == "newperson26"
        assert value(console, "#password") == PASSWORD
        assert value(console, "#email") == "new@example.com"
        assert console.focused.id == "question-0"
        assert PASSWORD not in console.export_screenshot()


async def test_link_details_in_one_burst(gckey_demo_service):
    app = await gckey_demo_service.demo_console()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(LinkApplicationScreen())
        await settle(pilot)
        await pilot.press("enter", "tab", "enter")  # by application number; Continue
        await settle(pilot)
        burst(app, *typed("C100000005\rLefèvre\r1994-03-15\rFrance"))
        await settle(pilot)
        fields = ("application_number", "family_name", "date_of_birth", "country_of_birth")
        assert [value(app, f"#{name}") for name in fields] == ["C100000005", "Lefèvre", "1994-03-15", "France"]


@pytest.mark.parametrize("language", ["en", "fr"])
async def test_f2_while_typing_keeps_what_was_typed(make_console, language):
    app = make_console(language)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(SignInScreen())
        await settle(pilot)
        await pilot.press(*"demo")
        await pilot.press("f2")
        await settle(pilot)
        await pilot.press(*"user2026")
        assert value(app, "#username") == "demouser2026"
        burst(app, "f2", *"x")  # and in a burst
        await settle(pilot)
        assert value(app, "#username") == "demouser2026x"
