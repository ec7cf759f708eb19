"""The account centre (sessions' origin, security events, pending email changes); encrypted secrets bound to
their rows (AES-GCM associated data) in stores written before that.

Revision ID: 0003_account_centre
Revises: 0002_outbox
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

from gckey_tui.service.store_upgrades import bind_secrets_to_rows

revision = "0003_account_centre"
down_revision = "0002_outbox"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # first, so that a store whose key was not given is left with nothing of this revision: the service key
    # rebinds secrets encrypted before they were bound to their rows (``migrate.upgrade`` passes it; a store
    # with no secret needs none)
    bind_secrets_to_rows(op.get_context().config.attributes.get("secrets"), op.get_bind())
    op.create_table(
        "pending_emails",
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("account_id"),
    )
    op.create_table(
        "security_events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("client", sa.String(length=16), nullable=True),
        sa.Column("address", sa.String(length=64), nullable=True),
        sa.Column("detail", sa.String(length=100), nullable=True),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("security_events", schema=None) as batch_op:
        batch_op.create_index("ix_security_events_account", ["account_id", "occurred_at"], unique=False)

    with op.batch_alter_table("sessions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("method", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("client", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("address", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sessions", schema=None) as batch_op:
        batch_op.drop_column("address")
        batch_op.drop_column("client")
        batch_op.drop_column("method")

    with op.batch_alter_table("security_events", schema=None) as batch_op:
        batch_op.drop_index("ix_security_events_account")

    op.drop_table("security_events")
    op.drop_table("pending_emails")
