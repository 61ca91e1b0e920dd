"""Calendar arithmetic for time expressions: Jalali (via jdatetime), Gregorian and Hijri (tabular).

All functions return :class:`datetime.date` objects (proleptic Gregorian) or raise ``ValueError`` for
impossible dates. Periods are pairs ``(first_day, last_day)``.

Hijri dates use the *tabular* Islamic calendar (30-year cycle, leap years 2, 5, 7, 10, 13, 16, 18, 21, 24,
26, 29; the arithmetic of Reingold & Dershowitz, *Calendrical Calculations*, ch. 7). The official Iranian
lunar calendar is set by moon sighting, so a converted date can differ by one or two days.

>>> hijri_to_gregorian(1444, 9, 18)
datetime.date(2023, 4, 9)
>>> jalali_to_gregorian(1402, 1, 20)
datetime.date(2023, 4, 9)
"""
from __future__ import annotations

import datetime as dt

import jdatetime

# R.D. (day 1 = 1 January 1 CE, proleptic Gregorian) of 1 Muharram 1 AH = Julian 16 July 622.
_ISLAMIC_EPOCH = 227015

Period = tuple[dt.date, dt.date]


def jalali_to_gregorian(year: int, month: int, day: int) -> dt.date:
    """The Gregorian date of a Solar Hijri (Jalali) date; ``ValueError`` if it does not exist."""
    return jdatetime.date(year, month, day).togregorian()


def gregorian_to_jalali(date: dt.date) -> tuple[int, int, int]:
    j = jdatetime.date.fromgregorian(date=date)
    return j.year, j.month, j.day


def hijri_month_length(year: int, month: int) -> int:
    if month % 2 == 1:
        return 30
    if month == 12 and (14 + 11 * year) % 30 < 11:
        return 30
    return 29


def hijri_to_gregorian(year: int, month: int, day: int) -> dt.date:
    """The Gregorian date of a tabular Islamic (Hijri lunar) date."""
    if not (1 <= month <= 12 and 1 <= day <= hijri_month_length(year, month) and year >= 1):
        raise ValueError(f"no Hijri date {year}/{month}/{day}")
    fixed = (_ISLAMIC_EPOCH - 1 + (year - 1) * 354 + (3 + 11 * year) // 30
             + 29 * (month - 1) + month // 2 + day)
    return dt.date.fromordinal(fixed)


def to_gregorian(calendar: str, year: int, month: int, day: int) -> dt.date:
    if calendar == "jalali":
        return jalali_to_gregorian(year, month, day)
    if calendar == "hijri":
        return hijri_to_gregorian(year, month, day)
    return dt.date(year, month, day)


def month_length(calendar: str, year: int, month: int) -> int:
    if calendar == "jalali":
        if month <= 6:
            return 31
        if month <= 11:
            return 30
        return 30 if jdatetime.date(year, 1, 1).isleap() else 29
    if calendar == "hijri":
        return hijri_month_length(year, month)
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    return (nxt - dt.timedelta(days=1)).day


def month_period(calendar: str, year: int, month: int) -> Period:
    first = to_gregorian(calendar, year, month, 1)
    return first, to_gregorian(calendar, year, month, month_length(calendar, year, month))


def year_period(calendar: str, year: int) -> Period:
    return month_period(calendar, year, 1)[0], month_period(calendar, year, 12)[1]


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def format_date(value: dt.date | Period | None) -> str | None:
    """ISO 8601: ``YYYY-MM-DD`` for a day, ``YYYY-MM-DD/YYYY-MM-DD`` for a period."""
    if value is None:
        return None
    if isinstance(value, tuple):
        first, last = value
        if first == last:
            return first.isoformat()
        return f"{first.isoformat()}/{last.isoformat()}"
    return value.isoformat()
