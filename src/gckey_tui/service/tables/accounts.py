"""Accounts, credentials, codes and sessions. Secrets and codes appear only as hashes, HMACs or ciphertext."""

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from gckey_tui.service.db import metadata

TS = DateTime(timezone=True)

accounts = Table(
    "accounts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("username", String(16)),
    # casefolded username; NULL once the account is deleted, so the name can be registered again
    Column("username_key", String(16), unique=True),
    Column("password_hash", Text),
    Column("email", String(320)),
    Column("language", String(2), nullable=False, default="en"),
    Column("status", String(16), nullable=False, default="active"),  # active | deactivated | deleted
    Column("two_factor_method", String(8)),  # totp | email | NULL (not set up yet)
    Column("totp_secret", LargeBinary),  # AES-GCM ciphertext of the secret
    Column("totp_last_step", BigInteger),  # last accepted RFC 6238 time step: replay refusal
    Column("created_at", TS, nullable=False),
    Column("last_sign_in_at", TS),
    Column("last_activity_at", TS, nullable=False),
    Column("inactivity_warned_at", TS),
    Column("deactivated_at", TS),
    Column("deleted_at", TS),
)

security_answers = Table(
    "security_answers",
    metadata,
    Column("account_id", Integer, ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("question_id", String(64), nullable=False),
    Column("answer_hash", Text, nullable=False),  # argon2id of the normalised answer
)

registrations = Table(
    "registrations",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("username", String(16), nullable=False),
    Column("password_hash", Text, nullable=False),
    Column("email", String(320), nullable=False),
    Column("language", String(2), nullable=False),
    Column("answers", Text, nullable=False),  # JSON [{question_id, answer_hash}]
    Column("created_at", TS, nullable=False),
    Column("expires_at", TS, nullable=False),
    Column("completed_at", TS),
)

email_codes = Table(
    "email_codes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    # what the code is for, and for which registration / session / enrolment / request
    Column("purpose", String(32), nullable=False),
    Column("subject", String(64), nullable=False),
    Column("code_hmac", String(64), nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("created_at", TS, nullable=False),
    Column("expires_at", TS, nullable=False),
    Column("used_at", TS),  # consumed, or voided by a newer code
    Index("ix_email_codes_subject", "purpose", "subject"),
)

recovery_codes = Table(
    "recovery_codes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("account_id", Integer, ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
    Column("code_hmac", String(64), nullable=False),
    Column("created_at", TS, nullable=False),
    Column("used_at", TS),
    UniqueConstraint("account_id", "code_hmac"),
)

sessions = Table(
    "sessions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("token_hmac", String(64), nullable=False, unique=True),
    Column("account_id", Integer, ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
    Column("state", String(32), nullable=False),
    Column("recovered", Boolean, nullable=False, default=False),
    Column("second_factor_failures", Integer, nullable=False, default=0),  # unused: see service.limits
    Column("created_at", TS, nullable=False),
    Column("last_seen_at", TS, nullable=False),
    Column("expires_at", TS, nullable=False),
    Column("reauthenticated_at", TS),
    Column("revoked_at", TS),
    # how it signed in (totp | email | recovery_code | partner), from which client and address
    Column("method", String(16)),
    Column("client", String(16)),
    Column("address", String(64)),
    Index("ix_sessions_account", "account_id"),
)

pending_emails = Table(
    "pending_emails",
    metadata,
    # a new address waiting for its code; the old one keeps working until then
    Column("account_id", Integer, ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True),
    Column("email", String(320), nullable=False),
    Column("requested_at", TS, nullable=False),
)

security_events = Table(
    "security_events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("account_id", Integer, ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
    # sign_in | password_failed | code_failed | password_locked | second_factor_locked | two_factor_changed | …
    Column("kind", String(32), nullable=False),
    Column("occurred_at", TS, nullable=False),
    # repeated failures from one client and address within minutes are one event with a count
    Column("count", Integer, nullable=False, default=1),
    Column("client", String(16)),
    Column("address", String(64)),
    # a short detail (a method, a token's name, an application number): never a secret
    Column("detail", String(100)),
    Index("ix_security_events_account", "account_id", "occurred_at"),
)

enrolments = Table(
    "two_factor_enrolments",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("account_id", Integer, ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
    Column("session_id", Integer, ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False),
    Column("method", String(8), nullable=False),
    Column("secret", LargeBinary),  # AES-GCM ciphertext (totp)
    Column("created_at", TS, nullable=False),
    Column("expires_at", TS, nullable=False),
    Column("confirmed_at", TS),
)
