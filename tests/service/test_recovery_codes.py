"""Recovery codes: single use (also under 16 concurrent attempts), replaced on re-setup, notice email."""

import asyncio

import pytest

from gckey_tui.api import ApiError
from gckey_tui.testing import totp_code


async def test_recover_then_set_up_again_old_codes_stop_working(make_account, new_client, outbox, clock):
    account = await make_account("recover2026")
    client = new_client()
    await client.sign_in(account.username, account.password)
    answer = await client.recover(account.recovery_codes[0].lower())  # case does not matter
    assert answer.recovered and answer.state == "two_factor_setup_required"
    assert answer.recovery_codes_remaining == 9
    assert "recovery code was just used" in outbox.latest(account.email).get_content()

    # the recovered session may do nothing but set up a new factor
    with pytest.raises(ApiError) as refused:
        await client.me()
    assert refused.value.status == 403
    enrolment = await client.start_enrolment("totp")
    new_codes = (
        await client.confirm_enrolment(enrolment.enrolment_id, totp_code(enrolment.secret, clock))
    ).recovery_codes
    assert len(new_codes) == 10 and not set(new_codes) & set(account.recovery_codes)
    me = await client.me()
    assert me.two_factor.recovery_codes_remaining == 10
    assert "second factor was just set up again" in outbox.latest(account.email).get_content()

    clock.advance(seconds=30)
    later = new_client()
    await later.sign_in(account.username, account.password)
    with pytest.raises(ApiError) as old:
        await later.recover(account.recovery_codes[1])
    assert old.value.code == "invalid_code"
    assert (await later.recover(new_codes[0])).recovery_codes_remaining == 9


async def test_a_recovery_code_works_once(make_account, new_client):
    account = await make_account("onceonly26")
    first = new_client()
    await first.sign_in(account.username, account.password)
    await first.recover(account.recovery_codes[3])
    second = new_client()
    await second.sign_in(account.username, account.password)
    with pytest.raises(ApiError) as refused:
        await second.recover(account.recovery_codes[3])
    assert refused.value.code == "invalid_code"


async def test_sixteen_concurrent_redemptions_succeed_exactly_once(make_account, new_client):
    account = await make_account("racecode26")
    clients = [new_client() for _ in range(16)]
    for client in clients:
        await client.sign_in(account.username, account.password)

    async def attempt(client):
        try:
            await client.recover(account.recovery_codes[0])
            return True
        except ApiError as error:
            # losers fail, or are refused before checking while the account's 10 tries are all in flight (and
            # if ten failed before the winner's success reset the count, the lock ended their sign-ins)
            assert error.code in ("invalid_code", "too_many_attempts", "unauthorized")
            return False

    outcomes = await asyncio.gather(*(attempt(client) for client in clients))
    assert outcomes.count(True) == 1


async def test_sixteen_concurrent_uses_of_one_totp_code_succeed_exactly_once(make_account, new_client, clock):
    account = await make_account("racetotp26")
    clients = [new_client() for _ in range(16)]
    for client in clients:
        await client.sign_in(account.username, account.password)
    code = totp_code(account.secret, clock)

    async def attempt(client):
        try:
            await client.submit_second_factor(code)
            return True
        except ApiError:
            return False

    outcomes = await asyncio.gather(*(attempt(client) for client in clients))
    assert outcomes.count(True) == 1
