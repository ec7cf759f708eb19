"""Rewrites of stored values that a migration needs the service key for (``migrations/versions/0003``)."""

from __future__ import annotations

from sqlalchemy import Connection, select, update

from gckey_tui.service.dev_partner_keys import BINDING as DEV_PARTNER_KEY_BINDING
from gckey_tui.service.security import SecretNotBound, Secrets, account_binding
from gckey_tui.service.tables.accounts import accounts, enrolments
from gckey_tui.service.tables.partners import dev_partner_keys

#: the associated data every secret was encrypted with before they were bound to their rows
UNBOUND = "totp"


class KeyNeeded(RuntimeError):
    """The store holds encrypted secrets to rebind, and the migration was not given the service key."""


def bind_secrets_to_rows(secrets: Secrets | None, conn: Connection) -> None:
    """Re-encrypt every unbound secret for its row: TOTP secrets for their account, the development partner's
    signing key for its id. Needs the service key only when there is a secret."""
    if secrets is None:
        holds_secrets = (
            conn.execute(select(accounts.c.id).where(accounts.c.totp_secret.is_not(None)).limit(1)).first()
            or conn.execute(select(enrolments.c.id).where(enrolments.c.secret.is_not(None)).limit(1)).first()
            or conn.execute(select(dev_partner_keys.c.kid).limit(1)).first()
        )
        if holds_secrets:
            raise KeyNeeded(
                "this store's encrypted secrets are rebound with the service key: "
                "migrate it with the settings that hold it"
            )
        return
    query = select(accounts.c.id, accounts.c.totp_secret).where(accounts.c.totp_secret.is_not(None))
    for account_id, value in conn.execute(query).all():
        if (bound := _rebound(secrets, value, account_binding(account_id))) is not None:
            conn.execute(update(accounts).where(accounts.c.id == account_id).values(totp_secret=bound))
    query = select(enrolments.c.id, enrolments.c.account_id, enrolments.c.secret).where(
        enrolments.c.secret.is_not(None)
    )
    for enrolment_id, account_id, value in conn.execute(query).all():
        if (bound := _rebound(secrets, value, account_binding(account_id))) is not None:
            conn.execute(update(enrolments).where(enrolments.c.id == enrolment_id).values(secret=bound))
    for kid, value in conn.execute(select(dev_partner_keys.c.kid, dev_partner_keys.c.private_key)).all():
        if (bound := _rebound(secrets, value, DEV_PARTNER_KEY_BINDING)) is not None:
            conn.execute(update(dev_partner_keys).where(dev_partner_keys.c.kid == kid).values(private_key=bound))


def _rebound(secrets: Secrets, ciphertext: bytes, binding: str) -> bytes | None:
    """An unbound ciphertext encrypted anew for ``binding``; None for one already bound (nothing to do)."""
    try:
        return secrets.encrypt(secrets.decrypt(ciphertext, UNBOUND), binding)
    except SecretNotBound:
        return None
