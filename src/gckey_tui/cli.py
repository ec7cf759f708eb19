"""The ``gckey-tui`` command: the console (default), ``serve``, ``admin …`` and ``reports …``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from gckey_tui import __version__, serving
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
    parser.add_argument("--theme", help="Textual theme (e.g. textual-dark, high-contrast, ansi-dark, ansi-light)")
    parser.add_argument(
        "--ascii",
        action="store_true",
        default=None,
        help="plain glyphs: ASCII borders and markers (automatic with TERM=linux or vt100)",
    )
    parser.add_argument(
        "--reduced-motion",
        action="store_true",
        default=None,
        help="no animations, no blinking cursor, no spinners",
    )
    parser.add_argument("--database", dest="database_url", help="SQLAlchemy URL of the store")
    parser.add_argument("--config", type=Path, help="settings file to read instead of the user's config.toml")
    commands = parser.add_subparsers(dest="command")

    serving.register(commands)

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
        "ascii": args.ascii,
        "reduced_motion": args.reduced_motion,
        "database_url": getattr(args, "serve_database_url", None) or args.database_url,
    }
    if args.config is not None and not args.config.is_file():
        raise ValueError(f"no settings file at {args.config}")
    return load_settings(flags, config_path=args.config)


def run_admin(args: argparse.Namespace, settings: Settings) -> int:
    """Run one admin command against the local store (a store from a newer version: a message, exit 2)."""
    from gckey_tui.service.app import build_context
    from gckey_tui.service.db import SchemaMismatch

    if not getattr(args, "opens_store", True):  # commands that handle the store themselves (migrate)
        return int(args.handler(args, settings) or 0)
    try:
        context = build_context(settings)
    except SchemaMismatch as error:
        print(f"gckey-tui admin: {error}", file=sys.stderr)
        return 2
    try:
        status = int(args.handler(args, context) or 0)
        deliver_queued_mail(context)
        return status
    finally:
        context.engine.dispose()


def deliver_queued_mail(context) -> None:  # a ServiceContext (the service loads only when a command needs it)
    """An admin command's mail goes out before it exits; what the mail server does not take now stays queued
    for a served instance's senders."""
    context.outbox.flush()
    waiting = context.outbox.depth(context.clock.now()).waiting
    if waiting:
        from gckey_tui.i18n import translate

        print(translate("admin.outbox.waiting", "en", count=waiting), file=sys.stderr)


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
        sys.exit(serving.run_serve(args, settings))
    if args.command == "admin":
        sys.exit(run_admin(args, settings))
    if args.command is not None:
        sys.exit(int(args.handler(args, settings) or 0))
    from gckey_tui.app import run_console

    sys.exit(run_console(settings))
