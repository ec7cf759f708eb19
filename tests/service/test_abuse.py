"""Attacks on sign-in, as an attacker would make them over HTTP (issue: abuse resistance).

Each test fails on the code before the limits were reserved before checking. Concurrency runs through the ASGI
app (its sync endpoints run in a thread pool), on SQLite and, in CI, PostgreSQL; counts are exact.
"""

from __future__ import annotations

import asyncio
import re
from datetime import timedelta

import httpx
import pytest

from gckey_tui.api import ApiError
from gckey_tui.api.models_reports import TokenRequest
from gckey_tui.service.flows import sign_in as sign_in_flow
from gckey_tui.testing import ANSWERS, registration, totp_code

WRONG = "Wrong7Password"


async def outcome(call) -> str:
    """'ok' or the error code of an awaited call."""
    try:
        await call
        return "ok"
    except ApiError as error:
        return error.code


def count_calls(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> list[int]:
    """Count the calls of ``owner.name`` (it still runs): how many checks really happened."""
    calls: list[int] = []
    real = getattr(owner, name)

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, counted)
    return calls


# -- 1. second-factor guessing across sign-ins ---------------------------------------------------------------


async def test_ten_wrong_codes_across_sign_ins_lock_the_second_factor(make_account, new_client, clock, outbox):
    account = await make_account("guessed2026")
    attacker = new_client()
    tried = 0
    while tried < 9:  # a new sign-in every 4 codes: the per-sign-in limit alone never stops this
        await attacker.sign_in(account.username, account.password)
        for _ in range(min(4, 9 - tried)):
            assert await outcome(attacker.submit_second_factor("000000")) == "invalid_code"
            tried += 1
    await attacker.sign_in(account.username, account.password)
    with pytest.raises(ApiError) as locked:
        await attacker.submit_second_factor("000000")
    assert locked.value.code == "too_many_attempts" and locked.value.retry_after == 15 * 60
    # the owner is told, and even the right code is refused while locked
    assert "Wrong codes were tried on your GCKey" in outbox.latest(account.email)["Subject"]
    owner = new_client()
    await owner.sign_in(account.username, account.password)
    assert await outcome(owner.submit_second_factor(totp_code(account.secret, clock))) == "too_many_attempts"
    clock.advance(minutes=15, seconds=1)
    await owner.sign_in(account.username, account.password)
    assert await outcome(owner.submit_second_factor(totp_code(account.secret, clock))) == "ok"


async def test_a_right_code_resets_the_accounts_count(make_account, new_client, clock):
    account = await make_account("resets2026")
    for _ in range(3):
        client = new_client()
        await client.sign_in(account.username, account.password)
        for _ in range(3):
            await outcome(client.submit_second_factor("000000"))
        await client.submit_second_factor(totp_code(account.secret, clock))
        clock.advance(seconds=30)
    # 9 wrong codes in all, but never more than 3 in a row: nothing is locked
    client = new_client()
    await client.sign_in(account.username, account.password)
    assert await outcome(client.submit_second_factor(totp_code(account.secret, clock))) == "ok"


async def test_the_lock_doubles_and_a_recovery_code_counts_too(make_account, new_client, clock):
    account = await make_account("doubling26")
    attacker = new_client()
    for _ in range(2):
        await attacker.sign_in(account.username, account.password)
        for _ in range(5):
            await outcome(attacker.recover("AAAA-AAAA-AAAA"))
    await attacker.sign_in(account.username, account.password)
    with pytest.raises(ApiError) as first:
        await attacker.recover("AAAA-AAAA-AAAA")
    assert first.value.retry_after == 15 * 60
    clock.advance(minutes=16)
    for _ in range(2):
        await attacker.sign_in(account.username, account.password)
        for _ in range(5):
            last = await outcome(attacker.submit_second_factor("000000"))
    assert last == "too_many_attempts"
    await attacker.sign_in(account.username, account.password)
    with pytest.raises(ApiError) as second:
        await attacker.submit_second_factor("000000")
    assert second.value.retry_after == 30 * 60


