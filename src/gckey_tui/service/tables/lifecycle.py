"""Password recovery requests and support requests."""

from sqlalchemy import Column, Date, DateTime, ForeignKey, Integer, String, Table

from gckey_tui.service.db import metadata

TS = DateTime(timezone=True)

password_recoveries = Table(
    "password_recoveries",
    metadata,
    Column("id", String(36), primary_key=True),
    # NULL when the username matched no active account: the request exists anyway, so the answer and the
    # later failure look the same as for a real account
    Column("account_id", Integer, ForeignKey("accounts.id", ondelete="CASCADE")),
    # the username as typed: the new password may not contain a run of it (erased with the account)
    Column("username", String(200), nullable=False),
    Column("created_at", TS, nullable=False),
    Column("expires_at", TS, nullable=False),
    Column("completed_at", TS),
)

support_requests = Table(
    "support_requests",
    metadata,
    Column("reference", String(24), primary_key=True),
    Column("account_id", Integer, ForeignKey("accounts.id", ondelete="SET NULL")),
    Column("created_at", TS, nullable=False),
    Column("reply_by", Date, nullable=False),
    Column("has_screenshot", Integer, nullable=False, default=0),
)
