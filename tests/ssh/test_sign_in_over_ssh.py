"""Signing in over SSH against a served instance, typed through the real OpenSSH client in tmux (no pilot):
username, password and an authenticator code reach home; OSC 52 copy reaches the client's terminal."""

from __future__ import annotations

import asyncio
import re
from datetime import datetime, timedelta

import pyotp
import pytest
from ssh_support import TIMEOUT, wait_until
from support import register_account, registration

from gckey_tui.api import ServiceClient
from gckey_tui.service.clock import Clock
from gckey_tui.ssh import confinement
from gckey_tui.testing import Mailbox

pytestmark = pytest.mark.openssh


class StepAheadClock(Clock):
    """The served instance's real clock, seen ``advance``d: codes for a later 30 s step, which the service
    accepts (±1 step) and which is past the step the setup code used up."""

    def __init__(self) -> None:
        self.offset = timedelta()

    def now(self) -> datetime:
        return super().now() + self.offset

    def advance(self, **delta: float) -> None:
        self.offset += timedelta(**delta)


def delivered_mail(served) -> Mailbox:
    """A served instance's Maildir: its sender delivers in the background, so the kit's mailbox awaits a code."""
    return Mailbox(served.mail_dir, wait=TIMEOUT)


def delivered_code(served, email: str) -> str:
    """The code mailed to ``email``, once delivered."""
    return delivered_mail(served).latest_code(email)


def register(served, username: str, clock: StepAheadClock):
    """An account with an authenticator, registered over HTTP."""

    async def run():
        async with ServiceClient(served.url) as client:
            return await register_account(client, delivered_mail(served), clock, username)

    return asyncio.run(run())


def sign_in(terminal, account, clock: StepAheadClock) -> None:
    """Type the username, the password and an authenticator code, as a person would."""
    terminal.wait_for("Sign in with GCKey")
    terminal.keys("s")
    terminal.wait_for("Password")
    terminal.type(account.username)
    terminal.keys("Enter")
    terminal.wait_for_cursor_below("Password")  # typing ahead of a focus change is issue 15's, not SSH's
    terminal.type(account.password)
    terminal.keys("Enter")
    terminal.wait_for("123 456")  # the code field's placeholder: the second-factor screen
    assert account.password not in terminal.screen()  # never drawn in clear
    terminal.type(pyotp.TOTP(account.secret).at(clock.now()))
    terminal.keys("Enter")
    terminal.wait_for(f"Signed in as {account.username}")


def test_sign_in_over_ssh_reaches_home(served, start_ssh_server, open_terminal):
    clock = StepAheadClock()
    account = register(served, "sshuser2026", clock)
    server = start_ssh_server()
    terminal = open_terminal(server.ssh_command("-tt"))
    sign_in(terminal, account, clock)
    assert "sshuser2026" not in server.log() and account.password not in server.log()  # no keystrokes logged


@pytest.mark.skipif(confinement.prepare() is None, reason="this kernel has no Landlock: writes cannot be confined")
def test_a_signed_in_visitor_cannot_write_files_outside_its_session(served, start_ssh_server, open_terminal, tmp_path):
    """The account export writes where the visitor types: over SSH, that is on the server."""
    clock = StepAheadClock()
    account = register(served, "sshexport2026", clock)
    server = start_ssh_server()
    terminal = open_terminal(server.ssh_command("-tt"))
    sign_in(terminal, account, clock)
    terminal.keys("c")  # the account menu
    terminal.wait_for("Sessions and devices")
    terminal.keys("d")  # its data: export and deletion
    terminal.wait_for("Export my data")
    terminal.wait_for("gckey-export-")  # the file field is drawn with its default name: ready for keys
    target = tmp_path / "host-key-of-the-server"
    target.write_text("precious\n")
    terminal.keys("C-e", "C-u")  # the file field has focus: empty it
    terminal.type(str(target))
    terminal.wait_for("/host-key-of-the-server")  # the field shows the end of what was typed
    terminal.keys("Tab", "Enter")  # the Export button
    terminal.wait_for("The file could not be written: Permission denied")
    assert target.read_text() == "precious\n"


def test_osc52_copy_reaches_the_client_terminal(served, start_ssh_server, open_terminal):
    async def register_without_second_factor():
        async with ServiceClient(served.url) as client:
            email = "sshcopy2026@example.com"
            created = await client.register(registration("sshcopy2026", email))
            await client.verify_registration(created.registration_id, delivered_code(served, email))

    asyncio.run(register_without_second_factor())
    server = start_ssh_server()
    terminal = open_terminal(server.ssh_command("-tt"), 100, 40)  # room for the QR code beside the key
    terminal.wait_for("Sign in with GCKey")
    terminal.keys("s")
    terminal.wait_for("Password")
    terminal.type("sshcopy2026")
    terminal.keys("Enter")
    terminal.wait_for_cursor_below("Password")
    terminal.type("Maple7Syrup")
    terminal.keys("Enter")
    terminal.wait_for("Authenticator")
    terminal.keys("Enter")  # the authenticator app, the recommended choice
    screen = terminal.wait_for(r"([A-Z2-7]{4} ){7}[A-Z2-7]{4}", pattern=True)  # the key as grouped text
    assert terminal.clipboard() == ""
    terminal.keys("C-y")
    copied = wait_until(terminal.clipboard, "the copied text in the terminal's clipboard")
    assert re.fullmatch(r"[A-Z2-7]{32}", copied), copied
    grouped = " ".join(copied[index : index + 4] for index in range(0, len(copied), 4))
    assert grouped in screen  # what reached the client's clipboard is the key on the screen
