"""Storage and keys: no secret in logs, private files, keys long enough, encrypted secrets bound to their row."""

from __future__ import annotations

import logging
import os
import stat
import subprocess
import sys

import httpx
import pytest
from sqlalchemy import select, text, update

from gckey_tui.api.errors import ApiError
from gckey_tui.config import Settings
from gckey_tui.service.security import SecretNotBound, account_binding
from gckey_tui.service.tables.accounts import accounts
from gckey_tui.testing import registration, totp_code

REFUSE_REGISTRATIONS = {
    "sqlite": [
        "CREATE TRIGGER refuse BEFORE INSERT ON registrations BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
    ],
    "postgresql": [
        "CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$"
        " LANGUAGE plpgsql",
        "CREATE TRIGGER refuse BEFORE INSERT ON registrations FOR EACH ROW EXECUTE FUNCTION refuse()",
    ],
}


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


async def test_a_database_error_logs_no_bound_parameter(service, context, caplog):
    with context.engine.begin() as conn:
        for statement in REFUSE_REGISTRATIONS[context.engine.dialect.name]:
            conn.execute(text(statement))
    transport = httpx.ASGITransport(app=service, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        with caplog.at_level(logging.ERROR, logger="gckey_tui.service"):
            answer = await http.post(
                "/api/v1/registrations", json=registration("logged26", "logged26@example.com").model_dump()
            )
    assert answer.status_code == 500 and answer.json()["error"]["code"] == "internal_error"
    assert "refused by the test" in caplog.text  # the failure itself is logged…
    assert "parameters hidden" in caplog.text  # …without what was bound to the statement
    for secret in ("$argon2id$", "logged26@example.com", "Maple7Syrup"):
        assert secret not in caplog.text


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_store_and_mail_are_readable_by_their_owner_only(context, settings, make_account, outbox):
    os.umask(0o022)  # the usual umask: files would be 0644
    await make_account("private26")
    store = context.engine.url.database
    for path in (store, f"{store}-wal", f"{store}-shm"):
        assert mode(path) == 0o600, path
    mail = settings.resolved_mail_dir()
    assert mode(mail) == 0o700 and mode(mail / "new") == 0o700 and mode(mail / "tmp") == 0o700
    delivered = list((mail / "new").iterdir())
    assert delivered and {mode(path) for path in delivered} == {0o600}


def test_an_existing_loose_store_is_tightened(tmp_path):
    from gckey_tui.service.db import make_engine

    store = tmp_path / "old.sqlite3"
    store.touch(mode=0o644)
    store.chmod(0o644)
    make_engine(f"sqlite:///{store}").dispose()
    assert mode(store) == 0o600


@pytest.mark.parametrize("key", ["short", "x" * 31, "é" * 15])
def test_a_secret_key_under_32_bytes_is_refused(tmp_path, key):
    with pytest.raises(ValueError, match="at least 32"):
        Settings(data_dir=tmp_path, secret_key=key)
    (tmp_path / "secret.key").write_text(key)
    with pytest.raises(ValueError, match="secret.key is .* at least 32"):
        Settings(data_dir=tmp_path).resolved_secret_key()
    assert Settings(data_dir=tmp_path, secret_key="x" * 32).resolved_secret_key() == b"x" * 32


def test_the_command_says_why_a_short_key_is_refused(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "gckey_tui", "admin", "seed-demo"],
        env={**os.environ, "GCKEY_SECRET_KEY": "hunter2", "GCKEY_DATA_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "GCKEY_SECRET_KEY is 7 bytes long; a secret key needs at least 32" in result.stderr


def totp_secret_of(context, username: str) -> bytes:
    with context.engine.connect() as conn:
        return conn.execute(select(accounts.c.totp_secret).where(accounts.c.username == username)).scalar_one()


def account_id_of(context, username: str) -> int:
    with context.engine.connect() as conn:
        return conn.execute(select(accounts.c.id).where(accounts.c.username == username)).scalar_one()


async def test_a_totp_secret_copied_to_another_account_does_not_decrypt(context, make_account, new_client, clock):
    alice, mallory = await make_account("alice2026"), await make_account("mallory26")
    stolen = totp_secret_of(context, "alice2026")
    with pytest.raises(SecretNotBound):
        context.secrets.decrypt(stolen, account_binding(account_id_of(context, "mallory26")))
    with context.engine.begin() as conn:
        conn.execute(update(accounts).where(accounts.c.username == "mallory26").values(totp_secret=stolen))
    for secret in (alice.secret, mallory.secret):  # neither the copied secret nor the account's own works
        client = new_client()
        await client.sign_in("mallory26", mallory.password)
        with pytest.raises(ApiError) as refused:
            await client.submit_second_factor(totp_code(secret, clock))
        assert refused.value.status == 401 and refused.value.code == "invalid_code"
        clock.advance(seconds=30)
