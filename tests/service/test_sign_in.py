"""Password step: no enumeration, lockout per username, second-factor failure budget."""

from datetime import timedelta

import httpx
import pytest

from gckey_tui.api import ApiError
from gckey_tui.testing import totp_code


def without_request_id(headers: httpx.Headers) -> dict[str, str]:
    """Every header but the request id (each answer has its own, for the logs)."""
    return {name: value for name, value in headers.items() if name != "x-request-id"}


def raw(service) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=service), base_url="http://t")


async def test_unknown_username_and_wrong_password_answer_identically(service, make_account):
    await make_account("known2026")
    async with raw(service) as http:
        wrong = await http.post("/api/v1/sessions", json={"username": "known2026", "password": "Wrong7Password"})
        unknown = await http.post("/api/v1/sessions", json={"username": "nobody2026", "password": "Wrong7Password"})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.content == unknown.content
    assert wrong.json()["error"]["code"] == "invalid_credentials"
    assert without_request_id(wrong.headers) == without_request_id(unknown.headers)


async def test_five_wrong_passwords_lock_for_15_minutes_then_doubling(client, make_account, clock):
    account = await make_account("locked2026")
    for _ in range(4):
        with pytest.raises(ApiError) as failed:
            await client.sign_in(account.username, "Wrong7Password")
        assert failed.value.code == "invalid_credentials"
    with pytest.raises(ApiError) as locked:
        await client.sign_in(account.username, "Wrong7Password")
    assert locked.value.status == 429 and locked.value.code == "too_many_attempts"
    assert locked.value.retry_after == 15 * 60
    assert "12:15" in locked.value.message  # says when to retry
    # the right password does not get through a lock
    clock.advance(minutes=14)
    with pytest.raises(ApiError) as still:
        await client.sign_in(account.username, account.password)
    assert still.value.code == "too_many_attempts" and still.value.retry_after == 60
    clock.advance(minutes=1)
    # five more failures: the second lock lasts 30 minutes
    for _ in range(4):
        with pytest.raises(ApiError):
            await client.sign_in(account.username, "Wrong7Password")
    with pytest.raises(ApiError) as second:
        await client.sign_in(account.username, "Wrong7Password")
    assert second.value.retry_after == 30 * 60


async def test_lock_duration_caps_at_24_hours():
    from gckey_tui.service.limits import PASSWORD, SECOND_FACTOR

    for rule in (PASSWORD, SECOND_FACTOR):
        assert [rule.lock_duration(n) for n in (1, 2, 3)] == [timedelta(minutes=m) for m in (15, 30, 60)]
        assert rule.lock_duration(7) == timedelta(hours=16)
        assert rule.lock_duration(8) == rule.lock_duration(30) == timedelta(hours=24)


async def test_unknown_usernames_lock_the_same_way(service):
    async with raw(service) as http:
        answers = [
            await http.post("/api/v1/sessions", json={"username": "ghost2026", "password": "Nope7Nope"})
            for _ in range(5)
        ]
    assert [a.status_code for a in answers] == [401, 401, 401, 401, 429]
    assert answers[-1].headers["retry-after"] == "900"


async def test_a_good_password_resets_the_count(client, make_account, clock):
    account = await make_account("resets2026")
    for _ in range(4):
        with pytest.raises(ApiError):
            await client.sign_in(account.username, "Wrong7Password")
    await client.sign_in(account.username, account.password)
    for _ in range(4):
        with pytest.raises(ApiError) as failed:
            await client.sign_in(account.username, "Wrong7Password")
        assert failed.value.code == "invalid_credentials"


async def test_five_wrong_codes_end_the_pending_sign_in(client, make_account, clock):
    account = await make_account("codes2026")
    await client.sign_in(account.username, account.password)
    for remaining in (4, 3, 2, 1):
        with pytest.raises(ApiError) as wrong:
            await client.submit_second_factor("000000")
        assert wrong.value.code == "invalid_code" and str(remaining) in wrong.value.message
    with pytest.raises(ApiError) as ended:
        await client.submit_second_factor("000000")
    assert ended.value.code == "sign_in_restart"
    with pytest.raises(ApiError) as gone:
        await client.submit_second_factor(totp_code(account.secret, clock))
    assert gone.value.status == 401 and gone.value.code == "unauthorized"
    # second-factor failures are not password failures: the password still works at once
    created = await client.sign_in(account.username, account.password)
    assert created.state == "two_factor_required"


async def test_half_signed_in_session_can_only_finish_signing_in(service, client, make_account):
    account = await make_account("halfway2026")
    await client.sign_in(account.username, account.password)
    with pytest.raises(ApiError) as refused:
        await client.me()
    assert refused.value.status == 403 and refused.value.code == "session_incomplete"
    with pytest.raises(ApiError) as enrol:
        await client.start_enrolment("totp")
    assert enrol.value.status == 403
    with pytest.raises(ApiError) as reauth:
        await client.reauthenticate(account.password, "123456")
    assert reauth.value.status == 403
    assert (await client.current_session()).state == "two_factor_required"


async def test_no_token_or_a_bad_token_is_401(service):
    async with raw(service) as http:
        assert (await http.get("/api/v1/me")).status_code == 401
        bad = await http.get("/api/v1/me", headers={"Authorization": "Bearer not-a-token"})
    assert bad.status_code == 401 and bad.json()["error"]["code"] == "unauthorized"


async def test_messages_follow_accept_language(service):
    async with raw(service) as http:
        answer = await http.post(
            "/api/v1/sessions",
            json={"username": "x", "password": "y"},
            headers={"Accept-Language": "fr-CA,fr;q=0.9"},
        )
    assert answer.json()["error"]["message"] == "Le nom d'utilisateur ou le mot de passe est incorrect."
