"""Passkeys and security keys (WebAuthn) through a browser hand-off (DESIGN §3, issue 19).

The console asks for a *ticket*: a one-time address (5 minutes, stored only as an HMAC, bound to the asking
session and to its purpose, ``enrol`` or ``sign_in``) and a 2-digit number. The page asks the person to pick
that number among three (a ticket someone else sent is not approved blindly; a wrong pick burns it), then
runs the WebAuthn ceremony; every verification is py_webauthn's (attestation "none", user verification
required, the service's RP ID and origin). The console polls: an enrolment is done, or the pending sign-in
completes with a new token.

py_webauthn is imported only when a ceremony runs: it takes about a second to load (its attestation formats
bring pyOpenSSL), which neither the console's start nor a worker's should pay.

A ticket moves ``pending → matched → checking → verified → consumed`` or ends ``refused``; each move is a
conditional UPDATE on the previous status, so each step happens once, even concurrently. A sign-in
assertion counts against the session's 5 tries and the account's 10 second-factor failures, reserved before
it is checked. A signature counter that does not grow means a cloned authenticator: refused, recorded, and
the owner is emailed.
"""

from __future__ import annotations

import secrets
import unicodedata
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, NoReturn

from sqlalchemy import Connection, delete, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from gckey_tui.service import lifecycle, limits
from gckey_tui.service.accounts import load_account, mail_account
from gckey_tui.service.activity import Client, record_activity, record_event
from gckey_tui.service.clock import aware
from gckey_tui.service.context import ServiceContext
from gckey_tui.service.domain_error import DomainError
from gckey_tui.service.flows.sign_in import reserve_code_attempt, signed_in, wrong_code
from gckey_tui.service.flows.two_factor import recovery_codes_remaining
from gckey_tui.service.sessions import SessionRecord, live_session, rotate_token, set_state
from gckey_tui.service.tables.passkeys import passkey_tickets, passkeys

TICKET_LIFETIME = timedelta(minutes=5)
PURPOSES = ("enrol", "sign_in")
#: passkeys one account may hold
MAX_PASSKEYS = 10
NAME_LENGTH = 64
RP_NAME = "GCKey"
#: the ceremony's timeout in the browser (the ticket's own 5 minutes bound it anyway)
CEREMONY_TIMEOUT_MS = 240_000
#: statuses of a ticket still in the browser's hands
OPEN = ("pending", "matched")
#: AuthenticatorTransport's values (WebAuthn Level 3)
KNOWN_TRANSPORTS = frozenset({"usb", "nfc", "ble", "cable", "hybrid", "internal", "smart-card"})
#: bytes of a WebAuthn challenge (py_webauthn's own default size)
CHALLENGE_BYTES = 64


@dataclass(frozen=True)
class HandOff:
    """A new ticket: the secret for the page's address (returned once, never stored) and the number."""

    ticket: str
    number: str
    expires_at: datetime


@dataclass(frozen=True)
class Poll:
    """What the console's poll answers: ``pending``, ``done``, ``refused`` or ``expired`` (and, a sign-in
    done, the session's new token; an enrolment done, the passkey's name)."""

    status: str
    token: str | None = None
    name: str | None = None


@dataclass(frozen=True)
class RelyingParty:
    """Who the ceremony is for: the RP ID (the public host) and the one origin accepted."""

    rp_id: str
    origin: str


def _numbers() -> tuple[str, str]:
    """The number to match and two decoys, all different, 10-99."""
    picked = secrets.SystemRandom().sample(range(10, 100), 3)
    return str(picked[0]), ",".join(str(n) for n in picked[1:])


def choices(ticket: dict[str, Any]) -> list[str]:
    """The three numbers the page offers, in increasing order (the position tells nothing)."""
    return sorted([ticket["number"], *ticket["decoys"].split(",")], key=int)


