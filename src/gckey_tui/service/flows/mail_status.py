"""Whether mail is going out late, for answers that queued a message (the console then says so)."""

from __future__ import annotations

from datetime import datetime

from gckey_tui.service.context import ServiceContext


def delayed(context: ServiceContext, now: datetime) -> bool:
    """True when a delivery has failed or a message has waited over a minute (the mail server is down or
    slow): what was just queued will arrive once it recovers."""
    return context.outbox.delayed(now)