async def test_forty_concurrent_codes_on_one_sign_in_compare_at_most_five(make_account, new_client, monkeypatch):
    account = await make_account("burst2026")
    attacker = new_client()
    await attacker.sign_in(account.username, account.password)
    compared = count_calls(monkeypatch, sign_in_flow, "verify_second_factor")
    outcomes = await asyncio.gather(*(outcome(attacker.submit_second_factor(f"{n:06d}")) for n in range(40)))
    assert len(compared) == 5
    assert "ok" not in outcomes
    # the rest are refused unchecked (too_many_attempts while five are in flight) or find the sign-in ended
    assert set(outcomes) <= {"invalid_code", "sign_in_restart", "too_many_attempts", "unauthorized"}


# -- 2. password lockout under concurrency -------------------------------------------------------------------


async def test_thirty_concurrent_wrong_passwords_verify_exactly_five(make_account, new_client, context, monkeypatch):
    account = await make_account("flood2026")
    verified = count_calls(monkeypatch, context.secrets, "verify_password")
    clients = [new_client() for _ in range(30)]
    outcomes = await asyncio.gather(*(outcome(client.sign_in(account.username, WRONG)) for client in clients))
    assert len(verified) == 5
    assert outcomes.count("invalid_credentials") + outcomes.count("too_many_attempts") == 30
    assert outcomes.count("too_many_attempts") >= 25
    # the username is locked: the right password is refused without being checked
    assert await outcome(new_client().sign_in(account.username, account.password)) == "too_many_attempts"
    assert len(verified) == 5


# -- 3. a lock ends pending sign-ins --------------------------------------------------------------------------


async def test_a_lock_of_the_username_ends_its_pending_sign_ins(make_account, new_client, clock):
    account = await make_account("pending2026")
    pending = new_client()
    await pending.sign_in(account.username, account.password)
    for _ in range(5):
        await outcome(new_client().sign_in(account.username, WRONG))
    assert await outcome(pending.submit_second_factor(totp_code(account.secret, clock))) == "unauthorized"


# -- 4. API tokens end with their account ---------------------------------------------------------------------


async def reauthenticate(account, clock) -> None:
    clock.advance(seconds=30)
    await account.client.reauthenticate(account.password, totp_code(account.secret, clock))


async def token_reads(new_client, token: str) -> str:
    reader = new_client()
    reader.token = token
    return await outcome(reader.institutions())


async def test_tokens_end_when_the_account_is_deleted(make_account, new_client, clock):
    account = await make_account("deleted2026")
    token = (await account.client.create_token(TokenRequest(name="cron", expires_in_days=30))).token
    assert await token_reads(new_client, token) == "ok"
    await reauthenticate(account, clock)
    await account.client.delete_account(account.username)
    assert await token_reads(new_client, token) == "unauthorized"


async def test_tokens_end_on_password_reset_and_second_factor_change(make_account, new_client, clock, outbox):
    account = await make_account("tokenend26")
    token = (await account.client.create_token(TokenRequest(name="cron", expires_in_days=30))).token
    await reauthenticate(account, clock)
    enrolment = await account.client.start_enrolment("email")
    await account.client.confirm_enrolment(enrolment.enrolment_id, outbox.latest_code(account.email))
    assert await token_reads(new_client, token) == "unauthorized"

    token = (await account.client.create_token(TokenRequest(name="cron", expires_in_days=30))).token
    anonymous = new_client()
    started = await anonymous.start_password_recovery(account.username)
    await anonymous.complete_password_recovery(
        started.request_id, outbox.latest_code(account.email), ANSWERS, "Birch8Leaves"
    )
    assert await token_reads(new_client, token) == "unauthorized"


async def test_tokens_end_when_the_account_is_deactivated(make_account, new_client, context, clock):
    from gckey_tui.service import inactivity

    account = await make_account("inactive26")
    token = (await account.client.create_token(TokenRequest(name="cron", expires_in_days=30))).token
    clock.advance(days=2 * 365 - 20)
    inactivity.sweep(context)
    clock.advance(days=31)
    assert inactivity.sweep(context).deactivated == 1
    assert await token_reads(new_client, token) == "unauthorized"


