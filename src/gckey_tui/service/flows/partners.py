"""Partner sign-in over the device authorization grant (RFC 8628): codes, polling, completion.

Device and user codes are stored only as HMACs; the OIDC ``state`` likewise, and the nonce and PKCE verifier
are derived from the state with the service key, so nothing secret about an attempt is kept in clear.
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError

from gckey_tui.service import limits
from gckey_tui.service.accounts import load_account
from gckey_tui.service.activity import Client, record_event
from gckey_tui.service.clock import aware
from gckey_tui.service.context import ServiceContext
from gckey_tui.service.domain_error import DomainError
from gckey_tui.service.flows.sign_in import signed_in
from gckey_tui.service.partner_registry import PartnerConfig, partner_config, partner_ids
from gckey_tui.service.sessions import issue_session
from gckey_tui.service.tables.accounts import accounts
from gckey_tui.service.tables.partners import device_authorizations, partner_links

DEVICE_CODE_LIFETIME = timedelta(minutes=10)
POLL_INTERVAL = 5
#: RFC 8628 §3.5: on slow_down the interval grows by 5 seconds
SLOW_DOWN_STEP = 5
#: RFC 8628 §6.1: consonants only (no vowels, so no words), 20^8 ≈ 2^34.6 codes
USER_CODE_ALPHABET = "BCDFGHJKLMNPQRSTVWXZ"
USER_CODE_LENGTH = 8


def new_user_code() -> str:
    """``XXXX-XXXX`` from the RFC 8628 alphabet."""
    raw = "".join(secrets.choice(USER_CODE_ALPHABET) for _ in range(USER_CODE_LENGTH))
    return f"{raw[:4]}-{raw[4:]}"


def display_user_code(code: str) -> str:
    """A typed user code as the console shows it (``XXXX-XXXX``)."""
    plain = normalise_user_code(code)
    return f"{plain[:4]}-{plain[4:]}" if len(plain) == USER_CODE_LENGTH else plain


def normalise_user_code(code: str) -> str:
    """Upper-case, dashes and spaces removed (users type it as they like)."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


@dataclass
class DeviceGrant:
    """A new device authorization: the codes are returned once and never stored."""

    device_code: str
    user_code: str
    expires_at: datetime
    interval: int


def available_partner(context: ServiceContext, partner_id: str, base_url: str) -> PartnerConfig:
    """The partner's configuration here; ``partner_not_found`` for an unknown id, ``partner_unavailable`` for
    one this instance is not set up for."""
    if partner_id not in partner_ids(context.settings):
        raise DomainError("partner_not_found")
    config = partner_config(context.settings, partner_id, base_url, context.secrets.hmac)
    if config is None:
        raise DomainError("partner_unavailable")
    return config


def start_device_authorization(
    context: ServiceContext,
    partner_id: str,
    language: str,
    now: datetime,
    link_account_id: int | None,
    client_address: str,
) -> DeviceGrant:
    """Record a new device authorization for ``partner_id`` (counted per client address and in all)."""
    limits.reserve(context, limits.DEVICE_AUTHORIZATIONS, client_address, now)
    limits.reserve(context, limits.DEVICE_AUTHORIZATIONS_ALL, "all", now)
    device_code = secrets.token_urlsafe(32)
    user_code = new_user_code()
    expires_at = now + DEVICE_CODE_LIFETIME
    with context.engine.begin() as conn:
        conn.execute(
            insert(device_authorizations).values(
                id=str(uuid.uuid4()),
                partner_id=partner_id,
                device_code_hmac=context.secrets.hmac("device-code", device_code),
                user_code_hmac=context.secrets.hmac("user-code", normalise_user_code(user_code)),
                status="pending",
                link_account_id=link_account_id,
                language=language,
                interval=POLL_INTERVAL,
                created_at=now,
                expires_at=expires_at,
            )
        )
    return DeviceGrant(device_code, user_code, expires_at, POLL_INTERVAL)


