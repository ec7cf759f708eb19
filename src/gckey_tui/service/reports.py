"""DLI compliance reporting rules: DLI numbers, cycles, the 11 IRCC statuses and a report's status."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from gckey_tui.vocabulary import COMPLIANCE_STATUSES

#: IRCC's 11 compliance statuses, as the wire contract names them (labels: i18n ``reports.status.<code>``)
STATUSES: tuple[str, ...] = COMPLIANCE_STATUSES

#: provinces and territories (ISO 3166-2:CA subdivision codes)
PROVINCES = ("AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT")
#: institutions there are not asked to report
EXEMPT_PROVINCES = frozenset({"QC"})

DLI_PATTERN = re.compile(r"O\d{11}")
CYCLE_PATTERN = re.compile(r"(\d{4})-(04|11)")

#: cycles open on the 1st of April and of November, for 60 calendar days (IRCC)
CYCLE_MONTHS = (4, 11)
CYCLE_OPENING_DAY = 1
CYCLE_DAYS = 60
CORRECTION_DAYS = 10


def valid_dli(dli: str) -> bool:
    """``O`` followed by 11 digits."""
    return DLI_PATTERN.fullmatch(dli) is not None


def exempt(province: str) -> bool:
    """Institutions in Quebec are not asked to report."""
    return province in EXEMPT_PROVINCES


@dataclass(frozen=True)
class Cycle:
    """One reporting cycle, e.g. ``2026-11``."""

    name: str
    opens_at: datetime
    due_at: datetime

    def is_open(self, now: datetime) -> bool:
        return self.opens_at <= now


def cycle(name: str, days: int = CYCLE_DAYS) -> Cycle:
    """The cycle called ``name``; ValueError for anything but ``YYYY-04`` / ``YYYY-11``."""
    match = CYCLE_PATTERN.fullmatch(name)
    if match is None:
        raise ValueError(name)
    opens_at = datetime(int(match[1]), int(match[2]), CYCLE_OPENING_DAY, tzinfo=UTC)
    return Cycle(name, opens_at, opens_at + timedelta(days=days))


def current_cycle(now: datetime, days: int = CYCLE_DAYS) -> Cycle:
    """The most recently opened cycle at ``now``."""
    candidates = [cycle(f"{year}-{month:02d}", days) for year in (now.year - 1, now.year) for month in CYCLE_MONTHS]
    return max((c for c in candidates if c.opens_at <= now), key=lambda c: c.opens_at)


def next_cycle(now: datetime, days: int = CYCLE_DAYS) -> Cycle:
    """The first cycle opening after ``now``."""
    candidates = [cycle(f"{year}-{month:02d}", days) for year in (now.year, now.year + 1) for month in CYCLE_MONTHS]
    return min((c for c in candidates if c.opens_at > now), key=lambda c: c.opens_at)


def report_status(
    the_cycle: Cycle,
    now: datetime,
    *,
    with_status: int,
    submitted_at: datetime | None,
    corrections_requested_at: datetime | None,
) -> tuple[str, datetime]:
    """The report's status and the date it is due by (corrections: 10 days from the request)."""
    if not the_cycle.is_open(now):
        return "scheduled", the_cycle.due_at
    if corrections_requested_at is not None and (submitted_at is None or submitted_at < corrections_requested_at):
        due = corrections_requested_at + timedelta(days=CORRECTION_DAYS)
        return ("overdue" if now > due else "corrections_requested"), due
    if submitted_at is not None:
        if corrections_requested_at is not None:
            # answered a corrections request: late if after its own 10-day limit
            late = submitted_at > corrections_requested_at + timedelta(days=CORRECTION_DAYS)
        else:
            late = submitted_at > the_cycle.due_at
        return ("submitted_late" if late else "submitted"), the_cycle.due_at
    if now > the_cycle.due_at:
        return "overdue", the_cycle.due_at
    return ("in_progress" if with_status else "not_started"), the_cycle.due_at


def parse_date(value: str) -> date | None:
    """An ISO date (YYYY-MM-DD), or None when it is not one."""
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        return None
