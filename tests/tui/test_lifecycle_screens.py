"""Pilot tests of the lifecycle screens over a real embedded service: forgotten username and password,
export and deletion, report a problem (screenshot attached, no secret in it), and help snapshots."""

from __future__ import annotations

import json
import re
import stat

import pytest
from support import ANSWERS, totp_code
from textual.widgets import Button, Input, TextArea

from gckey_tui.api import ApiError, ServiceClient
from gckey_tui.testing import message, settle, with_session

NEW_PASSWORD = "Birch4Canoe"


@pytest.fixture
def console(make_console):
    """``console(language)``: a console app (welcome first) over the fresh embedded service."""
    return make_console


async def type_into(pilot, selector: str, text: str) -> None:
    widget = pilot.app.screen.query_one(selector)
    widget.focus()
    if isinstance(widget, Input):
        widget.value = ""
    if text:
        await pilot.press(*text)


async def press(pilot, selector: str) -> None:
    pilot.app.screen.query_one(selector, Button).focus()
    await pilot.press("enter")
    await settle(pilot)


async def test_forgot_username_emails_it_and_answers_neutrally(console, account, mail):
    known = await account("pilotname26")
    app = console()
    async with app.run_test(size=(80, 24)) as pilot:
        app.open("forgot_username")
        await pilot.pause()
        await pilot.press("enter")  # nothing typed: the field says so, visibly
        await settle(pilot)
        error_line = app.screen.query_one("#email-error")
        assert error_line.display and "Fill in this field" in str(error_line.render())
        await type_into(pilot, "#email", known.email)
        await pilot.press("enter")
        await settle(pilot)
        assert "on its way" in message(pilot.app)
        await type_into(pilot, "#email", "nobody@example.com")
        await pilot.press("enter")
        await settle(pilot)
        assert "on its way" in message(pilot.app)
    assert known.username in mail.last(known.email).get_content()
    assert not mail.messages("nobody@example.com")


async def test_forgot_password_steps_then_sign_in_still_needs_the_second_factor(
    console, account, mail, console_service, clock
):
    known = await account("pilotreset26")
    app = console()
    async with app.run_test(size=(80, 24)) as pilot:
        app.open("forgot_password")
        await pilot.pause()
        await type_into(pilot, "#username", known.username)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query_one("#steps").current == "step-code"
        await type_into(pilot, "#code", mail.last_code(known.email))
        await pilot.press("enter")
        await pilot.pause()
        assert "1." in str(app.screen.query_one("#question-0").render())
        for index, (_question, answer) in enumerate(ANSWERS):
            await type_into(pilot, f"#answer-{index}", answer)
        await pilot.press("enter")
        await pilot.pause()
        await type_into(pilot, "#new_password", "weak")
        rules = str(app.screen.query_one("#rules").render())
        assert "✗" in rules and "upper-case" in rules
        await type_into(pilot, "#new_password", NEW_PASSWORD)
        assert "✗" not in str(app.screen.query_one("#rules").render())
        await type_into(pilot, "#confirm_password", NEW_PASSWORD)
        await pilot.press("enter")
        await settle(pilot)
        assert "Your password was changed" in message(pilot.app)
        assert app.client.token is None  # it did not sign in
    fresh = ServiceClient.in_process(console_service)
    assert (await fresh.sign_in(known.username, NEW_PASSWORD)).state == "two_factor_required"


async def test_forgot_password_wrong_answers_start_again(console, account, mail):
    known = await account("pilotwrong26")
    app = console()
    async with app.run_test(size=(80, 24)) as pilot:
        app.open("forgot_password")
        await pilot.pause()
        await type_into(pilot, "#username", known.username)
        await pilot.press("enter")
        await settle(pilot)
        await type_into(pilot, "#code", mail.last_code(known.email))
        await pilot.press("enter")
        for index in range(3):
            await type_into(pilot, f"#answer-{index}", "wrong guess")
        await pilot.press("enter")
        await type_into(pilot, "#new_password", NEW_PASSWORD)
        await type_into(pilot, "#confirm_password", NEW_PASSWORD)
        await pilot.press("enter")
        await settle(pilot)
        assert "Start again" in message(pilot.app)
        assert app.screen.query_one("#steps").current == "step-username"


