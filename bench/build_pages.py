"""Build saved-as-text web pages from real ANT corpus articles, with gold, for the extractor.

    .venv/bin/python bench/build_pages.py --n 200 --seed 7 --out /tmp/rasd-pages

Each page is ``NNN.txt`` (what a browser's "save as text" gives for a news page) and
``NNN.gold.json`` (what the plain-text extractor should recover from it). Steps:

1. Load the two ANT JSONL files, trim furniture the corpus itself carries at the end of
   articles (BBC's app notice, Al Arabiya's disclaimer, "نقلاً عن" credits), drop articles
   with furniture *inside* the text (BBC "اقرأ أيضاً" blocks between ``----`` rules), so
   the gold body is the article and nothing else.
2. Pick ``--n`` articles with a seeded RNG, round-robin over the outlets, >= 40 words.
3. For each, lay out a page: optional header furniture, title and date line (in a varied
   real-world format derived from the record's ``time``), an optional byline, a dateline
   prefix on the first paragraph, the real paragraphs with furniture inserted between
   them, and footer furniture.
4. Write the page and its gold.

The furniture wording below was written for this benchmark, as different sites phrase
it; it is deliberately *not* taken from ``src/rasd/data/boilerplate_cues.tsv`` or the seed
fixture, so the numbers measure how the extractor generalises, not what it memorised.

Article text belongs to the outlets: pages go to ``--out`` (outside the repository by
default) and must never be committed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import email.utils
import gzip
import json
import random
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data"
DEFAULT_OUT = Path("/tmp/rasd-pages")
CORPUS_FILES = ("ant_v2.1_multisource.jsonl.gz", "ant_v1.1_jawharafm.jsonl.gz")
MIN_WORDS = 40

# ---------------------------------------------------------------------------------------
# 1. Corpus loading and cleaning
# ---------------------------------------------------------------------------------------

# Furniture the corpus carries inside `text` (counted over the whole corpus: BBC's app
# notice ends ~850 articles, Al Arabiya's disclaimer ~460). Left in, it would make the gold
# body wrong, so it is trimmed from the end or the article is skipped.
_NATIVE_FURNITURE = re.compile(
    r"تطبيق بي بي سي عربي"
    r"|^\*+\s*جميع المقالات"
    r"|^\*+\s*حقوق النشر"
    r"|^\*?\s*نقلا?ً? عن "
    r"|^فرانس ?24\s*/"
    r"|CNN بالعربية لا (?:يمكنه|يمكنها) التأكد"
    r"|بيت\.كوم هو أكبر موقع|^نشر هذا المقال بالتعاون"
    r"|اضغط هنا\W*$"
    r"|^(?:اقرأ|إقرأ|اقرا|شاهد) (?:أيضا|أيضاً|ايضا)"
    r"|^للمزيد\s*:"  # France 24's inline "more on this" links
    r"|https?://|www\."
    r"|^\W*(?:وات|و ا ت)\W*$"  # TAP's sign-off in Jawhara FM texts
)
# A short line without final punctuation: a sub-heading, a list item, or (on BBC Arabic,
# where it is nearly always so) an inline link to another story.
_HEADING_LIKE = re.compile(r"[.!?؟…:\"»”)]\s*$")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# CNN Arabic opens most articles with its own dateline ("دبي، الإمارات العربية المتحدة (CNN)-- ",
# "القدس (CNN) – ", "(CNN)-- "), and a few Jawhara FM items carry TAP's ("تونس 11 ديسمبر 2016
# (وات) - "). They are real data, so those pages keep them (dateline style "native") instead
# of a made-up one; the place is the city before the country or the date.
_NATIVE_DATELINE = re.compile(
    r"^(?:(?P<place>[^\s،,()\d]+(?: [^\s،,()\d]+)?)"
    r"(?:\s*[،,]\s*[^()\n]{2,45}?|\s+\d{1,2} \S+ \d{4})?\s*)?"
    r"\((?P<outlet>CNN|وات)\)\s*[-–—]+\s*"
)
_LETTER = re.compile(r"[^\W\d_]")
_ARABIC_NAME = re.compile(r"^[\u0621-\u064a]+(?: [\u0621-\u064a]+){1,2}$")

OUTLET_NAMES = {
    # How each outlet names itself in its own footer (used in copyright lines).
    "skynews": ("سكاي نيوز عربية", "Sky News Arabia"),
    "alarabia": ("العربية", "Al Arabiya"),
    "france24": ("فرانس 24", "France 24"),
    "BBC": ("بي بي سي عربي", "BBC Arabic"),
    "CNN": ("CNN بالعربية", "CNN Arabic"),
    "Jawhara FM": ("جوهرة أف أم", "Jawhara FM"),
}


@dataclass(slots=True)
class Article:
    docno: str
    source: str
    category: str
    url: str
    title: str
    when: dt.datetime  # local time as the record states it (no conversion to UTC)
    paragraphs: list[str]
    author_field: str
    native_dateline: tuple[str, str | None, str] | None = None  # (text, place, outlet)


def parse_time(value: str | None) -> dt.datetime | None:
    """The record's publication time. ANT v2.1 uses RFC 2822 ("Sun, 18 Feb 2018 21:35:43
    +0400"), v1.1 ISO 8601 or "21/04/2017". The local date as written is the gold date."""
    if not value:
        return None
    value = value.strip()
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        pass
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", value)
    if m:
        return dt.datetime(int(m[3]), int(m[2]), int(m[1]))
    try:
        return email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None


# Furniture shorter than this is only counted as leaked when it is a whole paragraph of the
# output: "إعلان" or "بحث" are also ordinary words inside article sentences.
LEAK_SUBSTRING_MIN = 15


def found_in(text: str, paragraphs: list[str]) -> bool:
    """Whether a furniture line shows in these paragraphs (the leak rule the eval uses)."""
    text = text.strip()
    if len(text) >= LEAK_SUBSTRING_MIN:
        return any(text in p for p in paragraphs)
    return any(p.strip() == text for p in paragraphs)


def heading_like(paragraph: str) -> bool:
    return len(paragraph.split()) <= 12 and not _HEADING_LIKE.search(paragraph)


