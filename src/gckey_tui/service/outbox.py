"""The mail outbox: a message is a row written in the same transaction as the code or notice it carries, and
is delivered afterwards by a sender (``service/outbox_sender.py``) with retries.

So a request never waits on a mail server, a mail server being down never fails a request, and a message is
lost neither when delivery fails (it is retried, backing off, until its ``deliver_by``: a code's expiry, or
24 hours for a notice) nor when the process dies (the row is still there). Senders claim one row at a time
with a conditional ``UPDATE … RETURNING``, so two senders (workers, machines) never deliver one message twice;
a claim older than ``CLAIM_TIMEOUT`` (a sender that died mid-delivery) is taken over.

Messages are stored sealed (AES-256-GCM under a key derived from the service key), because they carry codes
and usernames that the store otherwise keeps only as HMACs; a delivered message's row is deleted.
"""

from __future__ import annotations

import hashlib
import logging
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.parser import BytesParser

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import Connection, Engine, delete, event, func, insert, or_, select, update

from gckey_tui.service import metrics
from gckey_tui.service.clock import Clock, aware
from gckey_tui.service.mail import MAIL_POLICY, Mailer
from gckey_tui.service.tables.outbox import mail_outbox

log = logging.getLogger("gckey_tui.service.outbox")

#: how long a notice is retried before it is given up
NOTICE_LIFETIME = timedelta(hours=24)
#: a claim older than this belongs to a sender that died: longer than any one delivery (SMTP times out at 30 s)
CLAIM_TIMEOUT = timedelta(minutes=5)
#: retries back off from FIRST_RETRY, doubling, to at most LONGEST_RETRY
FIRST_RETRY = timedelta(seconds=2)
LONGEST_RETRY = timedelta(minutes=10)
#: a message waiting longer than this, or one whose delivery failed, means mail is delayed
DELAYED_AFTER = timedelta(minutes=1)


def retry_delay(attempts: int) -> timedelta:
    """How long to wait after the ``attempts``-th failed delivery."""
    return min(FIRST_RETRY * (2 ** max(attempts - 1, 0)), LONGEST_RETRY)


@dataclass(frozen=True)
class Depth:
    """The outbox's backlog: messages waiting, and how long the oldest has waited."""

    waiting: int
    oldest_seconds: float


@dataclass
class Pass:
    """What one delivery pass did."""

    delivered: int = 0
    failed: int = 0
    given_up: int = 0


