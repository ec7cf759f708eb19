"""Keys everywhere: Ctrl+O signs out from any screen of a session (and says so in the key bar), ``?`` lists a
screen's keys in the console's language, and the welcome hint names keys as they are mapped."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from gckey_tui.api import ApiError
from gckey_tui.i18n import set_language
from gckey_tui.screens.dialogs import KeysDialog
from gckey_tui.screens.reports_board import BoardScreen
from gckey_tui.testing import settle
from gckey_tui.widgets.keybar import KeyBar


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    set_language("en")


async def test_ctrl_o_signs_out_from_any_screen_of_a_session(gckey_demo_service):
    from gckey_tui.admin.reports import DEMO_DLI

    app = await gckey_demo_service.demo_console()
    async with app.run_test(size=(80, 24)) as pilot:
        app.open("applications")
        await settle(pilot)
        app.push_screen(BoardScreen(DEMO_DLI))
        await settle(pilot)
        assert "Sign out" in str(app.screen.query_one(KeyBar).content)
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert not app.signed_in and len(app.screen_stack) == 1
        with pytest.raises(ApiError):  # the session is over on the service too
            await app.client.me()


async def test_ctrl_o_is_not_offered_without_a_session(make_console):
    app = make_console()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")  # help, reachable signed out
        await settle(pilot)
        assert "Sign out" not in str(app.screen.query_one(KeyBar).content)


@pytest.mark.parametrize(("language", "expected"), [("en", "Sign out"), ("fr", "Se déconnecter")])
async def test_question_mark_lists_the_screen_s_keys(gckey_demo_service, language, expected):
    app = await gckey_demo_service.demo_console(language)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open("applications")
        await settle(pilot)
        app.screen.query_one("#applications-table").focus()
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, KeysDialog)
        listed = dict(app.screen.keys)
        assert listed["^o"] == expected and "l" in listed and "f2" in listed
        assert not any(text.startswith("Move cursor") for text in listed.values())  # Textual's own, in English
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, KeysDialog)


async def test_the_welcome_hint_names_a_remapped_key(make_console, console_settings):
    console_settings.keymap = {"language": "f3"}
    app = make_console()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        hint = str(app.screen.query_one("#hint", Static).visual)
        assert "f3: français" in hint and "f2" not in hint
        assert all(len(line) <= 76 for line in hint.splitlines())  # one line each at 80 columns, not cut mid-pair
