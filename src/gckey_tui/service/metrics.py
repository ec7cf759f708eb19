"""Prometheus metrics (prometheus-client): what ``GET /metrics`` exposes.

Counters and histograms are kept per process. Served with several workers, ``serve`` points
``PROMETHEUS_MULTIPROC_DIR`` at a private directory before any worker starts, and a scrape (answered by any
one worker) adds up every worker's files. The outbox's depth is read from the store at scrape time, so it is
the same whichever worker answers.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import REGISTRY, Collector

#: the variable prometheus-client reads to share metrics between worker processes
MULTIPROCESS_VARIABLE = "PROMETHEUS_MULTIPROC_DIR"

REQUESTS = Counter("gckey_http_requests", "HTTP requests answered, by route and status", ["method", "route", "status"])
LATENCY = Histogram(
    "gckey_http_request_duration_seconds",
    "Time to answer an HTTP request, by route",
    ["method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0),
)
SIGN_INS = Counter(
    "gckey_sign_ins", "Sign-in steps by outcome (ok, or the error code that answered)", ["step", "outcome"]
)
LOCKS = Counter("gckey_locks", "Locks started by a spent limit (password, second factor, linking)", ["rule"])
CODES = Counter("gckey_email_codes", "Email codes issued (each queues one message)", ["purpose"])
MAIL_DELIVERIES = Counter(
    "gckey_mail_deliveries", "Outbox delivery attempts by result (delivered, failed, given_up)", ["result"]
)
SHED = Counter("gckey_shed_requests", "Requests answered 503 busy at once because hashing was saturated")


class _StoreGauges(Collector):
    """Gauges read at scrape time (``read`` returns name → (help, value))."""

    def __init__(self, read: Callable[[], dict[str, tuple[str, float]]]) -> None:
        self._read = read

    def collect(self) -> Iterator[GaugeMetricFamily]:
        for name, (text, value) in self._read().items():
            yield GaugeMetricFamily(name, text, value=value)


def exposition(read_gauges: Callable[[], dict[str, tuple[str, float]]]) -> bytes:
    """The Prometheus text exposition: this process's (or every worker's) metrics, then the store's gauges."""
    if os.environ.get(MULTIPROCESS_VARIABLE):
        registry = CollectorRegistry()
        MultiProcessCollector(registry)
    else:
        registry = REGISTRY
    gauges = CollectorRegistry()
    gauges.register(_StoreGauges(read_gauges))
    return generate_latest(registry) + generate_latest(gauges)
