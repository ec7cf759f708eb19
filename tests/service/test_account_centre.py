"""The account centre over HTTP: password, email, recovery answers and codes, sessions, activity, notices."""

from __future__ import annotations

import httpx
import pytest

from gckey_tui.api import ApiError, ServiceClient
from gckey_tui.api.models_reports import TokenRequest
from gckey_tui.testing import ANSWERS, totp_code

NEW_PASSWORD = "Birch8Leaves"


async def code_of(call) -> str:
    try:
        await call
        return "ok"
    except ApiError as error:
        return error.code


async def reauthenticate(account, clock) -> None:
    clock.advance(seconds=30)
    await account.client.reauthenticate(account.password, totp_code(account.secret, clock))


def client_from(service, address: str) -> ServiceClient:
    """A console client calling from ``address``."""
    transport = httpx.ASGITransport(app=service, client=(address, 40000), raise_app_exceptions=False)
    return ServiceClient(transport=transport)


async def signed_in(service, account, clock, address: str = "127.0.0.1") -> ServiceClient:
    client = client_from(service, address)
    await client.sign_in(account.username, account.password)
    clock.advance(seconds=30)
    await client.submit_second_factor(totp_code(account.secret, clock))
    return client


async def test_every_change_needs_re_authentication(make_account):
    account = await make_account("reauthme26")
    calls = [
        account.client.change_password(account.password, NEW_PASSWORD),
        account.client.change_email("new@example.com"),
        account.client.change_security_answers(ANSWERS),
        account.client.regenerate_recovery_codes(),
    ]
    assert [await code_of(call) for call in calls] == ["reauthentication_required"] * 4


async def test_changing_the_password_ends_other_sessions_and_tokens(make_account, service, clock, outbox):
    account = await make_account("newpass2026")
    other = await signed_in(service, account, clock, "198.51.100.20")
    token = (await account.client.create_token(TokenRequest(name="cron", expires_in_days=30))).token
    await reauthenticate(account, clock)
    assert await code_of(account.client.change_password(account.password, "short")) == "invalid_password"
    assert await code_of(account.client.change_password("Wrong7Password", NEW_PASSWORD)) == "invalid_credentials"
    await account.client.change_password(account.password, NEW_PASSWORD)
    assert await code_of(other.me()) == "unauthorized"
    reader = client_from(service, "127.0.0.1")
    reader.token = token
    assert await code_of(reader.institutions()) == "unauthorized"
    assert (await account.client.me()).username == account.username  # this session goes on
    assert "Your GCKey password was changed" in outbox.latest(account.email)["Subject"]
    fresh = client_from(service, "127.0.0.1")
    assert await code_of(fresh.sign_in(account.username, account.password)) == "invalid_credentials"
    await fresh.sign_in(account.username, NEW_PASSWORD)


async def test_a_new_email_address_works_once_its_code_comes_back(make_account, clock, outbox):
    account = await make_account("newmail2026")
    await reauthenticate(account, clock)
    assert await code_of(account.client.change_email("not an address")) == "invalid_fields"
    await account.client.change_email("fresh@example.com")
    assert (await account.client.me()).email == account.email  # the old one works until the code is back
    assert await code_of(account.client.verify_email("000000")) == "invalid_code"
    await account.client.verify_email(outbox.latest_code("fresh@example.com"))
    assert (await account.client.me()).email == "fresh@example.com"
    told = outbox.latest(account.email)
    assert "email address was changed" in told["Subject"] and "fresh@example.com" in told.get_content()


async def test_new_recovery_answers_are_the_ones_asked(make_account, new_client, clock, outbox):
    account = await make_account("answers2026")
    await reauthenticate(account, clock)
    same = [("q01", "same answer"), ("q02", "same answer"), ("q03", "same answer")]
    assert await code_of(account.client.change_security_answers(same)) == "invalid_fields"
    fresh = [("q02", "a blue bicycle"), ("q04", "Gatineau"), ("q06", "Mr Whiskers")]
    await account.client.change_security_answers(fresh)
    anonymous = new_client()
    started = await anonymous.start_password_recovery(account.username)
    assert sorted(started.question_ids) == ["q02", "q04", "q06"]
    await anonymous.complete_password_recovery(
        started.request_id, outbox.latest_code(account.email), fresh, NEW_PASSWORD
    )


async def test_regenerated_recovery_codes_replace_the_old(make_account, new_client, clock):
    account = await make_account("regenrc2026")
    await reauthenticate(account, clock)
    codes = (await account.client.regenerate_recovery_codes()).recovery_codes
    assert len(codes) == 10 and not set(codes) & set(account.recovery_codes)
    assert (await account.client.me()).two_factor.method == "totp"  # the factor did not change
    old = new_client()
    await old.sign_in(account.username, account.password)
    assert await code_of(old.recover(account.recovery_codes[0])) == "invalid_code"
    assert await code_of(old.recover(codes[0])) == "ok"


