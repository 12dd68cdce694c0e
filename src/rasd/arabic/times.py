"""Date and time expressions in an article body, resolved against its publication date.

:func:`find_times` returns :class:`~rasd.document.TimeExpression` spans with ISO values and
a precision. It works in five steps:

1. **Fold** the text once (hamza/alef forms, alef maqsura, ta marbuta, Arabic-Indic and
   Eastern digits, Latin case) with a one-to-one character map; marks and tatweel are
   dropped and their positions kept, so every match maps back to offsets in the original.
2. **Match** one precompiled regular expression whose alternatives are the expression
   kinds, most specific first: Hijri dates, day ranges (``بين 3 و5 مايو``), year ranges,
   month parts (``مطلع تشرين الثاني``), numeric and named Gregorian dates in every regional
   spelling, Hijri months and years, months, durations (``منذ ثلاثة أيام``), windows
   (``خلال الأيام الماضية``), relative words (``أمس``, ``هذا الأسبوع``), weekdays, years
   and clock times. Spans come from our own patterns: dateparser is both slow (~60 ms a
   call) and wrong about spans on Arabic.
3. **Resolve** each match to a value with a precision against the publication date:
   weekdays take the most recent one (the publication day included) unless a future
   marker (``المقبل``, ``القادم``, a ``سـ`` verb, ``المقرر``) says otherwise; day-month
   dates without a year take the most recent past occurrence unless so marked or unless
   the next occurrence is at most 45 days ahead (31 for a bare month: only next month);
   ``الماضي``/``المقبل``/``الجاري`` pick the year, month or week explicitly; a weekday
   written after ``أمس``/``اليوم`` wins over the timestamp by up to three days.
4. **Combine** neighbours: a clock time joins the day it is on (``السبت الساعة 10:30``),
   ``منذ`` before an expression makes a range up to the publication date, and
   ``بين X و Y`` / ``من X إلى Y`` make one range.
5. **Return** the expressions in text order, without overlaps.

Conventions (documented because the sources leave them open): weeks are ISO weeks,
Monday to Sunday, so ``هذا الأسبوع`` in an article of Sunday 2022-11-13 is 2022-11-07 ..
2022-11-13; month parts are thirds (days 1–10, 11–20, 21–end), year parts are Jan–Apr,
May–Aug, Sep–Dec; seasons are Mar–May, Jun–Aug, Sep–Nov and Dec–Feb (winter of a year
begins the December before); vague windows (``الأيام الماضية``) span 7 days, 4 weeks,
6 months or 5 years, ``قبل أيام`` is 7 to 1 days back; Hijri dates use the tabular
calendar (±1 day, see :mod:`rasd.arabic.hijri`); time zones are UTC offsets for the
expression's date (``+03:00``), or ``local``; ranges give ISO dates in ``value`` and
``until``; a clock time without a day takes the publication date (``relative=True``).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from rasd.arabic import hijri
from rasd.arabic import timewords as tw
from rasd.arabic.dates import MONTHS, WEEKDAYS
from rasd.document import Document, TimeExpression

# --- 1. Folding -------------------------------------------------------------------------

_DELETE = (
    "\u0610\u0611\u0612\u0613\u0614\u0615\u0616\u0617\u0618\u0619\u061a\u061c"
    + "".join(chr(c) for c in range(0x064B, 0x0660))
    + "\u0670\u0640\u200c\u200d\u200e\u200f"
)
_FOLD = str.maketrans(
    {
        **dict.fromkeys("أإآٱ", "ا"),
        **dict.fromkeys("ىی", "ي"),
        "ک": "ك",
        "ة": "ه",
        "ۀ": "ه",
        "ؤ": "و",
        **{chr(0x0660 + i): str(i) for i in range(10)},
        **{chr(0x06F0 + i): str(i) for i in range(10)},
        **{chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)},
        "\u00a0": " ",
        "ـ": None,
        **dict.fromkeys(_DELETE, None),
    }
)
_DELETED = re.compile(f"[{re.escape(_DELETE)}]")


_FOLD_LETTERS = str.maketrans({**dict.fromkeys("أإآٱ", "ا"), "ى": "ي", "ة": "ه"})


def _fold(text: str) -> str:
    return text.translate(_FOLD)


def _rx(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Compile a pattern written in plain spelling against folded text (letters only:
    folding Latin case would turn ``\\W`` into ``\\w``)."""
    return re.compile(pattern.translate(_FOLD_LETTERS), flags)


class _Folded:
    """The folded text and the way back from its offsets to the original's."""

    __slots__ = ("gaps", "text")

    def __init__(self, original: str) -> None:
        self.text = _fold(original)
        # Folded position of each deleted character; a kept character at folded index f
        # sits at f + (deleted characters with position <= f) in the original.
        self.gaps: list[int] = []
        if len(self.text) != len(original):
            self.gaps = [m.start() - k for k, m in enumerate(_DELETED.finditer(original))]

    def orig(self, f: int) -> int:
        return f + bisect.bisect_right(self.gaps, f) if self.gaps else f


# --- 2. Patterns ------------------------------------------------------------------------

_W = r"(?!\w)"  # end of word (marks are gone after folding, so \w is letters and digits)
_SEP = r"\s*[،,]?\s*"


def _alt(words: Iterable[str]) -> str:
    """Alternation of folded spellings as a trie (``ش(?:باط|هر)``), longest first at each
    branch so the longest spelling wins. A trie lets the engine reject a position after one
    character instead of trying every word, which is most of the speed of the scan."""
    forms = {_fold(w) for w in words}
    return _trie(sorted(forms))


def _trie(words: list[str]) -> str:
    if not words:
        return ""
    groups: dict[str, list[str]] = {}
    ends = False
    for w in words:
        if w:
            groups.setdefault(w[0], []).append(w[1:])
        else:
            ends = True
    branches = []
    # Longer continuations first: "الثانيه عشره" before "الثانيه".
    for first, rests in sorted(groups.items(), key=lambda kv: -max(len(r) for r in kv[1])):
        head = r"\s+" if first == " " else re.escape(first)
        sub = _trie(rests)
        branches.append(head + (f"(?:{sub})" if sub and "|" in sub else sub))
    body = "|".join(branches)
    if ends:
        return f"(?:{body})?" if body else ""
    return body


def _lookup(pairs: Iterable[tuple[str, int]]) -> dict[str, int]:
    return {_fold(w): n for w, n in pairs}


# Spellings beyond dates.MONTHS that running text uses ("كانون ثاني", "ابريل" is covered
# by folding). Kept here so find_dates (date lines) stays as it was.
_MONTH_EXTRA = (
    ("كانون ثاني", 1),
    ("كانون أول", 12),
    ("تشرين أول", 10),
    ("تشرين ثاني", 11),
    ("يونية", 6),
    ("يوليوز", 7),
    ("أغشت", 8),
    ("اكتوبر", 10),
)
_MONTHS = _lookup((*MONTHS, *_MONTH_EXTRA))
_HMONTHS = _lookup(hijri.HIJRI_MONTHS)
_WEEKDAYS = _lookup(WEEKDAYS)
_NUMBERS = _lookup(tw.NUMBER_WORDS)
_ORDINALS = _lookup(tw.ORDINAL_DAYS)
_HOURS = _lookup(tw.CLOCK_HOURS)
_FRACTIONS = _lookup(tw.CLOCK_FRACTIONS)
_DAYPART_KIND = {_fold(w): k for w, k in tw.DAY_PARTS_ADVERB}
_NOUN_PART_KIND = {"عشيه": "pm", "صبيحه": "am", "ظهيره": "noon", "منتصف ليل": "am"}
_UNITS = {_fold(w): (u, n) for w, u, n in tw.UNITS}
_ZONES = {_fold(w): z for w, z in tw.ZONES}
_PAST = frozenset(_fold(w) for w in tw.PAST_MARKERS)
_FUTURE = frozenset(_fold(w) for w in tw.FUTURE_MARKERS)
_CURRENT = frozenset(_fold(w) for w in tw.CURRENT_MARKERS)

