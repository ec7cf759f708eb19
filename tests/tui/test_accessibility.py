"""Accessibility measured on the console as drawn (headless, 80×24): WCAG contrast of the text, focus and
selection colours in the default and high-contrast themes; the cursor on the focused element; the QR code in
plain glyphs; plain glyphs and reduced motion chosen from the terminal, the flags and the settings."""

from __future__ import annotations

import pytest
import zxingcpp
from textual.widgets import Button, Input

from gckey_tui.accessibility import contrast_ratio, cursor_spot, title_sequence, wants_plain_glyphs
from gckey_tui.cli import build_parser, settings_from
from gckey_tui.widgets.menu import DestinationMenu
from gckey_tui.widgets.qr import QRCode, qr_matrix, render_matrix_plain

THRESHOLDS = {"textual-dark": 4.5, "high-contrast": 7.0}
SIZE = (80, 24)


def pair_at(app, x: int, y: int) -> tuple[tuple[int, int, int], tuple[int, int, int]]:  # noqa: ANN001
    """Foreground and background of the cell at ``x, y`` as drawn."""
    style = app.screen.get_style_at(x, y)
    return tuple(style.color.get_truecolor()), tuple(style.bgcolor.get_truecolor())


def ratio_at(app, offset) -> float:  # noqa: ANN001
    foreground, background = pair_at(app, offset.x, offset.y)
    return contrast_ratio(foreground, background)


@pytest.mark.parametrize("theme", list(THRESHOLDS))
async def test_text_focus_and_selection_contrast(make_console, theme) -> None:
    from textual.geometry import Offset

    app = make_console()
    app.settings.theme = theme
    figures: dict[str, float] = {}
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        menu = app.screen.query_one(DestinationMenu)
        selected = cursor_spot(menu)
        figures["title"] = ratio_at(app, Offset(1, 0))
        figures["body text"] = ratio_at(app, Offset(1, 2))
        figures["menu, selected row"] = ratio_at(app, selected + (2, 0))
        figures["menu, other row"] = ratio_at(app, selected + (4, 1))
        figures["hint"] = ratio_at(app, app.screen.query(".hint").first().content_region.offset)
        figures["key bar"] = ratio_at(app, app.screen.query_one("#keybar").content_region.offset + (7, 0))
        await pilot.press("s")
        await pilot.pause()
        field = app.screen.query_one(Input)
        await pilot.press(*"someone")
        await pilot.pause()
        figures["field label"] = ratio_at(app, field.region.offset - (0, 1) + (1, 0))
        figures["focused field text"] = ratio_at(app, field.content_region.offset)
        button = app.screen.query_one(Button)
        button.focus()
        await pilot.pause()
        await pilot.pause()
        figures["focused button"] = ratio_at(app, cursor_spot(button) + (2, 0))
        figures["other field text"] = ratio_at(app, field.content_region.offset)
        await pilot.press("enter")
        await pilot.pause()
        figures["error message"] = ratio_at(app, app.screen.query_one("#message").content_region.offset)
    print(f"\n{theme}: " + ", ".join(f"{name} {ratio:.2f}:1" for name, ratio in figures.items()))
    low = {name: round(ratio, 2) for name, ratio in figures.items() if ratio < THRESHOLDS[theme]}
    assert low == {}, f"{theme} below {THRESHOLDS[theme]}:1: {low}"


def test_contrast_ratio_is_wcag_s() -> None:
    assert round(contrast_ratio((0, 0, 0), (255, 255, 255)), 1) == 21.0
    assert round(contrast_ratio((118, 118, 118), (255, 255, 255)), 2) == 4.54  # WCAG's own #767676 example


@pytest.mark.parametrize("plain", [False, True])
async def test_the_cursor_follows_focus_onto_the_focused_element(make_console, plain) -> None:
    app = make_console()
    app.settings.ascii = plain
    app.access = type(app.access)(plain=plain)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for keys in ([], ["down"], ["down", "down"]):
            await pilot.press(*keys)
            await pilot.pause()
            app.place_cursor()
            menu = app.screen.query_one(DestinationMenu)
            assert app.cursor_position == cursor_spot(menu)
            assert menu.region.contains_point(app.cursor_position)
            assert str(menu.get_option_at_index(menu.highlighted).prompt).startswith(app.access.marker)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        for _step in range(3):
            app.place_cursor()
            focused = app.focused
            assert focused is not None and focused.region.contains_point(app.cursor_position), focused
            if isinstance(focused, Button):
                assert str(focused.label).startswith(app.access.marker)
            await pilot.press("tab")
            await pilot.pause()


