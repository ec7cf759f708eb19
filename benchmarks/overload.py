"""Sign-ins past the sustainable rate: load shedding keeps accepted sign-ins fast and workers small (DESIGN §6).

For 1 and 2 workers of ``gckey-tui serve`` (standard hash profile, PostgreSQL), measures the sustainable
sign-in rate (closed loop), then offers sign-ins at 0.5×, 1× and 2× that rate at a constant pace (open loop:
arrivals do not wait for answers, as real users do not) and prints, per run: the rate served, p50 and p99 of
accepted sign-ins (timed from when each was due to be sent), the share shed (503 busy) and how fast the
shed answers came, and the peak resident memory of each worker (VmHWM).

Budget: at 2× for 20 s, p99 of accepted ≤ 2 s, shed answers in < 50 ms, worker RSS ≤ 250 MiB; at 0.5×,
nothing shed.

    python benchmarks/overload.py [--seconds 20] [--database postgresql+psycopg://…] [--workers 1 2]

The database defaults to ``GCKEY_BENCH_DATABASE_URL``, else PostgreSQL on 127.0.0.1 (database ``test``);
each run gets a fresh schema, dropped at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from signin import PASSWORD, free_port, seed
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from gckey_tui.config import Settings

ACCOUNTS = 400
DEFAULT_DATABASE = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


@dataclass
class Run:
    """What one load run saw."""

    offered: float
    seconds: float
    accepted: list[float] = field(default_factory=list)
    shed: list[float] = field(default_factory=list)
    other: dict[int, int] = field(default_factory=dict)

    def percentile(self, values: list[float], share: float) -> float:
        if not values:
            return float("nan")
        ordered = sorted(values)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def request_bytes(port: int, username: str) -> bytes:
    body = json.dumps({"username": username, "password": PASSWORD}).encode()
    return (
        f"POST /api/v1/sessions HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode() + body


async def exchange(connection: tuple[asyncio.StreamReader, asyncio.StreamWriter], request: bytes) -> int:
    """One keep-alive HTTP/1.1 exchange; returns the status code."""
    reader, writer = connection
    writer.write(request)
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    length = next(
        int(line.split(b":", 1)[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length:")
    )
    await reader.readexactly(length)
    return int(head.split(b" ", 2)[1])


class Connections:
    """Kept-alive connections: an idle one when there is one, else a new one (arrivals never wait)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []

    async def send(self, request: bytes) -> int:
        """One exchange on an idle connection, or a new one when none is idle or the server closed the idle
        one (uvicorn closes connections idle for 5 s)."""
        while self.idle:
            connection = self.idle.pop()
            try:
                status = await exchange(connection, request)
            except (OSError, asyncio.IncompleteReadError):
                connection[1].close()
                continue
            self.idle.append(connection)
            return status
        connection = await asyncio.open_connection("127.0.0.1", self.port)
        status = await exchange(connection, request)
        self.idle.append(connection)
        return status

    def close(self) -> None:
        for _reader, writer in self.idle:
            writer.close()


async def open_loop(port: int, names: list[str], rate: float, seconds: float) -> Run:
    """Sign-ins at ``rate`` per second for ``seconds``, each sent when due whatever the earlier ones do."""
    run = Run(rate, seconds)
    connections = Connections(port)
    requests = [request_bytes(port, name) for name in names]
    start = time.perf_counter() + 0.1
    total = int(rate * seconds)

    async def one(n: int) -> None:
        due = start + n / rate
        await asyncio.sleep(max(0.0, due - time.perf_counter()))
        try:
            status = await asyncio.wait_for(connections.send(requests[n % len(requests)]), 60)
        except (OSError, asyncio.IncompleteReadError, TimeoutError):
            run.other[0] = run.other.get(0, 0) + 1  # no answer at all
            return
        took = time.perf_counter() - due
        if status == 201:
            run.accepted.append(took)
        elif status == 503:
            run.shed.append(took)
        else:
            run.other[status] = run.other.get(status, 0) + 1

    await asyncio.gather(*(one(n) for n in range(total)))
    connections.close()
    return run


async def closed_loop(port: int, names: list[str], seconds: float, concurrency: int) -> float:
    """Sign-ins per second with ``concurrency`` clients each waiting for its answer: the sustainable rate."""
    requests = [request_bytes(port, name) for name in names]
    deadline = time.perf_counter() + seconds
    done = 0

    async def client(offset: int) -> None:
        nonlocal done
        connection = await asyncio.open_connection("127.0.0.1", port)
        n = offset
        while time.perf_counter() < deadline:
            if await exchange(connection, requests[n % len(requests)]) == 201:
                done += 1
            n += concurrency
        connection[1].close()

    await asyncio.gather(*(client(i) for i in range(concurrency)))
    return done / seconds