_MONTH = f"(?:{_alt(_MONTHS)}){_W}"
_HMONTH = f"(?:{_alt(_HMONTHS)}){_W}"
_WEEKDAY = f"(?:{_alt(_WEEKDAYS)}){_W}"
_NUMW = f"(?:{_alt(_NUMBERS)}){_W}"
_ORD = f"(?:{_alt(_ORDINALS)}){_W}"
_MARK = f"(?:{_alt((*_PAST, *_FUTURE, *_CURRENT))}){_W}"
_DAYPART_N = f"(?:{_alt(tw.DAY_PARTS_NOUN)}){_W}"
_D = r"(?:[0-3]?\d)(?!\d)"
_Y4 = r"\d{4}(?!\d)"
_HIJRI_SUFFIX = rf"(?:ه{_W}|هجريه?{_W}|للهجره{_W})"
_AD_SUFFIX = rf"(?:\s*م{_W}|\s+ميلاديه?{_W})"
_AL = r"(?:ال|(?<=ل)ل)"  # the article, or its ل after the clitic ل ("للعام")
_PART = rf"(?:مطلع|اوائل|بدايه|بدء|مستهل|منتصف|اواسط|وسط|اواخر|نهايه|ختام){_W}"
_EARLY = frozenset({"مطلع", "اوائل", "بدايه", "بدء", "مستهل"})
_MID = frozenset({"منتصف", "اواسط", "وسط"})

_UNIT_SPELLINGS = _alt(_UNITS)
_PLURAL_UNITS = _alt(w for w, (_, n) in _UNITS.items() if n == 0)
_COUNTED_UNITS = _alt(w for w, (_, n) in _UNITS.items() if n != 2)  # after a number
# A count by themselves ("قبل أسبوع"); not "يوم", which starts "منذ يوم الأحد" far more often
# than it means "a day ago".
_SOLO_UNITS = _alt(w for w, (_, n) in _UNITS.items() if n >= 1 and w != "يوم")


def _weekday_prefix(p: str) -> str:
    return (
        rf"(?:(?:{_DAYPART_N}\s+)?(?:يوم\s+)?(?P<{p}wd>{_WEEKDAY})\s*[،,]?\s*"
        rf"(?:(?:ال)?موافق\s*(?:ل\s*)?)?)"
    )


def _second_month(p: str) -> str:
    return rf"(?:\s*(?:[/\-(]\s*|\s+)(?P<{p}m2>{_MONTH})\s*\)?)"


def _year_part(p: str) -> str:
    # "نوفمبر 2022", "نوفمبر من عام 2022", or relative: "سبتمبر من العام الماضي".
    return (
        rf"(?:{_SEP}(?:من\s+)?(?:(?:ال)?عام|سنه|لعام)?\s*(?P<{p}y>{_Y4}){_AD_SUFFIX}?"
        rf"|\s+(?:من\s+)?(?:(?:العام|السنه)\s+(?P<{p}ry>{_MARK})|(?P<{p}rt>هذا\s+العام|هذه\s+السنه)))"
    )


def _marker(p: str) -> str:
    return rf"(?:\s+(?P<{p}mk>{_MARK}))"


# Clock: "10:30", "الساعة 1800", "العاشرة والنصف صباحا", "الخامسة وتسعة وأربعين دقيقة".
_ZONE_ALT = _alt(_ZONES)
_CLOCK = rf"""
(?:(?P<ck_cue>(?:ال)?ساعه)\s+(?:(?:تمام|حوالي|نحو)\s+)?)?
(?:
  (?P<ck_h>[01]?\d|2[0-3])\s*(?P<ck_sep>[:.,])\s*(?P<ck_mi>[0-5]\d)(?!\d)(?![.,:]\d)
| (?P<ck_hw>{_alt(_HOURS)}){_W}
  (?:\s+(?P<ck_fr>{_alt(_FRACTIONS)}){_W}
   |\s+و\s*(?P<ck_fm>\d{{1,2}}|{_NUMW}(?:\s+و\s*{_NUMW})?)\s*(?:دقيقه|دقائق){_W})?
| (?P<ck_hm>(?:[01]\d|2[0-3])[0-5]\d)(?!\d)
| (?P<ck_hd>[01]?\d|2[0-4])(?!\d)(?![.,:]\d)
)
(?:\s+(?:و\s*)?(?P<ck_dp>(?:من\s+)?(?:{_alt(_DAYPART_KIND)})){_W})?
(?:\s*(?P<ck_po>\()?\s*(?P<ck_tz>
    (?:ب|بال|ال)?توقيت\s+(?:{_ZONE_ALT}|المحلي|العالمي|[^\W\d]+){_W}
  | ت\s*\.?\s*غ{_W} | gmt{_W} | utc{_W} | غرينتش{_W} | جرينتش{_W}
)(?(ck_po)\)))?
"""