def _new_ticket(conn: Connection, context: ServiceContext, purpose: str, session: SessionRecord, now: datetime):
    # one live ticket per session: a new one ends the ones before it
    conn.execute(
        update(passkey_tickets)
        .where(passkey_tickets.c.session_id == session.id, passkey_tickets.c.status.in_(OPEN))
        .values(status="refused", used_at=now)
    )
    # 96 bits: short enough to type from the console's screen, single use and 5 minutes long
    ticket = secrets.token_urlsafe(12)
    number, decoys = _numbers()
    expires_at = now + TICKET_LIFETIME
    conn.execute(
        insert(passkey_tickets).values(
            id=str(uuid.uuid4()),
            ticket_hmac=context.secrets.hmac("passkey-ticket", ticket),
            purpose=purpose,
            session_id=session.id,
            account_id=session.account_id,
            number=number,
            decoys=decoys,
            status="pending",
            created_at=now,
            expires_at=expires_at,
        )
    )
    return HandOff(ticket, number, expires_at)


def passkey_count(conn: Connection, account_id: int) -> int:
    """How many passkeys the account holds."""
    return conn.execute(
        select(func.count()).select_from(passkeys).where(passkeys.c.account_id == account_id)
    ).scalar_one()


def count_for(context: ServiceContext, account_id: int) -> int:
    """``passkey_count`` in its own connection."""
    with context.engine.connect() as conn:
        return passkey_count(conn, account_id)


def start_enrolment(context: ServiceContext, session: SessionRecord, now: datetime) -> HandOff:
    """A ticket to add a passkey: a signed-in session, re-authenticated within 5 minutes."""
    if not session.recently_reauthenticated(now):
        raise DomainError("reauthentication_required")
    with context.engine.begin() as conn:
        load_account(conn, session.account_id)
        if passkey_count(conn, session.account_id) >= MAX_PASSKEYS:
            raise DomainError("too_many_passkeys", limit=MAX_PASSKEYS)
        return _new_ticket(conn, context, "enrol", session, now)


def start_sign_in(context: ServiceContext, session: SessionRecord, now: datetime) -> HandOff:
    """A ticket to finish a pending sign-in with a passkey (the account must have one; its second factor must
    not be locked)."""
    until = limits.locked_until(context, limits.SECOND_FACTOR, f"account:{session.account_id}", now)
    if until is not None:
        limits.refuse(limits.SECOND_FACTOR, until, now)
    with context.engine.begin() as conn:
        load_account(conn, session.account_id)
        if passkey_count(conn, session.account_id) == 0:
            raise DomainError("no_passkeys")
        return _new_ticket(conn, context, "sign_in", session, now)


# -- the page's side ----------------------------------------------------------------------------------------


def open_ticket(
    context: ServiceContext, ticket: str, purpose: str, now: datetime, statuses: tuple[str, ...] = OPEN
) -> dict[str, Any] | None:
    """The live ticket an address names, for this purpose, while its session can still use it; else None."""
    if not ticket or len(ticket) > 100 or purpose not in PURPOSES:
        return None
    with context.engine.connect() as conn:
        row = (
            conn.execute(
                select(passkey_tickets).where(
                    passkey_tickets.c.ticket_hmac == context.secrets.hmac("passkey-ticket", ticket),
                    passkey_tickets.c.purpose == purpose,
                    passkey_tickets.c.status.in_(statuses),
                    passkey_tickets.c.expires_at > now,
                )
            )
            .mappings()
            .first()
        )
    if row is None:
        return None
    session = _ticket_session(context, dict(row), now)
    return dict(row) if session is not None else None


def _ticket_session(context: ServiceContext, ticket: dict[str, Any], now: datetime) -> SessionRecord | None:
    """The ticket's session while it is still in the state the purpose needs (ended, signed in: None)."""
    wanted = "authenticated" if ticket["purpose"] == "enrol" else "two_factor_required"
    session = live_session(context, ticket["session_id"], now)
    return session if session is not None and session.state == wanted else None


