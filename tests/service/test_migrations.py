"""Alembic migrations: the shipped revisions build exactly the tables; a fresh store starts at head; an older
store is upgraded with its data kept; a newer one is refused and left alone (SQLite and PostgreSQL)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Column, Integer, MetaData, String, Table, inspect, select, text

from gckey_tui.service import migrate
from gckey_tui.service.db import SchemaMismatch, StoreBehind, load_tables, make_engine, metadata, prepare_store
from gckey_tui.service.schema_version import HEAD, REVISIONS, legacy_marker, version_table

NOW = datetime(2026, 11, 2, 12, 0, tzinfo=UTC)


@pytest.fixture
def engine(database_url):
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


def differences(engine) -> list:
    """What Alembic finds between the store and the tables this version defines (nothing, when in step)."""
    load_tables()
    with engine.connect() as conn:
        return compare_metadata(MigrationContext.configure(conn), metadata)


def upgrade_to(engine, revision: str) -> None:
    with engine.begin() as conn:
        command.upgrade(migrate.alembic_config(conn), revision)


def stored_revision(engine) -> str | None:
    with engine.connect() as conn:
        return conn.execute(select(version_table.c.version_num)).scalar()


def test_the_store_checks_for_the_revisions_that_ship():
    scripts = ScriptDirectory.from_config(migrate.alembic_config())
    assert scripts.get_heads() == [HEAD]
    assert tuple(reversed([script.revision for script in scripts.walk_revisions()])) == REVISIONS


def test_the_revisions_build_exactly_the_tables(engine, database_url):
    before, after = migrate.upgrade(engine)
    assert (before.status, after.status, after.revision) == ("empty", "current", HEAD)
    assert differences(engine) == []
    if database_url.startswith("postgresql"):
        # the version table sits in the store's own schema (the first of its search_path), like every table
        # (other tests' schemas in the same database hold theirs: look in this store's one)
        with engine.connect() as conn:
            found = conn.execute(
                text(
                    "SELECT count(*) FROM information_schema.tables "
                    "WHERE table_name = 'alembic_version' AND table_schema = current_schema()"
                )
            ).scalar_one()
        assert found == 1


def test_a_fresh_store_starts_at_head_without_loading_alembic(tmp_path):
    url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    probe = (
        "import sys\n"
        "from gckey_tui.service.db import make_engine, prepare_store\n"
        f"prepare_store(make_engine({url!r}))\n"
        "print('alembic' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=os.environ)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
    engine = make_engine(url)
    assert stored_revision(engine) == HEAD and differences(engine) == []
    engine.dispose()


def make_legacy_store(engine) -> None:
    """A store as gckey-tui 0.1 left it, from before ``limit_counters``: the 0.1 tables with data, a counter
    table that was later dropped, and ``schema_info`` version 1, but no Alembic version."""
    upgrade_to(engine, "0001_baseline")
    legacy = MetaData()
    throttle = Table("sign_in_throttle", legacy, Column("username_key", String(200), primary_key=True))
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE limit_counters"))
        conn.execute(text("DROP TABLE alembic_version"))
        legacy.create_all(conn)
        conn.execute(throttle.insert().values(username_key="someone"))
        legacy_marker.create(conn)
        conn.execute(legacy_marker.insert().values(version=1))
        accounts = Table("accounts", MetaData(), autoload_with=conn)
        conn.execute(
            accounts.insert().values(
                id=7,
                username="keepme2026",
                username_key="keepme2026",
                email="keepme2026@example.com",
                language="fr",
                status="active",
                created_at=NOW,
                last_activity_at=NOW,
            )
        )
        institutions = Table("institutions", MetaData(), autoload_with=conn)
        conn.execute(
            institutions.insert().values(
                id=3,
                dli="O19395677452",
                name="Collège Nord",
                province="ON",
                principal_email="p@n.example",
                created_at=NOW,
            )
        )


def test_an_older_store_is_upgraded_with_its_data_kept(engine):
    make_legacy_store(engine)
    assert migrate.state(engine).status == "legacy"
    prepare_store(engine)  # what any command does when it opens the store
    assert stored_revision(engine) == HEAD
    assert differences(engine) == []
    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        account = conn.execute(text("SELECT username, email, language FROM accounts WHERE id = 7")).one()
        institution = conn.execute(text("SELECT name FROM institutions WHERE id = 3")).scalar()
    assert tuple(account) == ("keepme2026", "keepme2026@example.com", "fr")
    assert institution == "Collège Nord"
    assert {"limit_counters", "mail_outbox"} <= tables
    assert not {"schema_info", "sign_in_throttle"} & tables


def test_a_store_one_revision_behind_is_upgraded_and_migrating_again_changes_nothing(engine):
    upgrade_to(engine, "0001_baseline")
    before, after = migrate.upgrade(engine)
    assert (before.status, before.revision, after.revision) == ("behind", "0001_baseline", HEAD)
    again_before, again_after = migrate.upgrade(engine)
    assert again_before.status == again_after.status == "current"


def test_a_store_behind_is_refused_when_migrating_is_not_allowed(engine):
    upgrade_to(engine, "0001_baseline")
    with pytest.raises(StoreBehind):
        prepare_store(engine, migrate=False)
    assert stored_revision(engine) == "0001_baseline"


def test_a_store_from_a_newer_version_is_refused_and_left_alone(engine):
    prepare_store(engine)
    with engine.begin() as conn:
        conn.execute(version_table.update().values(version_num="0099_future"))
    with pytest.raises(SchemaMismatch):
        prepare_store(engine)
    with pytest.raises(SchemaMismatch):
        migrate.upgrade(engine)
    assert stored_revision(engine) == "0099_future"


def test_a_pre_migration_store_with_a_newer_marker_is_refused(engine):
    marker = Table("schema_info", MetaData(), Column("version", Integer, nullable=False))
    with engine.begin() as conn:
        marker.create(conn)
        conn.execute(marker.insert().values(version=3))
    with pytest.raises(SchemaMismatch):
        prepare_store(engine)


def test_secrets_written_before_binding_are_bound_by_the_migration(engine):
    from gckey_tui.service.security import Secrets, account_binding
    from gckey_tui.service.store_upgrades import UNBOUND, KeyNeeded

    make_legacy_store(engine)
    secrets = Secrets(b"migration-test-key-0123456789abcdef", "fast")
    with engine.begin() as conn:  # as 0.1 stored it: encrypted, bound to nothing
        conn.execute(
            text("UPDATE accounts SET two_factor_method = 'totp', totp_secret = :secret WHERE id = 7"),
            {"secret": secrets.encrypt("JBSWY3DPEHPK3PXP", UNBOUND)},
        )
    with pytest.raises(KeyNeeded):
        prepare_store(engine)  # without the key, the secrets are not touched (nor is the rest of the revision)
    assert migrate.state(engine).status != "current"
    prepare_store(engine, secrets=secrets)
    with engine.connect() as conn:
        bound = conn.execute(text("SELECT totp_secret FROM accounts WHERE id = 7")).scalar()
    assert secrets.decrypt(bound, account_binding(7)) == "JBSWY3DPEHPK3PXP"
