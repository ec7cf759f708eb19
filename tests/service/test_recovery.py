"""Forgotten username and password: identical answers for existing and unknown accounts, the code rules,
the password policy, no sign-in and no second-factor bypass, throttling, races."""

import asyncio
import uuid

import httpx
import pytest

from gckey_tui.api import ApiError
from gckey_tui.service.policy import RECOVERY_QUESTIONS
from gckey_tui.testing import ANSWERS, PASSWORD, totp_code

NEW_PASSWORD = "Birch4Canoe"


def without_request_id(headers: httpx.Headers) -> dict[str, str]:
    """Every header but the request id (each answer has its own, for the logs)."""
    return {name: value for name, value in headers.items() if name != "x-request-id"}


def raw(service) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=service), base_url="http://t")


def same_answer(first: httpx.Response, second: httpx.Response) -> None:
    assert first.status_code == second.status_code
    assert first.content == second.content
    assert without_request_id(first.headers) == without_request_id(second.headers)


async def test_forgotten_username_answers_alike_and_mails_only_a_match(service, make_account, outbox):
    account = await make_account("forgetful26")
    before = len(outbox.messages())
    async with raw(service) as http:
        known = await http.post("/api/v1/recovery/username", json={"email": account.email.upper()})
        unknown = await http.post("/api/v1/recovery/username", json={"email": "nobody@example.com"})
    assert known.status_code == 202
    same_answer(known, unknown)
    assert not outbox.messages("nobody@example.com")
    mails = outbox.messages()[before:]
    assert len(mails) == 1 and mails[0]["To"] == account.email
    assert "forgetful26" in mails[0].get_content()


async def test_password_recovery_start_answers_alike(service, make_account, outbox, settings):
    account = await make_account("resetme2026")
    before = len(outbox.messages())
    async with raw(service) as http:
        known = await http.post("/api/v1/recovery/password", json={"username": account.username})
        unknown = await http.post("/api/v1/recovery/password", json={"username": "ghost20261"})
        again = await http.post("/api/v1/recovery/password", json={"username": "GHOST20261"})
    assert known.status_code == unknown.status_code == 202
    assert dict(known.headers).keys() == dict(unknown.headers).keys()
    k, u = known.json(), unknown.json()
    assert k.keys() == u.keys() == {"request_id", "question_ids", "expires_at", "mail_delayed"}
    assert k["question_ids"] == [q for q, _ in ANSWERS]
    # the decoy questions look real and stay the same for the same name
    assert len(set(u["question_ids"])) == 3 and set(u["question_ids"]) <= set(RECOVERY_QUESTIONS)
    assert again.json()["question_ids"] == u["question_ids"]
    assert len(k["request_id"]) == len(u["request_id"]) and k["expires_at"] == u["expires_at"]
    mails = outbox.messages()[before:]
    assert [mail["To"] for mail in mails] == [account.email]


async def start(client, outbox, account):
    started = await client.start_password_recovery(account.username)
    return started.request_id, outbox.latest_code(account.email)


async def test_reset_changes_password_ends_sessions_and_keeps_second_factor(make_account, new_client, outbox, clock):
    account = await make_account("resetok2026")
    client = new_client()
    request_id, code = await start(client, outbox, account)
    await client.complete_password_recovery(request_id, code, ANSWERS, NEW_PASSWORD)
    assert client.token is None  # it does not sign in
    assert "password was just reset" in outbox.latest(account.email).get_content()
    with pytest.raises(ApiError) as ended:
        await account.client.me()
    assert ended.value.status == 401
    with pytest.raises(ApiError) as old:
        await new_client().sign_in(account.username, PASSWORD)
    assert old.value.code == "invalid_credentials"
    fresh = new_client()
    created = await fresh.sign_in(account.username, NEW_PASSWORD)
    assert created.state == "two_factor_required"  # the second factor is not bypassed
    with pytest.raises(ApiError) as incomplete:
        await fresh.me()
    assert incomplete.value.code == "session_incomplete"
    await fresh.submit_second_factor(totp_code(account.secret, clock))
    assert (await fresh.me()).username == account.username


async def test_every_wrong_part_gives_the_same_answer(service, make_account, new_client, outbox):
    account = await make_account("wrongpart26")
    client = new_client()
    wrong_answers = [(q, "not it") for q, _ in ANSWERS]
    swapped = [(ANSWERS[0][0], ANSWERS[1][1]), ANSWERS[1], ANSWERS[2]]
    body = lambda code, answers: {  # noqa: E731
        "code": code,
        "security_answers": [{"question_id": q, "answer": a} for q, a in answers],
        "new_password": NEW_PASSWORD,
    }
    answers = []

    def url(request_id):
        return f"/api/v1/recovery/password/{request_id}/complete"

    async with raw(service) as http:
        request_id, code = await start(client, outbox, account)
        wrong_code = "000000" if code != "000000" else "111111"
        answers.append(await http.post(url(request_id), json=body(wrong_code, ANSWERS)))
        answers.append(await http.post(url(request_id), json=body(code, wrong_answers)))
        request_id, code = await start(client, outbox, account)
        answers.append(await http.post(url(request_id), json=body(code, swapped)))
        ghost = (await client.start_password_recovery("ghost20262")).request_id
        answers.append(await http.post(url(ghost), json=body(code, ANSWERS)))
        answers.append(await http.post(url(uuid.uuid4()), json=body(code, ANSWERS)))
    assert answers[0].json()["error"]["code"] == "invalid_recovery" and answers[0].status_code == 400
    for other in answers[1:]:
        same_answer(answers[0], other)
    # nothing changed
    await new_client().sign_in(account.username, PASSWORD)