def pick_number(context: ServiceContext, ticket: dict[str, Any], number: str, client: Client, now: datetime) -> None:
    """The person picked a number: the right one starts the ceremony (a challenge is made); a wrong one burns
    the ticket (``wrong_number``). Either happens once (``ticket_not_found`` after)."""
    right = secrets.compare_digest(number.encode(), ticket["number"].encode())
    values: dict[str, Any] = {"status": "matched", "challenge": secrets.token_bytes(CHALLENGE_BYTES)}
    if not right:
        values = {"status": "refused", "used_at": now}
    with context.engine.begin() as conn:
        moved = conn.execute(
            update(passkey_tickets)
            .where(
                passkey_tickets.c.id == ticket["id"],
                passkey_tickets.c.status == "pending",
                passkey_tickets.c.expires_at > now,
            )
            .values(**values)
        ).rowcount
        if moved == 1 and not right:
            record_event(conn, ticket["account_id"], "passkey_wrong_number", now, client, ticket["purpose"])
    if moved != 1:
        raise DomainError("ticket_not_found")
    if not right:
        raise DomainError("wrong_number")


def _user_handle(context: ServiceContext, account_id: int) -> bytes:
    """The WebAuthn user handle: stable per account, and saying nothing about it."""
    return context.secrets.hmac("passkey-user", str(account_id)).encode()[:32]


def _descriptors(conn: Connection, account_id: int) -> list[Any]:
    from webauthn.helpers.structs import AuthenticatorTransport, PublicKeyCredentialDescriptor

    rows = conn.execute(
        select(passkeys.c.credential_id, passkeys.c.transports).where(passkeys.c.account_id == account_id)
    ).all()
    return [
        PublicKeyCredentialDescriptor(
            id=row.credential_id,
            transports=[AuthenticatorTransport(t) for t in row.transports.split(",") if t in KNOWN_TRANSPORTS],
        )
        for row in rows
    ]


def ceremony_options(context: ServiceContext, ticket: dict[str, Any], party: RelyingParty) -> str:
    """The JSON options for ``navigator.credentials.create`` (enrol) or ``.get`` (sign-in)."""
    from webauthn import generate_authentication_options, generate_registration_options, options_to_json
    from webauthn.helpers.structs import (
        AttestationConveyancePreference,
        AuthenticatorSelectionCriteria,
        ResidentKeyRequirement,
        UserVerificationRequirement,
    )

    with context.engine.connect() as conn:
        account = load_account(conn, ticket["account_id"])
        known = _descriptors(conn, ticket["account_id"])
    if ticket["purpose"] == "enrol":
        username = account["username"] or RP_NAME
        options = generate_registration_options(
            rp_id=party.rp_id,
            rp_name=RP_NAME,
            user_name=username,
            user_display_name=username,
            user_id=_user_handle(context, account["id"]),
            challenge=ticket["challenge"],
            timeout=CEREMONY_TIMEOUT_MS,
            attestation=AttestationConveyancePreference.NONE,
            authenticator_selection=AuthenticatorSelectionCriteria(
                resident_key=ResidentKeyRequirement.PREFERRED,
                user_verification=UserVerificationRequirement.REQUIRED,
            ),
            exclude_credentials=known,
        )
    else:
        options = generate_authentication_options(
            rp_id=party.rp_id,
            challenge=ticket["challenge"],
            timeout=CEREMONY_TIMEOUT_MS,
            allow_credentials=known,
            user_verification=UserVerificationRequirement.REQUIRED,
        )
    return options_to_json(options)


def _claim(context: ServiceContext, ticket: dict[str, Any], now: datetime) -> None:
    """Take the matched ticket for this one answer (``ticket_not_found`` when another answer took it)."""
    with context.engine.begin() as conn:
        claimed = conn.execute(
            update(passkey_tickets)
            .where(
                passkey_tickets.c.id == ticket["id"],
                passkey_tickets.c.status == "matched",
                passkey_tickets.c.expires_at > now,
            )
            .values(status="checking", used_at=now)
        ).rowcount
    if claimed != 1:
        raise DomainError("ticket_not_found")


def _settle(conn: Connection, ticket: dict[str, Any], status: str) -> None:
    conn.execute(
        update(passkey_tickets)
        .where(passkey_tickets.c.id == ticket["id"], passkey_tickets.c.status == "checking")
        .values(status=status)
    )


def _refuse(context: ServiceContext, ticket: dict[str, Any]) -> None:
    with context.engine.begin() as conn:
        _settle(conn, ticket, "refused")


