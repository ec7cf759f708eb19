"""Non-interactive sub-commands beside the console (e.g. ``reports status``).

Each module here is named after its sub-command and defines ``register(subparsers)``; its parsers set
``handler=callable(args, settings) -> int``.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
from collections.abc import Sequence


def register_named(subparsers: argparse._SubParsersAction, argv: Sequence[str] | None) -> None:
    """Let the modules named in ``argv`` add their sub-commands (all of them when ``argv`` is None)."""
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda info: info.name):
        if argv is None or info.name in argv:
            importlib.import_module(f"{__name__}.{info.name}").register(subparsers)
