"""``gckey-tui admin seed-demo``: the demo account signs in with its published secret; seeding twice is harmless."""

import argparse

import pyotp

from gckey_tui.admin.accounts import DEMO_PASSWORD, DEMO_TOTP_SECRET, DEMO_USERNAME, seed_all


async def test_seed_demo_account_signs_in(context, client, clock, capsys):
    seed_all(argparse.Namespace(), context)
    seed_all(argparse.Namespace(), context)
    assert DEMO_USERNAME in capsys.readouterr().out
    created = await client.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    assert created.two_factor_method == "totp"
    await client.submit_second_factor(pyotp.TOTP(DEMO_TOTP_SECRET).at(clock.now()))
    assert (await client.me()).two_factor.recovery_codes_remaining == 10