def clean_paragraphs(text: str, source: str) -> list[str] | None:
    """The article's paragraphs without corpus-native furniture, or None to skip it."""
    paras = [p.strip() for p in text.split("\n") if p.strip()]
    while paras and (_NATIVE_FURNITURE.search(paras[-1]) or not _LETTER.search(paras[-1])):
        paras.pop()
    if not paras:
        return None
    # Furniture left inside (a related block, a ---- rule) cannot be cut without guessing.
    if any(_NATIVE_FURNITURE.search(p) or not _LETTER.search(p) for p in paras):
        return None
    # A bare date line inside the text ("الاحد 7 ماي 2017") would compete with the page's.
    if any(len(p.split()) <= 6 and _YEAR.search(p) for p in paras):
        return None
    if source == "BBC" and any(heading_like(p) for p in paras[1:]):
        return None
    return paras


def load_articles(data_dir: Path) -> list[Article]:
    """Every usable article of both ANT files, in file order."""
    articles = []
    for name in CORPUS_FILES:
        path = data_dir / "news" / "ant" / name
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                when = parse_time(rec.get("time"))
                title = (rec.get("title") or "").strip()
                if not rec.get("source") or when is None or not title or "\n" in title:
                    continue
                paras = clean_paragraphs(rec.get("text") or "", rec["source"])
                if paras is None:
                    continue
                native = None
                m = _NATIVE_DATELINE.match(paras[0])
                if m:
                    place = m["place"].strip("\u200b\u200e\u200f") if m["place"] else None
                    native = (m.group().strip(), place, m["outlet"])
                    paras[0] = paras[0][m.end() :].strip()
                    if not paras[0]:
                        continue
                elif "(CNN)" in paras[0][:100]:
                    continue  # an odd native dateline ("دبي، … - (CNN) يستمر"): gold unclear
                if sum(len(p.split()) for p in paras) < MIN_WORDS:
                    continue
                articles.append(
                    Article(
                        docno=rec["docno"],
                        source=rec["source"],
                        category=rec.get("category") or "",
                        url=rec.get("url") or "",
                        title=title,
                        when=when,
                        paragraphs=paras,
                        author_field=(rec.get("author") or "").strip(),
                        native_dateline=native,
                    )
                )
    # A paragraph that is another article's headline is an inline "related" link.
    titles = {a.title for a in articles}
    return [a for a in articles if not any(p in titles and p != a.title for p in a.paragraphs)]


def pick(articles: list[Article], n: int, rng: random.Random) -> list[Article]:
    """``n`` articles, round-robin over outlets (each outlet shuffled by the seeded RNG),
    skipping repeated titles (the corpus has ~1,400 near-duplicates)."""
    by_source: dict[str, list[Article]] = defaultdict(list)
    for a in articles:
        by_source[a.source].append(a)
    queues = []
    for source in sorted(by_source):
        items = by_source[source][:]
        rng.shuffle(items)
        queues.append(items)
    chosen: list[Article] = []
    seen: set[str] = set()
    while len(chosen) < n and any(queues):
        for q in queues:
            while q:
                a = q.pop()
                if a.title not in seen:
                    seen.add(a.title)
                    chosen.append(a)
                    break
            if len(chosen) == n:
                break
    return chosen


# ---------------------------------------------------------------------------------------
# 2. Date lines: real formats Arabic sites print, derived from the record's time
# ---------------------------------------------------------------------------------------

