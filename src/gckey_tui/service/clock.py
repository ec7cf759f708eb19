"""Time as the service sees it; tests replace it to move through lockouts and expiries."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


class Clock:
    """The real clock (UTC, aware datetimes)."""

    def now(self) -> datetime:
        """The current time."""
        return datetime.now(UTC)


class FrozenClock(Clock):
    """A clock that only moves when told to (tests and benchmarks)."""

    def __init__(self, start: datetime | None = None) -> None:
        self.current = start or datetime(2026, 11, 2, 12, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> datetime:
        """Move forward by a ``timedelta(**delta)``."""
        self.current += timedelta(**delta)
        return self.current

    def set(self, moment: datetime) -> None:
        """Jump to ``moment``."""
        self.current = moment


def aware(moment: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes: they are UTC."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment
