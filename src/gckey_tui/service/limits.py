"""Every counted failure and rate of the service, on one primitive: reserve an attempt, then check.

An attempt is *reserved* (counted) atomically, in its own committed transaction, **before** the expensive or
decisive check it guards (an argon2 verify, a code comparison, a mail). Of N concurrent attempts, only as many
as the rule allows ever reach the check; the rest are refused at once. A request that fails or crashes after
its reservation still counted.

Rules come in two kinds:
- *consecutive failures* (``window=None``): the count runs until a success resets it; when ``limit`` attempts
  have been reserved, further ones are refused, and the failure that spends the budget locks the key for
  ``lock`` (doubling with each lock, up to ``longest_lock``);
- *windowed* (``window`` set): at most ``limit`` attempts per window that starts at the first one; with a
  ``lock``, spending the budget also locks the key (linking misses), and a success gives its attempt back.

Keys are HMACs of what is counted, so no typed username or address is kept in clear.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import NoReturn

from sqlalchemy import Connection, case, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from gckey_tui.service import metrics
from gckey_tui.service.clock import aware
from gckey_tui.service.context import ServiceContext
from gckey_tui.service.domain_error import DomainError
from gckey_tui.service.tables.limits import limit_counters as counters

#: the start of time, for rules whose count never goes stale
_NEVER_STALE = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Rule:
    """One limit: how many attempts, over what window, and what a spent budget does."""

    name: str
    limit: int
    #: None: consecutive failures until a success
    window: timedelta | None = None
    #: spending the budget locks the key this long (doubling per lock up to ``longest_lock``)
    lock: timedelta | None = None
    longest_lock: timedelta | None = None
    #: the error code a refusal raises
    error: str = "too_many_attempts"

    def lock_duration(self, lock_count: int) -> timedelta:
        """The ``lock_count``-th lock's length."""
        assert self.lock is not None
        return min(self.lock * (2 ** max(lock_count - 1, 0)), self.longest_lock or self.lock)


HOUR = timedelta(hours=1)

#: 5 consecutive wrong passwords for a username string lock it 15 minutes, doubling up to 24 hours
PASSWORD = Rule("password", 5, lock=timedelta(minutes=15), longest_lock=timedelta(hours=24))
#: 10 consecutive second-factor failures of an account, across sign-ins, lock its second-factor step
SECOND_FACTOR = Rule("second-factor", 10, lock=timedelta(minutes=15), longest_lock=timedelta(hours=24))
#: 5 tries per session at its codes (a pending sign-in, or re-authentication); then it ends
SESSION_TRIES = Rule("session-tries", 5)
#: 5 misses within 24 hours lock linking for the account for 24 hours (IRCC)
LINK_MISSES = Rule("link-misses", 5, window=timedelta(hours=24), lock=timedelta(hours=24), error="linking_locked")
#: an email code not within 30 seconds of the last, and at most 5 an hour, per (purpose, subject)
EMAIL_CODE_SPACING = Rule("email-code-spacing", 1, window=timedelta(seconds=30), error="code_sent_recently")
EMAIL_CODE_HOURLY = Rule("email-code-hourly", 5, window=HOUR, error="code_sent_recently")
#: the open lifecycle endpoints, per address or username typed (existing or not)
RECOVERY_USERNAME = Rule("recovery-username", 5, window=HOUR, error="too_many_requests")
RECOVERY_PASSWORD = Rule("recovery-password", 5, window=HOUR, error="too_many_requests")
SUPPORT = Rule("support", 10, window=HOUR, error="too_many_requests")
#: registrations: codes to one address, and registrations from one client address (a shared network's users
#: register too), counted before the username is looked up or anything is hashed
REGISTRATION_EMAIL = Rule("registration-email", 5, window=HOUR, error="too_many_requests")
REGISTRATION_CLIENT = Rule("registration-client", 30, window=HOUR, error="too_many_requests")
#: user codes typed on the partner verification page, per client address (RFC 8628 §5.1), and wrong ones
#: from everywhere (varying the address must not multiply the guesses)
PARTNER_USER_CODE = Rule("partner-user-code", 30, window=HOUR, error="too_many_requests")
PARTNER_WRONG_USER_CODES = Rule("partner-wrong-user-codes", 1000, window=HOUR, error="too_many_requests")
#: device authorizations (RFC 8628 §3.1) per client address and from everywhere
DEVICE_AUTHORIZATIONS = Rule("device-authorizations", 30, window=HOUR, error="too_many_requests")
DEVICE_AUTHORIZATIONS_ALL = Rule("device-authorizations-all", 5000, window=HOUR, error="too_many_requests")
#: signed-out support requests per client address
SUPPORT_CLIENT = Rule("support-client", 10, window=HOUR, error="too_many_requests")


@dataclass(frozen=True)
class Reservation:
    """One reserved attempt: pass it to ``succeeded`` or ``failed`` once the check is done."""

    rule: Rule
    key: str
    #: attempts reserved so far, this one included
    count: int


def key_of(context: ServiceContext, rule: Rule, subject: str) -> str:
    """The stored key: the rule's name and an HMAC of the normalised subject."""
    return f"{rule.name}:{context.secrets.hmac('limit:' + rule.name, subject.strip().casefold())[:64]}"


def _upsert(conn: Connection):
    return postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert


def reserve(context: ServiceContext, rule: Rule, subject: str, now: datetime) -> Reservation:
    """Count one attempt for ``subject`` before checking it; refuse (raise) when locked or over the limit.

    Only granted attempts count: a refused one changes nothing, so a burst cannot lock a key by itself.
    """
    key = key_of(context, rule, subject)
    stale = now - rule.window if rule.window else _NEVER_STALE
    restart = counters.c.window_start <= stale
    with context.engine.begin() as conn:
        conn.execute(
            _upsert(conn)(counters)
            .values(key=key, count=0, window_start=now, lock_count=0, locked_until=None, updated_at=now)
            .on_conflict_do_nothing(index_elements=[counters.c.key])
        )
        # one conditional UPDATE grants the attempt or not: concurrent requests cannot both take the last one
        granted = conn.execute(
            update(counters)
            .where(
                counters.c.key == key,
                or_(counters.c.locked_until.is_(None), counters.c.locked_until <= now),
                or_(counters.c.count < rule.limit, restart),
            )
            .values(
                count=case((restart, 1), else_=counters.c.count + 1),
                window_start=case((restart, now), else_=counters.c.window_start),
                updated_at=now,
            )
            .returning(counters.c.count)
        ).scalar()
        if granted is None:
            row = conn.execute(
                select(counters.c.window_start, counters.c.lock_count, counters.c.locked_until).where(
                    counters.c.key == key
                )
            ).one()
    if granted is not None:
        return Reservation(rule, key, granted)
    locked_until = aware(row.locked_until)
    if locked_until is not None and locked_until > now:
        refuse(rule, locked_until, now)
    # the budget is spent by attempts still being checked (or, windowed, by this window's)
    if rule.window is not None:
        refuse(rule, aware(row.window_start) + rule.window, now)
    refuse(rule, now + (rule.lock_duration(row.lock_count + 1) if rule.lock else timedelta(seconds=1)), now)


def refuse(rule: Rule, until: datetime, now: datetime) -> NoReturn:
    """The refusal of ``rule``, saying when to try again."""
    raise DomainError(rule.error, retry_after=(until - now).total_seconds(), until=until.strftime("%Y-%m-%d %H:%M UTC"))


@dataclass(frozen=True)
class Lock:
    """A key's lock: until when, and whether this failure started it (only one of concurrent ones does)."""

    until: datetime
    started: bool


def failed(context: ServiceContext, reservation: Reservation, now: datetime) -> Lock | None:
    """The reserved attempt failed. When the rule's budget is spent, lock the key; returns the lock when the
    key is locked."""
    rule = reservation.rule
    if rule.lock is None:
        return None
    with context.engine.begin() as conn:
        row = conn.execute(
            select(counters.c.count, counters.c.lock_count, counters.c.locked_until).where(
                counters.c.key == reservation.key
            )
        ).one()
        locked_until = aware(row.locked_until)
        if locked_until is not None and locked_until > now:
            return Lock(locked_until, started=False)
        if row.count < rule.limit:
            return None
        locked_until = now + rule.lock_duration(row.lock_count + 1)
        # the lock starts a fresh count; only one of concurrent failures sets it
        locked = conn.execute(
            update(counters)
            .where(counters.c.key == reservation.key, counters.c.lock_count == row.lock_count)
            .values(count=0, lock_count=row.lock_count + 1, locked_until=locked_until, updated_at=now)
        ).rowcount
    if locked:
        metrics.LOCKS.labels(rule.name).inc()
        return Lock(locked_until, started=True)
    # a concurrent failure locked it first
    current = _current_lock(context, reservation.key, now)
    return Lock(current, started=False) if current else None


def succeeded(context: ServiceContext, reservation: Reservation, now: datetime) -> None:
    """The reserved attempt succeeded: a consecutive-failure rule starts over; a windowed one gets its
    attempt back."""
    if reservation.rule.window is None:
        values = {"count": 0, "lock_count": 0}
        condition = counters.c.key == reservation.key
    else:
        values = {"count": counters.c.count - 1}
        condition = (counters.c.key == reservation.key) & (counters.c.count > 0)
    with context.engine.begin() as conn:
        conn.execute(update(counters).where(condition).values(updated_at=now, **values))


def give_back(context: ServiceContext, rule: Rule, subject: str, now: datetime) -> None:
    """Return one counted attempt of ``subject``: what it counted did not happen after all (a code whose
    message never went out)."""
    with context.engine.begin() as conn:
        conn.execute(
            update(counters)
            .where(counters.c.key == key_of(context, rule, subject), counters.c.count > 0)
            .values(count=counters.c.count - 1, updated_at=now)
        )


def _current_lock(context: ServiceContext, key: str, now: datetime) -> datetime | None:
    with context.engine.connect() as conn:
        until = aware(conn.execute(select(counters.c.locked_until).where(counters.c.key == key)).scalar())
    return until if until is not None and until > now else None


def locked_until(context: ServiceContext, rule: Rule, subject: str, now: datetime) -> datetime | None:
    """When the key's current lock ends, if it is locked."""
    return _current_lock(context, key_of(context, rule, subject), now)


def clear(context: ServiceContext, rule: Rule, subject: str, now: datetime) -> None:
    """Forget the key's failures and lock (the owner proved control another way, or the account is gone)."""
    with context.engine.begin() as conn:
        conn.execute(
            update(counters)
            .where(counters.c.key == key_of(context, rule, subject))
            .values(count=0, lock_count=0, locked_until=None, updated_at=now)
        )