def enter_user_code(
    context: ServiceContext, user_code: str, client_address: str, now: datetime
) -> dict[str, Any] | None:
    """The live authorization a user code typed in a browser names, if any. Every try counts per client
    address, and wrong ones also in all."""
    limits.reserve(context, limits.PARTNER_USER_CODE, client_address, now)
    wrong = limits.reserve(context, limits.PARTNER_WRONG_USER_CODES, "all", now)
    found = find_by_user_code(context, user_code, now)
    if found is not None:
        limits.succeeded(context, wrong, now)
    return found


def find_by_user_code(context: ServiceContext, user_code: str, now: datetime) -> dict[str, Any] | None:
    """The live authorization (pending or being authorized) a typed user code names, if any."""
    code = normalise_user_code(user_code)
    if len(code) != USER_CODE_LENGTH:
        return None
    with context.engine.connect() as conn:
        row = (
            conn.execute(
                select(device_authorizations).where(
                    device_authorizations.c.user_code_hmac == context.secrets.hmac("user-code", code),
                    device_authorizations.c.status.in_(("pending", "authorizing")),
                    device_authorizations.c.expires_at > now,
                )
            )
            .mappings()
            .first()
        )
    return dict(row) if row else None


def begin_browser_attempt(context: ServiceContext, authorization_id: str, state: str) -> None:
    """The user code was entered: remember this browser attempt's state (a newer attempt replaces it)."""
    with context.engine.begin() as conn:
        conn.execute(
            update(device_authorizations)
            .where(
                device_authorizations.c.id == authorization_id,
                device_authorizations.c.status.in_(("pending", "authorizing")),
            )
            .values(status="authorizing", state_hmac=context.secrets.hmac("oidc-state", state))
        )


def attempt_secrets(context: ServiceContext, state: str) -> tuple[str, str]:
    """The nonce and PKCE verifier of the attempt with ``state`` (derived, never stored)."""
    nonce = context.secrets.hmac("oidc-nonce", state)
    verifier = context.secrets.hmac("oidc-pkce", state) + context.secrets.hmac("oidc-pkce-2", state)[:32]
    return nonce, verifier


def find_by_state(context: ServiceContext, state: str, now: datetime) -> dict[str, Any] | None:
    """The authorization a callback's ``state`` belongs to, while it awaits the partner's answer."""
    with context.engine.connect() as conn:
        row = (
            conn.execute(
                select(device_authorizations).where(
                    device_authorizations.c.state_hmac == context.secrets.hmac("oidc-state", state),
                    device_authorizations.c.status == "authorizing",
                    device_authorizations.c.expires_at > now,
                )
            )
            .mappings()
            .first()
        )
    return dict(row) if row else None


def pairwise_subject(context: ServiceContext, partner_id: str, issuer: str, subject: str) -> str:
    """The only identifier kept for the user at a partner: an HMAC of issuer and subject."""
    return context.secrets.hmac("partner-subject", f"{partner_id}\0{issuer}\0{subject}")


def _finish(context: ServiceContext, authorization: dict[str, Any], state: str, values: dict[str, Any]) -> bool:
    """Move the attempt out of ``authorizing``, once (a replayed callback changes nothing)."""
    with context.engine.begin() as conn:
        done = conn.execute(
            update(device_authorizations)
            .where(
                device_authorizations.c.id == authorization["id"],
                device_authorizations.c.status == "authorizing",
                device_authorizations.c.state_hmac == context.secrets.hmac("oidc-state", state),
            )
            .values(state_hmac=None, **values)
        ).rowcount
    return done == 1


def deny(context: ServiceContext, authorization: dict[str, Any], state: str) -> bool:
    """The user refused at the partner (or the link could not be made)."""
    return _finish(context, authorization, state, {"status": "denied"})


#: the partner vouched for someone whose identity already belongs to another GCKey account
LINKED_ELSEWHERE = "linked_elsewhere"


def refuse_linked_elsewhere(context: ServiceContext, authorization: dict[str, Any], state: str) -> bool:
    """The identity is another account's: the console is told so (not just "denied")."""
    return _finish(context, authorization, state, {"status": LINKED_ELSEWHERE})


