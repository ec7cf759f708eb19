"""The mail outbox; the counters and version marker that limits and migrations replaced are dropped.

Revision ID: 0002_outbox
Revises: 0001_baseline
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_outbox"
down_revision = "0001_baseline"
branch_labels = None
depends_on = None

#: tables of stores made before ``limit_counters`` (their counts only ever lasted a day) and the version
#: marker Alembic replaces
OBSOLETE = (
    "sign_in_throttle",
    "lifecycle_throttle",
    "application_link_misses",
    "application_link_locks",
    "schema_info",
)


def upgrade() -> None:
    op.create_table(
        "mail_outbox",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("topic", sa.String(length=100), nullable=True),
        sa.Column("message", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deliver_by", sa.DateTime(timezone=True), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("claim", sa.String(length=32), nullable=True),
        sa.Column("last_error", sa.String(length=200), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_mail_outbox_due", "mail_outbox", ["next_attempt_at"], unique=False)
    op.create_index("ix_mail_outbox_topic", "mail_outbox", ["topic"], unique=False)
    for table in OBSOLETE:
        op.drop_table(table, if_exists=True)


def downgrade() -> None:
    op.drop_table("mail_outbox")