_KINDS = {
    # Hijri day: "14 ربيع الآخر 1444 هـ", "الأحد 30 ذي القعدة", "غرة شهر ذي الحجة".
    "hd": rf"""{_weekday_prefix("hd_")}?
        (?:(?P<hd_d>{_D})|(?P<hd_o>{_ORD}))\s*(?:من\s+)?(?P<hd_sh>شهر\s+)?(?P<hd_m>{_HMONTH})
        (?:{_SEP}(?:عام|سنه)?\s*(?P<hd_y>\d{{3,4}})(?!\d)(?:\s*(?P<hd_sx>{_HIJRI_SUFFIX}))?)?""",
    # Hijri numeric: "3 / 2 / 1440 هـ".
    "hn": rf"""(?P<hn_d>{_D})\s*/\s*(?P<hn_m>\d{{1,2}})\s*/\s*(?P<hn_y>\d{{4}})\s*{_HIJRI_SUFFIX}""",
    # Day range in one month: "بين 3 و5 مايو", "من 3 إلى 5 مايو", "يومي 14 و15 آذار".
    "ds": rf"""(?:(?P<ds_from>بين|من)\s+)?(?:(?:يومي|ايام|يوم)\s+)?(?:ال)?(?P<ds_d1>{_D})\s*
        (?:و?\s*(?:الى|حتى|لغايه)\s+|و\s*|-\s*|–\s*)(?:ال)?(?P<ds_d2>{_D})\s*(?:من\s+)?(?:شهر\s+)?
        (?P<ds_m>{_MONTH}){_second_month("ds_")}?{_year_part("ds_")}?{_marker("ds_")}?""",
    # Year range: "بين عامي 2014 و2015", "2017-2018", "من 2011 حتى 2014".
    "yr": rf"""(?:(?P<yr_from>بين|من)\s+)?(?P<yr_n>(?:ال)?عامي|(?:ال)?عامين|سنتي|(?:ال)?اعوام|(?:ال)?عام|سنه)?\s*
        (?P<yr_a>{_Y4})\s*(?P<yr_sep>و\s*|الى\s+|حتى\s+|-|–|/)\s*(?:(?:ال)?عام\s+|سنه\s+)?
        (?P<yr_b>{_Y4}){_AD_SUFFIX}?""",
    # Month part: "مطلع تشرين الثاني/نوفمبر", "أواخر الشهر الماضي", "منتصف 2018".
    "pt": rf"""(?P<pt_p>{_PART})\s+(?:
        (?:شهر\s+)?(?P<pt_m>{_MONTH}){_second_month("pt_")}?{_year_part("pt_")}?{_marker("pt_")}?
      | (?:(?P<pt_this>هذا|هذه)\s+)?{_AL}(?P<pt_u>شهر|عام|سنه|اسبوع){_W}{_marker("pt_u")}?
      | (?:(?:ال)?عام\s+|سنه\s+)?(?P<pt_yy>{_Y4}))""",
    # Season: "صيف 2019", "خريف هذا العام", "صيف العام الماضي".
    "ss": rf"""(?P<ss_s>صيف|خريف|ربيع|شتاء){_W}\s+(?:
        (?:(?:ال)?عام\s+|سنه\s+)?(?P<ss_y>{_Y4})
      | (?:(?P<ss_this>هذا|هذه)\s+)?(?:العام|السنه){_W}(?:\s+(?P<ss_mk>{_MARK}))?)""",
    # Numeric dates: "2022-11-13", "13/11/2022", "الأحد 13/11/2022".
    "nd": rf"""{_weekday_prefix("nd_")}?(?:
        (?P<nd_iy>\d{{4}})[-/.](?P<nd_im>\d{{1,2}})[-/.](?P<nd_id>\d{{1,2}})
      | (?P<nd_d>\d{{1,2}})\s?[-/.]\s?(?P<nd_m>\d{{1,2}})\s?[-/.]\s?(?P<nd_y>\d{{4}}))(?!\d)""",
    # Gregorian day: "الأحد 13 نوفمبر، 2022", "24 شباط/فبراير", "الرابع من يوليو",
    # "15 من الشهر الجاري", "5 مايو الماضي".
    "dt": rf"""{_weekday_prefix("dt_")}?(?:يوم\s+)?
        (?:(?:ال)?(?P<dt_d>{_D})\s*(?:من\s+)?|(?P<dt_o>{_ORD})\s+من\s+|(?P<dt_g>غره)\s+(?:من\s+)?)(?:شهر\s+)?
        (?:(?P<dt_m>{_MONTH}){_second_month("dt_")}?{_year_part("dt_")}?
         |{_AL}?(?:شهر\s+)?(?:ال)?(?P<dt_cur>جاري|حالي|ماضي|منصرم|مقبل|قادم){_W})
        {_marker("dt_")}?""",
    # Hijri month: "رمضان 1439 هـ", "شهر رمضان المبارك", "ذي الحجة المقبل".
    "hm": rf"""(?P<hm_sh>شهر\s+)?(?P<hm_m>{_HMONTH})
        (?:\s+(?:من\s+)?(?:(?:ال)?عام\s+|سنه\s+)?(?P<hm_y>\d{{3,4}})(?!\d)(?:\s*{_HIJRI_SUFFIX})?
         |{_marker("hm_")})?""",
    # Hijri year: "1439 هـ", "عام 204 للهجرة".
    "hy": rf"""(?P<hy_n>(?:ال)?عام\s+|سنه\s+|لعام\s+)?(?P<hy_y>\d{{1,4}})(?!\d)\s*{_HIJRI_SUFFIX}""",
    # Gregorian month: "نوفمبر 2022", "شهر مارس", "أكتوبر الماضي", "في مارس".
    "mo": rf"""(?P<mo_sh>(?:ال)?شهر\s+)?(?P<mo_m>{_MONTH}){_second_month("mo_")}?
        (?:{_year_part("mo_")}|{_marker("mo_")})?""",
    # Durations from now: "منذ ثلاثة أيام", "قبل يومين", "بعد أسبوع", "منذ 11 عاما".
    "ag": rf"""(?P<ag_k>منذ|قبل|بعد)\s+
        (?:(?:نحو|حوالي|قرابه|زهاء|اكثر\s+من|اقل\s+من|ما\s+يزيد\s+عن|ما\s+يقرب\s+من)\s+)?
        (?:(?P<ag_n>\d{{1,3}}|{_NUMW})\s*(?P<ag_u>{_COUNTED_UNITS})|(?P<ag_s>{_SOLO_UNITS})
          |(?P<ag_few>ايام|ساعات|اسابيع))
        {_W}(?!\s*\d)(?:\s+(?P<ag_half>ونصف|و\s*نصف){_W})?""",
    # Relative days and units: "أول أمس", "صباح اليوم", "غدا", "هذا الأسبوع",
    # "العام الماضي", "الأسبوع قبل الماضي".
    "rl": rf"""(?:(?P<rl_dp>{_DAYPART_N})\s+)?(?:يوم\s+)?(?:
        (?P<rl_x>اول\s+(?:من\s+)?امس|امس\s+الاول|(?:ال)?بارحه|(?:ال)?امس|بعد\s+غد|غدا|(?<=يوم\s)غد|(?<=[حرء]\s)غد
               |(?:ال)?غد(?=\s+(?:{_WEEKDAY}))|اليوم|الليله(?:\s+(?P<rl_past>الماضيه|البارحه))?)
        (?:\s*[،,]?\s*(?P<rl_wd>{_WEEKDAY}))?
      | (?P<rl_this>هذا|هذه)\s+(?P<rl_tu>الاسبوع|الشهر|العام|السنه|الصباح|المساء){_W}
      | {_AL}(?P<rl_u>اسبوع|شهر|عام|سنه){_W}\s+(?P<rl_bef>قبل\s+)?(?P<rl_mk>{_MARK})
    ){_W}""",
    # Windows: "خلال الأيام الماضية", "الـ24 ساعة الماضية", "الأسبوعين الماضيين".
    "wn": rf"""(?:(?:ال\s?)?(?P<wn_n>\d{{1,3}}|{_NUMW})\s*|ال)(?P<wn_u>{_UNIT_SPELLINGS})\s+
        (?P<wn_mk>(?:الماضي|الماضيه|الماضيين|الاخيره|الاخيرين|الاخير|المقبله|المقبلين|القادمه|القادمين|المنصرمه|الفائته)){_W}""",
    # Weekday: "السبت", "يوم الجمعة الماضي", "مساء الأحد".
    "wd": rf"""(?:(?P<wd_dp>{_DAYPART_N})\s+)?(?:يوم\s+)?(?P<wd_w>{_WEEKDAY})(?:\s+(?P<wd_bef>قبل\s+)?(?P<wd_mk>{_MARK}))?""",
    # Year: "عام 2014", "العام 2011", "في 2011".
    "yy": rf"""(?P<yy_n>(?:ال)?عام\s+|سنه\s+|لعام\s+)?(?P<yy_y>{_Y4})(?![.,:/\-]\d){_AD_SUFFIX}?""",
    "ck": _CLOCK,
}

_PREFIX = r"(?<!\w)(?:[وف]?[بل]?)"  # a clitic و ف ب ل stays outside the span
# Every expression starts with a digit or one of these words. Checking them first, as one
# trie, rejects most word starts in one step before the kinds are tried one by one: the
# scan is then ~8 times faster than trying every kind at every word.
_FIRST_WORDS = (
    *_MONTHS,
    *_HMONTHS,
    *_WEEKDAYS,
    *_ORDINALS,
    *_HOURS,
    *_NUMBERS,
    *_UNITS,
    *(f"ال{u}" for u in (*_UNITS, *_NUMBERS)),
    *(f"ل{u}" for u in ("اسبوع", "شهر", "سنه")),
    *(w.split()[0] for w in tw.DAY_PARTS_NOUN),
    *("يوم", "يومي", "ايام", "بين", "من", "منذ", "قبل", "بعد", "هذا", "هذه", "شهر", "الشهر"),
    *("عام", "العام", "عامي", "العامين", "الاعوام", "لعام", "سنه", "سنتي", "ساعه", "الساعه"),
    *("امس", "الامس", "اول", "غدا", "غد", "الغد", "اليوم", "الليله", "البارحه", "بارحه"),
    *("مطلع", "اوائل", "بدايه", "بدء", "مستهل", "منتصف", "اواسط", "وسط", "اواخر", "نهايه"),
    *("ختام", "صيف", "خريف", "ربيع", "شتاء"),
)
_GATE = rf"(?=\d|ال\d|(?:{_alt(_FIRST_WORDS)}){_W})"
_MASTER = _rx(
    _PREFIX + _GATE + "(?:" + "|".join(f"(?P<{k}>{p})" for k, p in _KINDS.items()) + r")(?!\w)",
    re.VERBOSE,
)
# Each kind alone, to try the later kinds where a match was found and then rejected
# ("2014 و2015" is no year range without a cue, but "2014" may still be a year).
_SINGLE = {k: _rx(f"{_PREFIX}(?P<{k}>{p})(?!\\w)", re.VERBOSE) for k, p in _KINDS.items()}
_ORDER = list(_KINDS)