def clean_name(name: str) -> str:
    """A passkey's name as stored: trimmed, no control characters, 1-64 characters (``invalid_fields``)."""
    cleaned = " ".join(name.split())
    if not cleaned or len(cleaned) > NAME_LENGTH or any(unicodedata.category(ch).startswith("C") for ch in cleaned):
        raise DomainError("invalid_fields", fields={"name": "passkeys.error.name"})
    return cleaned


def finish_enrolment(
    context: ServiceContext,
    ticket: dict[str, Any],
    name: str,
    credential: str,
    party: RelyingParty,
    client: Client,
    now: datetime,
) -> str:
    """Verify the new credential (py_webauthn: challenge, origin, RP ID hash, user verification, attestation
    "none") and keep it under ``name``; the owner is told. Returns the name."""
    from webauthn import verify_registration_response
    from webauthn.helpers.exceptions import WebAuthnException

    name = clean_name(name)
    _claim(context, ticket, now)
    try:
        verified = verify_registration_response(
            credential=credential,
            expected_challenge=ticket["challenge"],
            expected_rp_id=party.rp_id,
            expected_origin=party.origin,
            require_user_verification=True,
        )
    except (WebAuthnException, ValueError, TypeError, KeyError):
        _refuse(context, ticket)
        raise DomainError("passkey_refused") from None
    transports = _transports(credential)
    try:
        with context.engine.begin() as conn:
            account = load_account(conn, ticket["account_id"])
            conn.execute(
                insert(passkeys).values(
                    account_id=account["id"],
                    credential_id=verified.credential_id,
                    public_key=verified.credential_public_key,
                    sign_count=verified.sign_count,
                    transports=transports,
                    name=name,
                    created_at=now,
                )
            )
            _settle(conn, ticket, "verified")
            record_activity(conn, account["id"], now)
            record_event(conn, account["id"], "passkey_added", now, client, name)
            mail_account(conn, context, account, "passkey_added", now, name=name)
    except IntegrityError:
        # the same authenticator's credential is already kept (here or for another account)
        _refuse(context, ticket)
        raise DomainError("passkey_refused") from None
    return name


def _transports(credential: str) -> str:
    """The transports the browser reported for a new credential, as stored (known values only)."""
    import json

    try:
        reported = json.loads(credential).get("response", {}).get("transports") or []
    except (ValueError, AttributeError):
        return ""
    return ",".join(t for t in reported if isinstance(t, str) and t in KNOWN_TRANSPORTS)[:100]


def finish_sign_in(
    context: ServiceContext, ticket: dict[str, Any], credential: str, party: RelyingParty, client: Client, now: datetime
) -> None:
    """Verify an assertion for the ticket's pending sign-in; the console's next poll then completes it.

    Counted like a code (the session's tries and the account's second-factor failures, reserved first). A
    counter that does not grow is a clone: ``passkey_cloned``, recorded, and the owner emailed.
    """
    from webauthn import verify_authentication_response
    from webauthn.helpers import parse_authentication_credential_json
    from webauthn.helpers.exceptions import WebAuthnException

    session = _ticket_session(context, ticket, now)
    if session is None:
        raise DomainError("ticket_not_found")
    attempts = reserve_code_attempt(context, session, now)
    _claim(context, ticket, now)
    with context.engine.connect() as conn:
        account = load_account(conn, ticket["account_id"])
    try:
        parsed = parse_authentication_credential_json(credential)
        with context.engine.connect() as conn:
            stored = (
                conn.execute(
                    select(passkeys).where(
                        passkeys.c.account_id == account["id"], passkeys.c.credential_id == parsed.raw_id
                    )
                )
                .mappings()
                .first()
            )
        if stored is None:
            raise ValueError("not one of the account's passkeys")
        # the counter rule is ours (below, atomically); py_webauthn checks everything else
        verified = verify_authentication_response(
            credential=parsed,
            expected_challenge=ticket["challenge"],
            expected_rp_id=party.rp_id,
            expected_origin=party.origin,
            credential_public_key=stored["public_key"],
            credential_current_sign_count=0,
            require_user_verification=True,
        )
    except (WebAuthnException, ValueError, TypeError, KeyError):
        _refuse(context, ticket)
        _count_failure(context, account, session, attempts, client, now, "passkey_refused")
    new_count = verified.new_sign_count
    with context.engine.begin() as conn:
        # the counter must grow; authenticators without one send 0 every time
        advanced = conn.execute(
            update(passkeys)
            .where(
                passkeys.c.id == stored["id"],
                or_(passkeys.c.sign_count < new_count, (passkeys.c.sign_count == 0) & (new_count == 0)),
            )
            .values(sign_count=new_count, last_used_at=now)
        ).rowcount
        if advanced == 1:
            _settle(conn, ticket, "verified")
    if advanced != 1:
        _refuse(context, ticket)
        with context.engine.begin() as conn:
            record_event(conn, account["id"], "passkey_clone_detected", now, client, stored["name"])
            mail_account(conn, context, account, "passkey_clone", now, name=stored["name"])
        _count_failure(context, account, session, attempts, client, now, "passkey_cloned")
    limits.succeeded(context, attempts[1], now)


