"""Times as the person reads them: local time with its zone (DESIGN §5), from the service's UTC."""

from __future__ import annotations

from datetime import datetime


def local_time(moment: datetime | None, *, seconds: bool = False) -> str:
    """``2026-11-30 15:04 EST`` in the terminal's local zone; an empty string for no time."""
    if moment is None:
        return ""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S %Z" if seconds else "%Y-%m-%d %H:%M %Z")
