"""Support requests: the reply-by date in federal business days."""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

import holidays

REPLY_BUSINESS_DAYS = 10


@cache
def federal_holidays(year: int) -> holidays.HolidayBase:
    """Canadian federal holidays (no province): the statutory ones plus the federal government's."""
    return holidays.country_holidays("CA", years=year, categories=("public", "government"))


def is_business_day(day: date) -> bool:
    """Monday to Friday, and not a federal holiday."""
    return day.weekday() < 5 and day not in federal_holidays(day.year)


def add_business_days(start: date, count: int) -> date:
    """The ``count``-th business day after ``start``."""
    day = start
    while count > 0:
        day += timedelta(days=1)
        if is_business_day(day):
            count -= 1
    return day
