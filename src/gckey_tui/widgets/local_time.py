"""Times as the person reads them: local time with its zone (DESIGN §5), from the service's UTC."""

from __future__ import annotations

from datetime import datetime


def local_time(moment: datetime | None, *, zone: bool = True) -> str:
    """``2026-11-30 15:04 EST`` in the terminal's local zone (without the zone when a column header says it);
    an empty string for no time."""
    if moment is None:
        return ""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M %Z" if zone else "%Y-%m-%d %H:%M")


def local_zone() -> str:
    """The terminal's local zone as its abbreviation (``EST``), for a column of times."""
    return datetime.now().astimezone().strftime("%Z")
