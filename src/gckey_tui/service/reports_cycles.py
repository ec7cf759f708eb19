"""Opening a reporting cycle: each reporting institution's principal contact gets one email (idempotent)."""

from __future__ import annotations

import asyncio
import logging
from contextlib import asynccontextmanager
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from gckey_tui.service.context import ServiceContext
from gckey_tui.service.reports import EXEMPT_PROVINCES, Cycle, current_cycle
from gckey_tui.service.tables.reports import cycle_notices, institutions

log = logging.getLogger("gckey_tui.service")

CHECK_INTERVAL_SECONDS = 3600


def open_cycle(context: ServiceContext, the_cycle: Cycle, now: datetime) -> int:
    """Email the principal contact of every reporting institution not yet told; returns how many were queued."""
    with context.engine.connect() as conn:
        rows = (
            conn.execute(select(institutions).where(institutions.c.province.not_in(EXEMPT_PROVINCES))).mappings().all()
        )
    sent = 0
    for institution in rows:
        message = context.mailer.compose(
            institution["principal_email"],
            "cycle_opened",
            "en",
            institution=institution["name"],
            dli=institution["dli"],
            cycle=the_cycle.name,
            due=the_cycle.due_at.date().isoformat(),
        )
        # the notice row is claimed with its message: two workers starting together queue one email, not two
        try:
            with context.engine.begin() as conn:
                conn.execute(
                    cycle_notices.insert().values(institution_id=institution["id"], cycle=the_cycle.name, sent_at=now)
                )
                context.outbox.enqueue(conn, message, now)
        except IntegrityError:
            continue
        sent += 1
    return sent


def open_due_cycles(context: ServiceContext) -> int:
    """Open the current cycle while it runs (called at start-up and hourly); a closed cycle sends nothing."""
    now = context.clock.now()
    the_cycle = current_cycle(now, context.settings.report_days)
    return open_cycle(context, the_cycle, now) if now <= the_cycle.due_at else 0


@asynccontextmanager
async def open_due_cycles_hourly(app):
    """Lifespan of a served instance: open the current cycle at start-up, then check every hour."""

    async def loop() -> None:
        while True:
            try:
                sent = await asyncio.to_thread(open_due_cycles, app.state.context)
                if sent:
                    log.info("reporting cycle opened: %d principal contacts emailed", sent)
            except Exception:  # a failed check must not stop the service; the next one tries again
                log.exception("reporting cycle check failed")
            await asyncio.sleep(CHECK_INTERVAL_SECONDS)

    task = asyncio.create_task(loop())
    try:
        yield
    finally:
        task.cancel()
