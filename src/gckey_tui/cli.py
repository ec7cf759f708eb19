"""The ``gckey-tui`` command: the console (default), ``serve``, ``admin …`` and ``reports …``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from gckey_tui import __version__
from gckey_tui.config import Settings, load_settings


def build_parser(argv: Sequence[str] = ()) -> argparse.ArgumentParser:
    """Global flags and the sub-commands.

    Admin and extra commands are imported only when the command line names them (or asks for help),
    so that starting the console imports nothing it does not need.
    """
    wants_help = any(arg in ("-h", "--help") for arg in argv)
    parser = argparse.ArgumentParser(prog="gckey-tui", description="GCKey self-service console.")
    parser.add_argument("--version", action="version", version=f"gckey-tui {__version__}")
    parser.add_argument("--server", help="talk to a served instance at this URL (remote mode)")
    parser.add_argument("--demo", action="store_true", default=None, help="use the seeded demo database")
    parser.add_argument("--lang", dest="language", choices=["en", "fr"], help="language of the console")
    parser.add_argument("--theme", help="Textual theme (e.g. textual-dark, ansi-dark, ansi-light)")
    parser.add_argument("--database", dest="database_url", help="SQLAlchemy URL of the store")
    commands = parser.add_subparsers(dest="command")

    serve = commands.add_parser("serve", help="run the service over HTTP (uvicorn)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8080)
    serve.add_argument("--database", dest="serve_database_url", help="SQLAlchemy URL of the store")
    serve.add_argument("--workers", type=int, default=1)
    serve.add_argument(
        "--insecure-fast-hash", action="store_true", help="allow GCKEY_HASH_PROFILE=fast (benchmarks only)"
    )

    admin = commands.add_parser("admin", help="local administration: talks to the store directly")
    if "admin" in argv:
        admin_commands = admin.add_subparsers(dest="admin_command", required=True)
        from gckey_tui.admin import area_modules

        for module in area_modules():
            if hasattr(module, "register"):
                module.register(admin_commands)

    from gckey_tui import commands as extra_commands

    extra_commands.register_named(commands, None if wants_help else argv)
    if wants_help or "serve-ssh" in argv:
        from gckey_tui.ssh.command import register as register_serve_ssh

        register_serve_ssh(commands)
    return parser


def settings_from(args: argparse.Namespace) -> Settings:
    """Settings with the command line on top."""
    flags = {
        "server": args.server,
        "demo": args.demo,
        "language": args.language,
        "theme": args.theme,
        "database_url": getattr(args, "serve_database_url", None) or args.database_url,
    }
    return load_settings(flags)


def run_serve(args: argparse.Namespace, settings: Settings) -> int:
    """Run the service with uvicorn; workers share the store named by the settings."""
    import os

    import uvicorn

    if settings.hash_profile == "fast" and not args.insecure_fast_hash:
        print("gckey-tui serve: GCKEY_HASH_PROFILE=fast is for tests only (add --insecure-fast-hash)", file=sys.stderr)
        return 2
    # workers are separate processes: they rebuild the app from the environment
    os.environ["GCKEY_DATABASE_URL"] = settings.resolved_database_url()
    os.environ["GCKEY_SECRET_KEY"] = settings.resolved_secret_key().decode()
    os.environ["GCKEY_DATA_DIR"] = str(settings.data_dir)
    os.environ["GCKEY_HASH_PROFILE"] = settings.hash_profile
    # verification addresses name where browsers reach this instance: never a request's Host header
    os.environ["GCKEY_PUBLIC_URL"] = settings.public_url or f"http://{args.host}:{args.port}"
    os.environ["GCKEY_TRUSTED_PROXIES"] = settings.trusted_proxies
    # the workers share the cores: each hashes at most its share at once
    cores = os.cpu_count() or 1
    os.environ["GCKEY_HASH_CONCURRENCY"] = str(settings.hash_concurrency or max(1, cores // max(args.workers, 1)))
    from gckey_tui.service.app import create_app

    create_app(settings).state.context.engine.dispose()  # prepare the schema once, before forking
    uvicorn.run(
        "gckey_tui.service.asgi:app",
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level="warning",
        access_log=False,
        # X-Forwarded-For is read by the service itself, and only from GCKEY_TRUSTED_PROXIES
        proxy_headers=False,
    )
    return 0


def run_admin(args: argparse.Namespace, settings: Settings) -> int:
    """Run one admin command against the local store."""
    from gckey_tui.service.app import build_context

    context = build_context(settings)
    try:
        return int(args.handler(args, context) or 0)
    finally:
        context.engine.dispose()


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the ``gckey-tui`` script."""
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser(argv).parse_args(argv)
    try:
        settings = settings_from(args)
    except ValueError as error:  # a bad config.toml or GCKEY_* value: say which, no traceback
        print(f"gckey-tui: {error}", file=sys.stderr)
        sys.exit(2)
    if args.command == "serve":
        sys.exit(run_serve(args, settings))
    if args.command == "admin":
        sys.exit(run_admin(args, settings))
    if args.command is not None:
        sys.exit(int(args.handler(args, settings) or 0))
    from gckey_tui.app import run_console

    sys.exit(run_console(settings))