async def test_sessions_list_and_ending_them(make_account, service, clock):
    account = await make_account("sessions2026")
    other = await signed_in(service, account, clock, "198.51.100.30")
    listed = (await account.client.live_sessions()).sessions
    assert len(listed) == 2
    current = next(entry for entry in listed if entry.current)
    elsewhere = next(entry for entry in listed if not entry.current)
    assert current.method == "totp" and current.client == "console"
    assert elsewhere.method == "totp" and elsewhere.address == "198.51.100.30"
    intruder = await make_account("intruder2026")
    assert await code_of(intruder.client.end_session(elsewhere.id)) == "session_not_found"
    assert await code_of(other.me()) == "ok"
    await account.client.end_session(elsewhere.id)
    assert await code_of(other.me()) == "unauthorized"
    third = await signed_in(service, account, clock, "198.51.100.31")
    await account.client.end_other_sessions()
    assert await code_of(third.me()) == "unauthorized"
    assert [entry.current for entry in (await account.client.live_sessions()).sessions] == [True]


async def test_activity_records_failed_codes_with_counts_and_the_lock(make_account, service, clock):
    account = await make_account("activity2026")
    attacker = client_from(service, "203.0.113.9")
    for _ in range(2):
        await attacker.sign_in(account.username, account.password)
        for _ in range(5):
            await code_of(attacker.submit_second_factor("000000"))
    clock.advance(minutes=16)
    events = (await (await signed_in(service, account, clock)).activity()).events
    kinds = [event.kind for event in events]
    assert kinds[0] == "sign_in"
    failed = next(event for event in events if event.kind == "code_failed")
    assert failed.count == 10 and failed.address == "203.0.113.9" and failed.client == "console"
    assert "second_factor_locked" in kinds
    assert kinds.index("second_factor_locked") < kinds.index("code_failed")  # newest first
    older = (await account.client.activity(limit=1, before=events[0].id)).events
    assert older[0].id == events[1].id


async def test_a_sign_in_from_a_new_client_and_address_sends_one_notice(make_account, service, clock, outbox):
    account = await make_account("notice2026")
    before = len(outbox.messages(account.email))
    await signed_in(service, account, clock)  # the address it registered from: known
    assert len(outbox.messages(account.email)) == before
    await signed_in(service, account, clock, "192.0.2.44")
    notice = outbox.latest(account.email)
    assert "New sign-in to your GCKey" in notice["Subject"] and "192.0.2.44" in notice.get_content()
    await signed_in(service, account, clock, "192.0.2.44")
    assert len(outbox.messages(account.email)) == before + 1


async def test_the_export_holds_the_activity(make_account):
    account = await make_account("exportact26")
    exported = await account.client.export_account()
    assert {"sign_in", "two_factor_set_up", "account_created"} <= {event["kind"] for event in exported.data["activity"]}


@pytest.mark.parametrize("language", ["fr"])
async def test_the_new_sign_in_notice_is_in_french_first(make_account, service, clock, outbox, language):
    account = await make_account("avisfr2026", language=language)
    await signed_in(service, account, clock, "192.0.2.45")
    assert outbox.latest(account.email)["Subject"].startswith("Nouvelle connexion à votre CléGC")


async def test_a_console_over_ssh_is_named_so_with_its_clients_address(
    make_account, service, settings, clock, monkeypatch
):
    from gckey_tui.api.client import identity

    account = await make_account("overssh2026")
    monkeypatch.setenv("SSH_CONNECTION", "203.0.113.77 50022 192.0.2.1 2222")
    headers = identity()
    assert headers["User-Agent"].endswith("(console; ssh)") and headers["X-Forwarded-For"] == "203.0.113.77"
    settings.trusted_proxies = "198.51.100.2"  # the serve-ssh host, as the operator configured it
    transport = httpx.ASGITransport(app=service, client=("198.51.100.2", 40000))
    over_ssh = ServiceClient(transport=transport)  # built while SSH_CONNECTION is set: it carries the headers
    await over_ssh.sign_in(account.username, account.password)
    clock.advance(seconds=30)
    await over_ssh.submit_second_factor(totp_code(account.secret, clock))
    listed = {entry.address: entry.client for entry in (await account.client.live_sessions()).sessions}
    assert listed["203.0.113.77"] == "console_ssh"


async def test_events_are_kept_two_years(make_account, context, clock):
    from gckey_tui.service import inactivity

    account = await make_account("keeptwo2026")
    assert (await account.client.activity()).events
    clock.advance(days=2 * 365 + 1)
    assert inactivity.sweep(context).events_forgotten >= 3
