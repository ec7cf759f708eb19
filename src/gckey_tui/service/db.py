"""The store: one SQLAlchemy Core schema for SQLite and PostgreSQL, with a recorded schema version."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Column, Engine, Integer, MetaData, Table, create_engine, event, insert, select, update
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool, QueuePool

#: Bump when a table changes shape; a store written by a newer version is refused.
SCHEMA_VERSION = 1

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


def make_engine(url: str, *, pool_size: int = 10) -> Engine:
    """An engine for ``url``; SQLite gets WAL, foreign keys and a busy timeout on every connection."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": 10},
            poolclass=NullPool if parsed.database in (None, "", ":memory:") else QueuePool,
            pool_size=pool_size,
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        url = str(parsed.set(drivername="postgresql+psycopg"))
    return create_engine(url, pool_size=pool_size, max_overflow=pool_size * 2, pool_pre_ping=True)


def load_tables() -> None:
    """Import every table module so that ``metadata`` knows the whole schema."""
    import gckey_tui.service.tables  # noqa: F401


def prepare_store(engine: Engine) -> None:
    """Create missing tables and record the schema version; refuse a store from a newer version."""
    load_tables()
    metadata.create_all(engine)
    with engine.begin() as conn:
        stored = conn.execute(select(schema_info.c.version)).scalar()
        if stored is None:
            conn.execute(insert(schema_info).values(version=SCHEMA_VERSION))
        elif stored > SCHEMA_VERSION:
            raise SchemaMismatch(
                f"the database has schema version {stored}; this gckey-tui knows version {SCHEMA_VERSION}"
            )
        elif stored < SCHEMA_VERSION:
            conn.execute(update(schema_info).values(version=SCHEMA_VERSION))
