"""Whole flows through the console's screens, as a user walks them: register, sign in, link an application.

Each flow presses the keys and fills the fields a user would, takes the codes a user would read from the
service's mail or from an authenticator app (the console's ``harness``), and returns what the user saw at the
end. A flow that cannot go on (the service refused a registration step, say) raises ``FlowStopped``, which
carries what the user saw at that point.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from textual.pilot import Pilot
from textual.widgets import Button, Checkbox, RadioButton, Select

from gckey_tui.testing.accounts import ANSWERS, PASSWORD
from gckey_tui.testing.console import Harness, KitConsole
from gckey_tui.testing.mailbox import Mailbox
from gckey_tui.testing.screen import Seen, fill, look, seen_now, settle, text_of


class FlowStopped(AssertionError):
    """A flow could not go on: ``seen`` is the screen it stopped on (its message line says why)."""

    def __init__(self, step: str, seen: Seen) -> None:
        super().__init__(f"{step}: stopped on {seen.screen}: {seen.message or seen.text}")
        self.step = step
        self.seen = seen


class Credentials(Protocol):
    """Who signs in: a ``Registered`` result, an ``Account`` made through the API, or the remote test account."""

    username: str
    password: str


@dataclass(frozen=True)
class Registered:
    """A GCKey registered through the screens, with what the user was shown on the way."""

    username: str
    password: str
    email: str
    #: the authenticator's key as the setup screen showed it (None when the factor is email, or not set up)
    secret: str | None
    #: the ten recovery codes as shown once (empty when the factor was not set up)
    recovery_codes: list[str]
    #: the last screen: home, or the choice of second factor when ``method=None``
    seen: Seen


def _console(pilot: Pilot[object]) -> KitConsole:
    if not isinstance(pilot.app, KitConsole):
        raise TypeError("the kit's flows drive a KitConsole: the gckey_console fixture, or harness.run_console()")
    return pilot.app


def _mailbox(harness: Harness) -> Mailbox:
    if harness.mailbox is None:
        raise RuntimeError("this service's mail cannot be read here: give its Maildir (gckey_remote(url, mail_dir=…))")
    return harness.mailbox


async def _expect(pilot: Pilot[object], screen: str, step: str) -> Seen:
    """What the user sees once the step's work is done, which must be ``screen``."""
    seen = await look(pilot)
    if seen.screen != screen:
        raise FlowStopped(step, seen)
    return seen


async def _to_welcome(pilot: Pilot[object], flow: str) -> None:
    """Back to the welcome screen as a user gets there: sign out (Ctrl+O), or Escape from a signed-out screen."""
    app = _console(pilot)
    if app.signed_in:
        await pilot.press("ctrl+o")
        await settle(pilot)
    for _screen in range(len(app.screen_stack)):
        if type(app.screen).__name__ == "WelcomeScreen":
            return
        await pilot.press("escape")
        await settle(pilot)
    if type(app.screen).__name__ != "WelcomeScreen":
        raise FlowStopped(f"{flow}: back to the welcome screen", seen_now(pilot))


async def register(
    pilot: Pilot[object],
    username: str,
    *,
    email: str | None = None,
    password: str = PASSWORD,
    answers: Sequence[tuple[str, str]] = ANSWERS,
    method: str | None = "totp",
) -> Registered:
    """Register ``username`` through the screens: welcome → the form (password, email ``<username>@example.com``
    unless given, three recovery questions) → the emailed code → the second factor ``method`` (``"totp"``: the
    authenticator app, ``"email"``: email codes; ``None`` stops at the choice of method, the account made) → the
    recovery codes, ticked as stored → home."""
    app = _console(pilot)
    harness = app.harness
    email = email or f"{username.lower()}@example.com"
    await _to_welcome(pilot, "register")
    await pilot.press("r")
    await _expect(pilot, "RegisterScreen", "open the registration form")
    await fill(pilot, "#username", username)
    await fill(pilot, "#password", password)
    await fill(pilot, "#email", email)
    for n, (question, answer) in enumerate(answers):
        app.screen.query_one(f"#question-{n}", Select).value = question
        await fill(pilot, f"#answer-{n}", answer)
    app.screen.query_one("#submit", Button).press()
    await _expect(pilot, "VerifyEmailScreen", "send the registration form")
    await fill(pilot, "#code", _mailbox(harness).latest_code(email))
    await pilot.press("enter")
    seen = await _expect(pilot, "SetupChoiceScreen", "verify the email address")
    if method is None:
        return Registered(username, password, email, None, [], seen)
    app.screen.query_one(f"#{method}", Button).press()
    await _expect(pilot, "SetupScreen", f"choose {method}")
    secret = None
    if method == "totp":
        secret = "".join(text_of(app.screen.query_one("#secret")).split())  # as shown: in groups of four
        code = await harness.authenticator_code(secret)
    else:
        code = _mailbox(harness).latest_code(email)
    await fill(pilot, "#code", code)
    await pilot.press("enter")
    await _expect(pilot, "RecoveryCodesScreen", f"set up {method}")
    if secret is not None:
        harness.code_accepted(secret)
    codes = [text_of(widget) for widget in app.screen.query("#codes .code")]
    app.screen.query_one("#stored", Checkbox).focus()
    await pilot.press("space")  # "I have saved and stored these codes safely"
    app.screen.query_one("#continue", Button).press()
    seen = await _expect(pilot, "HomeScreen", "confirm the recovery codes are stored")
    return Registered(username, password, email, secret, codes, seen)