async def test_forty_concurrent_token_creations_make_exactly_twenty(make_account, context, clock):
    account = await make_account("manytok26")
    outcomes = await asyncio.gather(
        *(outcome(account.client.create_token(TokenRequest(name=f"t{n}", expires_in_days=30))) for n in range(40))
    )
    assert outcomes.count("ok") == 20
    assert outcomes.count("too_many_tokens") == 20
    assert len((await account.client.tokens()).tokens) == 20


# -- 5. registration and signed-out support are limited ------------------------------------------------------


async def test_registrations_to_one_address_are_limited(client, outbox, context, monkeypatch):
    hashed = count_calls(monkeypatch, context.secrets, "hash_password")
    for n in range(5):
        await client.register(registration(f"spam{n}user26", "victim@example.com"))
    assert len(outbox.messages("victim@example.com")) == 5
    with pytest.raises(ApiError) as refused:
        await client.register(registration("spam9user26", "victim@example.com"))
    assert refused.value.code == "too_many_requests" and refused.value.retry_after
    assert len(outbox.messages("victim@example.com")) == 5
    assert len(hashed) == 5 * 4  # nothing hashed for the refused one


async def test_the_username_oracle_is_behind_the_client_limit(client, make_account, context, monkeypatch):
    await make_account("taken2026")
    hashed = count_calls(monkeypatch, context.secrets, "hash_password")
    answers = [await outcome(client.register(registration("taken2026", f"probe{n}@example.com"))) for n in range(31)]
    # the client's 30 an hour (one went to registering taken2026 itself), then refusals
    allowed = answers.count("invalid_registration")
    assert 29 <= allowed <= 30
    assert answers == ["invalid_registration"] * allowed + ["too_many_requests"] * (31 - allowed)
    assert hashed == []  # a taken name costs no hashing


async def test_signed_out_support_requests_are_limited_per_client(client):
    from gckey_tui.api import models_lifecycle as lm

    def report(n: int) -> lm.SupportRequest:
        return lm.SupportRequest(
            subject="Help", description="It broke", steps_taken="", contact_email=f"person{n}@example.com"
        )

    answers = [await outcome(client.report_problem(report(n))) for n in range(11)]
    assert answers == ["ok"] * 10 + ["too_many_requests"]


# -- 7. re-authentication counts against the username -------------------------------------------------------


async def test_wrong_passwords_at_re_authentication_lock_the_username(make_account, new_client, clock):
    account = await make_account("reauthpw26")
    answers = [await outcome(account.client.reauthenticate(WRONG, "000000")) for _ in range(5)]
    assert answers == ["invalid_credentials"] * 4 + ["too_many_attempts"]
    assert await outcome(new_client().sign_in(account.username, account.password)) == "too_many_attempts"


# -- 8. a new token at each step -----------------------------------------------------------------------------


async def test_the_token_seen_before_the_second_factor_is_useless_after_it(make_account, new_client, clock):
    account = await make_account("rotate2026")
    client = new_client()
    created = await client.sign_in(account.username, account.password)
    await client.submit_second_factor(totp_code(account.secret, clock))
    assert client.token != created.token
    stale = new_client()
    stale.token = created.token
    assert await outcome(stale.me()) == "unauthorized"
    assert (await client.me()).username == account.username


async def test_the_token_seen_before_a_recovery_code_is_useless_after_it(make_account, new_client):
    account = await make_account("rotaterc26")
    client = new_client()
    created = await client.sign_in(account.username, account.password)
    await client.recover(account.recovery_codes[0])
    stale = new_client()
    stale.token = created.token
    assert await outcome(stale.start_enrolment("totp")) == "unauthorized"