def _count_failure(
    context: ServiceContext,
    account: dict[str, Any],
    session: SessionRecord,
    attempts: tuple[limits.Reservation, limits.Reservation],
    client: Client,
    now: datetime,
    code: str,
) -> NoReturn:
    """A refused assertion counts as a wrong code (and may end the sign-in or lock the second factor); the
    page says ``code`` unless a limit answers first."""
    try:
        wrong_code(context, account, session, attempts, client, now)
    except DomainError as refused:
        if refused.code != "invalid_code":
            raise
        raise DomainError(code, remaining=refused.details.get("remaining")) from None


# -- the console's polls ------------------------------------------------------------------------------------


def _latest(conn: Connection, session: SessionRecord, purpose: str) -> dict[str, Any] | None:
    """The session's live ticket for ``purpose`` (a new ticket ends the older ones, so there is at most one);
    None when the last one was refused or consumed."""
    row = (
        conn.execute(
            select(passkey_tickets)
            .where(
                passkey_tickets.c.session_id == session.id,
                passkey_tickets.c.purpose == purpose,
                passkey_tickets.c.status.in_((*OPEN, "checking", "verified")),
            )
            .order_by(passkey_tickets.c.created_at.desc())
            .limit(1)
        )
        .mappings()
        .first()
    )
    return dict(row) if row else None


def _consume(conn: Connection, ticket: dict[str, Any]) -> bool:
    return (
        conn.execute(
            update(passkey_tickets)
            .where(passkey_tickets.c.id == ticket["id"], passkey_tickets.c.status == "verified")
            .values(status="consumed")
        ).rowcount
        == 1
    )


def _open_status(ticket: dict[str, Any] | None, now: datetime) -> str:
    if ticket is None:
        return "refused"
    if ticket["status"] != "verified" and aware(ticket["expires_at"]) <= now:
        return "expired"
    return "pending"


def poll_enrolment(context: ServiceContext, session: SessionRecord, now: datetime) -> Poll:
    """Where the session's latest enrolment ticket stands (``done`` once, with the passkey's name)."""
    with context.engine.begin() as conn:
        ticket = _latest(conn, session, "enrol")
        if ticket is not None and ticket["status"] == "verified" and _consume(conn, ticket):
            name = conn.execute(
                select(passkeys.c.name)
                .where(passkeys.c.account_id == session.account_id)
                .order_by(passkeys.c.id.desc())
                .limit(1)
            ).scalar()
            return Poll("done", name=name)
    return Poll(_open_status(ticket, now))


def poll_sign_in(context: ServiceContext, session: SessionRecord, client: Client, now: datetime) -> Poll:
    """Where the pending sign-in's latest ticket stands; a verified assertion completes the sign-in once (the
    session gets a new token)."""
    with context.engine.begin() as conn:
        ticket = _latest(conn, session, "sign_in")
        if ticket is not None and ticket["status"] == "verified" and _consume(conn, ticket):
            account = load_account(conn, session.account_id)
            set_state(conn, session.id, "authenticated", method="passkey")
            token = rotate_token(conn, context, session.id)
            signed_in(conn, context, account, "passkey", client, now)
            return Poll("done", token=token)
    return Poll(_open_status(ticket, now))