_FUTURE_CUE = _rx(
    rf"(?<!\w)[وف]?(?:(?:{_alt(tw.FUTURE_CUES)}){_W}"
    rf"|(?!{'|'.join(_fold(p) for p in tw.NOT_FUTURE_PREFIXES)})س[يتن][^\W\d]{{2,}}|"
    rf"{_alt(_FUTURE)}{_W})"
)
_FUTURE_AFTER = _rx(rf"\s+(?:{_alt(_FUTURE)}){_W}")
_SENTENCE_END = _rx(r"[.!?؟\n]")
_YEAR_CUE = _rx(
    r"(?:(?<!\w)(?:[وف]?(?:في|منذ|حتى|خلال|بحلول|قبل|بعد|مطلع|منتصف|نهايه|بدايه|اواخر|اوائل|"
    r"موسم|عامي|عام|سنه|لعام|العام|من|الى|ومن|اعتبارا\s+من|مع|بين)))\s*$"
)
_MONTH_CUE = _rx(
    r"(?:(?<!\w)[وف]?(?:في|منذ|حتى|خلال|بحلول|قبل|بعد|من|الى|طوال|مع|اعتبارا\s+من|اواخر|مطلع))\s+$"
)
_SINCE = _rx(r"(?<!\w)[وف]?منذ\s+$")
_RANGE_FROM = _rx(r"(?<!\w)[وف]?(?:بين|من|اعتبارا\s+من|يومي|الفتره\s+من)\s+$")
_RANGE_GAP = _rx(r"^\s*(?:و?\s*(?:الى|حتى|لغايه)|و|-|–)\s*$")
_CLOCK_GAP_AFTER_DAY = _rx(
    r"^[\s،,(]*(?:(?:في|عند|حوالي|نحو|قرابه|قبيل|بعد|منذ|من|بدايه\s+من|ابتداء\s+من|اعتبارا\s+من|"
    r"انطلاقا\s+من)\s+)?$"
)
_CLOCK_GAP_BEFORE_DAY = _rx(r"^[\s،,()]*(?:(?:من|يوم)\s+)*$")
_TODAY_NOT = _rx(
    r"^\s+(?:التالي|الموالي|الاول|الثاني|الثالث|الرابع|الخامس|السادس|السابع|الاخير|العالمي|"
    r"الوطني|الدولي|نفسه|ذاته|السابق|الواحد|الذي|العربي|المفتوح|الدراسي|الثامن|التاسع|العاشر)(?!\w)"
)
_NOT_TODAY_BEFORE = _rx(r"(?:هذا|مثل|ذلك|ذات|نفس|طوال|طيله)\s+$")
_AMBIGUOUS_MONTHS = frozenset({_fold("آب"), _fold("ماي")})


# --- 3. Resolution ----------------------------------------------------------------------


@dataclass(slots=True)
class _Hit:
    """A resolved match in folded coordinates (mapped to the original at the end)."""

    start: int
    end: int
    value: str | None
    precision: str
    first: dt.date | None  # first day covered (for ranges and joins)
    last: dt.date | None  # last day covered
    until: str | None = None
    time: str | None = None
    tz: str | None = None
    relative: bool = False
    calendar: str = "gregorian"
    kind: str = ""
    zone: str | None = None  # IANA name, turned into an offset once the date is known
    daypart: str = ""  # "مساء" in "مساء الاثنين": sets am/pm of a clock time joined to it
    bare_hour: int | None = None  # a clock hour given without am/pm ("الثامنة")


def find_times(text: str, published: dt.date | None = None) -> list[TimeExpression]:
    """Every date and time expression in ``text``, resolved against ``published``.

    Expressions that need the publication date (``أمس``, ``السبت``, ``13 نوفمبر``) get
    ``value=None`` when it is not given; their spans are still returned.
    """
    if not text:
        return []
    folded = _Folded(text)
    ft = folded.text
    hits: list[_Hit] = []
    # 2. + 3. Match and resolve.
    pos = 0
    while (m := _MASTER.search(ft, pos)) is not None:
        hit = _resolve(m, ft, published)
        if hit is None:
            pos = m.start() + 1
            continue
        hits.append(hit)
        pos = max(hit.end, m.start() + 1)
    # 4. Combine.
    hits = _join_clocks(hits, ft, published)
    hits = _join_ranges(hits, ft, published)
    out = []
    for h in hits:
        start, end = folded.orig(h.start), folded.orig(h.end)
        tz = _offset(h.zone, h.first, h.time) if h.zone else h.tz
        out.append(
            TimeExpression(
                start,
                end,
                text[start:end],
                value=h.value,
                until=h.until,
                precision=h.precision,
                time=h.time,
                tz=tz,
                relative=h.relative,
                calendar=h.calendar,
            )
        )
    return out


def _resolve(m: re.Match[str], ft: str, published: dt.date | None) -> _Hit | None:
    """Resolve the master match, or when its resolver rejects it, the first later kind
    that matches at the same place and resolves."""
    kind = m.lastgroup
    if kind is None:
        return None
    hit = _safely(kind, m, ft, published)
    for later in _ORDER[_ORDER.index(kind) + 1 :]:
        if hit is not None:
            break
        single = _SINGLE[later].match(ft, m.start())
        if single is not None:
            kind = later
            hit = _safely(later, single, ft, published)
    if hit is not None:
        hit.kind = hit.kind or kind
    return hit


def _safely(kind: str, m: re.Match[str], ft: str, published: dt.date | None) -> _Hit | None:
    # Impossible dates ("31 شباط", Hijri year 0, a publication date in year 1 or 9999)
    # surface as ValueError/OverflowError from datetime: such a match is simply no date.
    try:
        return _RESOLVERS[kind](m, ft, published)
    except (ValueError, OverflowError):
        return None


def _span(m: re.Match[str], kind: str) -> tuple[int, int]:
    return m.start(kind), m.end(kind)


def _group(m: re.Match[str], name: str) -> str:
    value = m.group(name)
    return re.sub(r"\s+", " ", value) if value else ""


def _number(word: str) -> int | None:
    word = word.strip()
    if word.isdigit():
        return int(word)
    total = 0
    for part in re.split(r"\s+و\s*", word):
        n = _NUMBERS.get(re.sub(r"\s+", " ", part.strip()))
        if n is None:
            return None
        total += n
    return total


def _sentence_before(ft: str, start: int, width: int = 90) -> str:
    window = ft[max(0, start - width) : start]
    ends = list(_SENTENCE_END.finditer(window))
    return window[ends[-1].end() :] if ends else window


def _tense(marker: str, ft: str, start: int, end: int) -> str | None:
    """past | future | current | None, from the marker after the date or the sentence."""
    if marker in _PAST:
        return "past"
    if marker in _FUTURE:
        return "future"
    if marker in _CURRENT:
        return "current"
    if _FUTURE_CUE.search(_sentence_before(ft, start)):
        return "future"
    if _FUTURE_AFTER.match(ft, end):
        return "future"
    return None


def _day(date: dt.date, precision: str = "day") -> tuple[str, dt.date, dt.date]:
    return date.isoformat(), date, date


def _month_last(year: int, month: int) -> dt.date:
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def _add_months(date: dt.date, months: int) -> dt.date:
    index = date.year * 12 + date.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(date.day, _month_last(year, month + 1).day))


def _pick(
    candidates: list[tuple[dt.date, dt.date]], pub: dt.date, tense: str | None, ahead: int = 45
) -> int:
    """Index of the candidate (first, last) a news text means: the next one to begin when
    the tense is future, the last one over when it is past, and otherwise the most recent
    one that has begun by the publication date — unless the next one begins within
    ``ahead`` days: news names coming fixtures, deadlines and votes without a year far more
    often than a day eleven months back ("المقرر في 18 مارس" in an article of 10 March)."""
    if tense == "future":
        coming = [i for i, (_, last) in enumerate(candidates) if last >= pub]
        if coming:
            return coming[0]
    if tense == "past":
        # "نوفمبر الماضي" in November is last year's; "5 نوفمبر الماضي" on 13 Nov is this year's.
        behind = [i for i, (_, last) in enumerate(candidates) if last < pub]
        if behind:
            return behind[-1]
    if tense is None:
        soon = [i for i, (first, _) in enumerate(candidates) if 0 < (first - pub).days <= ahead]
        if soon:
            return soon[0]
    begun = [i for i, (first, _) in enumerate(candidates) if first <= pub]
    return begun[-1] if begun else 0


def _weekday_date(
    weekday: int, pub: dt.date, marker: str, before: bool, ft: str, s: int, e: int
) -> dt.date:
    tense = _tense(marker, ft, s, e)
    back = (pub.weekday() - weekday) % 7
    if tense == "past":
        back = back or 7
        return pub - dt.timedelta(days=back + (7 if before else 0))
    if tense == "future":
        ahead = (weekday - pub.weekday()) % 7
        if marker in _FUTURE:
            ahead = ahead or 7
        return pub + dt.timedelta(days=ahead)
    # News weekdays are the most recent one (today included) unless said otherwise.
    return pub - dt.timedelta(days=back)


