"""Passkeys and security keys (WebAuthn credentials) and the tickets of their browser hand-off.

Revision ID: 0004_passkeys
Revises: 0003_account_centre
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_passkeys"
down_revision = "0003_account_centre"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "passkeys",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("credential_id", sa.LargeBinary(), nullable=False),
        sa.Column("public_key", sa.LargeBinary(), nullable=False),
        sa.Column("sign_count", sa.Integer(), nullable=False),
        sa.Column("transports", sa.String(length=100), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("credential_id"),
    )
    op.create_index("ix_passkeys_account", "passkeys", ["account_id"], unique=False)
    op.create_table(
        "passkey_tickets",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("ticket_hmac", sa.String(length=64), nullable=False),
        sa.Column("purpose", sa.String(length=8), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=2), nullable=False),
        sa.Column("decoys", sa.String(length=8), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("challenge", sa.LargeBinary(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["session_id"], ["sessions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("ticket_hmac"),
    )
    op.create_index("ix_passkey_tickets_session", "passkey_tickets", ["session_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_passkey_tickets_session", table_name="passkey_tickets")
    op.drop_table("passkey_tickets")
    op.drop_index("ix_passkeys_account", table_name="passkeys")
    op.drop_table("passkeys")
