"""Demo accounts and the ``seed-demo`` command."""

from __future__ import annotations

import argparse

from sqlalchemy import insert, select, update

from gckey_tui.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, DEMO_USERNAME
from gckey_tui.service.accounts import create_account
from gckey_tui.service.context import ServiceContext
from gckey_tui.service.flows.two_factor import replace_recovery_codes
from gckey_tui.service.security import account_binding, normalise_answer
from gckey_tui.service.tables.accounts import accounts, security_answers

DEMO_ANSWERS = (("q01", "summer at the lake"), ("q03", "biscuit"), ("q05", "ecole laval"))


def register(subparsers: argparse._SubParsersAction) -> None:
    """``admin seed-demo``."""
    parser = subparsers.add_parser("seed-demo", help="add the demo account, applications and institution")
    parser.set_defaults(handler=seed_all)


def seed_all(_args: argparse.Namespace, context: ServiceContext) -> int:
    """Run every area's ``seed_demo``."""
    from gckey_tui.admin import area_modules

    for module in area_modules():
        seeder = getattr(module, "seed_demo", None)
        if seeder is not None:
            seeder(context)
    print(f"demo account: {DEMO_USERNAME} / {DEMO_PASSWORD} (authenticator secret {DEMO_TOTP_SECRET})")
    return 0


def demo_account_id(context: ServiceContext) -> int | None:
    """The demo account's id, if seeded."""
    with context.engine.connect() as conn:
        return conn.execute(select(accounts.c.id).where(accounts.c.username_key == DEMO_USERNAME)).scalar()


def seed_demo(context: ServiceContext) -> None:
    """The demo account: password, recovery answers, an authenticator with a fixed secret."""
    if demo_account_id(context) is not None:
        return
    now = context.clock.now()
    with context.engine.begin() as conn:
        account_id = create_account(
            conn,
            now,
            language="en",
            username=DEMO_USERNAME,
            password_hash=context.secrets.hash_password(DEMO_PASSWORD),
            email="demo@example.com",
        )
        # bound to the account's id, known only once the row exists
        secret = context.secrets.encrypt(DEMO_TOTP_SECRET, account_binding(account_id))
        conn.execute(
            update(accounts).where(accounts.c.id == account_id).values(two_factor_method="totp", totp_secret=secret)
        )
        conn.execute(
            insert(security_answers),
            [
                {
                    "account_id": account_id,
                    "position": position,
                    "question_id": question,
                    "answer_hash": context.secrets.hash_password(normalise_answer(answer)),
                }
                for position, (question, answer) in enumerate(DEMO_ANSWERS)
            ],
        )
        replace_recovery_codes(conn, context, account_id, now)