async def test_delete_with_export_first(console, account, console_service, clock, tmp_path, mail):
    known = await account("pilotgone26")
    app = with_session(console(), known.client.token)
    export = tmp_path / "exports" / "mine.json"
    async with app.run_test(size=(80, 24)) as pilot:
        app.open("account-data")
        await pilot.pause()
        await type_into(pilot, "#export_path", str(export))
        await press(pilot, "#delete-start")
        # the consequences are on screen before anything is asked, with the offer to export first
        assert "lose access to your applications" in str(app.screen.query_one("#consequences").render())
        assert not app.screen.query("#password")
        await press(pilot, "#export_first")
        assert str(export) in str(app.screen.query_one("#export_result").render())
        assert stat.S_IMODE(export.stat().st_mode) == 0o600
        data = json.loads(export.read_text())["data"]
        assert data["profile"]["username"] == known.username
        assert known.secret not in export.read_text()

        await press(pilot, "#continue")
        await press(pilot, "#delete")  # nothing typed yet: each field says it is needed
        assert app.screen.query_one("#password-error").display and app.client.token
        await type_into(pilot, "#password", known.password)
        clock.advance(seconds=30)
        await type_into(pilot, "#code", totp_code(known.secret, clock))
        await type_into(pilot, "#confirm_username", "someone2026")
        await press(pilot, "#delete")
        assert "not your username" in str(app.screen.query_one("#confirm_username-error").render())
        # the typo was caught before the code was spent: the same code still works
        await type_into(pilot, "#confirm_username", known.username)
        await press(pilot, "#delete")
        assert app.client.token is None and not app.signed_in
    assert "was deleted at your request" in mail.last(known.email).get_content()
    with pytest.raises(ApiError) as gone:
        await ServiceClient.in_process(console_service).sign_in(known.username, known.password)
    assert gone.value.code == "invalid_credentials"


def svg_attachment(mail_message) -> str:
    parts = list(mail_message.iter_attachments())
    assert len(parts) == 1 and parts[0].get_content_type() == "image/svg+xml"
    content = parts[0].get_content()
    return content.decode() if isinstance(content, bytes) else content


def visible_text(svg: str) -> str:
    """The characters drawn in a Textual SVG screenshot (text nodes, entities decoded)."""
    import html

    return html.unescape("".join(re.findall(r">([^<]*)</text>", svg))).replace("\xa0", " ")


async def test_report_a_problem_carries_a_screenshot_without_secrets(console, account, console_settings, mail, clock):
    known = await account("pilothelp26")
    app = with_session(console(), known.client.token)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open("account-data")
        await pilot.pause()
        await press(pilot, "#delete-start")
        await press(pilot, "#continue")
        await type_into(pilot, "#password", known.password)  # a secret on the screen being captured
        app.open("support")
        await pilot.pause()
        await type_into(pilot, "#subject", "Export question")
        app.screen.query_one("#description", TextArea).text = "The export file is empty."
        app.screen.query_one("#steps", TextArea).text = "Tried twice."
        await press(pilot, "#send")
        assert re.search(r"Reference GCK-\d{6}-\w{6}", message(pilot.app))
        assert "2026-11-17" in message(pilot.app)  # 10 federal business days
    sent = mail.last(console_settings.support_mailbox)
    body = sent.get_body(("plain",)).get_content()
    assert "The export file is empty." in body and known.username in body
    drawn = visible_text(svg_attachment(sent))
    assert "Delete my GCKey" in drawn  # the screen the user came from
    assert known.password not in drawn and known.secret not in svg_attachment(sent)


async def test_report_without_screenshot_when_unticked(console, console_settings, mail):
    app = console()
    async with app.run_test(size=(80, 24)) as pilot:
        app.open("support")
        await pilot.pause()
        await type_into(pilot, "#subject", "Question")
        app.screen.query_one("#description", TextArea).text = "How do I link?"
        await type_into(pilot, "#contact_email", "me@example.com")
        app.screen.query_one("#include_screenshot").value = False
        await press(pilot, "#send")
        assert "Reference" in message(pilot.app)
    assert not list(mail.last(console_settings.support_mailbox).iter_attachments())


@pytest.mark.parametrize("language", ["en", "fr"])
def test_help_screen_snapshot(snap_compare, console, language):
    app = console(language)

    async def open_help(pilot):
        app.open("help")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=open_help)


