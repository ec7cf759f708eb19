"""The uvicorn app factory of ``gckey-tui serve``: every worker loads exactly the settings its parent resolved.

``serve`` writes them to a private file (``gckey_tui/serving.py``) and names it in ``GCKEY_SETTINGS_FILE``;
nothing is re-read from config.toml or the environment here, so a worker cannot drift from its parent.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
from pathlib import Path

from fastapi import FastAPI

from gckey_tui.service.app import create_app
from gckey_tui.settings_file import SETTINGS_FILE_VARIABLE, read_settings_file

#: glibc's mallopt parameter for the number of malloc arenas
_M_ARENA_MAX = -8


def limit_malloc_arenas(arenas: int = 2) -> None:
    """Cap glibc's malloc arenas (as ``MALLOC_ARENA_MAX`` would): freed argon2 buffers are then reused
    instead of each thread's arena keeping its own. No effect off glibc."""
    name = ctypes.util.find_library("c")
    if name is None:
        return
    libc = ctypes.CDLL(name)
    if hasattr(libc, "mallopt"):
        libc.mallopt(_M_ARENA_MAX, arenas)


def create_served_app() -> FastAPI:
    """The app of one served worker (``uvicorn --factory gckey_tui.service.asgi:create_served_app``)."""
    limit_malloc_arenas()
    return create_app(read_settings_file(Path(os.environ[SETTINGS_FILE_VARIABLE])))
