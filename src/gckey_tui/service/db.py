"""The store: one SQLAlchemy Core schema for SQLite and PostgreSQL, versioned by Alembic revisions."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, MetaData, create_engine, event, insert, select
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool, QueuePool

from gckey_tui.service.schema_version import HEAD, SchemaMismatch, StoreBehind, store_state, version_table

if TYPE_CHECKING:
    from gckey_tui.service.security import Secrets

metadata = MetaData()

__all__ = ["SchemaMismatch", "StoreBehind", "load_tables", "make_engine", "metadata", "prepare_store"]


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def private_sqlite_file(path: Path) -> None:
    """Create the SQLite store readable by its owner only (0600), and tighten one made looser before.

    SQLite creates the ``-wal`` and ``-shm`` files with the database file's permissions, so they follow.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        if name.exists() and name.stat().st_mode & 0o077:
            name.chmod(0o600)


def make_engine(url: str, *, pool_size: int = 10) -> Engine:
    """An engine for ``url``; SQLite gets WAL, foreign keys and a busy timeout on every connection.

    Bound parameters never appear in errors or logs (``hide_parameters``): they hold password hashes,
    recovery-answer hashes and HMACs of codes.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            private_sqlite_file(Path(parsed.database))
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": 10},
            poolclass=NullPool if parsed.database in (None, "", ":memory:") else QueuePool,
            pool_size=pool_size,
            hide_parameters=True,
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        url = str(parsed.set(drivername="postgresql+psycopg"))
    return create_engine(url, pool_size=pool_size, max_overflow=pool_size * 2, pool_pre_ping=True, hide_parameters=True)


def load_tables() -> None:
    """Import every table module so that ``metadata`` knows the whole schema."""
    import gckey_tui.service.tables  # noqa: F401


def prepare_store(engine: Engine, *, migrate: bool = True, secrets: Secrets | None = None) -> None:
    """Bring the store to this version's schema: an empty one is created at the head revision at once (no
    Alembic to load: the console starts fast); an older one is upgraded (``StoreBehind`` with
    ``migrate=False``; ``secrets`` rebind its encrypted values to their rows); one from a newer version is
    refused (``SchemaMismatch``)."""
    load_tables()
    with engine.connect() as conn:
        state = store_state(conn, set(metadata.tables))
    if state.status == "current":
        return
    if state.status == "empty":
        with engine.begin() as conn:
            # the documented way to start a store at head: create the tables, record the head revision
            metadata.create_all(conn)
            version_table.create(conn, checkfirst=True)
            if conn.execute(select(version_table.c.version_num)).first() is None:
                conn.execute(insert(version_table).values(version_num=HEAD))
        return
    if state.status == "newer" or migrate:
        from gckey_tui.service.migrate import upgrade  # Alembic loads only when there is work for it

        upgrade(engine, secrets)
        return
    raise StoreBehind(f"the store is at revision {state.describe()}; this gckey-tui needs {HEAD}")
