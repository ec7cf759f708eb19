"""The whole registration → setup → sign-in path over HTTP."""

from gckey_tui.testing import totp_code


async def test_register_set_up_and_sign_in_again(make_account, new_client, clock):
    account = await make_account("alice2026")
    me = await account.client.me()
    assert me.username == "alice2026"
    assert me.two_factor.method == "totp"
    assert me.two_factor.recovery_codes_remaining == 10

    other = new_client()
    created = await other.sign_in("ALICE2026", account.password)
    assert created.state == "two_factor_required"
    assert created.two_factor_method == "totp"
    answer = await other.submit_second_factor(totp_code(account.secret, clock))
    assert answer.state == "authenticated"
    assert (await other.me()).username == "alice2026"
