"""``gckey-tui tokens``: a person signs in at a real terminal (pty), creates, lists and revokes a token."""

from __future__ import annotations

import json
import os
import sys
from datetime import UTC, datetime

import pexpect
import pytest

from gckey_tui.api import ServiceClient
from gckey_tui.config import Settings
from gckey_tui.service import create_app
from gckey_tui.service.clock import FrozenClock
from gckey_tui.testing import Mailbox, register_account, totp_code


@pytest.fixture
def local_store(tmp_path, monkeypatch):
    """A local store (the command's embedded mode) named by GCKEY_* variables, as a user's shell would."""
    variables = {
        "GCKEY_DATABASE_URL": f"sqlite:///{tmp_path / 'store.sqlite3'}",
        "GCKEY_MAIL_DIR": str(tmp_path / "mail"),
        "GCKEY_SECRET_KEY": "tokens-cli-test-key-0123456789abcdef",
        "GCKEY_HASH_PROFILE": "fast",
        "GCKEY_DATA_DIR": str(tmp_path / "data"),
    }
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    return Settings(
        data_dir=tmp_path / "data",
        database_url=variables["GCKEY_DATABASE_URL"],
        mail_dir=tmp_path / "mail",
        secret_key=variables["GCKEY_SECRET_KEY"],
        hash_profile="fast",
    )


async def registered(settings: Settings, method: str = "totp"):
    """An account made through the API at the real time (the command runs on the real clock)."""
    outbox = Mailbox(settings.resolved_mail_dir())
    app = create_app(settings, embedded=True, clock=FrozenClock(datetime.now(UTC)))
    async with ServiceClient.in_process(app) as client:
        account = await register_account(client, outbox, app.state.context.clock, "scripter2026")
        if method == "email":
            await client.reauthenticate(account.password, totp_code(account.secret, app.state.context.clock))
            enrolment = await client.start_enrolment("email")
            await client.confirm_enrolment(enrolment.enrolment_id, outbox.latest_code(account.email))
    app.state.context.engine.dispose()
    return account


def tokens_command(*words: str, language: str = "en") -> pexpect.spawn:
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), "GCKEY_LANG": language}
    return pexpect.spawn(
        sys.executable, ["-m", "gckey_tui", "tokens", *words], env=environment, encoding="utf-8", timeout=30
    )


def signs_in_by_email(terminal: pexpect.spawn, account, outbox: Mailbox) -> None:
    terminal.expect("Password: ")
    terminal.sendline(account.password)
    terminal.expect("A code was emailed to you. Code: ")
    terminal.sendline(outbox.latest_code(account.email))


async def test_create_a_token_signing_in_with_the_authenticator(local_store):
    account = await registered(local_store)
    created = tokens_command("create", "--name", "nightly", "--days", "30", "--json", "--username", account.username)
    created.expect("Password: ")
    created.sendline(account.password)
    created.expect("authenticator app: ")
    # the setup step is spent: the next step's code is accepted (±1 step)
    created.sendline(totp_code(account.secret, FrozenClock(datetime.now(UTC)), 1))
    created.expect(pexpect.EOF)
    created.close()
    assert created.exitstatus == 0
    answer = json.loads(created.before[created.before.index("{") :])
    assert answer["token"].startswith("gckr_") and answer["name"] == "nightly"
    assert account.password not in created.before  # typed at a hidden prompt, never echoed


async def test_list_and_revoke_signing_in_with_email_codes(local_store):
    account = await registered(local_store, "email")
    outbox = Mailbox(local_store.resolved_mail_dir())
    created = tokens_command("create", "--name", "weekly", "--json", "--username", account.username)
    signs_in_by_email(created, account, outbox)
    created.expect(pexpect.EOF)
    token = json.loads(created.before[created.before.index("{") :])

    listing = tokens_command("list", "--username", account.username)
    signs_in_by_email(listing, account, outbox)
    listing.expect(pexpect.EOF)
    assert "weekly" in listing.before and token["token"] not in listing.before

    revoking = tokens_command("revoke", token["id"], "--username", account.username)
    signs_in_by_email(revoking, account, outbox)
    revoking.expect(f"Token {token['id']} revoked.")
    revoking.expect(pexpect.EOF)

    again = tokens_command("list", "--json", "--username", account.username)
    signs_in_by_email(again, account, outbox)
    again.expect(pexpect.EOF)
    assert json.loads(again.before[again.before.index("{") :]) == {"tokens": []}


async def test_a_wrong_code_is_refused_with_the_services_message(local_store):
    account = await registered(local_store)
    terminal = tokens_command("list", "--username", account.username, language="fr")
    terminal.expect("Mot de passe : ")
    terminal.sendline(account.password)
    terminal.expect("authentification : ")
    terminal.sendline("000000")
    terminal.expect("Refusé : Le code est incorrect")
    terminal.expect(pexpect.EOF)
    terminal.close()
    assert terminal.exitstatus == 1


def test_without_a_terminal_it_says_why(local_store):
    import subprocess

    result = subprocess.run(
        [sys.executable, "-m", "gckey_tui", "tokens", "list"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
        timeout=60,
    )
    assert result.returncode == 2 and "needs a terminal" in result.stderr
