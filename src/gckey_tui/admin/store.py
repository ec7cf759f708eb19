"""``admin migrate``: bring the store to this version's schema (Alembic; idempotent)."""

from __future__ import annotations

import argparse
import sys

from gckey_tui.config import Settings


def register(subparsers: argparse._SubParsersAction) -> None:
    """``admin migrate``."""
    parser = subparsers.add_parser("migrate", help="upgrade the store to this version's schema (safe to repeat)")
    # migrating is this command's whole job: it opens the store itself, with no context built first
    parser.set_defaults(handler=migrate, opens_store=False)


def migrate(_args: argparse.Namespace, settings: Settings) -> int:
    """Upgrade the store to the head revision and say from where; a store from a newer version is refused."""
    from gckey_tui.service import migrate as migrations
    from gckey_tui.service.db import SchemaMismatch, make_engine
    from gckey_tui.serving import hide_password

    url = settings.resolved_database_url()
    engine = make_engine(url)
    try:
        before, after = migrations.upgrade(engine, migrations.service_secrets(settings))
    except SchemaMismatch as error:
        print(f"gckey-tui admin migrate: {error}", file=sys.stderr)
        return 2
    finally:
        engine.dispose()
    if before.status == "current":
        print(f"{hide_password(url)}: already at revision {after.describe()}")
    else:
        print(f"{hide_password(url)}: upgraded from {before.describe()} to revision {after.describe()}")
    return 0
