"""The store: one SQLAlchemy Core schema for SQLite and PostgreSQL, with a recorded schema version."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    Integer,
    MetaData,
    Table,
    create_engine,
    event,
    insert,
    select,
    update,
)
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool, QueuePool

#: Bump when a table changes shape or stored values change form; a store written by a newer version is
#: refused. 2: encrypted secrets are bound to their row (AES-GCM associated data).
SCHEMA_VERSION = 2

metadata = MetaData()

schema_info = Table("schema_info", metadata, Column("version", Integer, nullable=False))


class SchemaMismatch(RuntimeError):
    """The store was written by a newer version of gckey-tui."""


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


def prepare_store(engine: Engine, upgrade: Callable[[Connection, int], None] | None = None) -> None:
    """Create missing tables and record the schema version; refuse a store from a newer version.

    ``upgrade(conn, stored_version)`` rewrites an older store's values, in the transaction that records the
    new version (so it runs once, and entirely or not at all).
    """
    load_tables()
    metadata.create_all(engine)
    with engine.begin() as conn:
        stored = conn.execute(select(schema_info.c.version).with_for_update()).scalar()
        if stored is None:
            conn.execute(insert(schema_info).values(version=SCHEMA_VERSION))
        elif stored > SCHEMA_VERSION:
            raise SchemaMismatch(
                f"the database has schema version {stored}; this gckey-tui knows version {SCHEMA_VERSION}"
            )
        elif stored < SCHEMA_VERSION:
            if upgrade is not None:
                upgrade(conn, stored)
            conn.execute(update(schema_info).values(version=SCHEMA_VERSION))