def _gregorian_day(
    day: int, month: int, year: int | None, pub: dt.date | None, tense: str | None
) -> tuple[dt.date | None, bool]:
    """The date, and whether the year came from the publication date."""
    if year is not None:
        return dt.date(year, month, day), False
    if pub is None:
        # Still a valid day of some year? Keep the span, no value.
        dt.date(2000, month, day)
        return None, True
    if tense == "current":
        return dt.date(pub.year, month, day), True
    candidates = []
    for y in (pub.year - 1, pub.year, pub.year + 1):
        try:
            d = dt.date(y, month, day)
        except ValueError:  # 29 February
            continue
        candidates.append((d, d))
    if not candidates:
        raise ValueError("no such day")
    return candidates[_pick(candidates, pub, tense)][0], True


def _hit_day(
    s: int, e: int, date: dt.date | None, relative: bool, calendar: str = "gregorian"
) -> _Hit:
    if date is None:
        return _Hit(s, e, None, "day", None, None, relative=relative, calendar=calendar)
    return _Hit(s, e, date.isoformat(), "day", date, date, relative=relative, calendar=calendar)


def _hit_range(
    s: int, e: int, first: dt.date, last: dt.date, relative: bool, calendar: str = "gregorian"
) -> _Hit:
    return _Hit(
        s,
        e,
        first.isoformat(),
        "range",
        first,
        last,
        until=last.isoformat(),
        relative=relative,
        calendar=calendar,
    )


def _hit_month(s: int, e: int, year: int, month: int, relative: bool) -> _Hit:
    first = dt.date(year, month, 1)
    return _Hit(
        s, e, first.isoformat()[:7], "month", first, _month_last(year, month), relative=relative
    )


def _hit_year(s: int, e: int, year: int, relative: bool) -> _Hit:
    return _Hit(
        s, e, f"{year:04d}", "year", dt.date(year, 1, 1), dt.date(year, 12, 31), relative=relative
    )


def _hit_week(s: int, e: int, monday: dt.date, relative: bool) -> _Hit:
    sunday = monday + dt.timedelta(days=6)
    return _Hit(
        s,
        e,
        monday.isoformat(),
        "week",
        monday,
        sunday,
        until=sunday.isoformat(),
        relative=relative,
    )


def _unresolved(s: int, e: int, precision: str) -> _Hit:
    return _Hit(s, e, None, precision, None, None, relative=True)


def _year_of(m: re.Match[str], p: str, pub: dt.date | None) -> tuple[int | None, bool]:
    """The year written after a month: a number, or relative ("من العام الماضي")."""
    if m.group(f"{p}y"):
        return int(m.group(f"{p}y")), False
    if pub is not None and (m.group(f"{p}ry") or m.group(f"{p}rt")):
        marker = _group(m, f"{p}ry")
        return pub.year + (-1 if marker in _PAST else 1 if marker in _FUTURE else 0), True
    return None, True


def _r_hijri_day(m: re.Match[str], ft: str, pub: dt.date | None) -> _Hit | None:
    s, e = _span(m, "hd")
    month = _HMONTHS[_group(m, "hd_m")]
    day = int(m.group("hd_d")) if m.group("hd_d") else _ORDINALS[_group(m, "hd_o")]
    year = int(m.group("hd_y")) if m.group("hd_y") else None
    if year is not None and year > 1600 and not m.group("hd_sx"):
        return None  # "3 رجب 2018"? a Gregorian year after a Hijri month: not ours
    if month == 2 and year is None and not m.group("hd_sh"):
        return None  # "برشلونة 3 صفر": a football score, not the month Safar
    if not 1 <= day <= 30:
        return None
    if year is not None:
        return _hit_day(s, e, hijri.to_gregorian(year, month, day), False, "hijri")
    if pub is None:
        return _hit_day(s, e, None, True, "hijri")
    hy = hijri.from_gregorian(pub)[0]
    candidates = [
        (hijri.to_gregorian(y, month, day), hijri.to_gregorian(y, month, day))
        for y in (hy - 1, hy, hy + 1)
    ]
    tense = _tense("", ft, s, e)
    return _hit_day(s, e, candidates[_pick(candidates, pub, tense)][0], True, "hijri")


def _r_hijri_numeric(m: re.Match[str], ft: str, pub: dt.date | None) -> _Hit | None:
    s, e = _span(m, "hn")
    day, month, year = int(m.group("hn_d")), int(m.group("hn_m")), int(m.group("hn_y"))
    if not (1 <= day <= 30 and 1 <= month <= 12):
        return None
    return _hit_day(s, e, hijri.to_gregorian(year, month, day), False, "hijri")


def _same_month(m: re.Match[str], p: str) -> int | None:
    month = _MONTHS[_group(m, f"{p}m")]
    second = m.group(f"{p}m2")
    if second and _MONTHS[_group(m, f"{p}m2")] != month:
        return None  # "شباط/مارس" names two months: not a date
    return month


def _r_day_span(m: re.Match[str], ft: str, pub: dt.date | None) -> _Hit | None:
    s, e = _span(m, "ds")
    month = _same_month(m, "ds_")
    d1, d2 = int(m.group("ds_d1")), int(m.group("ds_d2"))
    if month is None or not d1 < d2:
        return None
    year, relative = _year_of(m, "ds_", pub)
    tense = _tense(_group(m, "ds_mk"), ft, s, e)
    first, inferred = _gregorian_day(d1, month, year, pub, tense)
    inferred = inferred or relative
    if first is None:
        return _unresolved(s, e, "range")
    last = dt.date(first.year, month, d2)
    return _hit_range(s, e, first, last, inferred)


def _r_year_span(m: re.Match[str], ft: str, pub: dt.date | None) -> _Hit | None:
    s, e = _span(m, "yr")
    a, b = int(m.group("yr_a")), int(m.group("yr_b"))
    cued = m.group("yr_n") or m.group("yr_from")
    sep = m.group("yr_sep").strip()
    if not (1000 <= a < b <= 2200 and b - a <= 200):
        return None
    if not cued and (sep.startswith("و") or not 1900 <= a <= 2100):
        return None  # "2014 و2015" without a cue is two numbers as often as two years
    return _hit_range(s, e, dt.date(a, 1, 1), dt.date(b, 12, 31), False)


def _part_bounds(part: str, first: dt.date, last: dt.date, unit: str) -> tuple[dt.date, dt.date]:
    """The early/middle/late third of a month, year or week."""
    if unit == "month":
        if part in _EARLY:
            return first, first.replace(day=10)
        if part in _MID:
            return first.replace(day=11), first.replace(day=20)
        return first.replace(day=21), last
    if unit == "year":
        if part in _EARLY:
            return first, dt.date(first.year, 4, 30)
        if part in _MID:
            return dt.date(first.year, 5, 1), dt.date(first.year, 8, 31)
        return dt.date(first.year, 9, 1), last
    # week (Monday..Sunday): Mon-Wed, Wed-Fri, Fri-Sun
    if part in _EARLY:
        return first, first + dt.timedelta(days=2)
    if part in _MID:
        return first + dt.timedelta(days=2), first + dt.timedelta(days=4)
    return first + dt.timedelta(days=4), last


def _r_part(m: re.Match[str], ft: str, pub: dt.date | None) -> _Hit | None:
    s, e = _span(m, "pt")
    part = _group(m, "pt_p")
    if m.group("pt_m"):
        month = _same_month(m, "pt_")
        if month is None:
            return None
        written, relative = _year_of(m, "pt_", pub)
        if written is not None:
            year = written
        elif pub is None:
            return _unresolved(s, e, "range")
        else:
            year, relative = _month_year(month, pub, _tense(_group(m, "pt_mk"), ft, s, e)), True
        first, last = dt.date(year, month, 1), _month_last(year, month)
        a, b = _part_bounds(part, first, last, "month")
        return _hit_range(s, e, a, b, relative)
    if m.group("pt_yy"):
        year = int(m.group("pt_yy"))
        a, b = _part_bounds(part, dt.date(year, 1, 1), dt.date(year, 12, 31), "year")
        return _hit_range(s, e, a, b, False)
    if pub is None:
        return _unresolved(s, e, "range")
    unit = {"شهر": "month", "عام": "year", "سنه": "year", "اسبوع": "week"}[m.group("pt_u")]
    marker = _group(m, "pt_umk")
    step = -1 if marker in _PAST else 1 if marker in _FUTURE else 0
    first, last = _unit_bounds(unit, pub, step)
    a, b = _part_bounds(part, first, last, unit)
    return _hit_range(s, e, a, b, True)


