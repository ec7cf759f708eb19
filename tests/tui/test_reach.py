"""Every input, select and button of every step of every form can be reached at 80×24, in English and French.

A control counts as reachable when, once the screen's own scrolling has brought it into view, the whole of it
is on screen: not clipped by a container that does not scroll, not pushed past the bottom of a form, not
under the key bar. Steps are the states of a screen's content switchers (the link wizard's identifier type
and details, each way of identifying; the forgotten password's four steps): each is checked in turn.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from datetime import UTC, datetime

import pytest
from textual.errors import NoWidget
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, ContentSwitcher, Input, RadioSet, Select, TextArea

from gckey_tui.admin.reports import DEMO_DLI
from gckey_tui.api import models as m
from gckey_tui.i18n import set_language
from gckey_tui.navigation import destinations
from gckey_tui.screens.account_delete import ConfirmDeletionScreen, DeleteAccountScreen
from gckey_tui.screens.applications_detail import ApplicationDetailScreen
from gckey_tui.screens.dialogs import Confirm, KeysDialog
from gckey_tui.screens.home import HomeScreen
from gckey_tui.screens.recovery import RecoveredScreen, RecoveryScreen
from gckey_tui.screens.recovery_codes import RecoveryCodesScreen
from gckey_tui.screens.register import VerifyEmailScreen
from gckey_tui.screens.reports_board import BoardScreen
from gckey_tui.screens.reports_dialogs import StatusPicker
from gckey_tui.screens.reports_import import ImportScreen
from gckey_tui.screens.reports_view import ReportScreen
from gckey_tui.screens.second_factor import SecondFactorScreen
from gckey_tui.screens.setup import SetupScreen
from gckey_tui.screens.setup_choice import SetupChoiceScreen
from gckey_tui.testing import settle

SIZE = (80, 24)
CONTROLS = (Input, Select, Button, RadioSet, Checkbox, TextArea)
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
LATER = datetime(2030, 1, 1, tzinfo=UTC)


def enrolment(method: str) -> m.EnrolmentCreated:
    uri = f"otpauth://totp/GCKey:someone26?secret={SECRET}&issuer=GCKey" if method == "totp" else None
    return m.EnrolmentCreated(
        enrolment_id="e1", method=method, secret=SECRET if uri else None, otpauth_uri=uri, expires_at=LATER
    )


def signed_out_screens() -> list[tuple[str, Callable[[], Screen]]]:
    return [(place.id, place.make) for place in destinations(signed_in=False)] + [
        ("verify email", lambda: VerifyEmailScreen("r1", "someone@example.com")),
        ("second factor (totp)", lambda: SecondFactorScreen("totp")),
        ("second factor (email)", lambda: SecondFactorScreen("email")),
        ("recovery code", RecoveryScreen),
    ]


def signed_in_screens(tmp_path) -> list[tuple[str, Callable[[], Screen]]]:  # noqa: ANN001 - Path
    return [(place.id, place.make) for place in destinations(signed_in=True)] + [
        ("home", HomeScreen),
        ("setup choice", SetupChoiceScreen),
        ("setup (totp)", lambda: SetupScreen(enrolment("totp"))),
        ("setup (email)", lambda: SetupScreen(enrolment("email"))),
        ("recovery codes", lambda: RecoveryCodesScreen([f"ABCD-EFGH-{n:04d}" for n in range(10)])),
        ("recovered", lambda: RecoveredScreen(9)),
        ("deletion consequences", lambda: DeleteAccountScreen(tmp_path / "export.json")),
        ("deletion confirmation", ConfirmDeletionScreen),
        ("application", lambda: ApplicationDetailScreen("V100000001")),
        ("report board", lambda: BoardScreen(DEMO_DLI)),
        ("report", lambda: ReportScreen(DEMO_DLI, "2026-11")),
        ("report import", lambda: ImportScreen(DEMO_DLI, "2026-11")),
        ("report export", lambda: ImportScreen(DEMO_DLI, "2026-11", export_first=True)),
        ("status picker", lambda: StatusPicker("Lefèvre, Anaïs (S000001)")),
        ("confirm", lambda: Confirm("Submit the 2026-11 report of 120 students?", "Submit", "Not now")),
        ("keys", lambda: KeysDialog([("^o", "Sign out"), ("esc", "Back")])),
    ]


def steps(screen: Screen) -> Iterator[str]:
    """Show each combination of the screen's content switchers in turn (one step when it has none)."""
    switchers = list(screen.query(ContentSwitcher))
    choices = [[child.id for child in switcher.children if child.id] for switcher in switchers]
    for combination in itertools.product(*choices):
        for switcher, current in zip(switchers, combination, strict=True):
            switcher.current = current
        yield " / ".join(combination) or "the screen"


def shown(widget: Widget) -> bool:
    """Whether the widget is part of the current step (it and every container above it displayed)."""
    return all(node.display and node.visible for node in widget.ancestors_with_self if isinstance(node, Widget))


async def out_of_reach(pilot) -> list[str]:  # noqa: ANN001 - Pilot
    """The controls of the current step that cannot be brought wholly on screen by the screen's scrolling."""
    screen = pilot.app.screen
    missing = []
    for control in [widget for widget in screen.query("*") if isinstance(widget, CONTROLS) and shown(widget)]:
        screen.scroll_to_widget(control, animate=False, immediate=True)
        await pilot.pause()
        name = f"{type(control).__name__}#{control.id}"
        try:
            geometry = screen.find_widget(control)
        except NoWidget:
            missing.append(f"{name}: not laid out")
            continue
        region, clip = geometry.region, geometry.clip
        if region.area == 0 or clip.intersection(region) != region:
            missing.append(f"{name}: {region} drawn in {clip}")
    return missing


async def check_every_step(pilot, screens) -> dict[str, list[str]]:  # noqa: ANN001
    app = pilot.app
    unreachable: dict[str, list[str]] = {}
    for name, make in screens:
        await app.push_screen(make())
        await settle(pilot)
        for step in steps(app.screen):
            await pilot.pause()
            if found := await out_of_reach(pilot):
                unreachable[f"{name} ({step})"] = found
        await app.pop_screen()
    return unreachable


def report(unreachable: dict[str, list[str]]) -> str:
    return "\n".join(f"{step}: {'; '.join(controls)}" for step, controls in unreachable.items())


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    set_language("en")


@pytest.mark.parametrize("language", ["en", "fr"])
async def test_every_control_of_signed_out_screens_is_within_reach(gckey_demo_service, language):
    app = gckey_demo_service.blank_console(language)
    async with app.run_test(size=SIZE) as pilot:
        unreachable = await check_every_step(pilot, signed_out_screens())
    assert unreachable == {}, report(unreachable)


@pytest.mark.parametrize("language", ["en", "fr"])
async def test_every_control_of_signed_in_screens_is_within_reach(gckey_demo_service, tmp_path, language):
    app = await gckey_demo_service.demo_console(language)
    async with app.run_test(size=SIZE) as pilot:
        unreachable = await check_every_step(pilot, signed_in_screens(tmp_path))
    assert unreachable == {}, report(unreachable)
