"""``admin import-applications FILE.csv`` and the demo applications."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from gckey_tui.admin.accounts import demo_account_id
from gckey_tui.i18n import translate
from gckey_tui.service.applications_import import HEADER, ImportRefused, import_applications
from gckey_tui.service.context import ServiceContext
from gckey_tui.service.tables.applications import application_links, applications

#: (number, uci, category, family, given, birth date, birth country, document, [(status, date), …])
_LEFEVRE = ("1234567890", "Lefèvre", "Anaïs", "1994-03-15", "France", "FR12AB345")
_OKAFOR = ("87654321", "Okafor", "Chidi", "1988-11-30", "Nigeria", "A12345678")
DEMO_APPLICATIONS = (
    (
        "V100000001",
        "visitor_visa",
        _LEFEVRE,
        [("submitted", "2025-06-02"), ("in_progress", "2025-06-20"), ("approved", "2025-07-10")],
    ),
    (
        "S100000002",
        "study_permit",
        _LEFEVRE,
        [
            ("submitted", "2026-01-15"),
            ("in_progress", "2026-02-01"),
            ("additional_information_requested", "2026-03-02"),
            ("in_progress", "2026-03-20"),
            ("approved", "2026-05-20"),
        ],
    ),
    ("W100000003", "work_permit", _LEFEVRE, [("submitted", "2026-08-01"), ("in_progress", "2026-09-12")]),
    ("E100000004", "permanent_residence", _LEFEVRE, [("submitted", "2026-10-01")]),
    ("C100000005", "citizenship", _LEFEVRE, [("submitted", "2025-11-03"), ("withdrawn", "2026-02-14")]),
    ("P100000006", "pr_card", _LEFEVRE, [("submitted", "2026-04-07"), ("refused", "2026-06-30")]),
    (
        "F100000007",
        "sponsorship",
        _OKAFOR,
        [("submitted", "2026-05-11"), ("additional_information_requested", "2026-09-01")],
    ),
)
#: linked to the demo account when seeded; the others are left for the demo's link wizard
DEMO_LINKED = ("V100000001", "S100000002", "W100000003", "E100000004")
DEMO_LINKABLE_HELP = (
    "linkable demo applications: C100000005 or P100000006 (family name Lefèvre, born 1994-03-15, France), "
    "or UCI 1234567890 + document FR12AB345 (same birth date and country); "
    "F100000007 (Okafor, born 1988-11-30, Nigeria)"
)


def register(subparsers: argparse._SubParsersAction) -> None:
    """``admin import-applications FILE.csv``."""
    parser = subparsers.add_parser(
        "import-applications",
        help="import applications and statuses from CSV (all rows checked; nothing imported unless all are valid)",
        description=f"CSV with the header row: {','.join(HEADER)}",
    )
    parser.add_argument("file", type=Path, help="UTF-8 CSV file")
    parser.set_defaults(handler=run_import)


def run_import(args: argparse.Namespace, context: ServiceContext) -> int:
    """Import the file; on any error print every one with its line and import nothing (exit 1)."""
    try:
        text = args.file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        print(f"{args.file}: cannot read: {error}", file=sys.stderr)
        return 2
    try:
        result = import_applications(context, text, context.clock.now())
    except ImportRefused as refused:
        for error in refused.errors:
            print(f"{args.file}:{error.line}: {error.field}: {error.message}", file=sys.stderr)
        print(translate("admin.applications.refused", "en", count=len(refused.errors)), file=sys.stderr)
        return 1
    applications = translate("admin.count.new_applications", "en", count=result.applications_added)
    statuses = translate("admin.count.statuses", "en", count=result.statuses_added)
    print(translate("admin.applications.imported", "en", applications=applications, statuses=statuses))
    return 0


def demo_csv() -> str:
    """The demo registry as an import file."""
    lines = [",".join(HEADER)]
    for number, category, (uci, family, given, born, country, document), history in DEMO_APPLICATIONS:
        for status, day in history:
            lines.append(",".join((number, uci, category, family, given, born, country, document, status, day)))
    return "\n".join(lines) + "\n"


def seed_demo(context: ServiceContext) -> None:
    """Every category and status; four applications linked to the demo account, the rest left to link."""
    import_applications(context, demo_csv(), context.clock.now())
    account_id = demo_account_id(context)
    if account_id is not None:
        with context.engine.begin() as conn:
            ids = conn.execute(select(applications.c.id).where(applications.c.number.in_(DEMO_LINKED))).scalars()
            for application_id in ids:
                try:
                    with conn.begin_nested():
                        conn.execute(
                            application_links.insert().values(
                                application_id=application_id, account_id=account_id, linked_at=context.clock.now()
                            )
                        )
                except IntegrityError:
                    pass  # already linked by an earlier seeding
    print(DEMO_LINKABLE_HELP)
