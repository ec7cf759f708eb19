"""``admin create-institution|grant-staff|import-roster|open-cycle|request-corrections`` and the demo institutions."""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta
from pathlib import Path

from gckey_tui.admin.accounts import demo_account_id
from gckey_tui.demo import DEMO_USERNAME
from gckey_tui.i18n import translate
from gckey_tui.service.context import ServiceContext
from gckey_tui.service.reports import STATUSES, current_cycle, cycle
from gckey_tui.service.reports_admin import AdminError, corrections, create_institution, grant_staff, import_roster
from gckey_tui.service.reports_csv import ROSTER_COLUMNS
from gckey_tui.service.reports_cycles import open_cycle
from gckey_tui.service.reports_store import apply_statuses, institution_by_dli, mark_submitted

DEMO_DLI = "O19395677452"
DEMO_QUEBEC_DLI = "O12345678901"


def _cycle_name(value: str) -> str:
    try:
        return cycle(value).name
    except ValueError:
        raise argparse.ArgumentTypeError("a cycle is YYYY-04 or YYYY-11") from None


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the reporting commands."""
    parser = subparsers.add_parser("create-institution", help="add a designated learning institution")
    parser.add_argument("dli", help="DLI number: O and 11 digits")
    parser.add_argument("--name", required=True)
    parser.add_argument("--province", required=True, help="two letters, e.g. ON (QC institutions are exempt)")
    parser.add_argument("--principal-email", required=True, help="principal contact: gets the cycle emails")
    parser.set_defaults(handler=run_create)

    parser = subparsers.add_parser("grant-staff", help="make an account principal or staff of an institution")
    parser.add_argument("dli")
    parser.add_argument("username")
    parser.add_argument("--role", choices=("principal", "staff"), default="staff")
    parser.set_defaults(handler=run_grant)

    parser = subparsers.add_parser("import-roster", help="replace a cycle's students from CSV (all-or-nothing)")
    parser.add_argument("dli")
    parser.add_argument("cycle", type=_cycle_name, help="YYYY-04 or YYYY-11")
    parser.add_argument("file", type=Path, help=f"CSV with the header {','.join(ROSTER_COLUMNS)}")
    parser.set_defaults(handler=run_import)

    parser = subparsers.add_parser("open-cycle", help="email every reporting institution that a cycle is open")
    parser.add_argument("cycle", type=_cycle_name)
    parser.set_defaults(handler=run_open)

    parser = subparsers.add_parser("request-corrections", help="reopen a submitted report for 10 days")
    parser.add_argument("dli")
    parser.add_argument("cycle", type=_cycle_name)
    parser.add_argument("--reason", default="")
    parser.set_defaults(handler=run_corrections)


def _refused(error: AdminError) -> int:
    print(f"error: {error}")
    return 1


def run_create(args: argparse.Namespace, context: ServiceContext) -> int:
    try:
        create_institution(
            context, args.dli, args.name, args.province.upper(), args.principal_email, context.clock.now()
        )
    except AdminError as error:
        return _refused(error)
    print(f"institution {args.dli} created")
    return 0


def run_grant(args: argparse.Namespace, context: ServiceContext) -> int:
    try:
        grant_staff(context, args.dli, args.username, args.role)
    except AdminError as error:
        return _refused(error)
    print(f"{args.username} is {args.role} of {args.dli}")
    return 0


def run_import(args: argparse.Namespace, context: ServiceContext) -> int:
    try:
        text = args.file.read_text(encoding="utf-8-sig")
        outcome = import_roster(context, args.dli, cycle(args.cycle, context.settings.report_days), text)
    except (OSError, UnicodeDecodeError) as error:
        print(f"error: cannot read {args.file}: {error}")
        return 1
    except AdminError as error:
        return _refused(error)
    if not isinstance(outcome, int):
        for problem in outcome.errors:
            print(f"line {problem.line}, {problem.field}: {translate(problem.message, 'en')}")
        if len(outcome.errors) == outcome.error_count:
            print(translate("admin.roster.refused", "en", count=outcome.error_count))
        else:
            print(translate("admin.roster.refused_capped", "en", count=outcome.error_count, shown=len(outcome.errors)))
        return 1
    print(translate("admin.roster.imported", "en", count=outcome, dli=args.dli, cycle=args.cycle))
    return 0


def run_open(args: argparse.Namespace, context: ServiceContext) -> int:
    sent = open_cycle(context, cycle(args.cycle, context.settings.report_days), context.clock.now())
    print(translate("admin.cycle.opened", "en", cycle=args.cycle, count=sent))
    return 0


def run_corrections(args: argparse.Namespace, context: ServiceContext) -> int:
    try:
        corrections(
            context, args.dli, cycle(args.cycle, context.settings.report_days), args.reason, context.clock.now()
        )
    except AdminError as error:
        return _refused(error)
    print(f"corrections requested for {args.dli} {args.cycle}")
    return 0


FAMILY = ("Tremblay", "Nguyen", "Singh", "Gagnon", "Patel", "Roy", "Chen", "Côté", "Kaur", "Okafor", "Silva")
GIVEN = ("Amélie", "Arjun", "Wei", "Fatima", "Lucas", "Chloé", "Oluwaseun", "Priya", "Mateo", "Yuki", "Noah")
PROGRAMS = ("Computer Programming", "Practical Nursing", "Business Administration", "Culinary Arts")


def demo_roster(count: int, seed: int) -> str:
    """A deterministic roster of ``count`` students as CSV."""
    rng = random.Random(seed)
    lines = [",".join(ROSTER_COLUMNS)]
    for number in range(1, count + 1):
        born = date(1998, 1, 1) + timedelta(days=rng.randrange(2500))
        lines.append(
            f"S{number:06d},{rng.choice(FAMILY)},{rng.choice(GIVEN)},{born.isoformat()},"
            f"{rng.randrange(10**9, 10**10)},{rng.choice(PROGRAMS)}"
        )
    return "\n".join(lines) + "\n"


def seed_demo(context: ServiceContext) -> None:
    """Two institutions: one the demo account is principal of (an open and a submitted report), one exempt in
    Quebec."""
    now = context.clock.now()
    with context.engine.connect() as conn:
        if institution_by_dli(conn, DEMO_DLI) is not None:
            return
    create_institution(context, DEMO_DLI, "Northern Lights College (demo)", "ON", "principal@college.invalid", now)
    create_institution(context, DEMO_QUEBEC_DLI, "Cégep de démonstration", "QC", "direction@cegep.invalid", now)
    if demo_account_id(context) is not None:
        grant_staff(context, DEMO_DLI, DEMO_USERNAME, "principal")
        grant_staff(context, DEMO_QUEBEC_DLI, DEMO_USERNAME, "staff")
    rng = random.Random(2026)
    days = context.settings.report_days
    current = current_cycle(now, days)
    previous = current_cycle(current.opens_at - timedelta(days=1), days)
    for the_cycle, count, done in ((previous, 40, 40), (current, 120, 70)):
        import_roster(context, DEMO_DLI, the_cycle, demo_roster(count, seed=count))
        statuses = [
            {"student_id": f"S{n:06d}", "status": rng.choice(STATUSES[:6]), "effective_date": None, "note": None}
            for n in range(1, done + 1)
        ]
        with context.engine.begin() as conn:
            institution = institution_by_dli(conn, DEMO_DLI)
            apply_statuses(conn, institution["id"], the_cycle.name, statuses, now)
            if the_cycle is previous:
                mark_submitted(conn, institution["id"], the_cycle.name, previous.due_at - timedelta(days=3))