class Outbox:
    """One service's outbox: seals messages into the store, and delivers them with ``mailer``."""

    def __init__(self, engine: Engine, mailer: Mailer, clock: Clock, secret_key: bytes) -> None:
        self.engine = engine
        self.mailer = mailer
        self.clock = clock
        self._aead = AESGCM(hashlib.sha256(b"gckey-outbox\0" + secret_key).digest())
        #: set by the sender running for this service: called once a transaction that queued mail commits
        self.wake: Callable[[], None] = lambda: None
        #: this process's last delivery failed (and none succeeded since)
        self.failing = False

    # -- queueing (inside the caller's transaction) --------------------------------------------------

    def enqueue(
        self,
        conn: Connection,
        message: EmailMessage,
        now: datetime,
        *,
        topic: str | None = None,
        deliver_by: datetime | None = None,
    ) -> None:
        """Queue ``message`` in the transaction of ``conn``: it goes out only if that transaction commits.

        ``topic`` names the email code the message carries (``purpose:subject``); ``deliver_by`` defaults to
        24 hours from now.
        """
        conn.execute(
            insert(mail_outbox).values(
                topic=topic,
                message=self._seal(message.as_bytes()),
                created_at=now,
                deliver_by=deliver_by or now + NOTICE_LIFETIME,
                next_attempt_at=now,
                attempts=0,
            )
        )
        # wake the sender when the row is visible to it (the listener goes with this one connection)
        event.listen(conn, "commit", lambda _conn: self.wake(), once=True)

    def withdraw(self, topic: str) -> bool:
        """Delete the not yet delivered message of ``topic`` (its code is being replaced); True when there was
        one. A message being delivered right now is left to go."""
        with self.engine.begin() as conn:
            removed = conn.execute(
                delete(mail_outbox).where(mail_outbox.c.topic == topic, mail_outbox.c.claimed_at.is_(None))
            ).rowcount
        return removed > 0

    # -- delivering ------------------------------------------------------------------------------------

    def deliver_due(self, limit: int = 100) -> Pass:
        """Deliver the messages that are due, one claimed row at a time; stop at the first failed delivery
        (the mail server is probably down: the others wait for the next pass)."""
        done = Pass()
        for _ in range(limit):
            now = self.clock.now()
            row = self._claim(now)
            if row is None:
                break
            message = self._open(row)
            if message is None or aware(row.deliver_by) <= now:
                self._give_up(row, "was not delivered in time" if message else "cannot be opened with this key")
                done.given_up += 1
                continue
            try:
                self.mailer.send(message)
            except (OSError, ValueError) as error:  # smtplib's errors are OSErrors
                self._failed(row, now, error)
                done.failed += 1
                break
            with self.engine.begin() as conn:
                conn.execute(delete(mail_outbox).where(mail_outbox.c.id == row.id, mail_outbox.c.claim == row.claim))
            metrics.MAIL_DELIVERIES.labels("delivered").inc()
            self.failing = False
            done.delivered += 1
        return done

    def flush(self) -> Pass:
        """Deliver everything due now (tests, and the console before it reads its local mailbox)."""
        total = Pass()
        while True:
            one = self.deliver_due()
            total.delivered += one.delivered
            total.given_up += one.given_up
            total.failed += one.failed
            if one.failed or not (one.delivered or one.given_up):
                return total

    def next_due_in(self, now: datetime) -> float | None:
        """Seconds until the next message is due (0 when one is), or None when nothing waits."""
        with self.engine.connect() as conn:
            due = aware(conn.execute(select(func.min(mail_outbox.c.next_attempt_at))).scalar())
        return None if due is None else max((due - now).total_seconds(), 0.0)

    def _claim(self, now: datetime):
        claimable = or_(mail_outbox.c.claimed_at.is_(None), mail_outbox.c.claimed_at <= now - CLAIM_TIMEOUT)
        candidate = (
            select(mail_outbox.c.id)
            .where(mail_outbox.c.next_attempt_at <= now, claimable)
            .order_by(mail_outbox.c.next_attempt_at, mail_outbox.c.id)
            .limit(1)
            # PostgreSQL: concurrent senders pass over each other's rows instead of queueing behind them
            .with_for_update(skip_locked=True)
            .scalar_subquery()
        )
        claim = secrets.token_hex(16)
        with self.engine.begin() as conn:
            # the claim condition is repeated outside the subquery: of two senders that picked the same row,
            # only the first UPDATE still matches it
            return conn.execute(
                update(mail_outbox)
                .where(mail_outbox.c.id == candidate, claimable)
                .values(claimed_at=now, claim=claim, attempts=mail_outbox.c.attempts + 1)
                .returning(
                    mail_outbox.c.id,
                    mail_outbox.c.claim,
                    mail_outbox.c.message,
                    mail_outbox.c.attempts,
                    mail_outbox.c.deliver_by,
                )
            ).first()

    def _failed(self, row, now: datetime, error: Exception) -> None:
        # the error names the server's complaint, never the message (which is not logged)
        reason = f"{type(error).__name__}: {error}"[:200]
        log.warning("mail delivery failed (message %d, attempt %d): %s", row.id, row.attempts, reason)
        metrics.MAIL_DELIVERIES.labels("failed").inc()
        self.failing = True
        with self.engine.begin() as conn:
            conn.execute(
                update(mail_outbox)
                .where(mail_outbox.c.id == row.id, mail_outbox.c.claim == row.claim)
                .values(claimed_at=None, claim=None, last_error=reason, next_attempt_at=now + retry_delay(row.attempts))
            )

    def _give_up(self, row, why: str) -> None:
        log.error("mail given up after %d attempts: message %d %s", row.attempts - 1, row.id, why)
        metrics.MAIL_DELIVERIES.labels("given_up").inc()
        with self.engine.begin() as conn:
            conn.execute(delete(mail_outbox).where(mail_outbox.c.id == row.id, mail_outbox.c.claim == row.claim))

    # -- state -----------------------------------------------------------------------------------------

    def depth(self, now: datetime) -> Depth:
        """How many messages wait, and for how long the oldest has."""
        with self.engine.connect() as conn:
            waiting, oldest = conn.execute(select(func.count(), func.min(mail_outbox.c.created_at))).one()
        return Depth(waiting, (now - aware(oldest)).total_seconds() if oldest is not None else 0.0)

    def delayed(self, now: datetime) -> bool:
        """Whether mail is going out late: this process's last delivery failed, a waiting message's delivery
        failed, or a message has waited over a minute."""
        if self.failing:
            return True
        with self.engine.connect() as conn:
            late = conn.execute(
                select(mail_outbox.c.id)
                .where(
                    or_(
                        mail_outbox.c.last_error.is_not(None),
                        mail_outbox.c.created_at <= now - DELAYED_AFTER,
                    )
                )
                .limit(1)
            ).first()
        return late is not None

    # -- sealing ---------------------------------------------------------------------------------------

    def _seal(self, raw: bytes) -> bytes:
        nonce = os.urandom(12)
        return nonce + self._aead.encrypt(nonce, raw, b"mail-outbox")

    def _open(self, row) -> EmailMessage | None:
        """The claimed row's message; None when it was sealed under another key (the key was replaced)."""
        try:
            raw = self._aead.decrypt(row.message[:12], row.message[12:], b"mail-outbox")
        except InvalidTag:
            return None
        return BytesParser(policy=MAIL_POLICY).parsebytes(raw)
