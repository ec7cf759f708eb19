"""``gckey-tui serve``: migrate the store, say what is served, and run uvicorn workers on exactly these settings.

Only ``register`` runs when the console starts: everything else is imported when ``serve`` runs.

The parent resolves the settings once (config.toml, ``GCKEY_*``, flags; the database URL, secret key and
public address made explicit), writes them to a private file, and every worker's app factory
(``service/asgi.py``) loads that file: workers cannot drift from what ``serve`` printed.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

from gckey_tui.config import Settings

#: glibc: at most this many malloc arenas per worker, so argon2's freed buffers are reused, not kept per thread
MALLOC_ARENAS = "2"


def register(subparsers: argparse._SubParsersAction) -> None:
    """``serve`` and its flags."""
    serve = subparsers.add_parser("serve", help="run the service over HTTP (uvicorn)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8080)
    serve.add_argument("--database", dest="serve_database_url", help="SQLAlchemy URL of the store")
    serve.add_argument("--workers", type=int, default=1)
    serve.add_argument(
        "--no-migrate", action="store_true", help="refuse to start when the store needs migrating (do not migrate)"
    )
    serve.add_argument("--log-format", choices=["text", "json"], help="log lines as text (default) or JSON")
    serve.add_argument(
        "--insecure-fast-hash", action="store_true", help="allow GCKEY_HASH_PROFILE=fast (benchmarks only)"
    )


def served_settings(settings: Settings, args: argparse.Namespace) -> Settings:
    """The settings every worker gets: what ``settings`` leaves to be worked out, made explicit."""
    cores = os.cpu_count() or 1
    workers = max(args.workers, 1)
    return replace(
        settings,
        database_url=settings.resolved_database_url(),
        secret_key=settings.resolved_secret_key().decode(),
        mail_dir=None if settings.smtp_url else settings.resolved_mail_dir(),
        # verification addresses name where browsers reach this instance: never a request's Host header
        public_url=settings.public_url or f"http://{args.host}:{args.port}",
        # the workers share the cores: each hashes at most its share at once
        hash_concurrency=settings.hash_concurrency or max(1, cores // workers),
        log_format=args.log_format or settings.log_format,
    )


def hide_password(url: str) -> str:
    """A store or SMTP URL fit to print: any password replaced by ``***``."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def describe(settings: Settings, args: argparse.Namespace, store: str) -> list[str]:
    """What an operator needs to see at start: where, which store, which mail, which partners."""
    from gckey_tui.service.partner_registry import DEV_PARTNER_ID, PARTNER_IDS, dev_partner_enabled

    workers = max(args.workers, 1)
    if settings.smtp_url:
        mail = f"SMTP {hide_password(settings.smtp_url)}"
    else:
        mail = f"Maildir {settings.resolved_mail_dir()}"
    partners = [f"{pid} ({settings.partners[pid]['issuer']})" for pid in PARTNER_IDS if pid in settings.partners]
    if dev_partner_enabled(settings):
        partners.append(f"{DEV_PARTNER_ID} (development partner: demo and tests only)")
    lines = [
        f"listening on http://{args.host}:{args.port} with {workers} worker{'s' if workers > 1 else ''}"
        " (/health/ready, /metrics)",
        f"store: {hide_password(settings.resolved_database_url())} ({store})",
        f"mail: {mail}, from {settings.mail_from}",
        f"partners: {', '.join(partners) if partners else 'none configured'}",
        f"verification pages at {settings.public_url}; trusted proxies: {settings.trusted_proxies or 'none'}",
    ]
    unknown = sorted(set(settings.partners) - set(PARTNER_IDS))
    if unknown:
        lines.append(f"warning: not Sign-In Partners, ignored: {', '.join(unknown)} (known: {', '.join(PARTNER_IDS)})")
    return lines


def prepare(settings: Settings, migrate_store: bool) -> str:
    """Bring the store to this version before any worker starts (or check it is there); returns its state."""
    from gckey_tui.service import migrate
    from gckey_tui.service.db import StoreBehind, make_engine, prepare_store

    engine = make_engine(settings.resolved_database_url())
    try:
        if not migrate_store:
            try:
                prepare_store(engine, migrate=False)
            except StoreBehind as behind:
                raise StoreBehind(f"{behind}: run `gckey-tui admin migrate` (or serve without --no-migrate)") from None
            return f"revision {migrate.state(engine).describe()}"
        before, after = migrate.upgrade(engine, migrate.service_secrets(settings))
    finally:
        engine.dispose()
    if before.status == "current":
        return f"revision {after.describe()}"
    return f"revision {after.describe()}, upgraded from {before.describe()}"


def seed_demo(settings: Settings) -> None:
    """``--demo serve``: the demo data, as the console's demo has it."""
    from gckey_tui.admin.accounts import seed_all
    from gckey_tui.service.app import build_context

    context = build_context(settings)
    try:
        seed_all(argparse.Namespace(), context)
    finally:
        context.engine.dispose()


def run_serve(args: argparse.Namespace, settings: Settings) -> int:
    """Run the service with uvicorn; workers share the store named by the settings."""
    from gckey_tui.service.db import SchemaMismatch, StoreBehind

    if settings.hash_profile == "fast" and not args.insecure_fast_hash:
        print("gckey-tui serve: GCKEY_HASH_PROFILE=fast is for tests only (add --insecure-fast-hash)", file=sys.stderr)
        return 2
    served = served_settings(settings, args)
    try:
        store = prepare(served, migrate_store=not args.no_migrate)
    except (SchemaMismatch, StoreBehind) as error:
        print(f"gckey-tui serve: {error}", file=sys.stderr)
        return 2
    if served.demo:
        seed_demo(served)
    for line in describe(served, args, store):
        print(f"gckey-tui serve: {line}", flush=True)
    # a private directory (tmpfs when the session has one) for the settings file and the workers' metrics
    with tempfile.TemporaryDirectory(prefix="gckey-serve-", dir=os.environ.get("XDG_RUNTIME_DIR")) as private:
        return _run_uvicorn(served, args, Path(private))


def _exit_cleanly(_signum: int, _frame: object) -> None:
    raise SystemExit(0)


def _run_uvicorn(settings: Settings, args: argparse.Namespace, private: Path) -> int:
    import uvicorn

    from gckey_tui.service.logs import logging_config
    from gckey_tui.service.metrics import MULTIPROCESS_VARIABLE
    from gckey_tui.settings_file import SETTINGS_FILE_VARIABLE, write_settings_file

    # uvicorn stops on SIGTERM and then raises it again: let that unwind (a clean exit, as systemd expects) so
    # the private directory is removed rather than the process killed
    signal.signal(signal.SIGTERM, _exit_cleanly)
    os.environ[SETTINGS_FILE_VARIABLE] = str(write_settings_file(settings, private))
    # read by glibc when each worker process starts (the single-worker case caps it with mallopt instead)
    os.environ["MALLOC_ARENA_MAX"] = MALLOC_ARENAS
    if args.workers > 1:
        # spawned workers import prometheus-client afresh and share their metrics through this directory
        metrics_dir = private / "metrics"
        metrics_dir.mkdir(mode=0o700)
        os.environ[MULTIPROCESS_VARIABLE] = str(metrics_dir)
    uvicorn.run(
        "gckey_tui.service.asgi:create_served_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_config=logging_config(settings.log_format),
        access_log=False,
        # X-Forwarded-For is read by the service itself, and only from GCKEY_TRUSTED_PROXIES
        proxy_headers=False,
    )
    return 0
