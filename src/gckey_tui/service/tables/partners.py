"""Sign-In Partner tables: device authorizations (codes as HMACs), pairwise links, the dev partner's key."""

from sqlalchemy import Column, ForeignKey, Index, Integer, LargeBinary, String, Table, UniqueConstraint

from gckey_tui.service.db import metadata
from gckey_tui.service.tables.accounts import TS

device_authorizations = Table(
    "partner_device_authorizations",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("partner_id", String(32), nullable=False),
    Column("device_code_hmac", String(64), nullable=False, unique=True),
    Column("user_code_hmac", String(64), nullable=False),
    # pending → authorizing (user code entered) → approved | denied → consumed (token issued once)
    Column("status", String(16), nullable=False),
    # HMAC of the OIDC ``state`` of the browser's current attempt (nonce and PKCE verifier derive from it)
    Column("state_hmac", String(64), unique=True),
    # set when a signed-in account asked to attach the partner
    Column("link_account_id", Integer, ForeignKey("accounts.id", ondelete="CASCADE")),
    Column("account_id", Integer, ForeignKey("accounts.id", ondelete="CASCADE")),
    Column("language", String(2), nullable=False),
    Column("interval", Integer, nullable=False),
    Column("last_polled_at", TS),
    Column("created_at", TS, nullable=False),
    Column("expires_at", TS, nullable=False),
    Column("consumed_at", TS),
    Index("ix_partner_device_user_code", "user_code_hmac"),
)

partner_links = Table(
    "partner_links",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("partner_id", String(32), nullable=False),
    # HMAC of issuer and subject: the only trace of the partner's identifier for the user
    Column("subject_hmac", String(64), nullable=False),
    Column("account_id", Integer, ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
    Column("created_at", TS, nullable=False),
    UniqueConstraint("partner_id", "subject_hmac"),
)

dev_partner_keys = Table(
    "dev_partner_keys",
    metadata,
    Column("kid", String(64), primary_key=True),
    Column("private_key", LargeBinary, nullable=False),  # AES-GCM ciphertext of the PEM
    Column("created_at", TS, nullable=False),
)
