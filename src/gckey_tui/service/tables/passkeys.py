"""Passkeys and security keys (WebAuthn credentials) and the one-time tickets of their browser hand-off."""

from sqlalchemy import Column, ForeignKey, Index, Integer, LargeBinary, String, Table

from gckey_tui.service.db import metadata
from gckey_tui.service.tables.accounts import TS

passkeys = Table(
    "passkeys",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("account_id", Integer, ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
    # the authenticator's credential id (raw bytes, base64url on the wire); unique across accounts
    Column("credential_id", LargeBinary, nullable=False, unique=True),
    # the COSE public key as py_webauthn returns it (public: nothing to hide)
    Column("public_key", LargeBinary, nullable=False),
    # the authenticator's signature counter: it must grow (or stay 0 for authenticators without one)
    Column("sign_count", Integer, nullable=False),
    # comma-separated AuthenticatorTransport values the browser reported ("internal,hybrid")
    Column("transports", String(100), nullable=False),
    Column("name", String(64), nullable=False),
    Column("created_at", TS, nullable=False),
    Column("last_used_at", TS),
    Index("ix_passkeys_account", "account_id"),
)

passkey_tickets = Table(
    "passkey_tickets",
    metadata,
    Column("id", String(36), primary_key=True),
    # HMAC of the ticket in the page's address: the ticket itself is never stored
    Column("ticket_hmac", String(64), nullable=False, unique=True),
    # enrol (a signed-in session adds a passkey) | sign_in (a pending sign-in's second factor)
    Column("purpose", String(8), nullable=False),
    Column("session_id", Integer, ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False),
    Column("account_id", Integer, ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
    # the 2-digit number the console shows, and the two decoys the page offers beside it ("37,81")
    Column("number", String(2), nullable=False),
    Column("decoys", String(8), nullable=False),
    # pending → matched (right number picked, ceremony running) → verified (enrol: stored; sign-in: the console's
    # next poll finishes it) → consumed; or refused (wrong number, failed ceremony)
    Column("status", String(10), nullable=False),
    # the WebAuthn challenge, made when the right number is picked
    Column("challenge", LargeBinary),
    Column("created_at", TS, nullable=False),
    Column("expires_at", TS, nullable=False),
    Column("used_at", TS),
    Index("ix_passkey_tickets_session", "session_id"),
)
