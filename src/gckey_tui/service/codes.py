"""Emailed 6-digit codes: 10 minutes, single use, 5 tries, a new code voids the old, HMAC only."""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage

from sqlalchemy import Connection, and_, insert, select, update

from gckey_tui.service import limits, metrics
from gckey_tui.service.context import ServiceContext
from gckey_tui.service.security import new_email_code, normalise_code
from gckey_tui.service.tables.accounts import email_codes

CODE_LIFETIME = timedelta(minutes=10)
MAX_TRIES = 5


def issue_code(conn: Connection, context: ServiceContext, purpose: str, subject: str, now: datetime) -> str:
    """A new code for (purpose, subject); any earlier unused one stops working."""
    conn.execute(
        update(email_codes)
        .where(
            and_(
                email_codes.c.purpose == purpose,
                email_codes.c.subject == subject,
                email_codes.c.used_at.is_(None),
            )
        )
        .values(used_at=now)
    )
    code = new_email_code()
    metrics.CODES.labels(purpose).inc()
    conn.execute(
        insert(email_codes).values(
            purpose=purpose,
            subject=subject,
            code_hmac=context.secrets.hmac(f"email-code:{purpose}:{subject}", code),
            attempts=0,
            created_at=now,
            expires_at=now + CODE_LIFETIME,
        )
    )
    return code


def code_topic(purpose: str, subject: str) -> str:
    """What the outbox and the send limits call the codes of (purpose, subject)."""
    return f"{purpose}:{subject}"


def mail_code(
    conn: Connection, context: ServiceContext, message: EmailMessage, purpose: str, subject: str, now: datetime
) -> None:
    """Queue the message carrying the new code of (purpose, subject) in the transaction that issued it: a
    newer code withdraws it if it has not gone out, and it is given up once the code has expired."""
    context.outbox.enqueue(conn, message, now, topic=code_topic(purpose, subject), deliver_by=now + CODE_LIFETIME)


def reserve_send(context: ServiceContext, purpose: str, subject: str, now: datetime) -> None:
    """Count a code about to be sent for (purpose, subject); 429 ``code_sent_recently`` (with Retry-After)
    when the last was sent under 30 seconds ago or 5 were sent this hour. Call before the transaction that
    issues it.

    A code whose message has not gone out yet (the mail server is down or slow) did not reach anyone: its
    message is withdrawn (the new code voids it anyway) and it stops counting against both limits."""
    topic = code_topic(purpose, subject)
    if context.outbox.withdraw(topic):
        limits.give_back(context, limits.EMAIL_CODE_SPACING, topic, now)
        limits.give_back(context, limits.EMAIL_CODE_HOURLY, topic, now)
    limits.reserve(context, limits.EMAIL_CODE_SPACING, topic, now)
    limits.reserve(context, limits.EMAIL_CODE_HOURLY, topic, now)


@dataclass(frozen=True)
class Checked:
    """A typed code's fate: ``ok`` (now used up), ``wrong`` (a try spent) or ``expired`` (none left to try),
    and how many tries the code has left."""

    outcome: str
    remaining: int = 0

    @property
    def ok(self) -> bool:
        return self.outcome == "ok"


def consume_code(context: ServiceContext, purpose: str, subject: str, code: str, now: datetime) -> Checked:
    """Try ``code`` against the live code for (purpose, subject). The try is counted (one conditional UPDATE)
    before the comparison, so concurrent guesses get at most 5 comparisons between them."""
    with context.engine.begin() as conn:
        row = conn.execute(
            update(email_codes)
            .where(
                email_codes.c.id
                == select(email_codes.c.id)
                .where(
                    email_codes.c.purpose == purpose,
                    email_codes.c.subject == subject,
                    email_codes.c.used_at.is_(None),
                )
                .order_by(email_codes.c.id.desc())
                .limit(1)
                .scalar_subquery(),
                email_codes.c.attempts < MAX_TRIES,
                email_codes.c.expires_at > now,
            )
            .values(attempts=email_codes.c.attempts + 1)
            .returning(email_codes.c.id, email_codes.c.code_hmac, email_codes.c.attempts)
        ).first()
    if row is None:
        return Checked("expired")
    candidate = context.secrets.hmac(f"email-code:{purpose}:{subject}", normalise_code(code))
    if not hmac.compare_digest(candidate, row.code_hmac):
        return Checked("wrong", MAX_TRIES - row.attempts)
    with context.engine.begin() as conn:
        used = conn.execute(
            update(email_codes).where(email_codes.c.id == row.id, email_codes.c.used_at.is_(None)).values(used_at=now)
        ).rowcount
    return Checked("ok") if used == 1 else Checked("expired")