def _unit_bounds(unit: str, pub: dt.date, step: int) -> tuple[dt.date, dt.date]:
    if unit == "week":
        monday = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(weeks=step)
        return monday, monday + dt.timedelta(days=6)
    if unit == "month":
        first = _add_months(pub.replace(day=1), step)
        return first, _month_last(first.year, first.month)
    return dt.date(pub.year + step, 1, 1), dt.date(pub.year + step, 12, 31)


def _month_year(month: int, pub: dt.date, tense: str | None) -> int:
    if tense == "current":
        return pub.year
    candidates = [
        (dt.date(y, month, 1), _month_last(y, month))
        for y in (pub.year - 1, pub.year, pub.year + 1)
    ]
    # Only the next month counts as "soon" for a bare month name.
    return candidates[_pick(candidates, pub, tense, ahead=31)][0].year


def _r_numeric(m: re.Match[str], ft: str, pub: dt.date | None) -> _Hit | None:
    s, e = _span(m, "nd")
    try:
        if m.group("nd_iy"):
            date = dt.date(int(m.group("nd_iy")), int(m.group("nd_im")), int(m.group("nd_id")))
        else:
            date = dt.date(int(m.group("nd_y")), int(m.group("nd_m")), int(m.group("nd_d")))
    except ValueError:
        return None
    return _hit_day(s, e, date, False)


def _r_date(m: re.Match[str], ft: str, pub: dt.date | None) -> _Hit | None:
    s, e = _span(m, "dt")
    if m.group("dt_g"):
        day = 1
    else:
        day = int(m.group("dt_d")) if m.group("dt_d") else _ORDINALS[_group(m, "dt_o")]
    marker = _group(m, "dt_mk")
    if m.group("dt_cur"):
        # "15 من الشهر الجاري": a day of the publication month (or the one before/after).
        if pub is None:
            return _unresolved(s, e, "day")
        cur = m.group("dt_cur")
        step = -1 if cur in {"ماضي", "منصرم"} else 1 if cur in {"مقبل", "قادم"} else 0
        first = _add_months(pub.replace(day=1), step)
        try:
            return _hit_day(s, e, first.replace(day=day), True)
        except ValueError:
            return None
    month = _same_month(m, "dt_")
    if month is None:
        return None
    if _group(m, "dt_m") == "اب" and not m.group("dt_y") and not marker and not m.group("dt_d"):
        return None  # "الأول من أب": أب ("father") folds like آب (August)
    year, relative = _year_of(m, "dt_", pub)
    try:
        date, inferred = _gregorian_day(day, month, year, pub, _tense(marker, ft, s, e))
    except ValueError:
        return None
    inferred = inferred or relative
    if date is not None and m.group("dt_wd") and year is None and pub is not None:
        date = _agree_weekday(date, _WEEKDAYS[_group(m, "dt_wd")], pub)
    return _hit_day(s, e, date, inferred)


def _agree_weekday(date: dt.date, weekday: int, pub: dt.date) -> dt.date:
    """A written weekday settles the year when the day and month leave it open (but a
    wrong weekday in the source must not move a date a year away from the article)."""
    if date.weekday() == weekday:
        return date
    for year in (date.year - 1, date.year + 1):
        try:
            other = date.replace(year=year)
        except ValueError:
            continue
        if other.weekday() == weekday and abs((other - pub).days) <= 183:
            return other
    return date


def _r_hijri_month(m: re.Match[str], ft: str, pub: dt.date | None) -> _Hit | None:
    s, e = _span(m, "hm")
    month = _HMONTHS[_group(m, "hm_m")]
    year = int(m.group("hm_y")) if m.group("hm_y") else None
    marker = _group(m, "hm_mk")
    cued = bool(m.group("hm_sh")) or bool(_MONTH_CUE.search(ft[max(0, s - 20) : s]))
    if year is None and not marker and not cued:
        return None  # "رجب طيب أردوغان", "شعبان" as a name
    if (
        month in {2, 7, 8, 9}
        and year is None
        and not m.group("hm_sh")
        and not marker
        and (month != 9 or not _MONTH_CUE.search(ft[max(0, s - 20) : s]))
    ):
        # Months that are also names or words (صفر، رجب، شعبان) need "شهر" or a marker;
        # رمضان may also follow a preposition ("في رمضان").
        return None
    if year is not None:
        if year > 1600:
            # "رمضان 2018": the Hijri month that begins in that Gregorian year.
            hy = hijri.from_gregorian(dt.date(year, 6, 30))[0]
            years = [y for y in (hy - 1, hy, hy + 1) if hijri.month_range(y, month)[0].year == year]
            if not years:
                return None
            year = years[0]
        first, last = hijri.month_range(year, month)
        return _hit_range(s, e, first, last, False, "hijri")
    if pub is None:
        return _Hit(s, e, None, "range", None, None, relative=True, calendar="hijri")
    hy = hijri.from_gregorian(pub)[0]
    candidates = [hijri.month_range(y, month) for y in (hy - 1, hy, hy + 1)]
    tense = _tense(marker, ft, s, e)
    if tense == "current":
        first, last = hijri.month_range(hy, month)
    else:
        first, last = candidates[_pick(candidates, pub, tense)]
    return _hit_range(s, e, first, last, True, "hijri")


def _r_hijri_year(m: re.Match[str], ft: str, pub: dt.date | None) -> _Hit | None:
    s, e = _span(m, "hy")
    year = int(m.group("hy_y"))
    if year < 1 or (not m.group("hy_n") and year < 100):
        return None
    first, last = hijri.year_range(year)
    return _hit_range(s, e, first, last, False, "hijri")


def _r_month(m: re.Match[str], ft: str, pub: dt.date | None) -> _Hit | None:
    s, e = _span(m, "mo")
    month = _same_month(m, "mo_")
    if month is None:
        return None
    name = _group(m, "mo_m")
    marker = _group(m, "mo_mk")
    year, relative = _year_of(m, "mo_", pub)
    has_year = year is not None
    cued = bool(_MONTH_CUE.search(ft[max(0, s - 20) : s]))
    if not (has_year or marker or m.group("mo_sh") or m.group("mo_m2") or cued):
        return None  # a bare month name ("مارس الضغط" is a verb)
    if (
        name in _AMBIGUOUS_MONTHS
        and not (has_year or marker or m.group("mo_sh"))
        and (name == "اب" or not cued)
    ):
        return None  # "واتس آب", "قالت ماي": alone, these are not months
    if year is not None:
        return _hit_month(s, e, year, month, relative)
    if pub is None:
        return _unresolved(s, e, "month")
    return _hit_month(s, e, _month_year(month, pub, _tense(marker, ft, s, e)), month, True)


_EVENT_ANCHOR = _rx(r"\s+(?:من|على|ان)(?!\w)")


def _r_ago(m: re.Match[str], ft: str, pub: dt.date | None) -> _Hit | None:
    s, e = _span(m, "ag")
    if m.group("ag_k") != "منذ" and _EVENT_ANCHOR.match(ft, e):
        return None  # "قبل يومين من الانتخابات": two days before the event, not before today
    sign = 1 if m.group("ag_k") == "بعد" else -1
    if m.group("ag_few"):
        few = m.group("ag_few")
        if pub is None:
            return _unresolved(s, e, "day" if few == "ساعات" else "range")
        if few == "ساعات":
            return _hit_day(s, e, pub, True)
        span = 7 if few == "ايام" else 28
        near = 1 if few == "ايام" else 7
        a, b = pub + sign * dt.timedelta(days=span), pub + sign * dt.timedelta(days=near)
        return _hit_range(s, e, min(a, b), max(a, b), True)
    if m.group("ag_s"):
        unit, count = _UNITS[_group(m, "ag_s")]
    else:
        unit, _ = _UNITS[_group(m, "ag_u")]
        number = _number(_group(m, "ag_n"))
        if number is None:
            return None
        count = number
    if pub is None:
        return _unresolved(s, e, _UNIT_PRECISION[unit])
    if m.group("ag_half") and unit == "year":
        # "منذ 3 سنوات ونصف": forty-two months back, to the month.
        return _shift(s, e, pub, "month", sign * (12 * count + 6))
    return _shift(s, e, pub, unit, sign * count)


