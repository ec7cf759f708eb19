"""What an operator's probes read: readiness (the store answers, mail is being delivered) and the store's
gauges for ``/metrics``."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy.exc import SQLAlchemyError

from gckey_tui.service.context import ServiceContext
from gckey_tui.service.outbox import Depth

log = logging.getLogger("gckey_tui.service")


@dataclass(frozen=True)
class Readiness:
    """The store answered (with the outbox's depth), and this process's mail sender runs."""

    depth: Depth | None
    sender_running: bool

    @property
    def ready(self) -> bool:
        return self.depth is not None and self.sender_running


def readiness(context: ServiceContext, sender_running: bool) -> Readiness:
    """Ask the store for the outbox's depth: that it answers is the store check."""
    try:
        depth = context.outbox.depth(context.clock.now())
    except SQLAlchemyError as error:  # the probe's answer says so; the log says why (never with parameters)
        log.warning("readiness: the store does not answer: %s", type(error).__name__)
        depth = None
    return Readiness(depth, sender_running)


def store_gauges(context: ServiceContext) -> dict[str, tuple[str, float]]:
    """The outbox's depth and age, the same whichever worker is scraped."""
    depth = context.outbox.depth(context.clock.now())
    return {
        "gckey_outbox_messages": ("Messages waiting in the mail outbox", depth.waiting),
        "gckey_outbox_oldest_age_seconds": ("How long the oldest waiting message has waited", depth.oldest_seconds),
    }
