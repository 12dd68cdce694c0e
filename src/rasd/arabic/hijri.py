"""The Hijri (Islamic lunar) calendar: month names and conversion to Gregorian dates.

Conversion uses the arithmetic (tabular) Islamic calendar — 30-year cycle, leap years
2, 5, 7, 10, 13, 16, 18, 21, 24, 26 and 29, civil epoch 1 Muharram 1 AH = 16 July 622
(Julian). Official calendars (Saudi Umm al-Qura, or dates fixed by sighting the crescent
elsewhere) differ from it by a day, rarely two, so a converted date carries ±1 day
tolerance. We compute it ourselves rather than depend on a table package: the result is
deterministic, covers any year, and a day of tolerance is what the sources themselves
disagree by (the same Ramadan starts on different days in Riyadh, Cairo and Rabat).
"""

from __future__ import annotations

import datetime as dt

# (spelling, month number). Spellings as news writes them; matching folds hamza, alef
# maqsura and ta marbuta, so "جمادى الأولى" also covers "جمادي الاولي".
HIJRI_MONTHS: tuple[tuple[str, int], ...] = (
    ("محرم", 1),
    ("المحرم", 1),
    ("صفر", 2),
    ("ربيع الأول", 3),
    ("ربيع أول", 3),
    ("ربيع الثاني", 4),
    ("ربيع الآخر", 4),
    ("ربيع ثاني", 4),
    ("جمادى الأولى", 5),
    ("جمادى الأول", 5),
    ("جمادى الثانية", 6),
    ("جمادى الآخرة", 6),
    ("جمادى الآخر", 6),
    ("جمادى الثاني", 6),
    ("رجب", 7),
    ("شعبان", 8),
    ("رمضان", 9),
    ("شوال", 10),
    ("ذو القعدة", 11),
    ("ذي القعدة", 11),
    ("ذو الحجة", 12),
    ("ذي الحجة", 12),
)

# Julian Day Number of 1 Muharram 1 AH (civil epoch) and the offset from JDN to
# Python's proleptic Gregorian ordinal (date(1, 1, 1).toordinal() == 1).
_EPOCH_JDN = 1948440
_ORDINAL_TO_JDN = 1721425


def _jdn(year: int, month: int, day: int) -> int:
    # Months alternate 30/29 days (ceil(29.5 * (m - 1)) days before month m); a leap year
    # adds a 30th day to Dhu al-Hijja; (3 + 11y) // 30 counts leap days before year y+1.
    return (
        day
        + (59 * (month - 1) + 1) // 2
        + (year - 1) * 354
        + (3 + 11 * year) // 30
        + _EPOCH_JDN
        - 1
    )


def is_leap(year: int) -> bool:
    """Whether ``year`` AH has 355 days in the tabular calendar."""
    return (14 + 11 * year) % 30 < 11


def month_length(year: int, month: int) -> int:
    """Days in a Hijri month (tabular calendar): 30 for odd months, 29 for even ones,
    30 for Dhu al-Hijja in a leap year."""
    if month == 12:
        return 30 if is_leap(year) else 29
    return 30 if month % 2 else 29


def to_gregorian(year: int, month: int, day: int) -> dt.date:
    """Gregorian date of a Hijri date. Raises ``ValueError`` for impossible dates."""
    if not (1 <= month <= 12) or year < 1 or not (1 <= day <= 30):
        raise ValueError(f"no Hijri date {year}-{month}-{day}")
    # Day 30 of a 29-day month is written in the sources that follow a sighting; it is
    # the day after day 29 in the tabular calendar too, so it stays valid.
    return dt.date.fromordinal(_jdn(year, month, day) - _ORDINAL_TO_JDN)


def from_gregorian(date: dt.date) -> tuple[int, int, int]:
    """Hijri (year, month, day) of a Gregorian date in the tabular calendar."""
    jdn = date.toordinal() + _ORDINAL_TO_JDN
    year = (30 * (jdn - _EPOCH_JDN) + 10646) // 10631
    month = min(12, -(-(jdn - 29 - _jdn(year, 1, 1)) * 2 // 59) + 1)
    month = max(1, month)
    day = jdn - _jdn(year, month, 1) + 1
    return year, month, day


def month_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    """First and last Gregorian day of a Hijri month."""
    first = to_gregorian(year, month, 1)
    return first, first + dt.timedelta(days=month_length(year, month) - 1)


def year_range(year: int) -> tuple[dt.date, dt.date]:
    """First and last Gregorian day of a Hijri year."""
    first = to_gregorian(year, 1, 1)
    return first, to_gregorian(year + 1, 1, 1) - dt.timedelta(days=1)