def workers_of(server: int) -> list[int]:
    """The worker processes of ``serve`` (the server itself when it has one worker)."""
    children = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if parent == server and b"resource_tracker" not in command:
            children.append(int(entry.name))
    return children or [server]


def status_field(pid: int, name: str) -> int:
    """A number from /proc/<pid>/status (kB for memory fields)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{name}:"):
            return int(line.split()[1])
    return 0


def fresh_schema(database: str) -> tuple[str, str]:
    """A new schema in the PostgreSQL database, and the URL that uses it."""
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    base = make_url(database).set(drivername="postgresql+psycopg")
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    admin.dispose()
    url = base.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)
    return schema, url


def drop_schema(database: str, schema: str) -> None:
    admin = create_engine(make_url(database).set(drivername="postgresql+psycopg"))
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


def serve(port: int, workers: int, environment: dict[str, str]) -> subprocess.Popen:
    server = subprocess.Popen(
        [sys.executable, "-m", "gckey_tui", "serve", "--port", str(port), "--workers", str(workers)],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(600):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health/ready", timeout=1).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    server.terminate()
    raise SystemExit("serve did not become ready")


def measure(workers: int, factors: list[float], seconds: float, environment: dict[str, str], names: list[str]) -> list:
    """One server with ``workers`` workers: its sustainable rate, then a run per factor (fresh server each)."""
    rows = []
    port = free_port()
    server = serve(port, workers, environment)
    try:
        asyncio.run(closed_loop(port, names, 2.0, 8))  # warm-up
        sustainable = asyncio.run(closed_loop(port, names, 8.0, 16))
    finally:
        server.terminate()
        server.wait(timeout=30)
    for factor in factors:
        port = free_port()
        server = serve(port, workers, environment)  # each run starts from a fresh server: its own peak memory
        try:
            asyncio.run(closed_loop(port, names, 1.0, 4))  # warm-up
            run = asyncio.run(open_loop(port, names, factor * sustainable, seconds))
            peak = max(status_field(pid, "VmHWM") for pid in workers_of(server.pid)) / 1024
            threads = max(status_field(pid, "Threads") for pid in workers_of(server.pid))
        finally:
            server.terminate()
            server.wait(timeout=30)
        rows.append((workers, factor, sustainable, run, peak, threads))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--factors", type=float, nargs="+", default=[0.5, 1.0, 2.0])
    parser.add_argument("--database", default=os.environ.get("GCKEY_BENCH_DATABASE_URL", DEFAULT_DATABASE))
    args = parser.parse_args()

    load_before = os.getloadavg()
    schema, url = fresh_schema(args.database)
    data_dir = Path(tempfile.mkdtemp(prefix="gckey-overload-"))
    settings = Settings(
        data_dir=data_dir, database_url=url, secret_key="benchmark-key-" + "0" * 32, hash_profile="standard"
    )
    environment = {
        **os.environ,
        "GCKEY_DATA_DIR": str(data_dir),
        "GCKEY_SECRET_KEY": settings.secret_key,
        "GCKEY_HASH_PROFILE": "standard",
        "GCKEY_DATABASE_URL": url,
        "GCKEY_MAIL_DIR": str(data_dir / "mail"),
    }
    try:
        names = seed(settings, ACCOUNTS)
        rows = [
            row for workers in args.workers for row in measure(workers, args.factors, args.seconds, environment, names)
        ]
    finally:
        drop_schema(args.database, schema)
    load_after = os.getloadavg()

    print(f"store: PostgreSQL; {os.cpu_count()} cores; {args.seconds:.0f} s per run; standard argon2id")
    print(f"load average before / after: {load_before[0]:.2f} / {load_after[0]:.2f}")
    print(
        "| workers | load | offered/s | served/s | accepted p50 | accepted p99 | shed | shed p99 | other "
        "| peak RSS/worker | threads |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for workers, factor, sustainable, run, peak, threads in rows:
        offered = len(run.accepted) + len(run.shed) + sum(run.other.values())
        shed_share = len(run.shed) / offered if offered else 0.0
        served = len(run.accepted) / run.seconds
        median = 1000 * statistics.median(run.accepted) if run.accepted else float("nan")
        print(
            f"| {workers} | {factor:.1f}× of {sustainable:.1f}/s | {run.offered:.1f} | {served:.1f}"
            f" | {median:.0f} ms"
            f" | {1000 * run.percentile(run.accepted, 0.99):.0f} ms"
            f" | {100 * shed_share:.1f}% | {1000 * run.percentile(run.shed, 0.99):.0f} ms"
            f" | {sum(run.other.values())} | {peak:.0f} MiB | {threads} |"
        )


if __name__ == "__main__":
    main()
