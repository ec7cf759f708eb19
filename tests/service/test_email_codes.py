"""Emailed codes: 10 minutes, 5 tries, single use, a new code voids the old; email as second factor."""

import pytest

from gckey_tui.api import ApiError
from gckey_tui.testing import registration


async def start(client, outbox, username="mailcode26"):
    email = f"{username}@example.com"
    created = await client.register(registration(username, email))
    return created.registration_id, email


async def test_code_expires_after_10_minutes(client, outbox, clock):
    registration_id, email = await start(client, outbox)
    code = outbox.latest_code(email)
    clock.advance(minutes=10)
    with pytest.raises(ApiError) as expired:
        await client.verify_registration(registration_id, code)
    assert expired.value.code == "code_expired"


async def test_five_tries_then_the_code_is_dead(client, outbox):
    registration_id, email = await start(client, outbox)
    code = outbox.latest_code(email)
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(5):
        with pytest.raises(ApiError) as failed:
            await client.verify_registration(registration_id, wrong)
        assert failed.value.code == "invalid_code"
    with pytest.raises(ApiError) as dead:
        await client.verify_registration(registration_id, code)
    assert dead.value.code == "code_expired"


async def test_a_new_code_voids_the_old_and_codes_are_single_use(client, outbox, service, clock):
    registration_id, email = await start(client, outbox)
    old = outbox.latest_code(email)
    clock.advance(seconds=30)
    await client.request("POST", f"/api/v1/registrations/{registration_id}/code")
    new = outbox.latest_code(email)
    if old != new:
        with pytest.raises(ApiError):
            await client.verify_registration(registration_id, old)
    created = await client.verify_registration(registration_id, new)
    assert created.state == "two_factor_setup_required"
    with pytest.raises(ApiError) as again:
        await client.verify_registration(registration_id, new)
    assert again.value.code == "registration_not_found"


async def test_another_code_is_refused_too_soon_and_past_five_an_hour(client, outbox, clock):
    registration_id, email = await start(client, outbox, "resender26")
    resend = f"/api/v1/registrations/{registration_id}/code"
    outbox.last_code(email)  # delivered: from now on it counts
    with pytest.raises(ApiError) as soon:
        await client.request("POST", resend)
    assert soon.value.status == 429 and soon.value.code == "code_sent_recently"
    assert 0 < soon.value.retry_after <= 30
    for _ in range(4):  # the first code and four more: five in the hour
        clock.advance(seconds=31)
        await client.request("POST", resend)
        outbox.last_code(email)
    clock.advance(seconds=31)
    with pytest.raises(ApiError) as hourly:
        await client.request("POST", resend)
    assert hourly.value.code == "code_sent_recently" and hourly.value.retry_after > 30 * 60
    assert len(outbox.messages(email)) == 5


async def test_email_as_second_factor(client, new_client, outbox, clock):
    registration_id, email = await start(client, outbox, "emailfa26")
    await client.verify_registration(registration_id, outbox.latest_code(email))
    enrolment = await client.start_enrolment("email")
    assert enrolment.secret is None and enrolment.otpauth_uri is None
    await client.confirm_enrolment(enrolment.enrolment_id, outbox.latest_code(email))

    other = new_client()
    created = await other.sign_in("emailfa26", "Maple7Syrup")
    assert created.two_factor_method == "email"
    await other.send_email_code()
    code = outbox.latest_code(email)
    assert "sign-in code" in outbox.latest(email).get_content()
    assert (await other.submit_second_factor(code)).state == "authenticated"
    # spent
    third = new_client()
    await third.sign_in("emailfa26", "Maple7Syrup")
    with pytest.raises(ApiError):
        await third.submit_second_factor(code)


async def test_email_code_request_refused_for_totp_accounts(make_account, new_client):
    account = await make_account("totponly26")
    other = new_client()
    await other.sign_in(account.username, account.password)
    with pytest.raises(ApiError) as refused:
        await other.send_email_code()
    assert refused.value.code == "not_email_method"


async def test_a_wrong_code_says_how_many_tries_are_left_and_concurrent_guesses_compare_five(client, outbox):
    import asyncio

    from gckey_tui.api import ApiError
    from gckey_tui.testing import registration

    created = await client.register(registration("tries2026", "tries@example.com"))
    with pytest.raises(ApiError) as wrong:
        await client.verify_registration(created.registration_id, "000000")
    assert "Attempts left: 4." in wrong.value.message

    async def guess(n: int) -> str:
        try:
            await client.verify_registration(created.registration_id, f"{n:06d}")
            return "ok"
        except ApiError as error:
            return error.code

    real = int(outbox.latest_code("tries@example.com"))
    guesses = [n for n in range(100, 131) if n != real][:30]
    outcomes = await asyncio.gather(*(guess(n) for n in guesses))
    # 4 tries were left: 4 comparisons, every other guess finds the code spent
    assert outcomes.count("invalid_code") == 4 and outcomes.count("code_expired") == 26
