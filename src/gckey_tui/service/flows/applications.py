"""Linking applications to accounts: matching as on the application, the 24-hour lock, lists and history.

A miss is one generic answer whatever did not match (number, name, date, country, or an application already
linked to someone else), so the answer never tells whether an application exists. Five misses within 24 hours
lock linking for the account for 24 hours (IRCC's rule).
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, and_, delete, insert, select
from sqlalchemy.exc import IntegrityError

from gckey_tui.service import lifecycle, limits
from gckey_tui.service.activity import record_event
from gckey_tui.service.clock import aware
from gckey_tui.service.context import ServiceContext
from gckey_tui.service.domain_error import DomainError
from gckey_tui.service.tables.applications import application_links, application_statuses, applications


def text_key(value: str) -> str:
    """Names and countries compare without case, accents or spaces ("as on the application")."""
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch) and not ch.isspace())


def compact(value: str) -> str:
    """Numbers as typed with spaces or hyphens ("W 1234-56789", "0000-0000"): upper case, nothing between."""
    return "".join(ch for ch in value.upper() if ch not in " -\t")


def _no_match() -> DomainError:
    return DomainError("no_matching_application")


def _candidates(conn: Connection, request: dict[str, Any]) -> list[Any]:
    """Applications that match every identifier of ``request`` (``identifier_type`` ``application_number``:
    number and family name; ``uci_document``: UCI and document number; both: date and country of birth), with
    their current link (if any)."""
    query = select(applications, application_links.c.account_id.label("linked_account")).outerjoin(
        application_links, application_links.c.application_id == applications.c.id
    )
    by_number = request["identifier_type"] == "application_number"
    if by_number:
        query = query.where(applications.c.number == compact(request["application_number"]))
    else:
        query = query.where(
            and_(
                applications.c.uci == compact(request["uci"]),
                applications.c.document_number == compact(request["document_number"]),
            )
        )
    rows = conn.execute(query).mappings().all()
    wanted_country = text_key(request["country_of_birth"])
    wanted_family = text_key(request["family_name"]) if by_number else None
    return [
        row
        for row in rows
        if row["date_of_birth"] == request["date_of_birth"]
        and text_key(row["country_of_birth"]) == wanted_country
        and (wanted_family is None or text_key(row["family_name"]) == wanted_family)
    ]


def link_applications(
    context: ServiceContext, account_id: int, request: dict[str, Any], now: datetime
) -> list[dict[str, Any]]:
    """Link every matching application not linked to another account; ``no_matching_application`` (a counted
    miss) when none. The attempt is counted before the registry is searched, so concurrent guesses cannot run
    past the lock."""
    attempt = limits.reserve(context, limits.LINK_MISSES, f"account:{account_id}", now)
    linked_ids: list[int] = []
    with context.engine.begin() as conn:
        for row in _candidates(conn, request):
            if row["linked_account"] == account_id:
                linked_ids.append(row["id"])
                continue
            if row["linked_account"] is not None:
                continue
            try:
                # the primary key on application_id decides a race: only one account's insert succeeds
                with conn.begin_nested():
                    conn.execute(
                        insert(application_links).values(application_id=row["id"], account_id=account_id, linked_at=now)
                    )
                linked_ids.append(row["id"])
                record_event(conn, account_id, "application_linked", now, detail=row["number"])
            except IntegrityError:
                # lost a race: it counts as linked only if the winner was this same account
                owner = conn.execute(
                    select(application_links.c.account_id).where(application_links.c.application_id == row["id"])
                ).scalar()
                if owner == account_id:
                    linked_ids.append(row["id"])
    if not linked_ids:
        limits.failed(context, attempt, now)
        raise _no_match()
    limits.succeeded(context, attempt, now)
    with context.engine.connect() as conn:
        return list_applications(conn, account_id, only=linked_ids)


def _linked(account_id: int):
    return (
        select(applications, application_links.c.linked_at)
        .join(application_links, application_links.c.application_id == applications.c.id)
        .where(application_links.c.account_id == account_id)
    )


def _summary(row: Any) -> dict[str, Any]:
    return {
        "number": row["number"],
        "category": row["category"],
        "status": row["status"],
        "submitted_on": row["submitted_on"],
        "status_date": row["status_date"],
        "linked_at": aware(row["linked_at"]),
    }


def list_applications(conn: Connection, account_id: int, *, only: list[int] | None = None) -> list[dict[str, Any]]:
    """The account's applications (or those of them with ids in ``only``), latest status change first."""
    query = _linked(account_id)
    if only is not None:
        query = query.where(applications.c.id.in_(only))
    rows = conn.execute(query.order_by(applications.c.status_date.desc(), applications.c.number)).mappings()
    return [_summary(row) for row in rows]


def application_detail(conn: Connection, account_id: int, number: str) -> dict[str, Any]:
    """One of the account's applications with its history; 404 for anyone else's or an unknown number."""
    row = conn.execute(_linked(account_id).where(applications.c.number == compact(number)[:10])).mappings().first()
    if row is None:
        raise DomainError("application_not_found")
    history = conn.execute(
        select(application_statuses.c.status, application_statuses.c.status_date)
        .where(application_statuses.c.application_id == row["id"])
        .order_by(application_statuses.c.status_date, application_statuses.c.id)
    ).mappings()
    return {
        **_summary(row),
        "uci": row["uci"],
        "family_name": row["family_name"],
        "given_names": row["given_names"],
        "date_of_birth": row["date_of_birth"],
        "country_of_birth": row["country_of_birth"],
        "history": [{"status": h["status"], "status_date": h["status_date"]} for h in history],
    }


@lifecycle.exporter("applications")
def _export(conn: Connection, account_id: int) -> list[dict[str, Any]]:
    return [
        _json_ready(application_detail(conn, account_id, summary["number"]))
        for summary in list_applications(conn, account_id)
    ]


def _json_ready(value: Any) -> Any:
    """Dates and times as ISO text, as the export's JSON holds them."""
    if isinstance(value, dict):
        return {key: _json_ready(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_json_ready(item) for item in value]
    return value.isoformat() if isinstance(value, date | datetime) else value


@lifecycle.on_delete
def _unlink(conn: Connection, account_id: int, _now: datetime) -> None:
    # the applications stay in the registry, free to be linked by the person's next account
    conn.execute(delete(application_links).where(application_links.c.account_id == account_id))


def applications_of(context: ServiceContext, account_id: int) -> list[dict[str, Any]]:
    """The account's applications, latest status change first."""
    with context.engine.connect() as conn:
        return list_applications(conn, account_id)


def one_application(context: ServiceContext, account_id: int, number: str) -> dict[str, Any]:
    """One of the account's applications with its history; ``application_not_found`` for any other."""
    with context.engine.connect() as conn:
        return application_detail(conn, account_id, number)
