"""The outbox's sender: a thread per process that delivers queued mail (``service/outbox.py``).

A served worker runs one for its lifespan (``outbox_lifespan``); the console's embedded service, which has
no lifespan, starts one itself (``start_sender``). Every sender works the same shared outbox; claims keep
them from sending a message twice. A sender wakes when its own process queues mail, when a retry falls due,
and every ``POLL_SECONDS`` to pick up what other processes queued.
"""

from __future__ import annotations

import logging
import threading
import time
from contextlib import asynccontextmanager

from gckey_tui.service.context import ServiceContext

log = logging.getLogger("gckey_tui.service.outbox")

#: how often a sender looks for mail that other processes queued
POLL_SECONDS = 2.0
#: a pass woken by this process's own commit may run a moment before the commit lands: look again this soon
SETTLE_SECONDS = 0.1


class Sender:
    """Delivers the outbox of ``context`` in a daemon thread until stopped."""

    def __init__(self, context: ServiceContext) -> None:
        self.context = context
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="gckey-outbox", daemon=True)
        #: monotonic time of the last pass that reached the store, or of the start (readiness looks at it)
        self.last_pass: float | None = None

    def start(self) -> Sender:
        """Start delivering; this process's queued mail now wakes this sender."""
        self.context.outbox.wake = self._wake.set
        self.last_pass = time.monotonic()  # starting counts as a pass: the first one is under way
        self._thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        """Stop after the delivery in progress (if any)."""
        self._stop.set()
        self._wake.set()
        self._thread.join(timeout)

    @property
    def alive(self) -> bool:
        """Whether the thread runs and its last pass was recent."""
        recent = self.last_pass is not None and time.monotonic() - self.last_pass < 10 * POLL_SECONDS
        return self._thread.is_alive() and recent

    def _run(self) -> None:
        woken = False
        while not self._stop.is_set():
            wait = POLL_SECONDS
            try:
                done = self.context.outbox.deliver_due()
                self.last_pass = time.monotonic()
                if done.failed:
                    wait = POLL_SECONDS  # the mail server is failing: do not try the next message at once
                elif woken and not (done.delivered or done.given_up):
                    wait = SETTLE_SECONDS
                else:
                    due_in = self.context.outbox.next_due_in(self.context.clock.now())
                    wait = POLL_SECONDS if due_in is None else min(max(due_in, SETTLE_SECONDS), POLL_SECONDS)
            except Exception:  # the store or the mail server failing must not end the sender: try again later
                log.exception("outbox pass failed")
            woken = self._wake.wait(wait)
            self._wake.clear()


def start_sender(context: ServiceContext) -> Sender:
    """Start a sender for ``context`` (the embedded service's; served workers use the lifespan)."""
    return Sender(context).start()


@asynccontextmanager
async def outbox_lifespan(app):
    """Lifespan of a served instance: deliver mail in this worker while it runs."""
    sender = start_sender(app.state.context)
    app.state.sender = sender
    try:
        yield
    finally:
        sender.stop()
