"""The development partner's RS256 signing key: made once, kept encrypted in the store (shared by workers)."""

from __future__ import annotations

from joserfc.jwk import RSAKey
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from gckey_tui.service.context import ServiceContext
from gckey_tui.service.tables.partners import dev_partner_keys

KID = "dev-partner-1"
#: the associated data of the key's encryption
BINDING = f"dev-partner-key:{KID}"


def signing_key(context: ServiceContext) -> RSAKey:
    """The key, created on first use; a concurrent creator's key wins if it was first."""
    with context.engine.connect() as conn:
        stored = conn.execute(select(dev_partner_keys.c.private_key).where(dev_partner_keys.c.kid == KID)).scalar()
    if stored is None:
        key = RSAKey.generate_key(2048, parameters={"kid": KID, "use": "sig", "alg": "RS256"}, private=True)
        try:
            with context.engine.begin() as conn:
                conn.execute(
                    insert(dev_partner_keys).values(
                        kid=KID,
                        private_key=context.secrets.encrypt(key.as_pem(private=True).decode(), BINDING),
                        created_at=context.clock.now(),
                    )
                )
            return key
        except IntegrityError:
            return signing_key(context)
    return RSAKey.import_key(
        context.secrets.decrypt(stored, BINDING), parameters={"kid": KID, "use": "sig", "alg": "RS256"}
    )
