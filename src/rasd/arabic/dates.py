"""Absolute calendar dates in Arabic text, with spans.

Covers Gregorian month names as written across the Arab world — MSA (``نوفمبر``),
Levantine/Iraqi (``تشرين الثاني``), the slash form news agencies use (``تشرين
الثاني/نوفمبر``), Maghrebi (``جانفي``, ``فيفري``, ``جوان``) and Moroccan (``يوليوز``,
``غشت``, ``نونبر``) — numeric forms (``2022-11-13``, ``13/11/2022``, ``13.11.2022``), with
Western, Arabic-Indic or Eastern digits, and optional weekday and time.

Spans are found with our own patterns (dateparser's ``search_dates`` returns wrong spans
on Arabic) and values are built directly from the matched parts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import regex

from rasd.arabic.normalize import normalize
from rasd.arabic.patterns import DIGIT, WB_END, WB_START, alternation, to_int, word_pattern

# (spelling, month number). Several spellings per month and region.
MONTHS: tuple[tuple[str, int], ...] = (
    # Modern Standard Arabic (Egypt, Gulf), Morocco's variants, Maghreb (Tunisia/Algeria).
    ("يناير", 1),
    ("فبراير", 2),
    ("مارس", 3),
    ("أبريل", 4),
    ("إبريل", 4),
    ("ابريل", 4),
    ("مايو", 5),
    ("يونيو", 6),
    ("يونيه", 6),
    ("يوليو", 7),
    ("يوليه", 7),
    ("أغسطس", 8),
    ("سبتمبر", 9),
    ("أكتوبر", 10),
    ("نوفمبر", 11),
    ("ديسمبر", 12),
    ("جانفي", 1),
    ("فيفري", 2),
    ("أفريل", 4),
    ("ماي", 5),
    ("جوان", 6),
    ("جويلية", 7),
    ("أوت", 8),
    ("يوليوز", 7),
    ("غشت", 8),
    ("شتنبر", 9),
    ("نونبر", 11),
    ("دجنبر", 12),
    # Levantine and Iraqi (Syriac) names.
    ("كانون الثاني", 1),
    ("شباط", 2),
    ("آذار", 3),
    ("نيسان", 4),
    ("أيار", 5),
    ("حزيران", 6),
    ("تموز", 7),
    ("آب", 8),
    ("أيلول", 9),
    ("تشرين الأول", 10),
    ("تشرين الثاني", 11),
    ("كانون الأول", 12),
)

WEEKDAYS: tuple[tuple[str, int], ...] = (
    ("الاثنين", 0),
    ("الإثنين", 0),
    ("الثلاثاء", 1),
    ("الأربعاء", 2),
    ("الخميس", 3),
    ("الجمعة", 4),
    ("السبت", 5),
    ("الأحد", 6),
)

_MONTH_BY_FORM = {normalize(name): num for name, num in MONTHS}

_MONTH = f"(?:{alternation([m for m, _ in MONTHS])}){WB_END}"
_WEEKDAY = f"(?:{alternation([w for w, _ in WEEKDAYS])}){WB_END}"
_D = f"{DIGIT}{{1,2}}"
_Y = f"{DIGIT}{{4}}"
_SEP = r"\s*[،,]?\s*"

# "13 نوفمبر، 2022", "24 شباط/فبراير 2022", "12 تشرين الثاني 2022م", "13 نوفمبر" (no year).
_NAMED = (
    rf"(?:{_WEEKDAY}{_SEP})?(?P<day>{_D})\s*(?:من\s+)?(?:شهر\s+)?"
    rf"(?P<month>{_MONTH})(?:\s*[/\-(]\s*(?P<month2>{_MONTH})(?:\s*\))?)?"
    rf"(?:{_SEP}(?:عام|سنة)?\s*(?P<year>{_Y})(?:\s*(?:م{WB_END}|{word_pattern('ميلادي')}))?)?"
    # Without a year, a number right after the month is not ours to drop ("13 نوفمبر 20221").
    rf"(?!{_SEP}{DIGIT})"
)
# "نوفمبر 2022" (month precision).
_MONTH_YEAR = (
    rf"(?P<month_only>{_MONTH})(?:\s*[/\-]\s*(?P<month_only2>{_MONTH}))?{_SEP}(?P<year_only>{_Y})"
)
# "2022-11-13", "2022/11/13".
_ISO = rf"(?P<iy>{_Y})(?P<is>[-/.])(?P<im>{DIGIT}{{1,2}})(?P=is)(?P<id>{DIGIT}{{1,2}})"
# "13/11/2022", "13-11-2022", "13.11.2022" (day first, as Arabic news writes them).
_DMY = rf"(?:{_WEEKDAY}{_SEP})?(?P<nd>{DIGIT}{{1,2}})(?P<ns>[-/.])(?P<nm>{DIGIT}{{1,2}})(?P=ns)(?P<ny>{_Y})"

DATE_RE = regex.compile(
    rf"{WB_START}(?:{_NAMED}|{_ISO}|{_DMY}|{_MONTH_YEAR})(?!{DIGIT})",
    regex.VERSION1,
)
WEEKDAY_RE = regex.compile(rf"{WB_START}(?:[وف])?(?P<weekday>{_WEEKDAY}){WB_END}")


@dataclass(slots=True, frozen=True)
class DateMatch:
    start: int
    end: int
    text: str
    value: dt.date
    precision: str  # "day" | "month"

    @property
    def iso(self) -> str:
        return self.value.isoformat() if self.precision == "day" else self.value.isoformat()[:7]


def month_number(name: str) -> int | None:
    return _MONTH_BY_FORM.get(normalize(name))


def find_dates(text: str, *, default_year: int | None = None) -> list[DateMatch]:
    """All absolute dates in ``text``. A day and month without a year take ``default_year``
    (the publication year) when given, and are skipped otherwise."""
    out = []
    for m in DATE_RE.finditer(text):
        value, precision = _value(m, default_year)
        if value is not None:
            out.append(DateMatch(m.start(), m.end(), m.group(), value, precision))
    return out


def _value(m: regex.Match[str], default_year: int | None) -> tuple[dt.date | None, str]:
    try:
        if m.group("day"):
            month = month_number(m.group("month"))
            second = m.group("month2")
            if second and month_number(second) != month:
                return None, ""  # "شباط/مارس" is not a date
            year = to_int(m.group("year")) if m.group("year") else default_year
            if year is None or month is None:
                return None, ""
            return dt.date(year, month, to_int(m.group("day"))), "day"
        if m.group("iy"):
            return dt.date(
                to_int(m.group("iy")), to_int(m.group("im")), to_int(m.group("id"))
            ), "day"
        if m.group("nd"):
            return dt.date(
                to_int(m.group("ny")), to_int(m.group("nm")), to_int(m.group("nd"))
            ), "day"
        if m.group("month_only"):
            month = month_number(m.group("month_only"))
            if month is None:
                return None, ""
            return dt.date(to_int(m.group("year_only")), month, 1), "month"
    except ValueError:  # 31 شباط, month 13
        return None, ""
    return None, ""