def account_for_subject(
    context: ServiceContext, authorization: dict[str, Any], subject_hmac: str, now: datetime
) -> int | None:
    """The account linked to the pairwise subject; linked or created on first sign-in.

    None when the subject already belongs to another account than the one asking to attach it.
    """
    partner_id = authorization["partner_id"]
    wanted = authorization["link_account_id"]
    for _attempt in range(2):
        with context.engine.connect() as conn:
            linked = conn.execute(
                select(partner_links.c.account_id).where(
                    partner_links.c.partner_id == partner_id, partner_links.c.subject_hmac == subject_hmac
                )
            ).scalar()
        if linked is not None:
            return linked if wanted in (None, linked) else None
        try:
            with context.engine.begin() as conn:
                account_id = wanted
                if account_id is None:
                    # a partner-only account: no username, password or address until the user adds them
                    account_id = conn.execute(
                        insert(accounts).values(
                            language=authorization["language"],
                            status="active",
                            created_at=now,
                            last_activity_at=now,
                        )
                    ).inserted_primary_key[0]
                conn.execute(
                    insert(partner_links).values(
                        partner_id=partner_id, subject_hmac=subject_hmac, account_id=account_id, created_at=now
                    )
                )
            return account_id
        except IntegrityError:
            # another sign-in linked the same subject at the same moment: use its account
            continue
    return None


def approve(context: ServiceContext, authorization: dict[str, Any], state: str, account_id: int) -> bool:
    """The partner vouched for the user: the next poll yields a session for ``account_id``."""
    return _finish(context, authorization, state, {"status": "approved", "account_id": account_id})


def poll(context: ServiceContext, device_code: str, client: Client, now: datetime) -> tuple[str, datetime]:
    """One token request (RFC 8628 §3.4): a session token once approved, else the §3.5 error.

    Raises ``DomainError`` outside the transaction so the recorded poll time persists.
    """
    device_hmac = context.secrets.hmac("device-code", device_code)
    with context.engine.begin() as conn:
        row = (
            conn.execute(select(device_authorizations).where(device_authorizations.c.device_code_hmac == device_hmac))
            .mappings()
            .first()
        )
        outcome, interval = _poll_outcome(conn, row, now)
        if outcome == "approved":
            # single use: only one poll turns an approval into a session
            claimed = conn.execute(
                update(device_authorizations)
                .where(device_authorizations.c.id == row["id"], device_authorizations.c.status == "approved")
                .values(status="consumed", consumed_at=now)
            ).rowcount
            if claimed != 1:
                outcome = "invalid_grant"
            else:
                account = load_account(conn, row["account_id"])
                token, expires_at = issue_session(
                    conn, context, row["account_id"], "authenticated", now, client, method="partner"
                )
                if row["link_account_id"] is not None:
                    record_event(conn, row["account_id"], "partner_attached", now, client, row["partner_id"])
                signed_in(conn, context, account, "partner", client, now)
                return token, expires_at
    if outcome == "slow_down":
        raise DomainError(outcome, retry_after=interval, interval=interval)
    raise DomainError(outcome)


def _poll_outcome(conn, row, now: datetime) -> tuple[str, int]:
    """What this poll answers, recording the poll time (and a longer interval on slow_down)."""
    if row is None or row["status"] == "consumed":
        return "invalid_grant", 0
    if now >= aware(row["expires_at"]):
        return "expired_token", 0
    if row["status"] == "denied":
        return "access_denied", 0
    if row["status"] == LINKED_ELSEWHERE:
        return "identity_linked_elsewhere", 0
    if row["status"] == "approved":
        return "approved", 0
    interval = row["interval"]
    last = aware(row["last_polled_at"])
    too_soon = last is not None and now - last < timedelta(seconds=interval)
    if too_soon:
        interval += SLOW_DOWN_STEP
    conn.execute(
        update(device_authorizations)
        .where(device_authorizations.c.id == row["id"])
        .values(last_polled_at=now, interval=interval)
    )
    return ("slow_down" if too_soon else "authorization_pending"), interval
