"""Nothing secret is stored in plain text: the test reads every table."""

import pyotp
from sqlalchemy import inspect, select

from gckey_tui.service.db import metadata
from gckey_tui.testing import registration, totp_code


def every_stored_value(engine) -> str:
    """All rows of all tables, as one string."""
    dump = []
    with engine.connect() as conn:
        for name in inspect(conn).get_table_names():
            for row in conn.execute(select(metadata.tables[name])):
                dump.extend(v.hex() if isinstance(v, bytes) else str(v) for v in row)
    return "\n".join(dump)


async def test_no_password_code_secret_or_token_in_plain_text(client, new_client, outbox, clock, context):
    username, email = "plaintext26", "plaintext26@example.com"
    created = await client.register(registration(username, email))
    email_code = outbox.latest_code(email)
    session = await client.verify_registration(created.registration_id, email_code)
    enrolment = await client.start_enrolment("totp")
    recovery = (
        await client.confirm_enrolment(enrolment.enrolment_id, totp_code(enrolment.secret, clock))
    ).recovery_codes
    clock.advance(seconds=30)
    other = new_client()
    second = await other.sign_in(username, "Maple7Syrup")

    stored = every_stored_value(context.engine)
    assert username in stored  # the dump does hold the data
    secrets = [
        "Maple7Syrup",
        email_code,
        session.token,
        second.token,
        enrolment.secret,
        enrolment.secret.lower(),
        pyotp.TOTP(enrolment.secret).byte_secret().hex(),
        "the lake in summer",
        "biscuit",
        *recovery,
        *(code.replace("-", "") for code in recovery),
    ]
    for secret in secrets:
        assert secret not in stored, f"{secret!r} stored in plain text"