async def sign_in(
    pilot: Pilot[object], who: Credentials | str, password: str | None = None, *, code: str | None = None
) -> Seen:
    """Sign in with GCKey through the screens (signing out first if a session is open): welcome → username and
    password → the second factor → home.

    ``who`` is a username (then give ``password``) or credentials (``Registered``, ``Account``, the remote test
    account). The code is ``code`` when given, else the authenticator's next one for ``who.secret``, else the
    code emailed to ``who.email``; with none of them the flow stops at the second-factor screen. A refusal is
    not an error: the screen that says so is returned.
    """
    harness = _console(pilot).harness
    username = who if isinstance(who, str) else who.username
    password = password if password is not None else getattr(who, "password", None)
    if password is None:
        raise TypeError("sign_in needs a password: give it, or credentials that carry one")
    await _to_welcome(pilot, "sign in")
    await pilot.press("s")
    await _expect(pilot, "SignInScreen", "open sign-in")
    await fill(pilot, "#username", username)
    await fill(pilot, "#password", password)
    await pilot.press("enter")
    seen = await look(pilot)
    if seen.screen != "SecondFactorScreen":
        return seen  # refused, locked, or a factor to set up: what the user sees is the answer
    secret: str | None = getattr(who, "secret", None)
    email: str | None = getattr(who, "email", None)
    authenticator = None  # the key whose code is sent, when the authenticator's
    if code is None:
        if getattr(pilot.app.screen, "method", None) == "email" and email:
            code = _mailbox(harness).latest_code(email)
        elif secret:
            code = await harness.authenticator_code(secret)
            authenticator = secret
        else:
            return seen
    await fill(pilot, "#code", code)
    await pilot.press("enter")
    seen = await look(pilot)
    if authenticator is not None and seen.screen == "HomeScreen":
        harness.code_accepted(authenticator)
    return seen


async def link_application(
    pilot: Pilot[object],
    application_number: str | None = None,
    *,
    family_name: str | None = None,
    uci: str | None = None,
    document_number: str | None = None,
    date_of_birth: date | str,
    country_of_birth: str,
) -> Seen:
    """Link an application through the screens, from home or the applications table: Applications → Link → the
    identifier (the application number and family name, or ``uci`` and ``document_number``) → date and country
    of birth → Link. Returns what the user saw: the table with the new application (and the notice), or the
    wizard saying why not.
    """
    app = _console(pilot)
    screen = type(app.screen).__name__
    if screen == "HomeScreen":
        await pilot.press("a")
    elif screen != "ApplicationsScreen":
        raise FlowStopped("link an application: start from home or the applications table", seen_now(pilot))
    await _expect(pilot, "ApplicationsScreen", "open the applications")
    await pilot.press("l")
    await _expect(pilot, "LinkApplicationScreen", "open the link wizard")
    app.screen.query_one("#by-number" if uci is None else "#by-uci", RadioButton).value = True
    app.screen.query_one("#continue", Button).press()
    await settle(pilot)
    if uci is not None:
        await fill(pilot, "#uci", uci)
        await fill(pilot, "#document_number", document_number or "")
    else:
        await fill(pilot, "#application_number", application_number or "")
        await fill(pilot, "#family_name", family_name or "")
    await fill(pilot, "#date_of_birth", str(date_of_birth))
    await fill(pilot, "#country_of_birth", country_of_birth)
    await pilot.press("enter")
    return await look(pilot)
