"""Second factor: TOTP with replay refusal, emailed codes, and single-use recovery codes (DESIGN §3)."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, delete, func, insert, or_, select, update

from gckey_tui.service.codes import consume_code
from gckey_tui.service.context import ServiceContext
from gckey_tui.service.security import (
    SecretNotBound,
    account_binding,
    new_recovery_code,
    normalise_recovery_code,
    totp_matching_step,
)
from gckey_tui.service.tables.accounts import accounts, recovery_codes

RECOVERY_CODE_COUNT = 10

log = logging.getLogger("gckey_tui.service")


def accept_totp(context: ServiceContext, account_id: int, secret: str, code: str, now: datetime) -> bool:
    """True when ``code`` is valid now and its time step is later than any accepted before.

    The step is claimed with a conditional UPDATE, so the same code wins at most once, even concurrently.
    """
    step = totp_matching_step(secret, code, now.timestamp())
    if step is None:
        return False
    with context.engine.begin() as conn:
        claimed = conn.execute(
            update(accounts)
            .where(
                and_(
                    accounts.c.id == account_id,
                    or_(accounts.c.totp_last_step.is_(None), accounts.c.totp_last_step < step),
                )
            )
            .values(totp_last_step=step)
        ).rowcount
    return claimed == 1


def verify_second_factor(
    context: ServiceContext, account: dict[str, Any], session_id: int, code: str, now: datetime
) -> bool:
    """Check a sign-in or re-authentication code against the account's method."""
    if account["two_factor_method"] == "totp" and account["totp_secret"] is not None:
        try:
            secret = context.secrets.decrypt(account["totp_secret"], account_binding(account["id"]))
        except SecretNotBound:
            log.error("the TOTP secret of account %s does not decrypt for it: refused", account["id"])
            return False
        return accept_totp(context, account["id"], secret, code, now)
    if account["two_factor_method"] == "email":
        return consume_code(context, "session", str(session_id), code, now) == "ok"
    return False


def replace_recovery_codes(conn: Connection, context: ServiceContext, account_id: int, now: datetime) -> list[str]:
    """Void every recovery code of the account and issue 10 new ones (returned once, stored as HMACs)."""
    conn.execute(delete(recovery_codes).where(recovery_codes.c.account_id == account_id))
    codes = [new_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    conn.execute(
        insert(recovery_codes),
        [
            {
                "account_id": account_id,
                "code_hmac": context.secrets.hmac("recovery", normalise_recovery_code(code)),
                "created_at": now,
            }
            for code in codes
        ],
    )
    return codes


def redeem_recovery_code(context: ServiceContext, account_id: int, code: str, now: datetime) -> bool:
    """Use up one recovery code: ``UPDATE … WHERE used_at IS NULL``, one row or nothing."""
    code_hmac = context.secrets.hmac("recovery", normalise_recovery_code(code))
    with context.engine.begin() as conn:
        used = conn.execute(
            update(recovery_codes)
            .where(
                and_(
                    recovery_codes.c.account_id == account_id,
                    recovery_codes.c.code_hmac == code_hmac,
                    recovery_codes.c.used_at.is_(None),
                )
            )
            .values(used_at=now)
        ).rowcount
    return used == 1


def recovery_codes_remaining(conn: Connection, account_id: int) -> int:
    """How many recovery codes the account can still use."""
    return conn.execute(
        select(func.count())
        .select_from(recovery_codes)
        .where(and_(recovery_codes.c.account_id == account_id, recovery_codes.c.used_at.is_(None)))
    ).scalar_one()