# -- managing them ------------------------------------------------------------------------------------------


def list_passkeys(context: ServiceContext, account_id: int) -> list[dict[str, Any]]:
    """The account's passkeys, oldest first."""
    with context.engine.connect() as conn:
        rows = conn.execute(
            select(passkeys).where(passkeys.c.account_id == account_id).order_by(passkeys.c.id)
        ).mappings()
        return [
            {
                "id": row["id"],
                "name": row["name"],
                "transports": [t for t in row["transports"].split(",") if t],
                "created_at": aware(row["created_at"]),
                "last_used_at": aware(row["last_used_at"]),
            }
            for row in rows
        ]


def _owned(conn: Connection, account_id: int, passkey_id: int) -> dict[str, Any]:
    row = (
        conn.execute(select(passkeys).where(passkeys.c.id == passkey_id, passkeys.c.account_id == account_id))
        .mappings()
        .first()
    )
    if row is None:
        raise DomainError("passkey_not_found")
    return dict(row)


def rename(
    context: ServiceContext, session: SessionRecord, passkey_id: int, name: str, client: Client, now: datetime
) -> dict[str, Any]:
    """A new name for one of the account's passkeys (after re-authentication); the owner is told."""
    if not session.recently_reauthenticated(now):
        raise DomainError("reauthentication_required")
    name = clean_name(name)
    with context.engine.begin() as conn:
        account = load_account(conn, session.account_id)
        old = _owned(conn, session.account_id, passkey_id)
        conn.execute(update(passkeys).where(passkeys.c.id == passkey_id).values(name=name))
        record_event(conn, session.account_id, "passkey_renamed", now, client, name)
        mail_account(conn, context, account, "passkey_renamed", now, old=old["name"], name=name)
    return next(p for p in list_passkeys(context, session.account_id) if p["id"] == passkey_id)


def remove(context: ServiceContext, session: SessionRecord, passkey_id: int, client: Client, now: datetime) -> None:
    """Remove one of the account's passkeys (after re-authentication). Another way in must remain: another
    passkey, the authenticator app or email codes, or unused recovery codes (``last_factor``)."""
    if not session.recently_reauthenticated(now):
        raise DomainError("reauthentication_required")
    with context.engine.begin() as conn:
        account = load_account(conn, session.account_id)
        gone = _owned(conn, session.account_id, passkey_id)
        others = passkey_count(conn, session.account_id) - 1
        if not others and account["two_factor_method"] is None and not recovery_codes_remaining(conn, account["id"]):
            raise DomainError("last_factor")
        conn.execute(delete(passkeys).where(passkeys.c.id == passkey_id))
        record_event(conn, session.account_id, "passkey_removed", now, client, gone["name"])
        mail_account(conn, context, account, "passkey_removed", now, name=gone["name"])


def relying_party(public_base: str) -> RelyingParty:
    """The RP ID (the public address's host) and origin (its scheme, host and port)."""
    from urllib.parse import urlsplit

    parts = urlsplit(public_base)
    return RelyingParty(rp_id=(parts.hostname or "").lower(), origin=f"{parts.scheme}://{parts.netloc}".lower())


@lifecycle.exporter("passkeys")
def _export_passkeys(conn: Connection, account_id: int) -> list[dict[str, Any]]:
    rows = conn.execute(
        select(passkeys.c.name, passkeys.c.created_at, passkeys.c.last_used_at).where(
            passkeys.c.account_id == account_id
        )
    ).mappings()
    return [
        {
            "name": row["name"],
            "created_at": aware(row["created_at"]).isoformat(),
            "last_used_at": row["last_used_at"] and aware(row["last_used_at"]).isoformat(),
        }
        for row in rows
    ]


@lifecycle.on_delete
def _forget_passkeys(conn: Connection, account_id: int, now: datetime) -> None:
    """A deleted account keeps no credential (its row stays, emptied): its passkeys and tickets go."""
    conn.execute(delete(passkey_tickets).where(passkey_tickets.c.account_id == account_id))
    conn.execute(delete(passkeys).where(passkeys.c.account_id == account_id))
