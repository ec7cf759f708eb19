"""Textual's own words in the console's language: the command palette's system commands and search box, the
"how to quit" notice, and the list's "Dismiss menu"; a screenshot from the palette when ~/Downloads is absent."""

from __future__ import annotations

import pytest
from pilot_support import settle
from textual.command import CommandPalette
from textual.widgets import Input, Select

from gckey_tui.i18n import set_language
from gckey_tui.screens.register import RegisterScreen
from gckey_tui.widgets.keybar import KeyBar


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    set_language("en")


async def test_system_commands_and_the_search_box_are_in_french(make_console):
    app = make_console("fr")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert titles == ["Thème", "Quitter", "Touches", "Capture d'écran"]
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        assert app.screen.query_one(Input).placeholder == "Chercher un écran ou une commande…"


async def test_ctrl_c_tells_how_to_quit_in_french(make_console):
    app = make_console("fr")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        app.action_help_quit()
        await pilot.pause()
        shown = " ".join(str(toast.render()) for toast in app.screen.query("Toast"))
        assert "Voulez-vous quitter\u00a0?" in shown and "pour quitter la console" in shown


async def test_an_open_list_s_close_key_is_in_french(make_console):
    app = make_console("fr")
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(RegisterScreen())
        await settle(pilot)
        app.screen.query_one("#question-0", Select).focus()
        await pilot.press("enter")  # the list opens
        await pilot.pause()
        bar = str(app.screen.query_one(KeyBar).content)
        assert "Fermer la liste" in bar and "Dismiss" not in bar


async def test_the_palette_s_screenshot_goes_where_it_can_be_written(make_console, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DOWNLOAD_DIR", str(tmp_path / "no-such-downloads"))
    monkeypatch.chdir(tmp_path)
    app = make_console()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.save_screenshot_where_possible()
        await pilot.pause()
    saved = list(tmp_path.glob("*.svg"))
    assert len(saved) == 1 and "<svg" in saved[0].read_text()
