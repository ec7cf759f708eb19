"""Every screen the menus reach fits an 80×24 terminal: its body does not scroll, in English or French, and
it opens with a field, button or menu focused, and its key bar shows every key (wrapping, never cut).

A power user over SSH should never have to scroll to find a form's button or a screen's message. The
registration form is the one screen allowed to be taller (three recovery questions): it scrolls by design.
"""

from __future__ import annotations

import pytest
from pilot_support import settle
from textual.containers import VerticalScroll

from gckey_tui.i18n import set_language
from gckey_tui.navigation import destinations
from gckey_tui.screens.account_delete import ConfirmDeletionScreen, DeleteAccountScreen
from gckey_tui.screens.home import HomeScreen
from gckey_tui.screens.recovery import RecoveryScreen
from gckey_tui.screens.recovery_codes import RecoveryCodesScreen
from gckey_tui.screens.second_factor import SecondFactorScreen
from gckey_tui.widgets.keybar import KeyBar, describe
from gckey_tui.widgets.menu import DestinationMenu

#: screens that may scroll, and why
TALLER_BY_DESIGN = {
    "register": "three recovery questions below the account fields",
    "account-answers": "three recovery questions below the password and code",
}
SIZE = (80, 24)


def overflowing(app) -> list[str]:  # noqa: ANN001 - GCKeyApp
    """The scrolling bodies (and menus) of the current screen."""
    return [
        f"{body.id}: {body.virtual_size.height} rows in {body.size.height}"
        for body in app.screen.query(f"{VerticalScroll.__name__}, {DestinationMenu.__name__}")
        if body.show_vertical_scrollbar or body.show_horizontal_scrollbar
    ]


def keys_cut_off(app) -> list[str]:  # noqa: ANN001 - GCKeyApp
    """Shown bindings whose description is missing from the key bar, or key bar lines wider than the screen."""
    lines = str(app.screen.query_one(KeyBar).content).splitlines()
    wide = [line for line in lines if len(line.rstrip()) > SIZE[0]]
    shown = [describe(b.description) for _node, b, _on, _tip in app.screen.active_bindings.values() if b.show]
    return wide + [text for text in shown if not any(text in line for line in lines)]


def body_not_focused(app) -> bool:  # noqa: ANN001 - GCKeyApp
    """A screen opens ready to type or choose: focus is on a field, button or menu, not the scrolling body."""
    return app.focused is None or app.focused.id != "body"


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    set_language("en")


@pytest.mark.parametrize("language", ["en", "fr"])
async def test_signed_out_screens_fit(gckey_service, language) -> None:
    app = gckey_service.blank_console(language)
    too_tall = {}
    async with app.run_test(size=SIZE) as pilot:
        for name, screen in [(place.id, place.make()) for place in destinations(signed_in=False)] + [
            ("second factor", SecondFactorScreen("totp")),
            ("recovery code", RecoveryScreen()),
        ]:
            await app.push_screen(screen)
            await settle(pilot)
            if (found := overflowing(app)) and name not in TALLER_BY_DESIGN:
                too_tall[name] = found
            assert body_not_focused(app), name
            assert keys_cut_off(app) == [], name
            await app.pop_screen()
    assert too_tall == {}


@pytest.mark.parametrize("language", ["en", "fr"])
async def test_signed_in_screens_fit(gckey_service, tmp_path, language) -> None:
    app = gckey_service.signed_in_console(await gckey_service.account("fitcheck1"), language)
    too_tall = {}
    async with app.run_test(size=SIZE) as pilot:
        for name, screen in [(place.id, place.make()) for place in destinations(signed_in=True)] + [
            ("deletion consequences", DeleteAccountScreen(tmp_path / "export.json")),
            ("deletion confirmation", ConfirmDeletionScreen()),
            ("home", HomeScreen()),
            ("recovery codes", RecoveryCodesScreen([f"ABCD-EFGH-{n:04d}" for n in range(10)])),
        ]:
            await app.push_screen(screen)
            await settle(pilot)
            if (found := overflowing(app)) and name not in TALLER_BY_DESIGN:
                too_tall[name] = found
            assert body_not_focused(app), name
            assert keys_cut_off(app) == [], name
            await app.pop_screen()
    assert too_tall == {}
