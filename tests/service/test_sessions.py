"""Sessions: idle and absolute expiry, sign-out, re-authentication, revocation on factor change."""

import pytest

from gckey_tui.api import ApiError
from gckey_tui.testing import totp_code


async def test_idle_timeout_is_30_minutes(make_account, clock):
    account = await make_account("idle20266")
    clock.advance(minutes=29)
    await account.client.me()  # activity moves the idle deadline
    clock.advance(minutes=29)
    await account.client.me()
    clock.advance(minutes=30)
    with pytest.raises(ApiError) as expired:
        await account.client.me()
    assert expired.value.status == 401 and expired.value.code == "session_expired"


async def test_absolute_timeout_is_12_hours(make_account, clock):
    account = await make_account("absolute26")
    for _ in range(24):  # active all along: 11 h 36 min
        clock.advance(minutes=29)
        await account.client.me()
    clock.advance(minutes=29)
    with pytest.raises(ApiError):
        await account.client.me()


async def test_sign_out_ends_the_session(make_account):
    account = await make_account("signout26")
    token = account.client.token
    await account.client.sign_out()
    account.client.token = token
    with pytest.raises(ApiError) as refused:
        await account.client.me()
    assert refused.value.code == "unauthorized"


async def test_every_sign_in_gets_a_new_token(make_account, new_client):
    account = await make_account("rotate2026")
    tokens = set()
    for _ in range(3):
        other = new_client()
        tokens.add((await other.sign_in(account.username, account.password)).token)
    assert len(tokens) == 3 and account.client.token not in tokens


async def test_changing_the_factor_needs_reauthentication_and_ends_other_sessions(
    make_account, new_client, outbox, clock
):
    account = await make_account("change2026")
    elsewhere = new_client()
    await elsewhere.sign_in(account.username, account.password)
    await elsewhere.submit_second_factor(totp_code(account.secret, clock))

    with pytest.raises(ApiError) as refused:
        await account.client.start_enrolment("email")
    assert refused.value.code == "reauthentication_required"
    with pytest.raises(ApiError):
        await account.client.reauthenticate("Wrong7Password", totp_code(account.secret, clock, 1))
    clock.advance(seconds=30)
    await account.client.reauthenticate(account.password, totp_code(account.secret, clock))
    clock.advance(minutes=4)
    enrolment = await account.client.start_enrolment("email")
    codes = await account.client.confirm_enrolment(enrolment.enrolment_id, outbox.latest_code(account.email))
    assert len(codes.recovery_codes) == 10
    assert (await account.client.me()).two_factor.method == "email"
    assert "Your GCKey second factor was changed" in outbox.latest(account.email)["Subject"]
    with pytest.raises(ApiError) as ended:
        await elsewhere.me()
    assert ended.value.code == "unauthorized"


async def test_reauthentication_window_closes_after_5_minutes(make_account, clock):
    account = await make_account("window2026")
    await account.client.reauthenticate(account.password, totp_code(account.secret, clock))
    clock.advance(minutes=5)
    with pytest.raises(ApiError) as refused:
        await account.client.start_enrolment("totp")
    assert refused.value.code == "reauthentication_required"
