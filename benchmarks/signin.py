"""Sign-in throughput of a served instance against the bare argon2id verify rate (DESIGN §6).

Starts ``gckey-tui serve`` (standard hash profile) on a free loopback port, signs in over HTTP with
several concurrent clients for a fixed time, then measures how many argon2id verifications per second
the same number of processes manage with nothing else to do. Prints both and their ratio (budget ≥ 0.8).

    python benchmarks/signin.py [--seconds 10] [--workers 2] [--concurrency 8] [--database URL]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from argon2 import PasswordHasher

from gckey_tui.config import Settings
from gckey_tui.service.app import build_context
from gckey_tui.service.security import HASH_PROFILES

PASSWORD = "Maple7Syrup"
ACCOUNTS = 50


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def seed(settings: Settings, count: int = ACCOUNTS) -> list[str]:
    """``count`` accounts that have a second factor, so each sign-in is the password step only."""
    from sqlalchemy import insert

    from gckey_tui.service.tables.accounts import accounts

    context = build_context(settings)
    password_hash = context.secrets.hash_password(PASSWORD)
    now = context.clock.now()
    names = [f"bench{n:04d}x" for n in range(count)]
    with context.engine.begin() as conn:
        conn.execute(
            insert(accounts),
            [
                {
                    "username": name,
                    "username_key": name,
                    "password_hash": password_hash,
                    "email": f"{name}@example.com",
                    "language": "en",
                    "status": "active",
                    "two_factor_method": "email",
                    "created_at": now,
                    "last_activity_at": now,
                }
                for name in names
            ],
        )
    context.engine.dispose()
    return names


async def _post(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes) -> int:
    """One keep-alive HTTP/1.1 exchange; returns the status code."""
    writer.write(request)
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = next(
        int(line.split(b":", 1)[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length:")
    )
    await reader.readexactly(length)
    return status


def _sign_in_request(port: int, username: str) -> bytes:
    body = json.dumps({"username": username, "password": PASSWORD}).encode()
    return (
        f"POST /api/v1/sessions HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode() + body


async def sign_in_load(port: int, names: list[str], seconds: float, concurrency: int) -> tuple[int, int]:
    """(successful sign-ins, failures) in ``seconds``.

    The requests are prepared bytes on kept-alive connections: the load generator shares the machine's
    cores with the server, so it must cost as little as possible.
    """
    requests = [_sign_in_request(port, name) for name in names]
    done = failed = 0
    deadline = time.perf_counter() + seconds

    async def worker(offset: int) -> None:
        nonlocal done, failed
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        n = offset
        while time.perf_counter() < deadline:
            if await _post(reader, writer, requests[n % len(requests)]) == 201:
                done += 1
            else:
                failed += 1
            n += concurrency
        writer.close()

    await asyncio.gather(*(worker(i) for i in range(concurrency)))
    return done, failed


def _verify_for(arguments: tuple[str, float]) -> tuple[int, float]:
    encoded, seconds = arguments
    hasher = PasswordHasher(**HASH_PROFILES["standard"])
    count = 0
    started_cpu = time.process_time()
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        hasher.verify(encoded, PASSWORD)
        count += 1
    return count, time.process_time() - started_cpu


def argon2_rate(processes: int, seconds: float) -> tuple[float, float]:
    """(argon2id verifications per second with ``processes`` busy processes, CPU seconds per verify)."""
    encoded = PasswordHasher(**HASH_PROFILES["standard"]).hash(PASSWORD)
    with multiprocessing.Pool(processes) as pool:
        results = pool.map(_verify_for, [(encoded, seconds)] * processes)
    count = sum(n for n, _cpu in results)
    return count / seconds, sum(cpu for _n, cpu in results) / count


def process_tree_cpu(root: int) -> float:
    """CPU seconds (user + system) used so far by ``root`` and its children (Linux /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(entry.name) == root or int(fields[1]) == root:
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--database", help="SQLAlchemy URL (default: a fresh SQLite file)")
    args = parser.parse_args()

    data_dir = Path(tempfile.mkdtemp(prefix="gckey-bench-"))
    settings = Settings(
        data_dir=data_dir,
        database_url=args.database,
        secret_key="benchmark-key-0123456789abcdef0123456789abcdef",
        hash_profile="standard",
        mail_dir=data_dir / "mail",
    )
    names = seed(settings)
    port = free_port()
    environment = {
        **os.environ,
        "GCKEY_DATA_DIR": str(data_dir),
        "GCKEY_SECRET_KEY": "benchmark-key-0123456789abcdef0123456789abcdef",
        "GCKEY_HASH_PROFILE": "standard",
        "GCKEY_DATABASE_URL": settings.resolved_database_url(),
        "GCKEY_MAIL_DIR": str(data_dir / "mail"),
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "gckey_tui", "serve", "--port", str(port), "--workers", str(args.workers)],
        env=environment,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                if httpx.get(f"{base_url}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        asyncio.run(sign_in_load(port, names, 1.0, args.concurrency))  # warm-up
        server_cpu, client_cpu = process_tree_cpu(server.pid), time.process_time()
        done, failed = asyncio.run(sign_in_load(port, names, args.seconds, args.concurrency))
        server_cpu = process_tree_cpu(server.pid) - server_cpu
        client_cpu = time.process_time() - client_cpu
    finally:
        server.terminate()
        server.wait(timeout=30)
    served = done / args.seconds
    bound, verify_cpu = argon2_rate(args.workers, args.seconds)
    sign_in_cpu = (server_cpu + client_cpu) / max(done, 1)
    print(f"store:                 {settings.resolved_database_url().split('://')[0]}")
    print(f"workers / concurrency: {args.workers} / {args.concurrency}")
    print(f"sign-ins per second:   {served:8.1f}  ({done} in {args.seconds:.0f} s, {failed} failed)")
    print(f"argon2id verify rate:  {bound:8.1f}  per second ({args.workers} processes, m=19 MiB, t=2, p=1)")
    print(f"ratio:                 {served / bound:8.2f}  (budget >= 0.80)")
    print(
        f"CPU per sign-in:       {1000 * sign_in_cpu:8.1f}  ms (server {1000 * server_cpu / max(done, 1):.1f}"
        f" + load generator {1000 * client_cpu / max(done, 1):.1f}) vs {1000 * verify_cpu:.1f} ms per argon2id verify"
    )
    print(
        f"CPU-time ratio:        {verify_cpu / sign_in_cpu:8.2f}"
        "  (the same bound in CPU time: other load on the machine affects it less)"
    )


if __name__ == "__main__":
    main()
