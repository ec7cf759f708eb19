"""Inactivity (DESIGN §3): a warning 30 days before, deactivation after 2 years unused (GCKey's rule).

``sweep`` is idempotent and safe to run from several workers at once: every change is a conditional UPDATE
and only the request whose UPDATE changed the row sends the email.
"""

from __future__ import annotations

import asyncio
import logging
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, select, update

from gckey_tui.service.accounts import mail_account
from gckey_tui.service.activity import forget_old_events
from gckey_tui.service.clock import aware
from gckey_tui.service.context import ServiceContext
from gckey_tui.service.flows.tokens import revoke_account_tokens
from gckey_tui.service.sessions import revoke_sessions
from gckey_tui.service.tables.accounts import accounts

log = logging.getLogger("gckey_tui.service.inactivity")

WARNING_NOTICE = timedelta(days=30)
SWEEP_INTERVAL = timedelta(days=1)


def years_before(moment: datetime, years: int) -> datetime:
    """The same calendar moment ``years`` earlier (negative: later); 29 February becomes 28 February."""
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:
        return moment.replace(year=moment.year - years, day=28)


@dataclass
class SweepResult:
    """What one sweep did."""

    warned: int = 0
    deactivated: int = 0
    #: security events past their 2 years, deleted
    events_forgotten: int = 0


def sweep(context: ServiceContext, now: datetime | None = None) -> SweepResult:
    """Warn accounts that will reach 2 years unused within 30 days; deactivate those past 2 years; forget
    security events older than 2 years.

    An account is deactivated only once its warning is at least 30 days old, so nobody loses a GCKey without
    the full notice, even when sweeps did not run for a while.
    """
    now = now or context.clock.now()
    deactivate_before = years_before(now, 2)
    warn_before = deactivate_before + WARNING_NOTICE
    result = SweepResult()
    with context.engine.connect() as conn:
        to_warn = (
            conn.execute(
                select(accounts.c.id).where(
                    and_(
                        accounts.c.status == "active",
                        accounts.c.last_activity_at <= warn_before,
                        accounts.c.inactivity_warned_at.is_(None),
                    )
                )
            )
            .scalars()
            .all()
        )
    for account_id in to_warn:
        with context.engine.begin() as conn:
            claimed = conn.execute(
                update(accounts)
                .where(
                    and_(
                        accounts.c.id == account_id,
                        accounts.c.status == "active",
                        accounts.c.inactivity_warned_at.is_(None),
                        accounts.c.last_activity_at <= warn_before,
                    )
                )
                .values(inactivity_warned_at=now)
            ).rowcount
            if claimed:
                account = _row(conn, account_id)
                deadline = _deadline(account["last_activity_at"], now)
                mail_account(conn, context, account, "inactivity_warning", now, deadline=deadline)
        if claimed:
            result.warned += 1
    result.deactivated = _deactivate(context, now, deactivate_before)
    with context.engine.begin() as conn:
        result.events_forgotten = forget_old_events(conn, now)
    return result


def _deadline(last_activity: datetime, now: datetime) -> str:
    """When the account will be deactivated, as a date, never earlier than 30 days from now."""
    due = years_before(aware(last_activity), -2)
    return max(due, now + WARNING_NOTICE).date().isoformat()


def _row(conn, account_id: int) -> dict:
    return dict(conn.execute(select(accounts).where(accounts.c.id == account_id)).mappings().one())


def _deactivate(context: ServiceContext, now: datetime, deactivate_before: datetime) -> int:
    warned_before = now - WARNING_NOTICE
    condition = and_(
        accounts.c.status == "active",
        accounts.c.last_activity_at <= deactivate_before,
        accounts.c.inactivity_warned_at <= warned_before,
    )
    with context.engine.connect() as conn:
        candidates = conn.execute(select(accounts.c.id).where(condition)).scalars().all()
    done = 0
    for account_id in candidates:
        with context.engine.begin() as conn:
            claimed = conn.execute(
                update(accounts)
                .where(and_(accounts.c.id == account_id, condition))
                .values(status="deactivated", deactivated_at=now)
            ).rowcount
            if claimed:
                revoke_sessions(conn, account_id, now)
                revoke_account_tokens(conn, account_id, now)
                account = _row(conn, account_id)
                mail_account(conn, context, account, "account_deactivated", now)
        if claimed:
            done += 1
    return done


@asynccontextmanager
async def daily_sweeps(app):
    """Lifespan of a served instance: sweep at start-up and then once a day (idempotent across workers)."""

    async def loop() -> None:
        context: ServiceContext = app.state.context
        while True:
            try:
                result = await asyncio.to_thread(sweep, context)
                log.info("inactivity sweep: %d warned, %d deactivated", result.warned, result.deactivated)
            except Exception:  # a failed sweep must not stop the service; the next day tries again
                log.exception("inactivity sweep failed")
            await asyncio.sleep(SWEEP_INTERVAL.total_seconds())

    task = asyncio.create_task(loop())
    try:
        yield
    finally:
        task.cancel()
