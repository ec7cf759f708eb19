"""Argon2 on a fixed-size pool of threads, behind admission control.

argon2id is memory-hard (19 MiB per computation) and CPU-bound: more at once than cores only thrash, and each
new thread that hashes gets its own glibc arena that keeps the memory. So every hash of a process runs on one
pool of ``slots`` threads, and a call that needs hashing is first *admitted*: when the hashes already admitted
would keep it waiting longer than the service's ``shed_after`` (default 2 s), it is refused at once with
``busy`` (503 and Retry-After) instead of queueing, so answers stay fast and memory stays bounded under any
load. Admission counts the hashes of calls not yet finished, wherever they wait (for a request thread or for
the pool), estimates their time from the measured duration of recent hashes, and adds how late admitted
calls have lately finished against that estimate (the rest of their work, the machine's other load).
"""

from __future__ import annotations

import math
import os
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import TypeVar

from gckey_tui.service import metrics
from gckey_tui.service.domain_error import DomainError

T = TypeVar("T")

#: weight of the newest duration in the running mean
SMOOTHING = 0.1
#: weights of a call's lateness in the slack: when later than the slack, and when earlier
SLACK_GROWTH = 0.3
SLACK_DECAY = 0.02
#: how much lower than request handling hashing runs (a nice value)
HASHING_NICENESS = 10

_pools: dict[int, HashPool] = {}
_pools_lock = threading.Lock()


class HashPool:
    """``slots`` hashing threads and the count of hashes admitted and not yet done."""

    def __init__(self, slots: int) -> None:
        self.slots = max(1, slots)
        self._executor = ThreadPoolExecutor(self.slots, thread_name_prefix="argon2", initializer=_yield_to_requests)
        self._lock = threading.Lock()
        self._admitted = 0
        #: running mean of one hash's duration, in seconds (measured; None before the first)
        self.mean_seconds: float | None = None
        #: how much longer than the queue's estimate admitted calls have lately taken (their store work, the
        #: machine's other load); leans to the slow ones, so that the slowest stay within ``max_wait`` too
        self.slack_seconds = 0.0

    def run(self, compute: Callable[..., T], *args: object) -> T:
        """Run ``compute(*args)`` on the pool and wait for it."""
        return self._executor.submit(self._timed, compute, *args).result()

    def _timed(self, compute: Callable[..., T], *args: object) -> T:
        began = time.perf_counter()
        try:
            return compute(*args)
        finally:
            took = time.perf_counter() - began
            with self._lock:
                mean = self.mean_seconds
                self.mean_seconds = took if mean is None else mean + SMOOTHING * (took - mean)

    def wait_for(self, hashes: int) -> float:
        """How long ``hashes`` more would take to be done, behind those already admitted."""
        return (self._admitted + hashes) / self.slots * (self.mean_seconds or 0.0)

    @contextmanager
    def admit(self, hashes: int, max_wait: float) -> Iterator[None]:
        """Hold ``hashes`` places in the queue for the block; refuse at once (``busy``, with Retry-After) when
        they would not be done within ``max_wait`` seconds."""
        with self._lock:
            expected = self.wait_for(hashes)
            # what is learnt from late calls tightens admission, but never past half the budget
            slack = min(self.slack_seconds, max_wait / 2)
            # a call that finds a hashing thread free never waits for one: it is never refused
            queued = self._admitted + hashes > self.slots
            if queued and expected + slack > max_wait:
                metrics.SHED.inc()
                # the queue drains in about its own length: try again then
                raise DomainError("busy", retry_after=math.ceil(expected + slack))
            self._admitted += hashes
        began = time.perf_counter()
        try:
            yield
        finally:
            late = time.perf_counter() - began - expected
            with self._lock:
                self._admitted -= hashes
                # quick to grow when calls run late, slow to shrink when they run early
                weight = SLACK_GROWTH if late > self.slack_seconds else SLACK_DECAY
                self.slack_seconds = max(0.0, self.slack_seconds + weight * (late - self.slack_seconds))


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