async def test_code_guesses_an_attacker_gets_per_day(make_account, new_client, clock, monkeypatch):
    """With the password known, an attacker gets 10 codes per lock, locks doubling up to 24 hours: 70 codes in
    the first 24 hours, then 10 a day (it was ~640,000 an hour)."""
    account = await make_account("perday2026")
    attacker = new_client()
    compared = count_calls(monkeypatch, sign_in_flow, "verify_second_factor")
    start = clock.now()
    while clock.now() - start < timedelta(hours=24):
        try:
            await attacker.sign_in(account.username, account.password)
            while True:
                await attacker.submit_second_factor("000000")
        except ApiError as error:
            if error.code == "too_many_attempts":
                clock.advance(seconds=error.retry_after or 1)
    assert len(compared) == 70


# -- 6. the device flow's browser page (RFC 8628 §5.4) and its limits ----------------------------------------


async def test_a_cross_site_post_cannot_approve_a_console(client, service):
    grant = await client.start_partner_sign_in("dev")
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=service), base_url="http://gckey.local") as web:
        # the victim's browser, posting the attacker's code from another site: no token, or the wrong origin
        forged = await web.post("/partners/verify", data={"user_code": grant.user_code})
        assert forged.status_code == 403 and "location" not in forged.headers
        form = await web.get("/partners/verify")
        token = re.search(r'name="csrf" value="([^"]+)"', form.text).group(1)
        foreign = await web.post(
            "/partners/confirm",
            data={"user_code": grant.user_code, "csrf": token},
            headers={"Origin": "https://evil.example"},
        )
        assert foreign.status_code == 403 and "location" not in foreign.headers


async def test_the_page_names_the_partner_and_the_code_before_going_on(client, service):
    grant = await client.start_partner_sign_in("dev")
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=service), base_url="http://gckey.local") as web:
        form = await web.get(grant.verification_uri_complete)
        token = re.search(r'name="csrf" value="([^"]+)"', form.text).group(1)
        asked = await web.post(
            "/partners/verify",
            data={"user_code": grant.user_code, "csrf": token},
            headers={"Origin": "http://gckey.local"},
        )
    assert asked.status_code == 200 and "location" not in asked.headers
    assert grant.user_code in asked.text and "Development partner" in asked.text and 'id="confirm"' in asked.text


async def test_the_verification_address_never_comes_from_the_host_header(service):
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=service), base_url="http://gckey.local") as http:
        answer = await http.post("/api/v1/partners/dev/device-authorizations", headers={"Host": "evil.example"})
    assert answer.json()["verification_uri"] == "http://gckey.local/partners/verify"


async def test_forwarded_addresses_are_believed_only_from_trusted_proxies(client, service, settings):
    grant = await client.start_partner_sign_in("dev")

    async def guess(forwarded_for: str) -> int:
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=service, client=("127.0.0.1", 5555)), base_url="http://gckey.local"
        ) as web:
            form = await web.get("/partners/verify")
            token = re.search(r'name="csrf" value="([^"]+)"', form.text).group(1)
            sent = await web.post(
                "/partners/verify",
                data={"user_code": "BBBB-BBBB", "csrf": token},
                headers={"X-Forwarded-For": forwarded_for},
            )
            return sent.status_code

    statuses = [await guess(f"203.0.113.{n}") for n in range(31)]
    assert statuses == [400] * 30 + [429]  # varying X-Forwarded-For bought nothing
    settings.trusted_proxies = "127.0.0.1"
    assert await guess("198.51.100.7") == 400  # behind a configured proxy, the forwarded address counts
    assert grant.user_code


async def test_device_authorizations_are_limited_per_client(client):
    answers = [await outcome(client.start_partner_sign_in("dev")) for _ in range(31)]
    assert answers == ["ok"] * 30 + ["too_many_requests"]


async def test_counters_store_no_typed_username_in_clear(client, context):
    from sqlalchemy import select

    from gckey_tui.service.tables.limits import limit_counters

    await outcome(client.sign_in("plainname2026", WRONG))
    with context.engine.connect() as conn:
        keys = list(conn.execute(select(limit_counters.c.key)).scalars())
    assert keys and not any("plainname2026" in key for key in keys)