async def test_forgot_password_keeps_its_step_across_a_language_switch(console, account, mail):
    known = await account("pilotlang26")
    app = console()
    async with app.run_test(size=(80, 24)) as pilot:
        app.open("forgot_password")
        await pilot.pause()
        await type_into(pilot, "#username", known.username)
        await pilot.press("enter")
        await settle(pilot)
        await type_into(pilot, "#code", "123")
        await app.switch_language("fr")
        await settle(pilot)
        assert app.screen.query_one("#steps").current == "step-code"
        assert app.screen.query_one("#code", Input).value == "123"
        assert "Code reçu par courriel" in visible_text(app.export_screenshot())
        assert "Quel" in str(app.screen.query_one("#question-0").render())  # the questions in French too


async def test_reachable_from_welcome_and_home_by_key(console, account):
    from gckey_tui.screens.account import AccountScreen
    from gckey_tui.screens.account_centre import AccountCentreScreen
    from gckey_tui.screens.forgot_password import ForgotPasswordScreen
    from gckey_tui.screens.forgot_username import ForgotUsernameScreen
    from gckey_tui.screens.help import HelpScreen
    from gckey_tui.screens.support import SupportScreen

    app = console()
    async with app.run_test(size=(80, 24)) as pilot:
        for key, screen in (("u", ForgotUsernameScreen), ("f", ForgotPasswordScreen), ("h", HelpScreen)):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, screen)
            if key != "h":
                await pilot.press("escape")
                await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, SupportScreen)
        assert app.screen.query("#contact_email")  # signed out: asks where to answer

    known = await account("pilothome26")
    app = with_session(console(), known.client.token)
    async with app.run_test(size=(80, 24)) as pilot:
        app.go_home()
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, AccountCentreScreen)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, AccountScreen)


async def test_report_from_the_authenticator_setup_masks_the_secret_and_the_qr(
    console, account, console_settings, mail, clock
):
    from gckey_tui.screens.setup import SetupScreen

    known = await account("pilotqr2026")
    app = with_session(console(), known.client.token)
    async with app.run_test(size=(80, 24)) as pilot:
        clock.advance(seconds=30)
        await app.client.reauthenticate(known.password, totp_code(known.secret, clock))
        enrolment = await app.client.start_enrolment("totp")
        app.push_screen(SetupScreen(enrolment))
        await pilot.pause()
        assert on_screen(app, enrolment.secret)
        app.open("support")
        await pilot.pause()
        await type_into(pilot, "#subject", "QR does not scan")
        app.screen.query_one("#description", TextArea).text = "My app says invalid."
        await press(pilot, "#send")
        await pilot.press("escape")
        await pilot.pause()
        assert on_screen(app, enrolment.secret)  # the screen is restored after the screenshot
    svg = svg_attachment(mail.last(console_settings.support_mailbox))
    groups = [enrolment.secret[i : i + 4] for i in range(0, len(enrolment.secret), 4)]
    assert not any(group in visible_text(svg) for group in groups)
    assert "••••" in visible_text(svg)
    # no QR module is left (they are drawn as half blocks): the code area is one grey block
    assert not {"▀", "▄"} & set(visible_text(svg)) and "░" in visible_text(svg)


def on_screen(app, secret: str) -> bool:
    """Whether the setup screen draws the secret and a real QR code (not their masks)."""
    key = str(app.screen.query_one("#secret").render())
    code = str(app.screen.query_one("#qr").render())
    return key.replace(" ", "") == secret and "░" not in code and "▀" in code


async def test_empty_fields_on_the_two_factor_change_use_no_attempt(console, account, clock):
    known = await account("pilotempty26")
    app = with_session(console(), known.client.token)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open("two-factor")
        await settle(pilot)
        await type_into(pilot, "#password", known.password)
        for _try in range(12):  # more than the 10 second-factor failures that lock the account
            await press(pilot, "#change")
        assert "Fill in this field" in str(app.screen.query_one("#code-error").render())
        clock.advance(seconds=30)
        await type_into(pilot, "#code", totp_code(known.secret, clock))
        await press(pilot, "#change")
        assert type(app.screen).__name__ == "SetupChoiceScreen", message(pilot.app)
