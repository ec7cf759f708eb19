"""The kit against a real served instance (``gckey-tui serve``): its flows over HTTP, and ``gckey-tui selftest``,
which passes with the test account, fails (exit 1) with a wrong authenticator key or no answer, and says what is
missing (exit 2) when not configured."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from collections.abc import Iterator

import pyotp
import pytest

from gckey_tui.api import ServiceClient
from gckey_tui.testing import PASSWORD, Mailbox, ServedInstance, SmokeAccount, gckey_remote, register, registration

USERNAME = "selftest26"


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[ServedInstance]:
    """``gckey-tui serve --insecure-fast-hash`` on a free port, on a store of its own."""
    with ServedInstance(tmp_path_factory.mktemp("served")) as instance:
        yield instance


async def register_over_http(served: ServedInstance) -> SmokeAccount:
    """The test account, registered through the instance's API. Its authenticator is confirmed with the code of
    the step before this one (the service allows one step of drift), so that this step's code, the one the
    selftest will send, is still unspent."""
    email = f"{USERNAME}@example.com"
    async with ServiceClient(served.url) as client:
        created = await client.register(registration(USERNAME, email))
        await client.verify_registration(created.registration_id, Mailbox(served.mail_dir).latest_code(email))
        enrolment = await client.start_enrolment("totp")
        await client.confirm_enrolment(enrolment.enrolment_id, pyotp.TOTP(enrolment.secret).at(time.time() - 30))
        await client.sign_out()
    return SmokeAccount(USERNAME, PASSWORD, enrolment.secret)


@pytest.fixture(scope="module")
def account(served: ServedInstance) -> SmokeAccount:
    return asyncio.run(register_over_http(served))


async def test_the_flows_run_against_a_served_instance(served, monkeypatch):
    monkeypatch.setenv("GCKEY_SERVER", served.url)
    with gckey_remote(mail_dir=served.mail_dir) as remote:
        async with remote.run_console() as pilot:
            account = await register(pilot, "overhttp26")
    assert account.seen.screen == "HomeScreen" and "Signed in as overhttp26" in account.seen
    assert pilot.app.client.token is not None and not pilot.app.embedded  # a console in remote mode


def selftest(*arguments: str, account: SmokeAccount | None = None, lang: str = "en") -> subprocess.CompletedProcess:
    """``gckey-tui selftest …`` in a fresh process, the test account (if any) in its environment."""
    environment = {name: value for name, value in os.environ.items() if not name.startswith("GCKEY_")}
    environment["GCKEY_LANG"] = lang
    if account is not None:
        environment |= {
            "GCKEY_SELFTEST_USERNAME": account.username,
            "GCKEY_SELFTEST_PASSWORD": account.password,
            "GCKEY_SELFTEST_TOTP_SECRET": account.secret,
        }
    command = [sys.executable, "-m", "gckey_tui", "selftest", *arguments]
    return subprocess.run(command, env=environment, capture_output=True, text=True, timeout=120)


def test_selftest_passes_with_the_test_account(served, account):
    result = selftest("--server", served.url, account=account)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"Smoke test of {served.url}"
    assert [line.split()[0] for line in lines[1:6]] == ["ok"] * 5
    assert f"Signed in as {USERNAME}" in result.stdout
    assert "institutions: 0, open reports: 0, overdue: 0" in result.stdout
    assert lines[-1] == "Passed: the deployment works."


def test_selftest_fails_with_a_wrong_authenticator_key(served, account):
    wrong = SmokeAccount(account.username, account.password, pyotp.random_base32(32))
    result = selftest("--server", served.url, account=wrong, lang="fr")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "ok     Le service répond" in result.stdout
    # (French spacing: a non-breaking space before the colon)
    assert "ÉCHEC  Connexion (mot de passe et code)\u00a0: Le code est incorrect" in result.stdout
    assert "Échec à «\u00a0Connexion (mot de passe et code)\u00a0»" in result.stdout.splitlines()[-1]


def test_selftest_fails_when_the_server_does_not_answer(account):
    from gckey_tui.testing.served import free_port

    result = selftest("--server", f"http://127.0.0.1:{free_port()}", account=account)
    assert result.returncode == 1
    assert "FAILED Service answers" in result.stdout


def test_selftest_says_what_is_not_configured(served):
    assert selftest().returncode == 2
    no_account = selftest("--server", served.url)
    assert no_account.returncode == 2
    assert "GCKEY_SELFTEST_USERNAME, GCKEY_SELFTEST_PASSWORD, GCKEY_SELFTEST_TOTP_SECRET" in no_account.stderr
