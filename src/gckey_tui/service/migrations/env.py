"""Alembic environment: always called from ``service/migrate.py`` with a live connection (no alembic.ini)."""

from alembic import context

from gckey_tui.service.db import load_tables, metadata

load_tables()

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    # SQLite changes a table's shape only by copying it: Alembic's batch mode does that
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