MSA_MONTHS = (
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
)
LEVANT_MONTHS = (
    "كانون الثاني",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين الأول",
    "تشرين الثاني",
    "كانون الأول",
)
MAGHREB_MONTHS = (
    "جانفي",
    "فيفري",
    "مارس",
    "أفريل",
    "ماي",
    "جوان",
    "جويلية",
    "أوت",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
)
MOROCCO_MONTHS = (
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "ماي",
    "يونيو",
    "يوليوز",
    "غشت",
    "شتنبر",
    "أكتوبر",
    "نونبر",
    "دجنبر",
)
WEEKDAYS = ("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد")
HIJRI_MONTHS = (
    "محرم",
    "صفر",
    "ربيع الأول",
    "ربيع الآخر",
    "جمادى الأولى",
    "جمادى الآخرة",
    "رجب",
    "شعبان",
    "رمضان",
    "شوال",
    "ذو القعدة",
    "ذو الحجة",
)
_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def hijri(day: dt.date) -> tuple[int, int, int]:
    """Tabular Islamic calendar (the arithmetic one sites print; may differ by a day from
    the sighted calendar, which is fine for a page header)."""
    jdn = day.toordinal() + 1721425
    l = jdn - 1948440 + 10632  # noqa: E741 - names follow the published algorithm
    n = (l - 1) // 10631
    l = l - 10631 * n + 354  # noqa: E741
    j = ((10985 - l) // 5316) * ((50 * l) // 17719) + (l // 5670) * ((43 * l) // 15238)
    l = l - ((30 - j) // 15) * ((17719 * j) // 50) - (j // 16) * ((15238 * j) // 43) + 29  # noqa: E741
    month = (24 * l) // 709
    return 30 * n + j - 30, month, l - (709 * month) // 24


def _clock(when: dt.datetime, rng: random.Random) -> str:
    # Time of day as sites print it: 24-hour, or 12-hour with ص/م (AM/PM).
    if rng.random() < 0.5:
        return f"{when.hour:02d}:{when.minute:02d}"
    h = when.hour % 12 or 12
    return f"{h:02d}:{when.minute:02d} {'ص' if when.hour < 12 else 'م'}"


def _named(day: dt.date, months: tuple[str, ...], rng: random.Random) -> str:
    sep = rng.choice([" ", "، ", ", "])
    suffix = rng.choice(["", "", "", " م"])
    return f"{day.day} {months[day.month - 1]}{sep}{day.year}{suffix}"


# (format label, weight). The label is what per-format accuracy is reported under.
DATE_FORMATS = (
    ("named", 10),  # 13 نوفمبر، 2022
    ("levant-slash", 6),  # ٢٤ شباط/فبراير ٢٠٢٢
    ("levant", 6),  # 12 تشرين الثاني 2022
    ("iso", 5),  # 2022-11-13 (10:30)
    ("weekday-dmy", 6),  # الأحد 13/11/2022
    ("maghrebi", 6),  # 13 جانفي 2017
    ("moroccan", 3),  # 13 نونبر 2022
    ("published-prefix", 8),  # نشر في: 13 نوفمبر 2022 - 10:30
    ("updated-only", 4),  # آخر تحديث: …
    ("pub-and-updated", 5),  # two lines; the later one is an update
    ("pub-upd-one-line", 4),  # نشرت في: 13/11/2022 - 10:30 آخر تحديث: 14/11/2022 - 09:00
    ("weekday-named", 7),  # الأحد، 13 نوفمبر 2022 - 10:30
    ("hijri-gregorian", 4),  # الأحد 19 ربيع الآخر 1444 هـ - 13 نوفمبر 2022 م
    ("dmy-dots-time", 4),  # 13.11.2022 | 10:30
    ("author-date", 3),  # كتب: فلان | 13 نوفمبر 2022
)


def _any_named(day: dt.date, rng: random.Random) -> str:
    return _named(day, rng.choice([MSA_MONTHS, MSA_MONTHS, LEVANT_MONTHS]), rng)


def date_lines(
    fmt: str, when: dt.datetime, rng: random.Random, author: str | None
) -> tuple[list[str], bool]:
    """The page's date line(s) for the format, and whether Arabic-Indic digits were used."""
    day = when.date()
    indic = fmt == "levant-slash" or (fmt not in ("iso", "dmy-dots-time") and rng.random() < 0.2)
    later = day + dt.timedelta(days=rng.choice([1, 1, 2]))
    wd = WEEKDAYS[day.weekday()]
    if fmt == "named":
        lines = [_named(day, MSA_MONTHS, rng)]
    elif fmt == "levant-slash":
        m = day.month - 1
        lines = [f"{day.day} {LEVANT_MONTHS[m]}/{MSA_MONTHS[m]} {day.year}"]
    elif fmt == "levant":
        lines = [_named(day, LEVANT_MONTHS, rng)]
    elif fmt == "iso":
        lines = [day.isoformat() + rng.choice(["", f" {when:%H:%M}", f" | {when:%H:%M}"])]
    elif fmt == "weekday-dmy":
        sep = rng.choice(["/", "-"])
        lines = [f"{wd}{rng.choice([' ', '، '])}{day.day:02d}{sep}{day.month:02d}{sep}{day.year}"]
    elif fmt == "maghrebi":
        lines = [_named(day, MAGHREB_MONTHS, rng)]
    elif fmt == "moroccan":
        lines = [rng.choice(["", f"{wd} "]) + _named(day, MOROCCO_MONTHS, rng)]
    elif fmt == "published-prefix":
        prefix = rng.choice(["نشر في: ", "نُشر في ", "تاريخ النشر: ", "بتاريخ ", "نشر بتاريخ "])
        body = rng.choice([_any_named(day, rng), f"{day.day:02d}-{day.month:02d}-{day.year}"])
        lines = [
            prefix
            + body
            + rng.choice(["", f" - {_clock(when, rng)}", f"، الساعة {_clock(when, rng)}"])
        ]
    elif fmt == "updated-only":
        prefix = rng.choice(["آخر تحديث: ", "تم التحديث: ", "محدث "])
        lines = [prefix + _any_named(day, rng) + rng.choice(["", f" - {_clock(when, rng)}"])]
    elif fmt == "pub-and-updated":
        lines = [
            rng.choice(["نشر في: ", "تاريخ النشر: "]) + _named(day, MSA_MONTHS, rng),
            rng.choice(["آخر تحديث: ", "تم التحديث: "]) + _named(later, MSA_MONTHS, rng),
        ]
        if rng.random() < 0.3:
            lines.reverse()  # some themes print the update first
    elif fmt == "pub-upd-one-line":
        lines = [
            f"نشرت في : {day:%d/%m/%Y} - {when:%H:%M} آخر تحديث : {later:%d/%m/%Y} - {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"
        ]
    elif fmt == "weekday-named":
        lines = [
            f"{wd}، {_named(day, MSA_MONTHS, rng)}" + rng.choice(["", f" - {_clock(when, rng)}"])
        ]
    elif fmt == "hijri-gregorian":
        hy, hm, hd = hijri(day)
        lines = [
            f"{wd} {hd} {HIJRI_MONTHS[hm - 1]} {hy} هـ - {day.day} {MSA_MONTHS[day.month - 1]} {day.year} م"
        ]
    elif fmt == "dmy-dots-time":
        lines = [f"{day.day:02d}.{day.month:02d}.{day.year} | {_clock(when, rng)}"]
    elif fmt == "author-date":
        assert author is not None
        lines = [
            f"{rng.choice(['كتب: ', 'بقلم: ', ''])}{author} {rng.choice(['|', '-', '–'])} {_named(day, MSA_MONTHS, rng)}"
        ]
    else:
        raise ValueError(fmt)
    if indic:
        lines = [line.translate(_INDIC) for line in lines]
    return lines, indic


# ---------------------------------------------------------------------------------------
# 3. Datelines: places, outlets, agencies
# ---------------------------------------------------------------------------------------

# Real cities with the agency and some outlets of their country. The spelling varies as it
# does in the press (عمّان with shadda, أبوظبي in one word).
REGIONS: tuple[tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...] = (
    (
        ("بغداد", "البصرة", "أربيل", "الموصل", "النجف", "كربلاء"),
        ("واع",),
        ("المسلة", "شفق نيوز", "السومرية نيوز"),
    ),
    (
        ("القاهرة", "الإسكندرية", "أسوان", "بورسعيد"),
        ("أ ش أ",),
        ("اليوم السابع", "الشروق", "مصراوي"),
    ),
    (("دمشق", "حلب", "حمص", "اللاذقية"), ("سانا",), ("الوطن",)),
    (("بيروت", "صيدا", "زحلة"), ("الوطنية للإعلام",), ("النهار", "المدن")),
    (("عمّان", "إربد", "الزرقاء"), ("بترا",), ("الغد", "عمون")),
    (("الرياض", "جدة", "الدمام", "مكة المكرمة"), ("واس",), ("عكاظ", "سبق")),
    (("دبي", "أبوظبي", "الشارقة"), ("وام",), ("العربية.نت", "البيان", "سكاي نيوز عربية")),
    (("الدوحة",), ("قنا",), ("الجزيرة نت", "الشرق")),
    (("الكويت",), ("كونا",), ("القبس",)),
    (("المنامة",), ("بنا",), ("الأيام",)),
    (("مسقط",), ("العمانية",), ("أثير",)),
    (("صنعاء", "عدن", "تعز"), ("سبأ",), ("المصدر أونلاين",)),
    (("الخرطوم",), ("سونا",), ("السوداني",)),
    (("بنغازي", "مصراتة"), ("وال",), ("بوابة الوسط",)),
    (("تونس", "صفاقس", "سوسة", "القيروان"), ("وات",), ("موزاييك", "الصباح نيوز")),
    (("الجزائر", "وهران", "قسنطينة"), ("واج",), ("الشروق أونلاين", "النهار أونلاين")),
    (("الرباط", "الدار البيضاء", "مراكش", "طنجة", "فاس"), ("ومع",), ("هسبريس", "اليوم 24")),
    (("رام الله", "غزة", "القدس", "الخليل", "نابلس"), ("وفا",), ("معا", "قدس برس")),
    (("نواكشوط",), ("الوكالة الموريتانية",), ("الأخبار",)),
)
WORLD_CITIES = (
    "واشنطن",
    "نيويورك",
    "لندن",
    "باريس",
    "موسكو",
    "بكين",
    "طهران",
    "أنقرة",
    "إسطنبول",
    "برلين",
    "جنيف",
    "بروكسل",
    "كييف",
    "روما",
    "مدريد",
    "طوكيو",
    "نيودلهي",
    "إسلام آباد",
    "كابول",
    "أثينا",
    "سيول",
    "فيينا",
    "ستوكهولم",
    "بيونغ يانغ",
)
WIRES = ("رويترز", "أ ف ب", "فرانس برس", "د ب أ", "الأناضول", "شينخوا", "سبوتنيك", "أ ب", "وكالات")

# (style, weight); "native" is forced for articles that carry their own dateline.
DATELINE_STYLES = (
    ("none", 20),
    ("slash", 14),  # بغداد/المسلة:
    ("dash-author", 10),  # القاهرة - أحمد الريدي -
    ("paren-agency", 8),  # (رويترز) -
    ("place-paren", 10),  # بيروت (أ ف ب) -
    ("place-dash-paren", 4),  # واشنطن - (رويترز) -
    ("dash-agency", 9),  # دمشق - سانا
    ("colon-place", 5),  # الرياض:
    ("place-date-agency", 3),  # تونس 13 نوفمبر 2022 (وات) -
    ("own-line", 4),  # "أبوظبي - سكاي نيوز عربية" on its own line above the lead
    ("record", 8),  # the record's own "place - who" author field (Al Arabiya, Sky News)
)
_DASHES = ("-", "-", "–", "—")
_OUTLETISH = re.compile(
    r"العربية|سكاي نيوز|\.نت|وكالات|رويترز|د ب أ|أ ف ب|فرانس|قناة|البوابة|الوكالة"
)


@dataclass(slots=True)
class DatelinePlan:
    style: str
    text: str = ""  # the prefix as printed ("" for none/own-line)
    own_line: str | None = None
    place: str | None = None
    outlet: str | None = None
    author: str | None = None


def _record_dateline(article: Article) -> tuple[str, str] | None:
    """("دبي", "العربية.نت") from an author field "دبي - العربية.نت" / "دبي ـ العربية.نت"."""
    m = re.fullmatch(r"(\S+(?: \S+)?)\s+[-ـ–]\s+(.+)", article.author_field)
    if not m:
        return None
    cities = {c for cs, _, _ in REGIONS for c in cs} | set(WORLD_CITIES)
    # Only a city we list; "العربية.نت - إسلام سيف" is outlet - author, "اليمن - …" a country.
    if m[1] not in cities:
        return None
    return m[1], m[2]


def plan_dateline(article: Article, rng: random.Random, persons: list[str]) -> DatelinePlan:
    if article.native_dateline is not None:
        text, place, outlet = article.native_dateline
        return DatelinePlan("native", text=text, place=place, outlet=outlet)
    styles = [s for s, _ in DATELINE_STYLES]
    weights = [w for _, w in DATELINE_STYLES]
    style = rng.choices(styles, weights)[0]
    record = _record_dateline(article)
    if style == "record" and record is None:
        style = "none"
    region = rng.choice(REGIONS)
    world = rng.random() < 0.3
    place = rng.choice(WORLD_CITIES) if world else rng.choice(region[0])
    agency = rng.choice(WIRES) if world or rng.random() < 0.4 else rng.choice(region[1])
    outlet = rng.choice(region[2])
    dash = rng.choice(_DASHES)
    if style == "none":
        return DatelinePlan(style)
    if style == "slash":
        who = rng.choice([outlet, outlet, agency])
        sep = rng.choice(["/", "/", " / "])
        close = rng.choice([":", ":", " -"])
        return DatelinePlan(style, f"{place}{sep}{who}{close}", place=place, outlet=who)
    if style == "dash-author":
        person = rng.choice(persons)
        return DatelinePlan(style, f"{place} {dash} {person} {dash}", place=place, author=person)
    if style == "paren-agency":
        close = rng.choice([" -", " –", ":", " —"])
        return DatelinePlan(style, f"({agency}){close}", outlet=agency)
    if style == "place-paren":
        return DatelinePlan(style, f"{place} ({agency}) {dash}", place=place, outlet=agency)
    if style == "place-dash-paren":
        return DatelinePlan(style, f"{place} {dash} ({agency}) {dash}", place=place, outlet=agency)
    if style == "dash-agency":
        close = rng.choice(["", ":", " -", ""])
        sep = rng.choice([" - ", "-", " – "])
        return DatelinePlan(style, f"{place}{sep}{agency}{close}", place=place, outlet=agency)
    if style == "colon-place":
        return DatelinePlan(style, f"{place}:", place=place)
    if style == "place-date-agency":
        day = article.when.date()
        return DatelinePlan(
            style,
            f"{place} {day.day} {MSA_MONTHS[day.month - 1]} {day.year} ({agency}) -",
            place=place,
            outlet=agency,
        )
    if style == "own-line":
        who = rng.choice([outlet, agency])
        return DatelinePlan(style, own_line=f"{place} - {who}", place=place, outlet=who)
    assert style == "record"
    assert record is not None
    rplace, rwho = record
    close = rng.choice([" -", ":", " -"])
    text = f"{rplace} {'ـ' if 'ـ' in article.author_field else '-'} {rwho}{close}"
    if _OUTLETISH.search(rwho) or len(rwho.split()) == 1:
        return DatelinePlan(style, text, place=rplace, outlet=rwho)
    return DatelinePlan(style, text, place=rplace, author=rwho)


# ---------------------------------------------------------------------------------------
# 4. Furniture pools, written for this benchmark (see the module docstring)
# ---------------------------------------------------------------------------------------

# kind -> [(text, also-acceptable kinds)]. "{site}", "{site_en}", "{y}" are filled per page.
_P = tuple[str, tuple[str, ...]]
COOKIE: list[_P] = [
    ("يستخدم موقعنا ملفات تعريف الارتباط لتحسين تجربتك. بمتابعة التصفح فإنك توافق على ذلك.", ()),
    ("هذا الموقع يستعمل الكعكات (الكوكيز) لأغراض إحصائية وإعلانية. موافق", ()),
    (
        "نحترم خصوصيتك: نستعمل ملفات صغيرة تُخزَّن على جهازك لقياس عدد الزيارات. قبول | رفض",
        ("privacy",),
    ),
    ("لكي نقدم لك أفضل خدمة نحفظ بعض البيانات في متصفحك. أوافق", ()),
    ("This site uses cookies to improve your experience and to show relevant ads. OK, got it", ()),
    (
        "We and our partners store and access information on your device. Accept all | Manage options",
        ("privacy",),
    ),
    (
        "Ce site utilise des cookies pour vous offrir une meilleure expérience de navigation. J'accepte",
        (),
    ),
    ("Nous utilisons des traceurs pour mesurer l'audience. Tout accepter | Paramétrer", ()),
    ("En poursuivant votre visite, vous acceptez l'utilisation de témoins de connexion.", ()),
]
PRIVACY: list[_P] = [
    ("سياسة الخصوصية | شروط الاستخدام | اتصل بنا", ("nav",)),
    ("اطّلع على سياسة الخصوصية الخاصة بنا", ()),
    ("باستخدامك للموقع فإنك تقر بموافقتك على شروط الاستخدام وسياسة حماية البيانات", ()),
    ("بيان الخصوصية", ()),
    ("Privacy Policy | Terms of Service", ()),
    ("Your privacy choices", ()),
    ("We have updated our Privacy Notice. Please take a moment to review it.", ()),
    ("Politique de confidentialité - Mentions légales", ()),
    ("Gérer mes préférences de confidentialité", ()),
]
DISCLAIMER: list[_P] = [
    ("الآراء الواردة في هذا المقال لا تعبر بالضرورة عن رأي الموقع.", ()),
    ("المحتوى المنشور يعبّر عن وجهة نظر كاتبه ولا يعكس بالضرورة سياسة التحرير.", ()),
    ("إخلاء مسؤولية: الموقع غير مسؤول عن صحة الأخبار المنقولة عن مصادر أخرى.", ()),
    ("ملحوظة: هذا الخبر منقول من وكالات الأنباء والموقع غير مسؤول عن محتواه.", ()),
    ("Views expressed here are solely those of the writer.", ()),
    ("Les propos tenus dans cet article relèvent de la seule responsabilité de leur auteur.", ()),
]
COPYRIGHT: list[_P] = [
    ("جميع الحقوق محفوظة © {y} {site}", ()),
    ("© {site} {y}. كل الحقوق محفوظة", ()),
    ("يُسمح بالاقتباس مع ذكر المصدر", ()),
    ("جميع المواد المنشورة محمية بموجب قوانين الملكية الفكرية", ()),
    ("حقوق النشر محفوظة لـ{site} {y0}-{y}", ()),
    ("Copyright © {y} {site_en}. All rights reserved.", ()),
    ("© {y} {site_en} - Tous droits réservés", ()),
]
COMMENTS: list[_P] = [
    ("التعليقات (0)", ()),
    ("أضف تعليقك", ()),
    ("لا توجد تعليقات حتى الآن. كن أول من يعلّق!", ()),
    ("اكتب تعليقاً...", ()),
    ("يجب عليك تسجيل الدخول لكتابة تعليق.", ()),
    ("آراء القراء", ()),
    ("0 Comments", ()),
    ("Leave a Reply", ()),
    ("Réagir à cet article", ()),
]
NEWSLETTER: list[_P] = [
    ("اشترك في النشرة البريدية ليصلك كل جديد", ("follow",)),
    ("أدخل بريدك الإلكتروني", ()),
    ("سجّل بريدك وتابع أهم الأخبار يومياً", ("follow",)),
    ("النشرة الإخبارية اليومية في بريدك كل صباح", ()),
    ("Get the top headlines in your inbox every morning", ("follow",)),
    ("Sign up for our daily briefing", ("follow",)),
    ("Recevez chaque matin l'essentiel de l'actualité", ("follow",)),
]
FOLLOW: list[_P] = [
    ("تابعونا على فيسبوك وتويتر", ("share",)),
    ("انضم إلى قناتنا على تيليغرام لمتابعة الأخبار العاجلة", ("share",)),
    ("حمّل تطبيق الموقع على هاتفك", ()),
    ("لمتابعة آخر الأخبار تابعنا على غوغل نيوز", ()),
    ("اضغط هنا للاشتراك في قناتنا على يوتيوب", ()),
    ("Follow us on Instagram", ("share",)),
    ("Suivez-nous sur les réseaux sociaux", ()),
]
SHARE: list[_P] = [
    ("شارك هذا الخبر", ()),
    ("شاركوا المقال مع أصدقائكم", ()),
    ("أرسل الخبر لصديق", ()),
    ("انسخ الرابط", ()),
    ("شارك: فيسبوك | تويتر | واتساب", ()),
    ("Facebook Twitter WhatsApp Telegram", ()),
    ("طباعة | إرسال بالبريد", ()),
    ("Share this article", ()),
    ("Partager sur Facebook", ()),
]
AD: list[_P] = [
    ("إعلان", ()),
    ("- إعلان -", ()),
    ("مساحة إعلانية", ()),
    ("محتوى برعاية", ()),
    ("تابع القراءة بعد الإعلان", ()),
    ("Advertisement", ()),
    ("Publicité", ()),
]
RELATED_HEADERS: list[_P] = [
    ("اقرأ أيضاً:", ()),
    ("اقرأ أيضا", ()),
    ("إقرأ أيضاً", ()),
    ("طالع أيضاً", ()),
    ("ذات صلة", ()),
    ("مواضيع ذات صلة", ()),
    ("أخبار ذات صلة:", ()),
    ("قد يهمك أيضاً", ()),
    ("شاهد أيضاً", ()),
    ("للمزيد:", ()),
    ("الأكثر قراءة", ()),
    ("Lire aussi :", ()),
    ("Read more", ()),
]
SEPARATORS: list[_P] = [
    (", ,", ()),
    ("----", ()),
    ("-----------", ()),
    ("* * *", ()),
    ("___", ()),
    ("•", ()),
    ("|", ()),
]
CLOSE: list[_P] = [
    ("Close", ("other",)),
    ("إغلاق", ("other",)),
    ("Fermer", ("other",)),
    ("✕ إغلاق", ("other",)),
]
FOOTER_NAV: list[_P] = [
    ("من نحن | اتصل بنا | أعلن معنا", ()),
    ("عن الموقع  هيئة التحرير  اتصل بنا", ()),
    ("خريطة الموقع", ()),
    ("العودة إلى الأعلى", ()),
    ("Back to top", ()),
    ("Haut de page", ()),
]
HEADER_NAV: list[_P] = [
    ("بحث", ()),
    ("ابحث هنا...", ()),
    ("اكتب كلمة البحث واضغط Enter", ()),
    ("تسجيل الدخول | إنشاء حساب", ()),
    ("دخول الأعضاء", ()),
    ("☰ القائمة", ()),
    ("Sign in | Register", ()),
    ("Se connecter", ()),
]
HEADER_MISC: list[_P] = [
    ("وقت القراءة: 3 دقائق", ()),
    ("قراءة: 4 د", ()),
    ("عدد المشاهدات: 1,245", ()),
    ("حجم الخط  أ+  أ-", ()),
]
# Every pool by intended kind (the test checks they stay apart from the extractor's cue list).
POOLS: dict[str, list[_P]] = {
    "cookie": COOKIE,
    "privacy": PRIVACY,
    "disclaimer": DISCLAIMER,
    "copyright": COPYRIGHT,
    "comments": COMMENTS,
    "newsletter": NEWSLETTER,
    "follow": FOLLOW,
    "share": SHARE,
    "ad": AD,
    "related": RELATED_HEADERS,
    "separator": SEPARATORS,
    "nav": CLOSE + FOOTER_NAV + HEADER_NAV,
    "other": HEADER_MISC,
}
SECTIONS = {
    # ANT category -> how a site labels that section.
    "internationalNews": ("العالم", "أخبار العالم", "دولي"),
    "middleEast": ("الشرق الأوسط", "أخبار عربية", "العالم العربي"),
    "sport": ("رياضة", "الرياضة", "كرة القدم"),
    "economy": ("اقتصاد", "مال وأعمال"),
    "technology": ("تكنولوجيا", "علوم وتكنولوجيا"),
    "culture": ("ثقافة وفن", "فن ومشاهير"),
    "localNews": ("وطنية", "أخبار محلية"),
    "society": ("مجتمع",),
    "politic": ("سياسة",),
    "diverse": ("منوعات",),
}
AUTHOR_FORMS = (
    "بقلم: {}",
    "بقلم {}",
    "كتب: {}",
    "كتب - {}",
    "بواسطة {}",
    "إعداد: {}",
    "الكاتب: {}",
    "تقرير: {}",
)


@dataclass(slots=True)
class Furniture:
    text: str
    kind: str
    ok_kinds: list[str]
    where: str  # top | inside | after
    item: bool = False  # a headline listed under a related-articles header


@dataclass(slots=True)
class PageBuilder:
    """Assembles one page and its gold; every choice comes from ``rng``."""

    article: Article
    rng: random.Random
    other_titles: list[str]
    persons: list[str]
    used: set[str] = field(default_factory=set)
    furniture: list[Furniture] = field(default_factory=list)

    def take(self, pool: list[_P], kind: str, where: str) -> Furniture | None:
        """A line from ``pool`` not used on this page and not part of the article."""
        site, site_en = OUTLET_NAMES.get(self.article.source, ("الموقع", "News"))
        year = self.article.when.year
        for _ in range(10):
            text, also = self.rng.choice(pool)
            text = text.format(
                site=site, site_en=site_en, y=year, y0=year - self.rng.randint(3, 15)
            )
            # The leak check looks for the line in the output body: it must not be in the article.
            if (
                text in self.used
                or found_in(text, self.article.paragraphs)
                or text == self.article.title
            ):
                continue
            self.used.add(text)
            f = Furniture(text, kind, [kind, *also], where)
            self.furniture.append(f)
            return f
        return None

    def related_block(self, where: str) -> list[str]:
        header = self.take(RELATED_HEADERS, "related", where)
        if header is None:
            return []
        bullet = self.rng.choice(["", "", "- ", "• ", "» "])
        lines = [header.text]
        for title in self.rng.sample(self.other_titles, self.rng.randint(2, 4)):
            text = bullet + title
            if text in self.used or found_in(text, self.article.paragraphs):
                continue
            self.used.add(text)
            self.furniture.append(Furniture(text, "related", ["related"], where, item=True))
            lines.append(text)
        return lines

    def crumbs(self) -> str:
        section = self.rng.choice(SECTIONS.get(self.article.category, ("أخبار",)))
        sep = self.rng.choice([" » ", " / ", " > ", " › "])
        parts = [self.rng.choice(["الرئيسية", "الرئيسية", "الصفحة الرئيسية", "Accueil"])]
        if self.rng.random() < 0.6:
            parts.append(self.rng.choice(["أخبار", "الأخبار", "آخر الأخبار"]))
        parts.append(section)
        text = sep.join(parts)
        if self.rng.random() < 0.2:
            text = "أنت هنا: " + text
        return text


def build_page(
    article: Article, index: int, rng: random.Random, other_titles: list[str], persons: list[str]
) -> tuple[str, dict[str, Any]]:
    """One page (text) and its gold (dict)."""
    b = PageBuilder(article, rng, other_titles, persons)
    paragraphs = article.paragraphs[:]

    # Byline: France 24 and Al Arabiya records name real journalists; others sometimes
    # borrow a corpus name so bylines appear on every outlet's pages.
    field_ = article.author_field
    own_person = field_ if _ARABIC_NAME.match(field_) and not _OUTLETISH.search(field_) else None
    if own_person and rng.random() < 0.6:
        author = own_person
    else:
        author = rng.choice(persons) if rng.random() < 0.2 else None

    dl = plan_dateline(article, rng, persons)
    if dl.author:
        author = dl.author  # one author per page: the dateline's correspondent
    fmt = rng.choices([f for f, _ in DATE_FORMATS], [w for _, w in DATE_FORMATS])[0]
    if article.source == "Jawhara FM" and rng.random() < 0.4:
        fmt = "maghrebi"  # a Tunisian site writes Tunisian month names
    if fmt == "author-date" and (author is None or dl.author):
        fmt = "named"
    dates, indic = date_lines(fmt, article.when, rng, author)
    author_line = None
    if author and not dl.author and fmt != "author-date":
        author_line = rng.choice(AUTHOR_FORMS).format(author)

    # Header furniture: each kind appears on some pages, in a shuffled order.
    top: list[str] = []
    clean_page = rng.random() < 0.1  # some pages carry no furniture at all
    if not clean_page:
        if rng.random() < 0.5:
            c = b.crumbs()
            b.used.add(c)
            b.furniture.append(Furniture(c, "nav", ["nav"], "top"))
            top.append(c)
        picks = [(HEADER_NAV, "nav", 0.3), (SHARE, "share", 0.25), (HEADER_MISC, "other", 0.15)]
        for pool, kind, p in picks:
            if rng.random() < p and (f := b.take(pool, kind, "top")):
                top.append(f.text)
        rng.shuffle(top)
        if rng.random() < 0.3:
            section = rng.choice(SECTIONS.get(article.category, ("أخبار",)))
            if section not in b.used and not found_in(section, paragraphs):
                b.used.add(section)
                b.furniture.append(Furniture(section, "nav", ["nav"], "top"))
                top.append(section)  # the section label sits right above the headline

    # Title / date / byline order varies by theme.
    layout = rng.choices(
        ["title-date-author", "date-title-author", "title-author-date", "title-author-body-date"],
        [55, 20, 20, 5],
    )[0]
    author_below = author_line is not None and rng.random() < 0.15
    head: list[str] = []
    tail_meta: list[str] = []
    byline = [author_line] if author_line and not author_below else []
    if layout == "title-date-author":
        head = [article.title, *dates, *byline]
    elif layout == "date-title-author":
        head = [*dates, article.title, *byline]
    elif layout == "title-author-date":
        head = [article.title, *byline, *dates]
    else:
        head = [article.title, *byline]
        tail_meta = dates
    if author_below and author_line:
        tail_meta.append(author_line)

    # The dateline goes on the first paragraph (or on its own line above it). Blocks are
    # what the page separates with blank lines; a related list is one block of lines.
    lead = paragraphs[0]
    body_blocks: list[list[str]] = [[f"{dl.text} {lead}" if dl.text else lead]]
    body_blocks += [[p] for p in paragraphs[1:]]
    if dl.own_line:
        body_blocks.insert(0, [dl.own_line])
    n_lead = len(body_blocks) - len(paragraphs)  # blocks before the lead paragraph

    # Furniture inside the body, between paragraphs (never before the lead or after the last).
    inserts: dict[int, list[list[str]]] = defaultdict(list)
    if not clean_page and len(paragraphs) >= 3:
        for _ in range(rng.choice([0, 1, 1, 2])):
            slot = rng.randrange(1, len(paragraphs))  # before paragraph `slot`
            what = rng.choices(["related", "follow", "share", "ad"], [45, 20, 15, 20])[0]
            if what == "related":
                block = b.related_block("inside")
            else:
                pool = {"follow": FOLLOW, "share": SHARE, "ad": AD}[what]
                f = b.take(pool, what, "inside")
                block = [f.text] if f else []
            if block:
                inserts[slot].append(block)
    body: list[list[str]] = []
    for i, blk in enumerate(body_blocks):
        body += inserts.get(i - n_lead, []) if i - n_lead > 0 else []
        body.append(blk)

    # Footer furniture: (kind, lines) blocks.
    after: list[tuple[str, list[str]]] = []
    if not clean_page:
        footer_kinds = [
            (DISCLAIMER, "disclaimer", 0.3),
            (SHARE, "share", 0.3),
            (FOLLOW, "follow", 0.2),
            (NEWSLETTER, "newsletter", 0.25),
            (COMMENTS, "comments", 0.3),
            (FOOTER_NAV, "nav", 0.25),
            (COPYRIGHT, "copyright", 0.45),
            (PRIVACY, "privacy", 0.3),
            (COOKIE, "cookie", 0.35),
            (SEPARATORS, "separator", 0.35),
            (CLOSE, "close", 0.2),
        ]
        for pool, kind, p in footer_kinds:
            # A lone "Close" is a banner's button: its kind is nav (ok: other).
            if rng.random() < p and (
                f := b.take(pool, "nav" if kind == "close" else kind, "after")
            ):
                after.append((kind, [f.text]))
        if rng.random() < 0.2 and (block := b.related_block("after")):
            after.append(("related", block))
        if rng.random() < 0.15:
            words = re.findall(r"[\u0621-\u064a]{4,}", article.title)[:3]
            tags = rng.choice(["الوسوم: ", "كلمات مفتاحية: ", "Tags: "]) + "، ".join(words)
            if len(words) >= 2 and tags not in b.used:
                b.used.add(tags)
                b.furniture.append(Furniture(tags, "nav", ["nav"], "after"))
                after.append(("nav", [tags]))
        # Cookie/privacy banners and their Close button end real pages; the rest is shuffled.
        rest = [blk for blk in after if blk[0] not in ("cookie", "privacy", "close")]
        banners = [blk for blk in after if blk[0] in ("cookie", "privacy", "close")]
        rng.shuffle(rest)
        after = rest + banners

    # Serialise: blank lines between blocks, or none, as different browsers save them.
    gap = rng.choice(["\n\n", "\n\n", "\n", "\n\n\n"])
    blocks = [*top, *head, *("\n".join(lines) for lines in body), *tail_meta]
    blocks += ["\n".join(lines) for _, lines in after]
    page = gap.join(blocks).strip() + "\n"

    # Everything the page adds around the article; the builder made sure none of it occurs
    # in the article itself (by the same rule the eval applies), so a hit is a real leak.
    added = [f.text for f in b.furniture] + [article.title, *dates]
    added += [x for x in (author_line, dl.own_line) if x]
    not_in_body = [x for x in added if not found_in(x, paragraphs)]
    gold = {
        "id": f"{index:03d}",
        "docno": article.docno,
        "source": article.source,
        "category": article.category,
        "url": article.url,
        "title": article.title,
        "published": article.when.date().isoformat(),
        "date_format": fmt,
        "date_digits": "arabic-indic" if indic else "western",
        "date_lines": dates,
        "layout": layout,
        "dateline_style": dl.style,
        "dateline_text": dl.own_line or dl.text or None,
        "dateline_place": dl.place,
        "outlet": dl.outlet,
        "author": author,
        "author_line": author_line,
        "body_paragraphs": paragraphs,
        # Sub-headings and list items: reported apart when lost, as they are the hard case.
        "body_heading_like": [heading_like(p) for p in paragraphs],
        "body_starts_with": paragraphs[0][:40].rstrip(),
        "body_ends_with": paragraphs[-1][-30:].lstrip(),
        "boilerplate": [
            {
                "text": f.text,
                "kind": f.kind,
                "ok_kinds": f.ok_kinds,
                "where": f.where,
                "item": f.item,
            }
            for f in b.furniture
        ],
        "not_in_body": list(dict.fromkeys(not_in_body)),
    }
    return page, gold


def person_pool(articles: list[Article]) -> list[str]:
    """Real journalists' names from the corpus author fields: France 24's bylines
    ("علاوة مزياني") and the name after an outlet in Al Arabiya's ("العربية.نت - إسلام سيف").
    A first part ("مكسيكو سيتي - د ب أ") is a place, never a name."""
    names: set[str] = set()
    places: set[str] = {c for cs, _, _ in REGIONS for c in cs} | set(WORLD_CITIES)
    for a in articles:
        parts = re.split(r"\s+[-ـ–]\s+", a.author_field)
        if len(parts) == 1:
            names.add(parts[0])
        elif len(parts) == 2:
            places.add(parts[0])
            if _OUTLETISH.search(parts[0]):
                names.add(parts[1])
    return sorted(
        n for n in names if _ARABIC_NAME.match(n) and not _OUTLETISH.search(n) and n not in places
    )


def build(
    data_dir: Path,
    out_dir: Path,
    n: int = 200,
    seed: int = 7,
    articles: list[Article] | None = None,
) -> list[dict[str, Any]]:
    """Write ``n`` pages and golds to ``out_dir``; returns the golds. ``articles`` (from
    :func:`load_articles`) saves re-reading the corpus when building several sets."""
    if articles is None:
        articles = load_articles(data_dir)
    rng = random.Random(seed)
    chosen = pick(articles, n, rng)
    persons = person_pool(articles)
    titles_by_source: dict[str, list[str]] = defaultdict(list)
    for a in articles:
        titles_by_source[a.source].append(a.title)
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in list(out_dir.glob("*.txt")) + list(out_dir.glob("*.gold.json")):
        old.unlink()  # a smaller rerun must not leave pages of a bigger one behind
    golds = []
    for i, article in enumerate(chosen, 1):
        page_rng = random.Random(f"{seed}:{i}:{article.docno}")
        # "Read also" items are other headlines of the same site, as on the real page.
        pool = [
            t for t in page_rng.sample(titles_by_source[article.source], 50) if t != article.title
        ]
        page, gold = build_page(article, i, page_rng, pool, persons)
        (out_dir / f"{i:03d}.txt").write_text(page, encoding="utf-8")
        (out_dir / f"{i:03d}.gold.json").write_text(
            json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        golds.append(gold)
    return golds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--data",
        type=Path,
        default=DEFAULT_DATA,
        help="the shared data directory (holds news/ant/)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        help="where pages and gold go (keep it outside the repo)",
    )
    parser.add_argument("--n", type=int, default=200, help="number of pages")
    parser.add_argument("--seed", type=int, default=7, help="RNG seed (same seed, same pages)")
    args = parser.parse_args(argv)
    out = args.out.resolve()
    if out == REPO or REPO in out.parents:
        # Article text is the outlets' copyright: refuse to write it where git could pick it up.
        parser.error(f"--out {out} is inside the repository; article text must not enter it")
    if not (args.data / "news" / "ant").is_dir():
        parser.error(f"no ANT corpus under {args.data / 'news' / 'ant'}")
    golds = build(args.data, out, args.n, args.seed)
    by_source: dict[str, int] = defaultdict(int)
    for g in golds:
        by_source[g["source"]] += 1
    print(
        f"wrote {len(golds)} pages to {out}: "
        + ", ".join(f"{k} {v}" for k, v in sorted(by_source.items()))
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
