"""Password lockout per username string: 5 failures lock for 15 minutes, doubling up to 24 hours."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Connection, and_, insert, select, update
from sqlalchemy.exc import IntegrityError

from gckey_tui.service.clock import aware
from gckey_tui.service.context import ServiceContext
from gckey_tui.service.domain_error import DomainError
from gckey_tui.service.tables.accounts import sign_in_throttle as throttle

MAX_FAILURES = 5
FIRST_LOCK = timedelta(minutes=15)
LONGEST_LOCK = timedelta(hours=24)


def lock_duration(lock_count: int) -> timedelta:
    """15 minutes for the first lock, doubled for each further one, at most 24 hours."""
    return min(FIRST_LOCK * (2 ** max(lock_count - 1, 0)), LONGEST_LOCK)


def throttle_key(username: str) -> str:
    """Failures count per casefolded username string, existing or not."""
    return username.strip().casefold()[:200]


def refuse_if_locked(conn: Connection, key: str, now: datetime) -> bool:
    """429 ``too_many_attempts`` while the username is locked; else whether failures are on record."""
    row = conn.execute(
        select(throttle.c.locked_until, throttle.c.failures, throttle.c.lock_count).where(
            throttle.c.username_key == key
        )
    ).first()
    if row is None:
        return False
    locked_until = aware(row.locked_until)
    if locked_until is not None and locked_until > now:
        raise_locked(locked_until, now)
    return bool(row.failures or row.lock_count)


def raise_locked(locked_until: datetime, now: datetime) -> None:
    """The lockout answer, saying when to retry."""
    raise DomainError(
        "too_many_attempts",
        retry_after=(locked_until - now).total_seconds(),
        until=locked_until.strftime("%Y-%m-%d %H:%M UTC"),
    )


def record_failure(context: ServiceContext, key: str, now: datetime) -> None:
    """Count a wrong password; the fifth locks the username. Always raises."""
    locked_until = None
    with context.engine.begin() as conn:
        bumped = conn.execute(
            update(throttle)
            .where(throttle.c.username_key == key)
            .values(failures=throttle.c.failures + 1, updated_at=now)
        ).rowcount
        if not bumped:
            try:
                with conn.begin_nested():
                    conn.execute(insert(throttle).values(username_key=key, failures=1, lock_count=0, updated_at=now))
            except IntegrityError:
                conn.execute(
                    update(throttle)
                    .where(throttle.c.username_key == key)
                    .values(failures=throttle.c.failures + 1, updated_at=now)
                )
        row = conn.execute(select(throttle).where(throttle.c.username_key == key)).mappings().one()
        if row["failures"] >= MAX_FAILURES:
            lock_count = row["lock_count"] + 1
            locked_until = now + lock_duration(lock_count)
            conn.execute(
                update(throttle)
                .where(and_(throttle.c.username_key == key, throttle.c.failures >= MAX_FAILURES))
                .values(failures=0, lock_count=lock_count, locked_until=locked_until)
            )
    if locked_until is not None:
        raise_locked(locked_until, now)
    raise DomainError("invalid_credentials")


def record_success(context: ServiceContext, key: str) -> None:
    """A right password clears the count."""
    with context.engine.begin() as conn:
        conn.execute(update(throttle).where(throttle.c.username_key == key).values(failures=0, lock_count=0))
