"""The mail outbox (``service/outbox.py``): messages written with the change they announce, until delivered."""

from sqlalchemy import Column, DateTime, Index, Integer, LargeBinary, String, Table

from gckey_tui.service.db import metadata

TS = DateTime(timezone=True)

mail_outbox = Table(
    "mail_outbox",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    # "<purpose>:<subject>" of the email code a message carries: a new code withdraws the unsent message of
    # the one it voids (and that message stops counting against the resend spacing)
    Column("topic", String(100)),
    # the whole RFC 5322 message, AES-256-GCM under the service key: codes and reminders are never stored in
    # clear, and the row is deleted once the message is delivered
    Column("message", LargeBinary, nullable=False),
    Column("created_at", TS, nullable=False),
    # delivered by then or given up (a code's message is useless once the code expires; notices: 24 hours)
    Column("deliver_by", TS, nullable=False),
    Column("next_attempt_at", TS, nullable=False),
    Column("attempts", Integer, nullable=False),
    # a sender's claim while it delivers; a claim older than the SMTP timeout (a sender that died) is taken over
    Column("claimed_at", TS),
    Column("claim", String(32)),
    Column("last_error", String(200)),
    Index("ix_mail_outbox_due", "next_attempt_at"),
    Index("ix_mail_outbox_topic", "topic"),
)
