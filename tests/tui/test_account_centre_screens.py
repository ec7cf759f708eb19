"""The account centre in the console, as a person uses it, in English and French (pilot), and snapshots."""

from __future__ import annotations

import time

import pytest
from support import totp_code
from textual.widgets import Button, DataTable, Input, Select

from gckey_tui.api import ServiceClient
from gckey_tui.testing import message, settle, with_session

NEW_PASSWORD = "Birch4Canoe"


@pytest.fixture(autouse=True)
def _utc(monkeypatch):
    """Local times in tables and snapshots: the same on every machine."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


async def typed(pilot, selector: str, text: str) -> None:
    pilot.app.screen.query_one(selector).focus()
    await pilot.press(*text)


async def open_centre_entry(pilot, key: str) -> None:
    pilot.app.go_home()
    await settle(pilot)
    await pilot.press("c")
    await settle(pilot)
    await pilot.press(key)
    await settle(pilot)


async def reauthenticate_on_screen(pilot, known, clock) -> None:
    clock.advance(seconds=30)
    await typed(pilot, "#reauth-password", known.password)
    await typed(pilot, "#reauth-code", totp_code(known.secret, clock))


async def submit(pilot) -> None:
    pilot.app.screen.query_one("#submit", Button).press()
    await settle(pilot)


@pytest.mark.parametrize("language", ["en", "fr"])
async def test_change_the_password(make_console, account, clock, console_service, language):
    from gckey_tui.screens.account_password import PasswordChangeScreen

    known = await account(f"newpw{language}2026")
    app = with_session(make_console(language), known.client.token)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_centre_entry(pilot, "p")
        assert isinstance(app.screen, PasswordChangeScreen)
        await reauthenticate_on_screen(pilot, known, clock)
        await typed(pilot, "#new_password", "short")
        assert "✗" in str(app.screen.query_one("#feedback").render())  # the live checklist
        app.screen.query_one("#new_password", Input).value = ""
        await typed(pilot, "#new_password", NEW_PASSWORD)
        await submit(pilot)
        assert not isinstance(app.screen, PasswordChangeScreen), message(app)
    fresh = ServiceClient.in_process(console_service)
    assert (await fresh.sign_in(known.username, NEW_PASSWORD)).state == "two_factor_required"


@pytest.mark.parametrize("language", ["en", "fr"])
async def test_a_wrong_password_keeps_the_form_and_says_why(make_console, account, clock, language):
    from gckey_tui.screens.account_password import PasswordChangeScreen

    known = await account(f"wrongpw{language}26")
    app = with_session(make_console(language), known.client.token)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_centre_entry(pilot, "p")
        clock.advance(seconds=30)
        await typed(pilot, "#reauth-password", "Wrong7Password")
        await typed(pilot, "#reauth-code", totp_code(known.secret, clock))
        await typed(pilot, "#new_password", NEW_PASSWORD)
        await submit(pilot)
        assert isinstance(app.screen, PasswordChangeScreen)
        assert message(app) and "{" not in message(app)
        assert app.screen.query_one("#reauth-password", Input).value == ""


@pytest.mark.parametrize("language", ["en", "fr"])
async def test_change_the_email_address_through_its_code(make_console, account, clock, mail, language):
    from gckey_tui.screens.account_email import NewEmailCodeScreen

    known = await account(f"newem{language}2026")
    app = with_session(make_console(language), known.client.token)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_centre_entry(pilot, "e")
        await reauthenticate_on_screen(pilot, known, clock)
        await typed(pilot, "#email", "moved@example.com")
        await submit(pilot)
        assert isinstance(app.screen, NewEmailCodeScreen), message(app)
        await typed(pilot, "#code", mail.last_code("moved@example.com"))
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, NewEmailCodeScreen), message(app)
        assert (await app.client.me()).email == "moved@example.com"


@pytest.mark.parametrize("language", ["en", "fr"])
async def test_change_the_recovery_answers(make_console, account, clock, language):
    from gckey_tui.screens.account_answers import AnswersChangeScreen

    known = await account(f"answ{language}2026")
    app = with_session(make_console(language), known.client.token)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_centre_entry(pilot, "q")
        await settle(pilot)
        assert isinstance(app.screen, AnswersChangeScreen)
        await reauthenticate_on_screen(pilot, known, clock)
        for n, (question, answer) in enumerate([("q02", "a blue bicycle"), ("q04", "Gatineau"), ("q06", "Whiskers")]):
            app.screen.query_one(f"#question-{n}", Select).value = question
            await typed(pilot, f"#answer-{n}", answer)
        await submit(pilot)
        assert not isinstance(app.screen, AnswersChangeScreen), message(app)


@pytest.mark.parametrize("language", ["en", "fr"])
async def test_new_recovery_codes_through_the_saved_codes_screen(make_console, account, clock, language):
    from gckey_tui.screens.recovery_codes import RecoveryCodesScreen

    known = await account(f"codes{language}2026")
    app = with_session(make_console(language), known.client.token)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_centre_entry(pilot, "r")
        await reauthenticate_on_screen(pilot, known, clock)
        await submit(pilot)
        assert isinstance(app.screen, RecoveryCodesScreen), message(app)
        assert len(app.screen.codes) == 10 and not set(app.screen.codes) & set(known.recovery_codes)


async def test_enter_in_the_code_submits_when_no_field_follows(make_console, account, clock):
    """Password, Enter, code, Enter, as a person types it: Enter in the last field submits (it used to wrap
    focus back to the password and nothing happened)."""
    from gckey_tui.screens.recovery_codes import RecoveryCodesScreen

    known = await account("codesenter2026")
    app = with_session(make_console("en"), known.client.token)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_centre_entry(pilot, "r")
        clock.advance(seconds=30)
        await typed(pilot, "#reauth-password", known.password)
        await pilot.press("enter")
        assert app.focused.id == "reauth-code"
        await pilot.press(*totp_code(known.secret, clock), "enter")
        await settle(pilot)
        assert isinstance(app.screen, RecoveryCodesScreen), message(app)


@pytest.mark.parametrize("language", ["en", "fr"])
async def test_sessions_end_one_then_all_others(make_console, account, clock, console_service, language):
    known = await account(f"sess{language}2026")
    other = ServiceClient.in_process(console_service)
    await other.sign_in(known.username, known.password)
    clock.advance(seconds=30)
    await other.submit_second_factor(totp_code(known.secret, clock))
    app = with_session(make_console(language), known.client.token)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_centre_entry(pilot, "s")
        table = app.screen.query_one("#sessions", DataTable)
        assert table.row_count == 2
        current_row = next(row for row in range(2) if table.get_row_at(row)[0] == "*")
        table.move_cursor(row=1 - current_row)
        await pilot.press("d")
        await settle(pilot)
        assert table.row_count == 1 and table.get_row_at(0)[0] == "*"
    with pytest.raises(Exception):  # noqa: B017 - the other session was ended
        await other.me()


@pytest.mark.parametrize("language", ["en", "fr"])
async def test_activity_lists_sign_ins_and_failed_codes(make_console, account, clock, console_service, language):
    known = await account(f"acti{language}2026")
    attacker = ServiceClient.in_process(console_service)
    await attacker.sign_in(known.username, known.password)
    for _ in range(3):
        with pytest.raises(Exception):  # noqa: B017
            await attacker.submit_second_factor("000000")
    app = with_session(make_console(language), known.client.token)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_centre_entry(pilot, "y")
        table = app.screen.query_one("#events", DataTable)
        rows = [table.get_row_at(n) for n in range(table.row_count)]
        assert any("×3" in row[1] for row in rows)  # three failed codes, one line
        assert rows[-1][1] in ("GCKey created", "CléGC créée")
        assert table.columns[table.ordered_columns[0].key].label.plain.endswith("(UTC)")


def centre_snapshot(gckey_service, language: str, key: str):
    """A signed-in console opened at an account-centre entry (the account is made inside the app's loop)."""
    app = gckey_service.console(language)

    async def open_entry(pilot):
        with_session(app, (await gckey_service.account("snapshot2026")).client.token)
        await open_centre_entry(pilot, key)

    return app, open_entry


@pytest.mark.parametrize("language", ["en", "fr"])
def test_sessions_screen_snapshot(snap_compare, gckey_service, language):
    app, run_before = centre_snapshot(gckey_service, language, "s")
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_activity_screen_snapshot(snap_compare, gckey_service, language):
    app, run_before = centre_snapshot(gckey_service, language, "y")
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
