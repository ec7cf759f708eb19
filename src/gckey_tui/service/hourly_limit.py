"""Per-key hourly limits for the open lifecycle endpoints (recovery and support), so they cannot spam.

Keys are HMACs of what the caller typed (an address, a username), counted whether or not an account matches:
the limit answers alike for existing and unknown accounts.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import and_, case, insert, select, update
from sqlalchemy.exc import IntegrityError

from gckey_tui.service.clock import aware
from gckey_tui.service.context import ServiceContext
from gckey_tui.service.domain_error import DomainError
from gckey_tui.service.tables.lifecycle import lifecycle_throttle as limits

WINDOW = timedelta(hours=1)


def limit_key(context: ServiceContext, purpose: str, value: str) -> str:
    """The stored key: purpose plus an HMAC of the normalised value (no address is stored in clear)."""
    return f"{purpose}:{context.secrets.hmac('hourly-limit:' + purpose, value.strip().casefold())[:48]}"


def count_request(context: ServiceContext, purpose: str, value: str, limit: int, now: datetime) -> None:
    """Count one request for (purpose, value); 429 ``too_many_requests`` beyond ``limit`` in the hour."""
    key = limit_key(context, purpose, value)
    stale = now - WINDOW
    bump = (
        update(limits)
        .where(limits.c.key == key)
        .values(
            count=case((limits.c.window_start <= stale, 1), else_=limits.c.count + 1),
            window_start=case((limits.c.window_start <= stale, now), else_=limits.c.window_start),
        )
    )
    with context.engine.begin() as conn:
        if not conn.execute(bump).rowcount:
            try:
                with conn.begin_nested():
                    conn.execute(insert(limits).values(key=key, window_start=now, count=1))
            except IntegrityError:  # another request created the row first
                conn.execute(bump)
        row = conn.execute(select(limits.c.count, limits.c.window_start).where(and_(limits.c.key == key))).one()
    if row.count > limit:
        retry_after = (aware(row.window_start) + WINDOW - now).total_seconds()
        raise DomainError("too_many_requests", retry_after=retry_after)