_UNIT_PRECISION = {
    "day": "day",
    "hour": "day",
    "week": "week",
    "month": "month",
    "year": "year",
    "decade": "year",
}


def _shift(s: int, e: int, pub: dt.date, unit: str, count: int) -> _Hit | None:
    try:
        if unit == "hour":
            return _hit_day(s, e, pub + dt.timedelta(hours=count), True)
        if unit == "day":
            return _hit_day(s, e, pub + dt.timedelta(days=count), True)
        if unit == "week":
            day = pub + dt.timedelta(weeks=count)
            return _hit_week(s, e, day - dt.timedelta(days=day.weekday()), True)
        if unit == "month":
            day = _add_months(pub, count)
            return _hit_month(s, e, day.year, day.month, True)
        years = count * (10 if unit == "decade" else 1)
        return _hit_year(s, e, pub.year + years, True)
    except (ValueError, OverflowError):
        return None


_WINDOW_DEFAULT = {"day": 7, "hour": 24, "week": 4, "month": 6, "year": 5, "decade": 1}


def _r_window(m: re.Match[str], ft: str, pub: dt.date | None) -> _Hit | None:
    s, e = _span(m, "wn")
    unit, count = _UNITS[_group(m, "wn_u")]
    if m.group("wn_n"):
        number = _number(_group(m, "wn_n"))
        if number is None:
            return None
        count = number
    elif count < 2:
        if count == 1:
            return None  # "العام الماضي" is a year, not a window (the rl kind has it)
        count = _WINDOW_DEFAULT[unit]
    if pub is None:
        return _unresolved(s, e, "range")
    future = _group(m, "wn_mk") in {"المقبله", "المقبلين", "القادمه", "القادمين"}
    try:
        if unit in ("day", "hour"):
            delta = dt.timedelta(days=count) if unit == "day" else dt.timedelta(hours=count)
            other = pub + delta if future else pub - delta
        elif unit == "week":
            other = pub + dt.timedelta(weeks=count if future else -count)
        else:
            months = count * {"month": 1, "year": 12, "decade": 120}[unit]
            other = _add_months(pub, months if future else -months)
    except (ValueError, OverflowError):
        return None
    return _hit_range(s, e, min(pub, other), max(pub, other), True)


_REL_DAYS = {
    "اول امس": -2,
    "اول من امس": -2,
    "امس الاول": -2,
    "امس": -1,
    "الامس": -1,
    "البارحه": -1,
    "بارحه": -1,
    "بعد غد": 2,
    "غدا": 1,
    "غد": 1,
    "الغد": 1,
    "اليوم": 0,
    "الليله": 0,
}


def _r_relative(m: re.Match[str], ft: str, pub: dt.date | None) -> _Hit | None:
    s, e = _span(m, "rl")
    if m.group("rl_x"):
        word = _group(m, "rl_x")
        if word == "اليوم" and (
            _TODAY_NOT.match(ft[e : e + 20]) or _NOT_TODAY_BEFORE.search(ft[max(0, s - 8) : s])
        ):
            return None  # "اليوم التالي", "في مثل هذا اليوم": not the publication day
        offset = _REL_DAYS.get(word.replace(" الماضيه", "").replace(" البارحه", ""))
        if word.startswith("الليله"):
            offset = -1 if m.group("rl_past") else 0
        if offset is None:
            offset = -1 if "امس" in word else 0
        if pub is None:
            return _unresolved(s, e, "day")
        date = pub + dt.timedelta(days=offset)
        if m.group("rl_wd"):
            # "أمس الثلاثاء": the written weekday is better evidence than a timestamp
            # taken in UTC or a story filed the day before it went online.
            shift = (_WEEKDAYS[_group(m, "rl_wd")] - date.weekday()) % 7
            date += dt.timedelta(days=shift if shift <= 3 else shift - 7)
        hit = _hit_day(s, e, date, True)
        hit.daypart = _group(m, "rl_dp")
        return hit
    if pub is None:
        return _unresolved(s, e, "day")
    if m.group("rl_this"):
        unit = {"الاسبوع": "week", "الشهر": "month", "العام": "year", "السنه": "year"}.get(
            m.group("rl_tu")
        )
        if unit is None:  # هذا الصباح / هذا المساء
            return _hit_day(s, e, pub, True)
        return _unit_hit(s, e, unit, pub, 0)
    unit = {"اسبوع": "week", "شهر": "month", "عام": "year", "سنه": "year"}[m.group("rl_u")]
    marker = _group(m, "rl_mk")
    step = -1 if marker in _PAST else 1 if marker in _FUTURE else 0
    if m.group("rl_bef"):
        step *= 2  # "الأسبوع قبل الماضي": the week before last
    return _unit_hit(s, e, unit, pub, step)


def _unit_hit(s: int, e: int, unit: str, pub: dt.date, step: int) -> _Hit:
    first, _ = _unit_bounds(unit, pub, step)
    if unit == "week":
        return _hit_week(s, e, first, True)
    if unit == "month":
        return _hit_month(s, e, first.year, first.month, True)
    return _hit_year(s, e, first.year, True)


def _r_weekday(m: re.Match[str], ft: str, pub: dt.date | None) -> _Hit | None:
    s, e = _span(m, "wd")
    if re.search(r"(?<!\w)(?:ايام|كل|ليالي|ايامي)\s+$", ft[max(0, s - 8) : s]):
        return None  # "أيام الجمعة": every Friday, not one
    if pub is None:
        return _unresolved(s, e, "day")
    weekday = _WEEKDAYS[_group(m, "wd_w")]
    date = _weekday_date(weekday, pub, _group(m, "wd_mk"), bool(m.group("wd_bef")), ft, s, e)
    hit = _hit_day(s, e, date, True)
    hit.daypart = _group(m, "wd_dp")
    return hit


def _r_year(m: re.Match[str], ft: str, pub: dt.date | None) -> _Hit | None:
    s, e = _span(m, "yy")
    year = int(m.group("yy_y"))
    if m.group("yy_n"):
        if not 1000 <= year <= 2200:
            return None
    elif not (1900 <= year <= 2100 and _YEAR_CUE.search(ft[max(0, s - 24) : s])):
        return None  # a bare four-digit number is a quantity as often as a year
    return _hit_year(s, e, year, False)


def _r_clock(m: re.Match[str], ft: str, pub: dt.date | None) -> _Hit | None:
    s, e = _span(m, "ck")
    cue = bool(m.group("ck_cue"))
    part = _group(m, "ck_dp")
    zone_text = _group(m, "ck_tz")
    minute = 0
    if m.group("ck_h"):
        hour, minute = int(m.group("ck_h")), int(m.group("ck_mi"))
        if m.group("ck_sep") != ":" and not (cue or part or zone_text):
            return None  # "1.25 دولار" is a price
    elif m.group("ck_hw"):
        if not (cue or part or zone_text):
            return None  # "الثانية" alone is "the second"
        hour = _HOURS[_group(m, "ck_hw")]
        if m.group("ck_fr"):
            minute = _FRACTIONS[_group(m, "ck_fr")]
        elif m.group("ck_fm"):
            minute = _number(_group(m, "ck_fm")) or 0
        if minute < 0:
            hour, minute = hour - 1, 60 + minute
        if minute >= 60:
            return None
    elif m.group("ck_hm"):
        if not (cue or zone_text):
            return None  # "1920" is a year unless "الساعة" or a zone says it is a time
        hour, minute = divmod(int(m.group("ck_hm")), 100)
    else:
        if not cue:
            return None  # a bare number
        hour = int(m.group("ck_hd"))
    bare = hour if not part and hour <= 12 and not m.group("ck_hm") else None
    hour = _with_day_part(hour, _DAYPART_KIND.get(part.removeprefix("من ").strip(), ""))
    if not 0 <= hour <= 24:
        return None
    hour %= 24
    tz, zone = _zone(zone_text)
    hit = _Hit(
        s,
        e,
        pub.isoformat() if pub else None,
        "time",
        pub,
        pub,
        time=f"{hour:02d}:{minute:02d}",
        tz=tz,
        relative=True,
        zone=zone,
        bare_hour=bare,
    )
    if part.startswith("من "):
        hit.kind = "ck_of"  # "العاشرة من صباح اليوم": the day follows
    return hit


