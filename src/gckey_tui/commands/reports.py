"""``gckey-tui reports status``: report status for scripts, with a read-only token (exit 1 when overdue)."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from datetime import datetime
from typing import Any

from gckey_tui.config import Settings
from gckey_tui.i18n import normalise_language, translate
from gckey_tui.i18n.labels import REPORT_STATUSES
from gckey_tui.reporting import days_left, progress

EXIT_OK, EXIT_OVERDUE, EXIT_AUTH = 0, 1, 2


def register(subparsers: argparse._SubParsersAction) -> None:
    """``reports status [--institution O…] [--json]``."""
    reports = subparsers.add_parser("reports", help="DLI compliance reports (non-interactive)")
    commands = reports.add_subparsers(dest="reports_command", required=True)
    status = commands.add_parser(
        "status",
        help="report status per institution and cycle; exit 1 when any is overdue, 2 when the token is refused",
        description="Authenticates with GCKEY_TOKEN (a reports:read token); uses --server/GCKEY_SERVER, "
        "or the local store when no server is set.",
    )
    status.add_argument("--institution", action="append", metavar="DLI", help="only this institution (repeatable)")
    status.add_argument("--json", action="store_true", help="machine-readable output")
    status.set_defaults(handler=run_status)


def _client(settings: Settings):
    from gckey_tui.api import ServiceClient

    language = normalise_language(settings.language)
    if settings.server:
        return ServiceClient(settings.server, token=settings.token, language=language)
    from gckey_tui.service.app import create_app

    return ServiceClient.in_process(create_app(settings, embedded=True), token=settings.token, language=language)


async def collect(client, only: list[str] | None) -> list[dict[str, Any]]:
    """Every institution of the token's account (or those in ``only``: 404 if not theirs) with opened reports."""
    dlis = only or [institution.dli for institution in (await client.institutions()).institutions]
    result = []
    for dli in dlis:
        page = await client.reports(dli)
        result.append(
            {
                "dli": page.institution.dli,
                "name": page.institution.name,
                "exempt": page.institution.exempt,
                "reports": [
                    {
                        "cycle": report.cycle,
                        "status": report.status,
                        "due_at": report.due_at.isoformat(),
                        "days_left": days_left(report, page.as_of),  # as the console's board counts them
                        "total": report.total,
                        "missing": report.missing,
                        "progress": progress(report),
                    }
                    for report in page.reports
                    if report.status != "scheduled"
                ],
            }
        )
    return result


def _table(institutions: list[dict[str, Any]], language: str) -> str:
    lines = [f"{'DLI':<13} {'CYCLE':<8} {'STATUS':<24} {'DUE':<11} {'DAYS':>5} {'DONE':>13}  NAME"]
    for institution in institutions:
        for report in institution["reports"]:
            due = datetime.fromisoformat(report["due_at"]).date().isoformat()
            days = "—" if report["days_left"] is None else report["days_left"]
            status = translate(REPORT_STATUSES[report["status"]], language)
            lines.append(
                f"{institution['dli']:<13} {report['cycle']:<8} {status:<24} {due:<11} "
                f"{days:>5} {report['progress']:>13}  {institution['name']}"
            )
    return "\n".join(lines)


def _say(text: str) -> None:
    """Print to standard output; a reader that stopped early (``| head``) is not an error."""
    try:
        print(text, flush=True)
    except BrokenPipeError:
        # nothing more can be written, and Python would complain at exit while flushing: point stdout nowhere
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def run_status(args: argparse.Namespace, settings: Settings) -> int:
    """Print the board; 0 on track, 1 when any report is overdue, 2 when the token is missing or refused."""
    language = normalise_language(settings.language)
    if not settings.token:
        print(translate("reports.cli.no_token", language), file=sys.stderr)
        return EXIT_AUTH
    return asyncio.run(_status(args, settings, language))


async def _status(args: argparse.Namespace, settings: Settings, language: str) -> int:
    from gckey_tui.api.errors import ApiError

    async with _client(settings) as client:
        try:
            institutions = await collect(client, args.institution)
        except ApiError as error:
            print(_failure(error, settings, language), file=sys.stderr)
            return EXIT_AUTH
    overdue = any(report["status"] == "overdue" for i in institutions for report in i["reports"])
    if args.json:
        _say(json.dumps({"overdue": overdue, "institutions": institutions}, ensure_ascii=False, indent=2))
    elif institutions:
        _say(_table(institutions, language))
    else:
        _say(translate("reports.cli.none", language))
    return EXIT_OVERDUE if overdue else EXIT_OK


def _failure(error: Any, settings: Settings, language: str) -> str:
    """What went wrong, worded for the person running the script."""
    if error.code == "network_error":
        return translate("reports.cli.unreachable", language, server=settings.server or "")
    if error.status in (401, 403):
        return translate("reports.cli.auth_failed", language, message=error.message)
    return translate("reports.cli.failed", language, message=error.message)