URI = "otpauth://totp/GCKey:walker2026?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=GCKey"


def text_to_bitmap(text: str, scale: int = 4) -> memoryview:
    """The image a camera sees of ``##`` cells: each pair of cells one square module."""
    rows = [[line[n : n + 2] == "##" for n in range(0, len(line), 2)] for line in text.split("\n")]
    width = max(len(row) for row in rows) * scale
    height = len(rows) * scale
    pixels = bytearray(b"\xff" * (width * height))
    for y in range(height):
        for x in range(width):
            row = rows[y // scale]
            if x // scale < len(row) and row[x // scale]:
                pixels[y * width + x] = 0
    return memoryview(pixels).cast("B", (height, width))


def test_the_plain_qr_code_decodes() -> None:
    drawn = render_matrix_plain(qr_matrix(URI, 2)).plain
    assert set(drawn) <= {"#", " ", "\n"}
    assert [result.text for result in zxingcpp.read_barcodes(text_to_bitmap(drawn))] == [URI]


async def test_the_plain_qr_code_decodes_as_the_console_draws_it(make_console) -> None:
    app = make_console()
    app.access = type(app.access)(plain=True)
    async with app.run_test(size=(100, 50)) as pilot:
        qr = QRCode(URI)
        await app.screen.mount(qr)
        await pilot.pause()
        assert qr.plain and qr.quiet_zone is not None
        drawn = qr.render().plain
    assert [result.text for result in zxingcpp.read_barcodes(text_to_bitmap(drawn))] == [URI]


@pytest.mark.parametrize(
    ("setting", "term", "plain"),
    [
        (None, "linux", True),
        (None, "vt100", True),
        (None, "xterm-256color", False),
        (True, "xterm", True),
        (False, "linux", False),
    ],
)
def test_plain_glyphs_are_chosen_for_the_terminal(setting, term, plain) -> None:
    assert wants_plain_glyphs(setting, term) is plain


def test_flags_and_the_settings_file(tmp_path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('ascii = true\nreduced_motion = "yes"\ntheme = "high-contrast"\n')
    args = build_parser([]).parse_args(["--config", str(config)])
    settings = settings_from(args)
    assert (settings.ascii, settings.reduced_motion, settings.theme) == (True, True, "high-contrast")
    args = build_parser([]).parse_args(["--ascii", "--reduced-motion", "--theme", "textual-dark"])
    settings = settings_from(args)
    assert (settings.ascii, settings.reduced_motion, settings.theme) == (True, True, "textual-dark")


def test_a_message_cannot_break_out_of_the_title_sequence() -> None:
    assert title_sequence("Saved\x07\x1b]0;evil\x07 now") == "\x1b]2;Saved ]0;evil  now\x07"


async def test_reduced_motion_says_working_and_announces(console_settings, make_console) -> None:
    from textual.widgets import Static

    console_settings.reduced_motion = True
    app = make_console()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.animation_level == "none"
        widget = app.get_loading_widget()
        assert isinstance(widget, Static) and str(widget.content) == "Working…"
        await pilot.press("s")
        await pilot.pause()
        assert app.focused is not None and app.focused.cursor_blink is False  # a steady caret
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert "Enter your username and password." in app.announcements
        # the field in error takes focus, and the cursor with it
        assert app.focused is not None and app.focused.id == "username"
        app.place_cursor()
        assert app.focused.region.contains_point(app.cursor_position)


def cursor_on_focus(app) -> str | None:  # noqa: ANN001 - GCKeyApp
    """What is wrong with where the cursor is (None: it is on the focused element, which is marked)."""
    from textual.widgets import OptionList

    app.place_cursor()
    focused = app.focused
    if focused is None:
        return None if app.cursor_position == (0, 0) else f"nothing focused, cursor at {app.cursor_position}"
    if not focused.region.contains_point(app.cursor_position):
        return f"cursor at {app.cursor_position}, outside {focused!r} at {focused.region}"
    if isinstance(focused, Button) and not str(focused.label).startswith(app.access.marker):
        return f"{focused!r} has no marker"
    if isinstance(focused, OptionList) and focused.highlighted is not None:
        prompt = str(focused.get_option_at_index(focused.highlighted).prompt)
        if not prompt.startswith(app.access.marker):
            return f"{focused!r}'s row {prompt!r} has no marker"
    return None


@pytest.mark.parametrize("signed_in", [False, True])
async def test_every_destination_opens_with_the_cursor_on_its_marked_focus(
    console_settings, console_service, clock, signed_in
) -> None:
    from pilot_support import BlankConsole, settle, signed_in_console
    from support import Outbox, register_account

    from gckey_tui.api import ServiceClient
    from gckey_tui.navigation import destinations

    console_settings.ascii = True
    if signed_in:
        known = await register_account(
            ServiceClient.in_process(console_service), Outbox.of(console_service), clock, "cursorcheck1"
        )
        app = signed_in_console(console_settings, console_service, known.client.token)
    else:
        app = BlankConsole(console_settings, ServiceClient.in_process(console_service), embedded=True)
    wrong = {}
    async with app.run_test(size=SIZE) as pilot:
        for place in destinations(signed_in=signed_in):
            await app.push_screen(place.make())
            await settle(pilot)
            for step in range(2):  # as opened, and after Tab
                if problem := cursor_on_focus(app):
                    wrong[f"{place.id} ({'tab' if step else 'opened'})"] = problem
                await pilot.press("tab")
                await settle(pilot)
            await app.pop_screen()
    assert wrong == {}


@pytest.mark.parametrize(("plain", "unticked", "ticked"), [(False, "▐ ▌", "▐X▌"), (True, "[ ]", "[X]")])
async def test_a_check_box_shows_its_state_by_a_glyph(make_console, plain, unticked, ticked) -> None:
    from textual.widgets import Checkbox

    from gckey_tui.screens.recovery_codes import RecoveryCodesScreen

    app = make_console()
    app.access = type(app.access)(plain=plain)
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(RecoveryCodesScreen([f"ABCD-EFGH-{n:04d}" for n in range(10)]))
        await pilot.pause()
        box = app.screen.query_one(Checkbox)
        assert str(box.render()).startswith(unticked)
        box.focus()
        await pilot.press("space")
        await pilot.pause()
        assert box.value and str(box.render()).startswith(ticked)


async def test_a_select_s_drop_down_marks_its_row_and_leaves_the_value_unmarked(make_console) -> None:
    from textual.widgets import OptionList, Select, Static

    from gckey_tui.screens.settings import SettingsScreen

    app = make_console()
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(SettingsScreen())
        await pilot.pause()
        app.screen.query_one("#theme", Select).focus()
        await pilot.press("enter", "down")
        await pilot.pause()
        app.place_cursor()
        drop_down = app.focused
        assert isinstance(drop_down, OptionList)
        assert str(drop_down.get_option_at_index(drop_down.highlighted).prompt).startswith("› ")
        assert drop_down.region.contains_point(app.cursor_position)
        await pilot.press("enter")
        await pilot.pause()
        chosen = app.screen.query_one("#theme", Select)
        shown = str(chosen.query_one("SelectCurrent").query(Static).first().render())
        assert app.theme == chosen.value and shown == chosen.value  # the value shown bears no marker


async def test_the_password_checklist_and_meter_in_plain_glyphs(make_console) -> None:
    from gckey_tui.screens.register import RegisterScreen
    from gckey_tui.widgets.password import PasswordFeedback

    app = make_console()
    app.access = type(app.access)(plain=True)
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(RegisterScreen())
        for _round in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        app.screen.query_one("#password", Input).focus()
        await pilot.press(*"Maple7Syrup!x")
        await pilot.pause()
        shown = str(app.screen.query_one(PasswordFeedback).render())
    assert "[x]" in shown and "#" in shown
    assert not set(shown) & set("✓✗█░")
