"""``admin sweep``: warn and deactivate inactive accounts (DESIGN §3 Inactivity)."""

from __future__ import annotations

import argparse

from gckey_tui.service.context import ServiceContext
from gckey_tui.service.inactivity import sweep


def register(subparsers: argparse._SubParsersAction) -> None:
    """``admin sweep``."""
    parser = subparsers.add_parser(
        "sweep", help="email a warning to accounts unused for 23 months; deactivate those unused for 2 years"
    )
    parser.set_defaults(handler=run_sweep)


def run_sweep(_args: argparse.Namespace, context: ServiceContext) -> int:
    """One idempotent sweep; prints what it did."""
    result = sweep(context)
    print(f"inactivity sweep: {result.warned} warned, {result.deactivated} deactivated")
    return 0
