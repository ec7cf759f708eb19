"""Hooks other areas register into for the account's export and deletion (issue #6).

- ``EXPORTERS``: section name → ``fn(conn, account_id) -> JSON-ready data``; ``GET /api/v1/me/export``
  includes one section per exporter. Register with ``@exporter("applications")``.
- ``ON_DELETE``: ``fn(conn, account_id, now)`` called inside the deletion's transaction, before the personal
  data is erased (e.g. the applications area unlinks the account's applications, which stay in the registry).
  Register with ``@on_delete``.

An area registers from a module the service imports (its router or tables module), so the hooks are in place
before the first request.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, select

from gckey_tui.service.clock import aware
from gckey_tui.service.tables.accounts import accounts, recovery_codes, security_answers, sessions

Exporter = Callable[[Connection, int], Any]
DeleteHook = Callable[[Connection, int, datetime], None]

EXPORTERS: dict[str, Exporter] = {}
ON_DELETE: list[DeleteHook] = []


def exporter(section: str) -> Callable[[Exporter], Exporter]:
    """Register ``fn`` as the exporter of ``section`` (one per section name)."""

    def register(fn: Exporter) -> Exporter:
        if section in EXPORTERS and EXPORTERS[section] is not fn:
            raise ValueError(f"export section {section!r} registered twice")
        EXPORTERS[section] = fn
        return fn

    return register


def on_delete(fn: DeleteHook) -> DeleteHook:
    """Register ``fn`` to run when an account is deleted."""
    if fn not in ON_DELETE:
        ON_DELETE.append(fn)
    return fn


def export_account(conn: Connection, account_id: int) -> dict[str, Any]:
    """Every registered section for the account."""
    return {section: fn(conn, account_id) for section, fn in sorted(EXPORTERS.items())}


def _iso(moment: datetime | None) -> str | None:
    return aware(moment).isoformat() if moment is not None else None


@exporter("profile")
def _profile(conn: Connection, account_id: int) -> dict[str, Any]:
    row = conn.execute(select(accounts).where(accounts.c.id == account_id)).mappings().one()
    return {
        "username": row["username"],
        "email": row["email"],
        "language": row["language"],
        "status": row["status"],
        "created_at": _iso(row["created_at"]),
        "last_sign_in_at": _iso(row["last_sign_in_at"]),
        "last_activity_at": _iso(row["last_activity_at"]),
    }


@exporter("two_factor")
def _two_factor(conn: Connection, account_id: int) -> dict[str, Any]:
    # the method only: the TOTP secret and the codes themselves never leave the service
    method = conn.execute(select(accounts.c.two_factor_method).where(accounts.c.id == account_id)).scalar()
    remaining = conn.execute(
        select(func.count())
        .select_from(recovery_codes)
        .where(recovery_codes.c.account_id == account_id, recovery_codes.c.used_at.is_(None))
    ).scalar_one()
    return {"method": method, "recovery_codes_remaining": remaining}


@exporter("recovery_questions")
def _questions(conn: Connection, account_id: int) -> list[str]:
    # which questions were chosen; the answers are stored only as hashes and are not exported
    return list(
        conn.execute(
            select(security_answers.c.question_id)
            .where(security_answers.c.account_id == account_id)
            .order_by(security_answers.c.position)
        ).scalars()
    )


@exporter("sessions")
def _sessions(conn: Connection, account_id: int) -> list[dict[str, Any]]:
    rows = conn.execute(
        select(sessions).where(sessions.c.account_id == account_id).order_by(sessions.c.created_at)
    ).mappings()
    return [
        {
            "state": row["state"],
            "created_at": _iso(row["created_at"]),
            "last_seen_at": _iso(row["last_seen_at"]),
            "expires_at": _iso(row["expires_at"]),
            "ended_at": _iso(row["revoked_at"]),
        }
        for row in rows
    ]
