"""SVG snapshots of the main screens at 80×24, in English and French (pytest-textual-snapshot).

Update with ``pytest tests/tui/test_snapshots.py --snapshot-update`` after a deliberate change.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from textual.widgets import Input

from gckey_tui.api import models as m
from gckey_tui.screens.recovery_codes import RecoveryCodesScreen
from gckey_tui.screens.second_factor import SecondFactorScreen
from gckey_tui.screens.setup import SetupScreen
from gckey_tui.screens.sign_in import SignInScreen
from gckey_tui.testing import SIZE

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # a fixed test secret (masked in screenshots anyway)
ENROLMENT = m.EnrolmentCreated(
    enrolment_id="snapshot",
    method="totp",
    secret=SECRET,
    otpauth_uri=f"otpauth://totp/GCKey:snapshot2026?secret={SECRET}&issuer=GCKey",
    expires_at=datetime(2026, 11, 2, 12, 10, tzinfo=UTC),
)
CODES = [f"{n:04d}-ABCD-{n * 7 % 10000:04d}" for n in range(1, 11)]

SCREENS = {
    "welcome": None,
    "sign_in": SignInScreen,
    "second_factor": lambda: SecondFactorScreen(method="totp"),
    "setup": lambda: SetupScreen(ENROLMENT),
    "recovery_codes": lambda: RecoveryCodesScreen(CODES),
}


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("name", list(SCREENS))
def test_screen(snap_compare, make_console, name: str, language: str) -> None:
    app = make_console(language)

    async def show(pilot) -> None:  # noqa: ANN001
        factory = SCREENS[name]
        if factory is not None:
            await app.push_screen(factory())
        await pilot.pause()
        for field in app.screen.query(Input):
            field.cursor_blink = False
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=show)


async def test_setup_screenshot_masks_the_secret(make_console) -> None:
    app = make_console()
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(SetupScreen(ENROLMENT))
        await pilot.pause()
        svg = app.export_screenshot()
        assert "JBSW" not in svg and "▀" not in svg
        assert "••••" in svg
        await pilot.pause()
        assert str(app.screen.query_one("#secret").render()).startswith("JBSW Y3DP")
