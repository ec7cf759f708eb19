"""Load shedding before hashing, /metrics, /health/ready and log lines with request ids."""

from __future__ import annotations

import json
import logging
import threading
import time
from contextlib import ExitStack, contextmanager

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import select, text
from support import PASSWORD, registration

from gckey_tui.service.domain_error import DomainError
from gckey_tui.service.hash_pool import HashPool
from gckey_tui.service.logs import REQUEST_ID, JsonFormatter, RequestIdFilter
from gckey_tui.service.tables.limits import limit_counters


def raw(service) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(service), base_url="http://gckey.local")


def every_count(context) -> set:
    with context.engine.connect() as conn:
        return set(conn.execute(select(limit_counters.c.key, limit_counters.c.count)))


@contextmanager
def saturated(pool: HashPool, seconds_queued: float):
    """The pool as a flood leaves it: hashes admitted that would take ``seconds_queued`` to get through, at
    the pace (0.5 s a hash) the last calls went."""
    learnt = pool.mean_seconds, pool.pace_seconds
    pool.mean_seconds = 0.5
    pool.pace_seconds = 0.5 / pool.slots
    try:
        with pool.admit(round(seconds_queued / 0.5 * pool.slots), max_wait=float("inf")):
            yield
    finally:
        pool.mean_seconds, pool.pace_seconds = learnt


def test_admission_refuses_what_would_wait_too_long_and_frees_its_places():
    pool = HashPool(2)
    pool.mean_seconds = 1.0
    with ExitStack() as held:
        for _ in range(4):  # 4 hashes on 2 threads: 2 s
            held.enter_context(pool.admit(1, max_wait=2.0))
        with pytest.raises(DomainError) as busy, pool.admit(1, max_wait=2.0):
            pass
        assert busy.value.code == "busy" and busy.value.retry_after == 3
    with pool.admit(4, max_wait=2.0):  # the places were given back
        pass


def test_calls_running_slower_than_their_hashes_make_admission_stricter():
    pool = HashPool(1)
    pool.mean_seconds = 0.04
    with pool.admit(1, max_wait=0.1), pool.admit(1, max_wait=0.1):  # behind one hash: 0.08 s expected
        pass
    with pool.admit(1, max_wait=0.1):  # alone: never refused
        time.sleep(0.4)  # but it took far longer than its hash (its store work, a loaded machine)
    assert pool.pace_seconds >= 0.4
    with pool.admit(1, max_wait=0.1):
        with pytest.raises(DomainError), pool.admit(1, max_wait=0.1):  # now expected past 0.1 s: refused
            pass
    assert pool.wait_for(0) == 0  # every place given back


def test_hashes_run_on_the_pools_threads_only():
    pool = HashPool(2)
    names = {pool.run(lambda: threading.current_thread().name) for _ in range(20)}
    assert names and all(name.startswith("argon2") for name in names) and len(names) <= 2
    assert pool.mean_seconds is not None


async def test_a_flood_is_shed_at_once_with_retry_after_and_costs_no_attempt(service, context, make_account):
    account = await make_account("shedding26")
    counted = every_count(context)
    async with raw(service) as http:
        with saturated(context.secrets.pool, seconds_queued=30):
            began = time.monotonic()
            shed = await http.post("/api/v1/sessions", json={"username": account.username, "password": "Wrong1pass"})
            took = time.monotonic() - began
            shed_fr = await http.post(
                "/api/v1/registrations",
                json=registration("shedreg26", "shedreg26@example.com").model_dump(),
                headers={"Accept-Language": "fr"},
            )
        assert shed.status_code == 503 and shed.json()["error"]["code"] == "busy"
        assert int(shed.headers["Retry-After"]) >= 30 and took < 1
        assert shed_fr.status_code == 503 and "Réessayez" in shed_fr.json()["error"]["message"]
        # refused before any limit was reserved: not a password attempt, not a registration
        assert every_count(context) == counted
        accepted = await http.post("/api/v1/sessions", json={"username": account.username, "password": PASSWORD})
        assert accepted.status_code == 201
        scrape = (await http.get("/metrics")).text
    samples = {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(scrape)
        for sample in family.samples
    }
    assert samples[("gckey_shed_requests_total", ())] >= 2
    assert samples[("gckey_sign_ins_total", (("outcome", "busy"), ("step", "password")))] >= 1
    assert samples[("gckey_sign_ins_total", (("outcome", "ok"), ("step", "password")))] >= 1


async def test_metrics_count_outcomes_locks_codes_and_the_outbox(service, make_account):
    account = await make_account("metrics26")
    async with raw(service) as http:
        for _ in range(5):
            await http.post("/api/v1/sessions", json={"username": account.username, "password": "Wrong1pass"})
        await http.post("/api/v1/registrations", json=registration("metricreg6", "metricreg6@example.com").model_dump())
        answer = await http.get("/metrics")
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/plain")
    scrape = answer.text
    assert 'gckey_sign_ins_total{outcome="invalid_credentials",step="password"}' in scrape
    assert 'gckey_locks_total{rule="password"}' in scrape
    assert 'gckey_email_codes_total{purpose="registration"}' in scrape
    assert 'gckey_http_request_duration_seconds_bucket{le="0.005",method="POST",route="/api/v1/sessions"}' in scrape
    assert "gckey_outbox_messages 1.0" in scrape  # the registration's code, not delivered yet
    assert "gckey_outbox_oldest_age_seconds 0.0" in scrape
    # routes by template: no id, no query string, ever
    assert "registrations/" not in scrape.replace("/api/v1/registrations/{registration_id}", "")


async def test_ready_when_the_store_answers_and_mail_is_being_sent(service, context):
    async with raw(service) as http:
        no_sender = await http.get("/health/ready")
        async with service.router.lifespan_context(service):
            ready = await http.get("/health/ready")
            with context.engine.begin() as conn:
                conn.execute(text("DROP TABLE mail_outbox"))
            broken = await http.get("/health/ready")
    assert ready.status_code == 200 and ready.json() == {
        "status": "ready",
        "store": "ok",
        "mail_sender": "running",
        "outbox_messages": 0,
        "outbox_oldest_age_seconds": 0.0,
    }
    assert no_sender.status_code == 503 and no_sender.json()["mail_sender"] == "stopped"
    assert broken.status_code == 503 and broken.json()["store"] == "unavailable"


async def test_every_answer_names_its_request_and_a_trusted_proxy_may_pass_one_on(service, context):
    async with raw(service) as http:
        first = await http.get("/health")
        second = await http.get("/health", headers={"X-Request-ID": "from-a-client"})
        context.settings.trusted_proxies = "127.0.0.1"
        forwarded = await httpx.AsyncClient(
            transport=httpx.ASGITransport(service, client=("127.0.0.1", 4000)), base_url="http://gckey.local"
        ).get("/health", headers={"X-Request-ID": "proxy-id-1"})
    assert len(first.headers["x-request-id"]) == 16
    assert second.headers["x-request-id"] not in (first.headers["x-request-id"], "from-a-client")
    assert forwarded.headers["x-request-id"] == "proxy-id-1"


def test_json_log_lines_carry_the_request_id():
    record = logging.makeLogRecord(
        {"name": "gckey_tui.service.access", "levelname": "INFO", "msg": "GET %s", "args": ("/health",)}
    )
    record.route = "/health"
    token = REQUEST_ID.set("abc123")
    try:
        RequestIdFilter().filter(record)
    finally:
        REQUEST_ID.reset(token)
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "GET /health" and line["request_id"] == "abc123" and line["route"] == "/health"
    assert line["level"] == "INFO" and line["time"].endswith("+00:00")
