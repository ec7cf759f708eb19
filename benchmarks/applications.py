"""Application list latency for an account with 50 applications in a registry of 1,000,000 (DESIGN §6).

Builds a registry of ``--registry`` applications (each with one status; the account's with a longer history),
links ``--linked`` of them to one account, then times, over ``--repeat`` runs each:
the list query (what ``GET /api/v1/me/applications`` runs), one detail with its history, a link miss against
the whole registry, and the whole ``GET /api/v1/me/applications`` call through the service in-process.

PostgreSQL when ``--database`` or ``GCKEY_BENCH_DATABASE_URL`` is given or the local server answers (a fresh
schema, dropped afterwards; rows loaded with COPY); otherwise a temporary SQLite file (executemany).

    python benchmarks/applications.py [--registry 1000000] [--linked 50] [--repeat 200] [--database URL]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import create_engine, insert, text
from sqlalchemy.engine import make_url

from gckey_tui.api import ServiceClient
from gckey_tui.api.models_applications import CATEGORIES, STATUSES, LinkByApplicationNumber
from gckey_tui.config import Settings
from gckey_tui.service.app import build_context, create_app
from gckey_tui.service.flows import applications as domain
from gckey_tui.service.sessions import issue_session
from gckey_tui.service.tables.accounts import accounts
from gckey_tui.service.tables.applications import application_links, application_statuses, applications

LOCAL_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
COLUMNS = (
    "id",
    "number",
    "uci",
    "category",
    "family_name",
    "given_names",
    "date_of_birth",
    "country_of_birth",
    "document_number",
    "status",
    "status_date",
    "submitted_on",
    "imported_at",
)
LOAD_CHUNK = 50_000


def choose_database(requested: str | None) -> str | None:
    """The PostgreSQL URL to use, or None for SQLite."""
    url = requested or os.environ.get("GCKEY_BENCH_DATABASE_URL")
    if url:
        return url
    try:
        probe = create_engine(LOCAL_POSTGRES, connect_args={"connect_timeout": 2})
        with probe.connect():
            pass
        probe.dispose()
        return LOCAL_POSTGRES
    except Exception:  # noqa: BLE001 (no local server: fall back to SQLite)
        return None


def registry_rows(count: int, now) -> Iterator[tuple]:
    """Synthetic applications: distinct numbers, every category and status in turn."""
    born = date(1950, 1, 1)
    for n in range(1, count + 1):
        day = date(2020, 1, 1) + timedelta(days=n % 2000)
        yield (
            n,
            f"W{n:09d}",
            f"{n:010d}",
            CATEGORIES[n % len(CATEGORIES)],
            f"Family{n}",
            "Given",
            born + timedelta(days=n % 20000),
            "Canada",
            f"P{n:08d}",
            STATUSES[n % len(STATUSES)],
            day,
            day,
            now,
        )


def load_postgres(engine, count: int, now) -> None:
    with engine.begin() as conn:
        cursor = conn.connection.driver_connection.cursor()
        with cursor.copy(f"COPY applications ({', '.join(COLUMNS)}) FROM STDIN") as copy:
            for row in registry_rows(count, now):
                copy.write_row(row)
        with cursor.copy("COPY application_statuses (application_id, status, status_date) FROM STDIN") as copy:
            for row in registry_rows(count, now):
                copy.write_row((row[0], row[9], row[10]))
        conn.execute(text("SELECT setval(pg_get_serial_sequence('applications', 'id'), :n)"), {"n": count})
        conn.execute(text("ANALYZE applications; ANALYZE application_statuses"))


def load_sqlite(engine, count: int, now) -> None:
    with engine.begin() as conn:
        batch: list[dict] = []
        for row in registry_rows(count, now):
            batch.append(dict(zip(COLUMNS, row, strict=True)))
            if len(batch) == LOAD_CHUNK:
                _flush(conn, batch)
                batch = []
        _flush(conn, batch)


def _flush(conn, batch: list[dict]) -> None:
    if batch:
        conn.execute(insert(applications), batch)
        conn.execute(
            insert(application_statuses),
            [{"application_id": r["id"], "status": r["status"], "status_date": r["status_date"]} for r in batch],
        )


def link_account(context, count: int, linked: int, now) -> int:
    """One account with ``linked`` applications spread over the registry, each with 4 more statuses."""
    step = max(count // linked, 1)
    ids = list(range(1, count + 1, step))[:linked]
    with context.engine.begin() as conn:
        account_id = conn.execute(
            insert(accounts).values(
                username="bench0001",
                username_key="bench0001",
                email="bench@example.com",
                language="en",
                status="active",
                two_factor_method="totp",
                created_at=now,
                last_activity_at=now,
            )
        ).inserted_primary_key[0]
        conn.execute(
            insert(application_links), [{"application_id": i, "account_id": account_id, "linked_at": now} for i in ids]
        )
        conn.execute(
            insert(application_statuses),
            [
                {"application_id": i, "status": status, "status_date": date(2026, 1, 1) + timedelta(days=k)}
                for i in ids
                for k, status in enumerate(STATUSES[1:5])
            ],
        )
    return account_id


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    fn()  # warm the cache and the pool
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return times


def report(label: str, times: list[float]) -> None:
    ordered = sorted(times)
    p95 = ordered[max(int(len(ordered) * 0.95) - 1, 0)]
    print(f"  {label:<34} median {statistics.median(ordered):7.3f} ms   p95 {p95:7.3f} ms   max {ordered[-1]:7.3f} ms")


async def http_times(context, account_id: int, repeat: int) -> list[float]:
    with context.engine.begin() as conn:
        token, _expires = issue_session(conn, context, account_id, "authenticated", context.clock.now())
    async with ServiceClient.in_process(create_app(context.settings, context=context), token=token) as client:
        await client.applications()
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            listed = await client.applications()
            times.append((time.perf_counter() - start) * 1000)
        assert len(listed) > 0
    return times


def run(url: str, args: argparse.Namespace, tmp: Path) -> None:
    settings = Settings(
        data_dir=tmp,
        database_url=url,
        mail_dir=tmp / "mail",
        secret_key="bench-0123456789abcdef0123456789abcdef",
        hash_profile="fast",
    )
    context = build_context(settings)
    now = context.clock.now()
    started = time.perf_counter()
    if context.engine.dialect.name == "postgresql":
        load_postgres(context.engine, args.registry, now)
    else:
        load_sqlite(context.engine, args.registry, now)
    account_id = link_account(context, args.registry, args.linked, now)
    print(f"  loaded {args.registry:,} applications in {time.perf_counter() - started:.1f} s")

    def list_query():
        with context.engine.connect() as conn:
            assert len(domain.list_applications(conn, account_id)) == args.linked

    number = f"W{1:09d}"

    def detail_query():
        with context.engine.connect() as conn:
            assert len(domain.application_detail(conn, account_id, number).history) == 5

    def link_miss():
        miss = LinkByApplicationNumber(
            application_number=f"W{args.registry // 2:09d}",
            family_name="Nobody",
            date_of_birth=date(1980, 1, 1),
            country_of_birth="Canada",
        )
        with context.engine.connect() as conn:
            assert domain._candidates(conn, miss) == []

    report(f"list ({args.linked} applications)", timed(list_query, args.repeat))
    report("detail with history", timed(detail_query, args.repeat))
    report("link lookup (a miss)", timed(link_miss, args.repeat))
    report("GET /api/v1/me/applications", asyncio.run(http_times(context, account_id, args.repeat)))
    context.engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--registry", type=int, default=1_000_000, help="applications in the registry")
    parser.add_argument("--linked", type=int, default=50, help="applications linked to the account")
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--database", help="PostgreSQL URL (default: GCKEY_BENCH_DATABASE_URL, the local server)")
    parser.add_argument("--sqlite", action="store_true", help="use a temporary SQLite file even if PostgreSQL answers")
    args = parser.parse_args()
    if args.linked > args.registry:
        parser.error("--linked cannot exceed --registry")
    postgres = None if args.sqlite else choose_database(args.database)
    with tempfile.TemporaryDirectory() as tmp:
        if postgres is None:
            print(f"SQLite, registry {args.registry:,}, {args.linked} linked")
            run(f"sqlite:///{tmp}/bench.sqlite3", args, Path(tmp))
            return
        schema = f"bench_{uuid.uuid4().hex[:10]}"
        base = make_url(postgres).set(drivername="postgresql+psycopg")
        admin = create_engine(base)
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        try:
            print(f"PostgreSQL, registry {args.registry:,}, {args.linked} linked")
            url = base.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)
            run(url, args, Path(tmp))
        finally:
            with admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()


if __name__ == "__main__":
    main()
