"""Counters of every limit (``service/limits.py``): failed attempts, locks and rates."""

from sqlalchemy import Column, DateTime, Integer, String, Table

from gckey_tui.service.db import metadata

TS = DateTime(timezone=True)

limit_counters = Table(
    "limit_counters",
    metadata,
    # "<rule>:<HMAC of what is counted>" (a username string, an account, a session, an address): nothing typed
    # by anyone is stored in clear
    Column("key", String(100), primary_key=True),
    # attempts reserved in the window (or since the last success, for consecutive-failure rules)
    Column("count", Integer, nullable=False),
    Column("window_start", TS, nullable=False),
    # locks so far (each doubles the next), and the current one
    Column("lock_count", Integer, nullable=False),
    Column("locked_until", TS),
    Column("updated_at", TS, nullable=False),
)
