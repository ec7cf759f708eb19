"""``gckey-tui admin …``: local commands that talk to the store directly.

Each module here is one area's commands. A module may define:

- ``register(subparsers)``: add its sub-commands (each sets ``handler=callable(args, context) -> int``);
- ``seed_demo(context)``: add its demo data (called by ``admin seed-demo`` and ``--demo``, in module order).
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType


def area_modules() -> list[ModuleType]:
    """Every admin module, in name order."""
    package = importlib.import_module(__name__)
    return [
        importlib.import_module(f"{__name__}.{info.name}")
        for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda info: info.name)
    ]
