"""Where a store stands against this gckey-tui's schema, read without loading Alembic (the console starts fast).

A store is *empty* (none of our tables), *legacy* (made before migrations: ``schema_info`` version 1, or our
tables without any marker), *behind* (an older revision), *current* (``HEAD``) or *newer* (a revision this
version does not know: refused, never touched).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Column, Connection, Integer, MetaData, String, Table, inspect, select

#: the newest revision in ``service/migrations/versions`` (a test checks they agree)
HEAD = "0004_passkeys"
#: every revision this version knows, oldest first
REVISIONS = ("0001_baseline", "0002_outbox", "0003_account_centre", HEAD)

#: Alembic's own record of the revision a store is at (in the connection's default schema)
version_table = Table("alembic_version", MetaData(), Column("version_num", String(32), primary_key=True))
#: how stores made before migrations recorded their shape
legacy_marker = Table("schema_info", MetaData(), Column("version", Integer, nullable=False))
#: the last ``schema_info`` version before migrations (2: secrets bound to their rows, never released)
LEGACY_VERSION = 2


class SchemaMismatch(RuntimeError):
    """The store was written by a newer version of gckey-tui."""


class StoreBehind(RuntimeError):
    """The store needs migrating and this command was told not to."""


@dataclass(frozen=True)
class StoreState:
    """One of ``empty``, ``legacy``, ``behind``, ``current``, ``newer``, and the revision stored (if any)."""

    status: str
    revision: str | None = None

    def describe(self) -> str:
        """For messages: the revision, or what stands for it."""
        return {"empty": "empty", "legacy": "before migrations"}.get(self.status) or str(self.revision)


def store_state(conn: Connection, table_names: set[str]) -> StoreState:
    """Where the store behind ``conn`` stands; ``table_names`` are the tables this version defines."""
    present = set(inspect(conn).get_table_names())
    if version_table.name in present:
        revision = conn.execute(select(version_table.c.version_num)).scalar()
        if revision == HEAD:
            return StoreState("current", revision)
        if revision is None or revision in REVISIONS:
            return StoreState("behind", revision)
        return StoreState("newer", revision)
    if legacy_marker.name in present:
        version = conn.execute(select(legacy_marker.c.version)).scalar()
        if version is not None and version > LEGACY_VERSION:
            return StoreState("newer", f"schema_info {version}")
        return StoreState("legacy")
    # our tables without any marker (a first start that stopped half-way): adopted like a legacy store
    return StoreState("legacy") if present & table_names else StoreState("empty")
