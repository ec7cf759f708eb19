"""DLI reports at national scale: 1,600 institutions, 1,000,000 students (DESIGN §6, issue #5).

Loads ``--institutions`` institutions and ``--students`` report rows for cycle 2026-11 (the first institution
gets ``--big`` of them, the rest are spread evenly; about 80 % have a status) into a fresh PostgreSQL schema
with COPY, then times:

- the report status of one institution (summary with counts by status): budget < 10 ms;
- a ``--big``-row CSV import through ``PUT …/statuses`` in-process (parse, check, apply): budget < 2 s;
- opening the ``--big``-row report in the console (headless Textual) until its first page is drawn, then
  scrolling it: the CPU time of each cursor step and page-down until painted (budget: one 16 ms frame).

    python benchmarks/reports.py [--institutions 1600] [--students 1000000] [--big 40000] [--repeat 100]
                                 [--database postgresql+psycopg://postgres@127.0.0.1:5432/test]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, insert, text
from sqlalchemy.engine import make_url

from gckey_tui.config import Settings
from gckey_tui.service.app import build_context, create_app
from gckey_tui.service.clock import FrozenClock
from gckey_tui.service.reports import STATUSES, cycle
from gckey_tui.service.reports_store import summary
from gckey_tui.service.sessions import issue_session
from gckey_tui.service.tables.accounts import accounts
from gckey_tui.service.tables.reports import institution_staff, institutions

DEFAULT_DATABASE = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
CYCLE = cycle("2026-11")
NOW = datetime(2026, 11, 20, 12, tzinfo=UTC)
COLUMNS = (
    "institution_id",
    "cycle",
    "student_id",
    "family_name",
    "given_names",
    "date_of_birth",
    "uci",
    "program",
    "status",
)


def load(context, args: argparse.Namespace) -> int:
    """Institutions, a principal of the first one, and every report row (COPY); returns the account id."""
    rng = random.Random(5)
    with context.engine.begin() as conn:
        conn.execute(
            insert(institutions),
            [
                {
                    "dli": f"O{n:011d}",
                    "name": f"Institution {n}",
                    "province": "ON",
                    "principal_email": f"p{n}@example.com",
                    "created_at": NOW,
                }
                for n in range(1, args.institutions + 1)
            ],
        )
        account_id = conn.execute(
            insert(accounts).values(
                username="bench0001",
                username_key="bench0001",
                email="b@example.com",
                language="en",
                status="active",
                two_factor_method="totp",
                created_at=NOW,
                last_activity_at=NOW,
            )
        ).inserted_primary_key[0]
        conn.execute(insert(institution_staff).values(institution_id=1, account_id=account_id, role="principal"))
    rest = max(args.students - args.big, 0)
    per = rest // max(args.institutions - 1, 1)
    raw = context.engine.raw_connection()
    try:
        with raw.cursor() as cursor:
            with cursor.copy(f"COPY report_rows ({', '.join(COLUMNS)}) FROM STDIN") as copy:
                for institution_id in range(1, args.institutions + 1):
                    count = args.big if institution_id == 1 else per
                    for n in range(1, count + 1):
                        status = rng.choice(STATUSES) if rng.random() < 0.8 else None
                        born = date(1995, 1, 1) + timedelta(days=n % 4000)
                        copy.write_row(
                            (
                                institution_id,
                                CYCLE.name,
                                f"S{n:07d}",
                                f"Family{n % 997}",
                                f"Given{n % 101}",
                                born,
                                f"{1_000_000_000 + n}",
                                "Program",
                                status,
                            )
                        )
        with raw.cursor() as cursor:
            # the per-status counts every write keeps (COPY bypasses the service: counted once here)
            cursor.execute(
                "INSERT INTO report_counts (institution_id, cycle, status, count) "
                "SELECT institution_id, cycle, COALESCE(status, 'missing'), count(*) FROM report_rows GROUP BY 1, 2, 3"
            )
        raw.commit()
        with raw.cursor() as cursor:
            cursor.execute("ANALYZE")
        raw.commit()
    finally:
        raw.close()
    return account_id


def figures(label: str, times: list[float], budget: float | None = None) -> None:
    ordered = sorted(times)
    p95 = ordered[max(int(len(ordered) * 0.95) - 1, 0)]
    verdict = "" if budget is None else ("   within budget" if p95 < budget else f"   OVER the {budget} ms budget")
    print(f"  {label:<44} median {statistics.median(ordered):9.2f} ms   p95 {p95:9.2f} ms{verdict}")


def status_times(context, dli_id: int, repeat: int) -> list[float]:
    with context.engine.connect() as conn:
        institution = dict(
            conn.execute(text("SELECT * FROM institutions WHERE id = :i"), {"i": dli_id}).mappings().one()
        )
    times = []
    for _ in range(repeat + 1):
        start = time.perf_counter()
        with context.engine.connect() as conn:
            summary(conn, institution, CYCLE, NOW)
        times.append((time.perf_counter() - start) * 1000)
    return times[1:]  # the first warms the pool and the cache


async def import_times(app, token: str, big: int, repeat: int) -> list[float]:
    from gckey_tui.api import ServiceClient

    times = []
    async with ServiceClient.in_process(app, token=token) as client:
        for k in range(repeat):
            status = STATUSES[k % len(STATUSES)]
            body = "student_id,status\n" + "".join(f"S{n:07d},{status}\n" for n in range(1, big + 1))
            start = time.perf_counter()
            done = await client.import_statuses("O00000000001", CYCLE.name, body)
            times.append((time.perf_counter() - start) * 1000)
            assert done.updated == big
    return times


async def console_times(app, settings: Settings, token: str) -> tuple[float, list[float], list[float]]:
    """Opening the big report until its first page is drawn (ms), then the CPU ms of each cursor step and
    each page-down in its table, until painted (scrolling without stalls: each within a 16 ms frame)."""
    from textual.screen import Screen
    from textual.widgets import DataTable

    from gckey_tui.api import ServiceClient
    from gckey_tui.app import GCKeyApp, tune_gc_for_interaction
    from gckey_tui.screens.reports_view import ReportScreen

    class Bench(GCKeyApp):
        def get_default_screen(self) -> Screen:
            return Screen()

    async def painted() -> None:
        done = asyncio.Event()
        console.screen.call_after_refresh(done.set)
        await asyncio.wait_for(done.wait(), 5)

    async def cpu_of(step) -> float:
        start = time.process_time()
        step()
        await painted()
        return (time.process_time() - start) * 1000

    console = Bench(settings, ServiceClient.in_process(app, token=token), embedded=True)
    console.session_state = "authenticated"
    async with console.run_test(size=(120, 40)) as pilot:
        tune_gc_for_interaction()  # as ``run_console`` does once its warm-up is over
        start = time.perf_counter()
        screen = ReportScreen("O00000000001", CYCLE.name)
        console.push_screen(screen)
        await pilot.pause()
        await console.workers.wait_for_complete()
        await pilot.pause()
        opened = (time.perf_counter() - start) * 1000
        assert screen.page is not None and screen.page.matched > 0
        table = screen.query_one("#report-table", DataTable)
        table.focus()
        # a page of the report holds 200 rows: five page-downs stay within it
        pages = [await cpu_of(table.action_page_down) for _ in range(5)]
        table.move_cursor(row=0)
        await painted()
        steps = [await cpu_of(table.action_cursor_down) for _ in range(150)]
    return opened, steps, pages


def run(url: str, args: argparse.Namespace, tmp: Path) -> None:
    settings = Settings(
        data_dir=tmp,
        database_url=url,
        mail_dir=tmp / "mail",
        secret_key="bench-0123456789abcdef0123456789abcdef",
        hash_profile="fast",
        language="en",
    )
    clock = FrozenClock(NOW)
    context = build_context(settings, clock=clock)
    started = time.perf_counter()
    account_id = load(context, args)
    print(
        f"  loaded {args.institutions:,} institutions and {args.students:,} rows in "
        f"{time.perf_counter() - started:.1f} s"
    )
    figures(f"report status, institution of {args.big:,} rows", status_times(context, 1, args.repeat), 10)
    if args.institutions > 1:
        figures("report status, a typical institution", status_times(context, 2, args.repeat), 10)
    with context.engine.begin() as conn:
        token, _expires = issue_session(conn, context, account_id, "authenticated", NOW)
    app = create_app(settings, context=context)
    figures(
        f"CSV import of {args.big:,} rows (PUT …/statuses)", asyncio.run(import_times(app, token, args.big, 3)), 2000
    )
    opened, steps, pages = asyncio.run(console_times(app, settings, token))
    print(f"  {'console: open the report, first page drawn':<44} {opened:9.2f} ms")
    figures("console: cursor down one row, CPU to paint", steps, 16)
    figures("console: page down, CPU to paint", pages, 16)
    context.engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--institutions", type=int, default=1600)
    parser.add_argument("--students", type=int, default=1_000_000)
    parser.add_argument("--big", type=int, default=40_000, help="rows of the institution measured")
    parser.add_argument("--repeat", type=int, default=100)
    parser.add_argument("--database", default=os.environ.get("GCKEY_BENCH_DATABASE_URL", DEFAULT_DATABASE))
    args = parser.parse_args()
    if args.big > args.students:
        parser.error("--big cannot exceed --students")
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    base = make_url(args.database).set(drivername="postgresql+psycopg")
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        print(f"PostgreSQL, {args.institutions:,} institutions, {args.students:,} students (schema {schema})")
        url = base.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)
        with tempfile.TemporaryDirectory() as tmp:
            run(url, args, Path(tmp))
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


if __name__ == "__main__":
    main()