async def test_code_rules_ten_minutes_five_tries_single_use(make_account, new_client, outbox, clock):
    account = await make_account("coderule26")
    client = new_client()

    async def complete(request_id, code):
        await client.complete_password_recovery(request_id, code, ANSWERS, NEW_PASSWORD)

    # expired after 10 minutes
    request_id, code = await start(client, outbox, account)
    clock.advance(minutes=10)
    with pytest.raises(ApiError) as expired:
        await complete(request_id, code)
    assert expired.value.code == "invalid_recovery"

    # five wrong tries spend the code
    request_id, code = await start(client, outbox, account)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    for _ in range(5):
        with pytest.raises(ApiError):
            await complete(request_id, wrong)
    with pytest.raises(ApiError) as spent:
        await complete(request_id, code)
    assert spent.value.code == "invalid_recovery"

    # a new request voids nothing of the old account, and its code is single use
    request_id, code = await start(client, outbox, account)
    await complete(request_id, code)
    with pytest.raises(ApiError) as reused:
        await client.complete_password_recovery(request_id, code, ANSWERS, "Another5Password")
    assert reused.value.code == "invalid_recovery"


async def test_right_code_with_wrong_answers_spends_the_code(make_account, new_client, outbox):
    account = await make_account("onetry2026")
    client = new_client()
    request_id, code = await start(client, outbox, account)
    with pytest.raises(ApiError):
        await client.complete_password_recovery(request_id, code, [(q, "guess") for q, _ in ANSWERS], NEW_PASSWORD)
    with pytest.raises(ApiError) as spent:
        await client.complete_password_recovery(request_id, code, ANSWERS, NEW_PASSWORD)
    assert spent.value.code == "invalid_recovery"


async def test_new_password_is_checked_by_the_policy_without_spending_the_code(make_account, new_client, outbox):
    account = await make_account("policy2026")
    client = new_client()
    request_id, code = await start(client, outbox, account)
    for weak in ("short1A", "alllowercase1", "Xpolicy2026x"):
        with pytest.raises(ApiError) as refused:
            await client.complete_password_recovery(request_id, code, ANSWERS, weak)
        assert refused.value.status == 422 and "new_password" in refused.value.fields
    await client.complete_password_recovery(request_id, code, ANSWERS, NEW_PASSWORD)


async def test_hourly_limit_answers_alike_for_existing_and_unknown(service, make_account, outbox):
    account = await make_account("spammed2026")
    before = len(outbox.messages(account.email))
    async with raw(service) as http:
        for _ in range(5):
            for path, body in (
                ("password", {"username": account.username}),
                ("password", {"username": "ghost20263"}),
                ("username", {"email": account.email}),
                ("username", {"email": "no@example.com"}),
            ):
                assert (await http.post(f"/api/v1/recovery/{path}", json=body)).status_code == 202
        known = await http.post("/api/v1/recovery/password", json={"username": account.username})
        unknown = await http.post("/api/v1/recovery/password", json={"username": "ghost20263"})
        known_mail = await http.post("/api/v1/recovery/username", json={"email": account.email})
        unknown_mail = await http.post("/api/v1/recovery/username", json={"email": "no@example.com"})
    assert known.status_code == 429 and known.json()["error"]["code"] == "too_many_requests"
    assert int(known.headers["Retry-After"]) == 3600
    same_answer(known, unknown)
    same_answer(known_mail, unknown_mail)
    assert len(outbox.messages(account.email)) - before == 10  # 5 codes and 5 reminders, no more


async def test_lockout_is_lifted_by_a_completed_reset(make_account, new_client, outbox):
    account = await make_account("lockedout26")
    client = new_client()
    for _ in range(5):
        with pytest.raises(ApiError):
            await client.sign_in(account.username, "Wrong7Password")
    request_id, code = await start(client, outbox, account)
    await client.complete_password_recovery(request_id, code, ANSWERS, NEW_PASSWORD)
    assert (await client.sign_in(account.username, NEW_PASSWORD)).state == "two_factor_required"


async def test_sixteen_concurrent_completions_succeed_once(settings, make_account, new_client, outbox):
    if "sqlite" in settings.database_url:
        pytest.skip("the race is meaningful on PostgreSQL")
    account = await make_account("racereset26")
    request_id, code = await start(new_client(), outbox, account)

    async def attempt(n: int) -> bool:
        try:
            await new_client().complete_password_recovery(request_id, code, ANSWERS, f"Birch{n}Canoe")
        except ApiError:
            return False
        return True

    results = await asyncio.gather(*(attempt(n) for n in range(16)))
    assert sum(results) == 1
