"""TOTP: RFC 6238 vectors, ±1 step, single acceptance, setup code spent."""

import base64

import pytest

from gckey_tui.api import ApiError
from gckey_tui.service.security import totp_matching_step
from gckey_tui.testing import totp_code

RFC_SECRET = base64.b32encode(b"12345678901234567890").decode()

# RFC 6238 Appendix B, SHA-1, last 6 of the 8 digits
RFC_VECTORS = [
    (59, "287082"),
    (1111111109, "081804"),
    (1111111111, "050471"),
    (1234567890, "005924"),
    (2000000000, "279037"),
    (20000000000, "353130"),
]


@pytest.mark.parametrize(("moment", "code"), RFC_VECTORS)
def test_rfc6238_vectors(moment, code):
    assert totp_matching_step(RFC_SECRET, code, moment) == moment // 30


def test_one_step_of_drift_either_way_and_no_more():
    code = "005924"  # valid at 1234567890
    assert totp_matching_step(RFC_SECRET, code, 1234567890 + 30) is not None
    assert totp_matching_step(RFC_SECRET, code, 1234567890 - 30) is not None
    assert totp_matching_step(RFC_SECRET, code, 1234567890 + 90) is None
    assert totp_matching_step(RFC_SECRET, "00592", 1234567890) is None
    assert totp_matching_step(RFC_SECRET, "abcdef", 1234567890) is None


async def test_a_code_signs_in_once_only(make_account, new_client, clock):
    account = await make_account("replay2026")
    code = totp_code(account.secret, clock)
    first = new_client()
    await first.sign_in(account.username, account.password)
    assert (await first.submit_second_factor(code)).state == "authenticated"

    second = new_client()
    await second.sign_in(account.username, account.password)
    with pytest.raises(ApiError) as refused:
        await second.submit_second_factor(code)
    assert refused.value.status == 401 and refused.value.code == "invalid_code"
    # an older step than the last accepted one is refused too
    with pytest.raises(ApiError):
        await second.submit_second_factor(totp_code(account.secret, clock, steps_ahead=-1))
    assert (await second.submit_second_factor(totp_code(account.secret, clock, steps_ahead=1))).state == (
        "authenticated"
    )


async def test_the_setup_code_cannot_sign_in(client, new_client, outbox, clock):
    from gckey_tui.testing import registration

    created = await client.register(registration("setupcode1", "setupcode1@example.com"))
    await client.verify_registration(created.registration_id, outbox.latest_code("setupcode1@example.com"))
    enrolment = await client.start_enrolment("totp")
    setup_code = totp_code(enrolment.secret, clock)
    await client.confirm_enrolment(enrolment.enrolment_id, setup_code)

    other = new_client()
    await other.sign_in("setupcode1", "Maple7Syrup")
    with pytest.raises(ApiError) as refused:
        await other.submit_second_factor(setup_code)
    assert refused.value.code == "invalid_code"