def _with_day_part(hour: int, kind: str) -> int:
    if kind == "am":
        return 0 if hour == 12 else hour
    if kind == "noon":
        return hour + 12 if hour < 6 else hour
    if kind == "pm":
        return hour + 12 if hour < 12 else hour
    if kind == "night":
        if hour == 12:
            return 0
        return hour + 12 if 6 <= hour < 12 else hour
    return hour


def _zone(text: str) -> tuple[str | None, str | None]:
    """(tz as given, IANA zone) for the zone words after a clock time."""
    if not text:
        return None, None
    t = text.strip("() ")
    if re.fullmatch(r"ت\s*\.?\s*غ|gmt|utc|غرينتش|جرينتش", t):
        return "+00:00", None
    place = re.sub(r"^(?:ب|بال|ال)?توقيت\s+", "", t)
    if place == "المحلي":
        return "local", None
    if place == "العالمي":
        return "+00:00", None
    zone = _ZONES.get(place)
    if zone == "UTC":
        return "+00:00", None
    return (None, zone) if zone else (place, None)


@lru_cache(maxsize=512)
def _offset(zone: str | None, date: dt.date | None, time: str | None) -> str | None:
    if zone is None:
        return None
    try:
        info = ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        return zone
    day = date or dt.date(2020, 1, 1)
    hour, minute = (int(x) for x in (time or "12:00").split(":"))
    delta = dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=info).utcoffset()
    if delta is None:
        return zone
    minutes = int(delta.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


_SEASONS = {"ربيع": (3, 5), "صيف": (6, 8), "خريف": (9, 11)}


def _r_season(m: re.Match[str], ft: str, pub: dt.date | None) -> _Hit | None:
    s, e = _span(m, "ss")
    if m.group("ss_y"):
        year, relative = int(m.group("ss_y")), False
    elif pub is None:
        return _unresolved(s, e, "range")
    else:
        marker = _group(m, "ss_mk")
        year = pub.year + (-1 if marker in _PAST else 1 if marker in _FUTURE else 0)
        relative = True
    season = m.group("ss_s")
    if season == "شتاء":
        # Winter of a year: December before it to the end of February ("شتاء 2017" is
        # the January 2017 transfer window).
        first, last = dt.date(year - 1, 12, 1), _month_last(year, 2)
    else:
        a, b = _SEASONS[season]
        first, last = dt.date(year, a, 1), _month_last(year, b)
    return _hit_range(s, e, first, last, relative)


_RESOLVERS = {
    "ss": _r_season,
    "hd": _r_hijri_day,
    "hn": _r_hijri_numeric,
    "ds": _r_day_span,
    "yr": _r_year_span,
    "pt": _r_part,
    "nd": _r_numeric,
    "dt": _r_date,
    "hm": _r_hijri_month,
    "hy": _r_hijri_year,
    "mo": _r_month,
    "ag": _r_ago,
    "wn": _r_window,
    "rl": _r_relative,
    "wd": _r_weekday,
    "yy": _r_year,
    "ck": _r_clock,
}

# --- 4. Combining -----------------------------------------------------------------------

_DAY_KINDS = frozenset({"hd", "hn", "nd", "dt", "rl", "wd"})


def _join_clocks(hits: list[_Hit], ft: str, pub: dt.date | None) -> list[_Hit]:
    """A clock time takes the date of the day expression it is attached to."""
    out: list[_Hit] = []
    i = 0
    while i < len(hits):
        h = hits[i]
        if h.precision != "time":
            out.append(h)
            i += 1
            continue
        prev = out[-1] if out else None
        nxt = hits[i + 1] if i + 1 < len(hits) else None
        day: _Hit | None = None
        if (
            nxt is not None
            and nxt.kind in _DAY_KINDS
            and nxt.precision == "day"
            and (h.kind == "ck_of" or not _attached_before(prev, h, ft))
            and _CLOCK_GAP_BEFORE_DAY.match(ft[h.end : nxt.start])
        ):
            day = nxt
            merged = _with_clock(day, h, h.start, nxt.end)
            i += 2
        elif _attached_before(prev, h, ft) and prev is not None:
            day = prev
            merged = _with_clock(day, h, prev.start, h.end)
            out.pop()
            i += 1
        else:
            merged = h
            i += 1
        out.append(merged)
    return out


def _attached_before(prev: _Hit | None, clock: _Hit, ft: str) -> bool:
    return (
        prev is not None
        and prev.kind in _DAY_KINDS
        and prev.precision == "day"
        and bool(_CLOCK_GAP_AFTER_DAY.match(ft[prev.end : clock.start]))
    )


def _with_clock(day: _Hit, clock: _Hit, start: int, end: int) -> _Hit:
    time = clock.time
    kind = _DAYPART_KIND.get(day.daypart) or _NOUN_PART_KIND.get(day.daypart, "")
    if clock.bare_hour is not None and kind and time:
        # "مساء الاثنين عند الساعة الثامنة" is 20:00.
        time = f"{_with_day_part(clock.bare_hour, kind) % 24:02d}{time[2:]}"
    return replace(
        day,
        start=start,
        end=end,
        precision="time",
        time=time,
        tz=clock.tz,
        zone=clock.zone,
        kind="ck",
    )


def _join_ranges(hits: list[_Hit], ft: str, pub: dt.date | None) -> list[_Hit]:
    """``منذ X`` → X .. publication date; ``بين X و Y`` / ``من X إلى Y`` → X .. Y."""
    out: list[_Hit] = []
    i = 0
    while i < len(hits):
        h = hits[i]
        nxt = hits[i + 1] if i + 1 < len(hits) else None
        before = ft[max(0, h.start - 16) : h.start]
        if nxt is not None and h.first is not None and nxt.first is not None:
            h = _borrow_year(h, nxt)
        if (
            nxt is not None
            and h.first is not None
            and nxt.last is not None
            and h.precision in {"day", "month", "year"}
            and nxt.precision == h.precision
            and _RANGE_GAP.match(ft[h.end : nxt.start])
            and h.first <= nxt.last
        ):
            found = _RANGE_FROM.search(before)
            if found:
                start = h.start - (len(before) - found.start())
                start += len(found.group()) - len(found.group().lstrip("وف"))
                rng = _hit_range(start, nxt.end, h.first, nxt.last, h.relative or nxt.relative)
                rng.calendar = h.calendar
                out.append(rng)
                i += 2
                continue
        since = _SINCE.search(before)
        if (
            since
            and h.first is not None
            and pub is not None
            and h.kind != "ag"
            and h.precision in {"day", "month", "year", "week", "range"}
            and h.first <= pub
        ):
            start = h.start - (len(before) - since.start())
            start += len(since.group()) - len(since.group().lstrip("وف"))
            rng = _hit_range(start, h.end, h.first, pub, True, h.calendar)
            out.append(rng)
        else:
            out.append(h)
        i += 1
    return out


def _borrow_year(h: _Hit, nxt: _Hit) -> _Hit:
    """ "من 28 فبراير إلى 3 مارس 2018": the first date takes the year of the second."""
    if not (
        h.kind == "dt"
        and h.relative
        and not nxt.relative
        and nxt.precision == "day"
        and h.first is not None
        and nxt.first is not None
    ):
        return h
    try:
        first = h.first.replace(year=nxt.first.year)
        if first > nxt.first:
            first = first.replace(year=first.year - 1)
    except ValueError:
        return h
    return replace(h, value=first.isoformat(), first=first, last=first, relative=False)


# --- The stage --------------------------------------------------------------------------


class TimeStage:
    """Stage: ``text`` + ``published`` → ``times`` (offsets into ``text``)."""

    name = "times"
    requires = frozenset({"text", "published"})
    provides = frozenset({"times"})

    def process(self, doc: Document) -> Document:
        published = None
        if doc.published:
            try:
                published = dt.date.fromisoformat(doc.published[:10])
            except ValueError:
                published = None  # an unparseable date anchors nothing; spans still count
        doc.times = find_times(doc.text, published)
        return doc


__all__ = ["TimeStage", "find_times"]
