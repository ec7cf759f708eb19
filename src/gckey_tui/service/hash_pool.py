"""Argon2 on a fixed-size pool of threads, behind admission control.

argon2id is memory-hard (19 MiB per computation) and CPU-bound: more at once than cores only thrash, and each
new thread that hashes gets its own glibc arena that keeps the memory. So every hash of a process runs on one
pool of ``slots`` threads, and a call that needs hashing is first *admitted*: when it would not be done within
the service's ``shed_after`` (default 2 s), it is refused at once with ``busy`` (503 and Retry-After) instead
of queueing, so answers stay fast and memory stays bounded under any load.

A call's time is estimated from its place in the queue (the admitted hashes not yet computed, wherever their
calls wait: for a request thread or for the pool, plus its own): recent calls took at most so long per place
(a high quantile, learnt as they finish: it includes their store work and the machine's other load). Until
that is learnt, and never beyond it by more than half the budget, the measured duration of one hash stands in.
"""

from __future__ import annotations

import heapq
import math
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TypeVar

from gckey_tui.service import metrics
from gckey_tui.service.domain_error import DomainError

T = TypeVar("T")

#: weight of the newest duration in the running mean
SMOOTHING = 0.1
#: recent calls took at most this long per place in the queue, this share of them (a high quantile)
PACE_QUANTILE = 0.98
#: how many recent calls it is taken over
PACE_WINDOW = 128
#: how much lower than request handling hashing runs (a nice value)
HASHING_NICENESS = 10

_pools: dict[int, HashPool] = {}
_pools_lock = threading.Lock()


@dataclass
class _Ticket:
    """An admitted call's hashes not yet computed (seen by the request's thread through a context variable)."""

    pool: HashPool
    remaining: int


#: the admitted call of the current request, if any
_TICKET: ContextVar[_Ticket | None] = ContextVar("hash_ticket", default=None)


class HashPool:
    """``slots`` hashing threads and the count of admitted hashes not yet computed."""

    def __init__(self, slots: int) -> None:
        self.slots = max(1, slots)
        self._executor = ThreadPoolExecutor(self.slots, thread_name_prefix="argon2", initializer=_yield_to_requests)
        self._lock = threading.Lock()
        self._admitted = 0
        #: running mean of one hash's duration, in seconds (measured; None before the first)
        self.mean_seconds: float | None = None
        #: seconds per place in the queue that recent calls took at most (their store work and the machine's
        #: other load included); None until calls have finished
        self.pace_seconds: float | None = None
        self._paces: deque[float] = deque(maxlen=PACE_WINDOW)

    def run(self, compute: Callable[..., T], *args: object) -> T:
        """Run ``compute(*args)`` on the pool and wait for it."""
        try:
            return self._executor.submit(self._timed, compute, *args).result()
        finally:
            ticket = _TICKET.get()
            if ticket is not None and ticket.pool is self and ticket.remaining > 0:
                with self._lock:  # one of the call's admitted hashes is done: it no longer holds up others
                    ticket.remaining -= 1
                    self._admitted -= 1

    def _timed(self, compute: Callable[..., T], *args: object) -> T:
        began = time.perf_counter()
        try:
            return compute(*args)
        finally:
            took = time.perf_counter() - began
            with self._lock:
                mean = self.mean_seconds
                self.mean_seconds = took if mean is None else mean + SMOOTHING * (took - mean)

    def wait_for(self, hashes: int, max_wait: float = math.inf) -> float:
        """How long a call with ``hashes`` would take, behind the admitted hashes not yet computed."""
        place = self._admitted + hashes
        by_hashes = place / self.slots * (self.mean_seconds or 0.0)
        if self.pace_seconds is None:
            return by_hashes
        # what recent calls took per place, but never past the hashes' own estimate by more than half the
        # budget (a few slow calls, a paused machine, do not shut the door)
        return min(place * self.pace_seconds, by_hashes + max_wait / 2)

    @contextmanager
    def admit(self, hashes: int, max_wait: float) -> Iterator[None]:
        """Hold ``hashes`` places in the queue for the block; refuse at once (``busy``, with Retry-After) when
        the call would not be done within ``max_wait`` seconds."""
        with self._lock:
            place = self._admitted + hashes
            expected = self.wait_for(hashes, max_wait)
            # a call that finds a hashing thread free never waits for one: it is never refused
            if place > self.slots and expected > max_wait:
                metrics.SHED.inc()
                # the queue drains in about its own length: try again then
                raise DomainError("busy", retry_after=math.ceil(expected))
            self._admitted = place
        ticket = _Ticket(self, hashes)
        _TICKET.set(ticket)  # the request's context: its thread counts its hashes down as they are computed
        began = time.perf_counter()
        try:
            yield
        finally:
            took = time.perf_counter() - began
            with self._lock:
                self._admitted -= ticket.remaining  # hashes the call did not need after all
                ticket.remaining = 0
                self._paces.append(took / place)
                beyond = max(1, round(len(self._paces) * (1 - PACE_QUANTILE)))
                self.pace_seconds = heapq.nlargest(beyond, self._paces)[-1]


def _yield_to_requests() -> None:
    """Run this hashing thread at a lower priority (Linux: per thread), so that on saturated cores answering
    requests (a shed one, a code check) comes before the next hash and admission stays quick."""
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), HASHING_NICENESS)
    except (AttributeError, OSError):  # not Linux, or not allowed: hashing keeps the default priority
        pass


def shared(slots: int) -> HashPool:
    """The process's pool with ``slots`` threads (every service in a process shares its cores)."""
    with _pools_lock:
        pool = _pools.get(slots)
        if pool is None:
            pool = _pools[slots] = HashPool(slots)
        return pool
