"""Argon2 on a fixed-size pool of threads, behind admission control.

argon2id is memory-hard (19 MiB per computation) and CPU-bound: more at once than cores only thrash, and each
new thread that hashes gets its own glibc arena that keeps the memory. So every hash of a process runs on one
pool of ``slots`` threads, and a call that needs hashing is first *admitted*: when the hashes already admitted
would keep it waiting longer than the service's ``shed_after`` (default 2 s), it is refused at once with
``busy`` (503 and Retry-After) instead of queueing, so answers stay fast and memory stays bounded under any
load. Admission counts the hashes of calls not yet finished, wherever they wait (for a request thread or for
the pool), and estimates their time from the measured duration of recent hashes.
"""

from __future__ import annotations

import math
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

_pools: dict[int, HashPool] = {}
_pools_lock = threading.Lock()


class HashPool:
    """``slots`` hashing threads and the count of hashes admitted and not yet done."""

    def __init__(self, slots: int) -> None:
        self.slots = max(1, slots)
        self._executor = ThreadPoolExecutor(self.slots, thread_name_prefix="argon2")
        self._lock = threading.Lock()
        self._admitted = 0
        #: running mean of one hash's duration, in seconds (measured; None before the first)
        self.mean_seconds: float | None = None

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
            wait = self.wait_for(hashes)
            if wait > max_wait:
                metrics.SHED.inc()
                # the queue drains in about its own length: try again then
                raise DomainError("busy", retry_after=math.ceil(wait))
            self._admitted += hashes
        try:
            yield
        finally:
            with self._lock:
                self._admitted -= hashes


def shared(slots: int) -> HashPool:
    """The process's pool with ``slots`` threads (every service in a process shares its cores)."""
    with _pools_lock:
        pool = _pools.get(slots)
        if pool is None:
            pool = _pools[slots] = HashPool(slots)
        return pool
