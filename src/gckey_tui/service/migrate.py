"""Bringing a store to this version's schema with Alembic: ``gckey-tui admin migrate`` and ``serve`` use it.

Revisions live in ``service/migrations`` (inside the package, so an installed wheel has them). The baseline
revision creates only the tables that are missing, so a store made before migrations (``schema_info``
version 1) is adopted as it is, its data kept, and then upgraded like any other.

``python3 -m gckey_tui.service.migrate revision -m "what changed"`` drafts a new revision from the
difference between ``service/tables`` and the current head (for maintainers).
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

from gckey_tui.config import Settings
from gckey_tui.service.db import load_tables, make_engine, metadata
from gckey_tui.service.schema_version import SchemaMismatch, StoreState, store_state
from gckey_tui.service.security import Secrets

SCRIPTS = Path(__file__).with_name("migrations")


def alembic_config(conn: Connection | None = None, secrets: Secrets | None = None) -> Config:
    """Alembic's configuration, without an ini file: the shipped scripts, the connection to run on, and the
    service's keys (a revision rewriting encrypted values needs them)."""
    config = Config()
    config.set_main_option("script_location", str(SCRIPTS))
    config.attributes["connection"] = conn
    config.attributes["secrets"] = secrets
    return config


def head() -> str:
    """The newest revision shipped."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def state(engine: Engine) -> StoreState:
    """Where the store stands."""
    load_tables()
    with engine.connect() as conn:
        return store_state(conn, set(metadata.tables))


def service_secrets(settings: Settings) -> Secrets:
    """The service's keys for ``settings`` (a revision that rewrites encrypted values needs them)."""
    return Secrets(settings.resolved_secret_key(), settings.hash_profile, settings.hash_concurrency)


def upgrade(engine: Engine, secrets: Secrets | None = None) -> tuple[StoreState, StoreState]:
    """Upgrade the store to the head revision (idempotent); returns the state before and after.

    A store from a newer gckey-tui is refused with ``SchemaMismatch`` and left as it is.
    """
    before = state(engine)
    if before.status == "newer":
        raise SchemaMismatch(
            f"the store is at revision {before.describe()}, newer than this gckey-tui knows ({head()}); "
            "upgrade gckey-tui instead"
        )
    if before.status != "current":
        # one transaction: on PostgreSQL a failed revision leaves the store as it was
        with engine.begin() as conn:
            command.upgrade(alembic_config(conn, secrets), "head")
    return before, state(engine)


def draft_revision(message: str) -> None:
    """Write a new revision from the difference between the tables and a scratch store at head."""
    with tempfile.TemporaryDirectory() as scratch:
        engine = make_engine(f"sqlite:///{Path(scratch) / 'head.sqlite3'}")
        with engine.begin() as conn:
            command.upgrade(alembic_config(conn), "head")
            command.revision(alembic_config(conn), message=message, autogenerate=True)
        engine.dispose()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python3 -m gckey_tui.service.migrate")
    parser.add_argument("action", choices=["revision"])
    parser.add_argument("-m", "--message", required=True)
    draft_revision(parser.parse_args().message)
