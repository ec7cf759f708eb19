"""Linking applications to accounts: matching as on the application, the 24-hour lock, lists and history.

A miss is one generic answer whatever did not match (number, name, date, country, or an application already
linked to someone else), so the answer never tells whether an application exists. Five misses within 24 hours
lock linking for the account for 24 hours (IRCC's rule).
"""

from __future__ import annotations

import unicodedata
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, and_, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from gckey_tui.api import models_applications as am
from gckey_tui.service import lifecycle
from gckey_tui.service.clock import aware
from gckey_tui.service.context import ServiceContext
from gckey_tui.service.domain_error import DomainError
from gckey_tui.service.tables.applications import (
    application_links,
    application_statuses,
    applications,
    link_locks,
    link_misses,
)

MAX_MISSES = 5
MISS_WINDOW = timedelta(hours=24)
LOCK_DURATION = timedelta(hours=24)


def text_key(value: str) -> str:
    """Names and countries compare without case, accents or spaces ("as on the application")."""
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch) and not ch.isspace())


def compact(value: str) -> str:
    """Numbers as typed with spaces or hyphens ("W 1234-56789", "0000-0000"): upper case, nothing between."""
    return "".join(ch for ch in value.upper() if ch not in " -\t")


def _no_match() -> DomainError:
    return DomainError("no_matching_application")


def refuse_if_locked(conn: Connection, account_id: int, now: datetime) -> None:
    """429 ``linking_locked`` (with the time and Retry-After) while linking is locked for the account."""
    locked_until = aware(
        conn.execute(select(link_locks.c.locked_until).where(link_locks.c.account_id == account_id)).scalar()
    )
    if locked_until is not None and locked_until > now:
        raise DomainError(
            "linking_locked",
            retry_after=(locked_until - now).total_seconds(),
            until=locked_until.strftime("%Y-%m-%d %H:%M UTC"),
        )


def record_miss(context: ServiceContext, account_id: int, now: datetime) -> None:
    """Count a miss; the fifth within 24 hours locks linking for 24 hours. Commits before returning."""
    with context.engine.begin() as conn:
        conn.execute(insert(link_misses).values(account_id=account_id, missed_at=now))
        recent = conn.execute(
            select(func.count())
            .select_from(link_misses)
            .where(and_(link_misses.c.account_id == account_id, link_misses.c.missed_at > now - MISS_WINDOW))
        ).scalar_one()
        if recent < MAX_MISSES:
            return
        # the lock starts a fresh count: misses before it never add to the next window
        conn.execute(delete(link_misses).where(link_misses.c.account_id == account_id))
        locked_until = now + LOCK_DURATION
        if not conn.execute(
            update(link_locks).where(link_locks.c.account_id == account_id).values(locked_until=locked_until)
        ).rowcount:
            try:
                with conn.begin_nested():
                    conn.execute(insert(link_locks).values(account_id=account_id, locked_until=locked_until))
            except IntegrityError:
                pass  # a concurrent miss locked it at the same moment


def _candidates(conn: Connection, request: am.LinkByApplicationNumber | am.LinkByUciDocument) -> list[Any]:
    """Applications that match every identifier of ``request``, with their current link (if any)."""
    query = select(applications, application_links.c.account_id.label("linked_account")).outerjoin(
        application_links, application_links.c.application_id == applications.c.id
    )
    if isinstance(request, am.LinkByApplicationNumber):
        query = query.where(applications.c.number == compact(request.application_number))
    else:
        query = query.where(
            and_(
                applications.c.uci == compact(request.uci),
                applications.c.document_number == compact(request.document_number),
            )
        )
    rows = conn.execute(query).mappings().all()
    wanted_country = text_key(request.country_of_birth)
    wanted_family = text_key(request.family_name) if isinstance(request, am.LinkByApplicationNumber) else None
    return [
        row
        for row in rows
        if row["date_of_birth"] == request.date_of_birth
        and text_key(row["country_of_birth"]) == wanted_country
        and (wanted_family is None or text_key(row["family_name"]) == wanted_family)
    ]


def link_applications(
    context: ServiceContext,
    account_id: int,
    request: am.LinkByApplicationNumber | am.LinkByUciDocument,
    now: datetime,
) -> list[am.ApplicationSummary]:
    """Link every matching application not linked to another account; 404 (a counted miss) when none."""
    with context.engine.connect() as conn:
        refuse_if_locked(conn, account_id, now)
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
            except IntegrityError:
                # lost a race: it counts as linked only if the winner was this same account
                owner = conn.execute(
                    select(application_links.c.account_id).where(application_links.c.application_id == row["id"])
                ).scalar()
                if owner == account_id:
                    linked_ids.append(row["id"])
    if not linked_ids:
        record_miss(context, account_id, now)
        raise _no_match()
    with context.engine.connect() as conn:
        return list_applications(conn, account_id, only=linked_ids)


def _linked(account_id: int):
    return (
        select(applications, application_links.c.linked_at)
        .join(application_links, application_links.c.application_id == applications.c.id)
        .where(application_links.c.account_id == account_id)
    )


def _summary(row: Any) -> am.ApplicationSummary:
    return am.ApplicationSummary(
        number=row["number"],
        category=row["category"],
        status=row["status"],
        submitted_on=row["submitted_on"],
        status_date=row["status_date"],
        linked_at=aware(row["linked_at"]),
    )


def list_applications(
    conn: Connection, account_id: int, *, only: list[int] | None = None
) -> list[am.ApplicationSummary]:
    """The account's applications (or those of them with ids in ``only``), latest status change first."""
    query = _linked(account_id)
    if only is not None:
        query = query.where(applications.c.id.in_(only))
    rows = conn.execute(query.order_by(applications.c.status_date.desc(), applications.c.number)).mappings()
    return [_summary(row) for row in rows]


def application_detail(conn: Connection, account_id: int, number: str) -> am.ApplicationDetail:
    """One of the account's applications with its history; 404 for anyone else's or an unknown number."""
    row = conn.execute(_linked(account_id).where(applications.c.number == compact(number)[:10])).mappings().first()
    if row is None:
        raise DomainError("application_not_found")
    history = conn.execute(
        select(application_statuses.c.status, application_statuses.c.status_date)
        .where(application_statuses.c.application_id == row["id"])
        .order_by(application_statuses.c.status_date, application_statuses.c.id)
    ).mappings()
    return am.ApplicationDetail(
        **_summary(row).model_dump(),
        uci=row["uci"],
        family_name=row["family_name"],
        given_names=row["given_names"],
        date_of_birth=row["date_of_birth"],
        country_of_birth=row["country_of_birth"],
        history=[am.StatusEvent(status=h["status"], status_date=h["status_date"]) for h in history],
    )


@lifecycle.exporter("applications")
def _export(conn: Connection, account_id: int) -> list[dict[str, Any]]:
    return [
        application_detail(conn, account_id, summary.number).model_dump(mode="json")
        for summary in list_applications(conn, account_id)
    ]


@lifecycle.on_delete
def _unlink(conn: Connection, account_id: int, _now: datetime) -> None:
    # the applications stay in the registry, free to be linked by the person's next account
    conn.execute(delete(application_links).where(application_links.c.account_id == account_id))
    conn.execute(delete(link_misses).where(link_misses.c.account_id == account_id))
    conn.execute(delete(link_locks).where(link_locks.c.account_id == account_id))
