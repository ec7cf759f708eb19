"""Rewrites of stored values when a store from an older version is opened (see ``db.SCHEMA_VERSION``)."""

from __future__ import annotations

from sqlalchemy import Connection, select, update

from gckey_tui.service.dev_partner_keys import BINDING as DEV_PARTNER_KEY_BINDING
from gckey_tui.service.security import Secrets, account_binding
from gckey_tui.service.tables.accounts import accounts, enrolments
from gckey_tui.service.tables.partners import dev_partner_keys

#: the associated data every secret was encrypted with up to schema version 1
UNBOUND = "totp"


def upgrade_store(secrets: Secrets, conn: Connection, stored_version: int) -> None:
    """Bring values written by ``stored_version`` up to date."""
    if stored_version < 2:
        bind_secrets_to_rows(secrets, conn)


def bind_secrets_to_rows(secrets: Secrets, conn: Connection) -> None:
    """Re-encrypt every secret with its row's binding: TOTP secrets to their account, the partner key to its id."""
    for account_id, ciphertext in conn.execute(
        select(accounts.c.id, accounts.c.totp_secret).where(accounts.c.totp_secret.is_not(None))
    ):
        secret = secrets.encrypt(secrets.decrypt(ciphertext, UNBOUND), account_binding(account_id))
        conn.execute(update(accounts).where(accounts.c.id == account_id).values(totp_secret=secret))
    for enrolment_id, account_id, ciphertext in conn.execute(
        select(enrolments.c.id, enrolments.c.account_id, enrolments.c.secret).where(enrolments.c.secret.is_not(None))
    ):
        secret = secrets.encrypt(secrets.decrypt(ciphertext, UNBOUND), account_binding(account_id))
        conn.execute(update(enrolments).where(enrolments.c.id == enrolment_id).values(secret=secret))
    for kid, ciphertext in conn.execute(select(dev_partner_keys.c.kid, dev_partner_keys.c.private_key)):
        key = secrets.encrypt(secrets.decrypt(ciphertext, UNBOUND), DEV_PARTNER_KEY_BINDING)
        conn.execute(update(dev_partner_keys).where(dev_partner_keys.c.kid == kid).values(private_key=key))
