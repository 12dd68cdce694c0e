"""Build Arabic article pages as HTML, from real ANT corpus articles, with gold.

    .venv/bin/python bench/build_html_pages.py --n 120 --seed 11 --out /tmp/rasd-html-pages
    .venv/bin/python bench/html_extraction.py arabic --pages /tmp/rasd-html-pages

Each page is ``NNN.html`` (UTF-8, ``dir="rtl"``) and ``NNN.gold.json``: the article's
``title``, ``published`` (ISO day), ``body_paragraphs``, and how the page was made
(``template``, ``placement`` of the date, its ``date_format`` and printed ``date_text``,
the ``traps`` present, the footer's © year). Steps:

1. Read the ANT corpus (``../shared/data/news/ant``), every ``--stride``-th record, and keep
   articles whose text is the article only (the corpus cleaner of ``build_pages.py`` trims
   native furniture); skip those carrying their own dateline (CNN, TAP), so the gold
   body is exactly the paragraphs on the page.
2. Pick ``--n`` articles with a seeded RNG, round-robin over the six outlets.
3. For each, choose a template and a date placement (cycled so every combination of
   both shows up) and fill the template: navigation, breadcrumbs, cookie banners in
   Arabic and English, share bars, related links inside and after the article, comments,
   most-read sidebars, newsletter boxes, a footer with a © year.
4. Write the page and its gold.

Date placements (the gold date is the record's local date):

- ``meta``: ``<meta property="article:published_time">`` only, no date visible;
- ``jsonld``: JSON-LD ``datePublished`` only;
- ``time``: a ``<time datetime>`` element whose visible text is an Arabic date;
- ``text-msa`` / ``text-levant`` / ``text-indic`` / ``text-maghreb`` / ``text-hijri`` /
  ``text-numeric``: a printed date only (a byline, a line under or above the title, or
  after the body), with MSA months, Levantine months (``تشرين الثاني``, also the
  ``آذار/مارس`` slash form), Arabic-Indic digits, Maghrebi months (``جانفي``, ``أفريل``),
  Hijri + Gregorian, or digits with a label;
- ``meta+text``: both, agreeing.

Every page carries a footer © year (usually not the article's year), which is the
fallback htmldate takes when it finds nothing else; some pages add later dates as
traps: an ``article:modified_time`` / "updated" line, dated most-read items, dated
reader comments.

All furniture wording was written for this benchmark (different from
``src/rasd/data/boilerplate_cues.tsv`` and from ``build_pages.py``), so the numbers
measure how the extractor generalises. Site names and domains are invented
(``*.example``).

Article text belongs to the outlets: pages go to ``--out`` (``/tmp`` by default); the
builder refuses a directory inside the repository. Never commit pages or gold files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import html
import json
import random
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# bench/ is a folder of scripts; the corpus cleaner of the plain-text page builder is
# reused so both benchmarks agree on what an article's clean text is.
sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_pages import CORPUS_FILES, clean_paragraphs, hijri, parse_time

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data"
DEFAULT_OUT = Path("/tmp/rasd-html-pages")
MIN_WORDS = 40

# ---------------------------------------------------------------------------------------
# 1. Articles
# ---------------------------------------------------------------------------------------


@dataclass(slots=True)
class Article:
    docno: str
    source: str
    category: str
    title: str
    when: dt.datetime
    paragraphs: list[str]


def load_articles(data_dir: Path, stride: int = 1) -> list[Article]:
    """Usable articles of both ANT files; ``stride`` > 1 reads only every stride-th record
    (the files are sorted by outlet, so a stride keeps every outlet; tests use it)."""
    articles = []
    for name in CORPUS_FILES:
        with gzip.open(data_dir / "news" / "ant" / name, "rt", encoding="utf-8") as fh:
            for i, line in enumerate(fh):
                if i % stride:
                    continue
                rec = json.loads(line)
                when = parse_time(rec.get("time"))
                title = " ".join((rec.get("title") or "").split())
                if not rec.get("source") or when is None or not title:
                    continue
                paras = clean_paragraphs(rec.get("text") or "", rec["source"])
                # A dateline the article carries ("(CNN)--", "(وات) -") is left to the other
                # benchmark: here the gold body is exactly the paragraphs printed.
                if not paras or any(
                    m in p[:150] for p in paras[:3] for m in ("(CNN)", "(وات)", "(و ا ت)")
                ):
                    continue
                if sum(len(p.split()) for p in paras) < MIN_WORDS:
                    continue
                articles.append(
                    Article(
                        rec["docno"], rec["source"], rec.get("category") or "", title, when, paras
                    )
                )
    return articles


def pick(articles: list[Article], n: int, rng: random.Random) -> list[Article]:
    """``n`` articles round-robin over outlets, no repeated titles."""
    by_source: dict[str, list[Article]] = defaultdict(list)
    for a in articles:
        by_source[a.source].append(a)
    queues = [rng.sample(by_source[s], len(by_source[s])) for s in sorted(by_source)]
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
# 2. Dates as Arabic sites print them
# ---------------------------------------------------------------------------------------

MSA = ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر")  # fmt: skip
LEVANT = ("كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول")  # fmt: skip
MAGHREB = ("جانفي", "فيفري", "مارس", "أفريل", "ماي", "جوان", "جويلية", "أوت", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر")  # fmt: skip
HIJRI = ("محرم", "صفر", "ربيع الأول", "ربيع الثاني", "جمادى الأولى", "جمادى الآخرة", "رجب", "شعبان", "رمضان", "شوال", "ذو القعدة", "ذو الحجة")  # fmt: skip
WEEKDAYS = ("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد")
INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")

TEXT_FORMATS = ("msa", "levant", "indic", "maghreb", "hijri", "numeric")
PLACEMENTS = ("meta", "jsonld", "time", *(f"text-{f}" for f in TEXT_FORMATS), "meta+text")


def _hm(when: dt.datetime) -> str:
    return f"{when.hour:02d}:{when.minute:02d}"


def printed_date(fmt: str, when: dt.datetime, rng: random.Random) -> str:
    """The day of ``when`` printed in one of the formats (no label, no author)."""
    d, m, y = when.day, when.month, when.year
    wd = WEEKDAYS[when.weekday()]
    if fmt == "msa":
        return rng.choice(
            [
                f"{wd}، {d} {MSA[m - 1]} {y}",
                f"{d} {MSA[m - 1]}، {y}",
                f"{d} {MSA[m - 1]} {y} - {_hm(when)}",
            ]
        )
    if fmt == "levant":
        return rng.choice(
            [
                f"{d} {LEVANT[m - 1]} {y}",
                f"{wd} {d} {LEVANT[m - 1]}/{MSA[m - 1]} {y}",
                f"{d} {LEVANT[m - 1]} ({MSA[m - 1]}) {y}",
            ]
        )
    if fmt == "indic":
        return rng.choice(
            [
                f"{d} {MSA[m - 1]} {y}".translate(INDIC),
                f"{d} {LEVANT[m - 1]} {y}".translate(INDIC),
                f"{wd} {d:02d}/{m:02d}/{y}".translate(INDIC),
            ]
        )
    if fmt == "maghreb":
        return rng.choice([f"{wd} {d} {MAGHREB[m - 1]} {y}", f"{d} {MAGHREB[m - 1]} {y} على الساعة {_hm(when)}"])  # fmt: skip
    if fmt == "hijri":
        hy, hm, hd = hijri(when.date())
        return f"{wd} {hd} {HIJRI[hm - 1]} {hy} هـ الموافق {d} {MSA[m - 1]} {y} م"
    if fmt == "numeric":
        return rng.choice([f"{d:02d}-{m:02d}-{y}", f"{y}/{m:02d}/{d:02d} {_hm(when)}", f"{d}.{m}.{y}"])  # fmt: skip
    raise ValueError(fmt)


def iso_with_offset(when: dt.datetime) -> str:
    # The record's own offset, never converted to UTC: the local day is the gold day.
    return when.isoformat() if when.tzinfo else when.isoformat() + "+03:00"


# ---------------------------------------------------------------------------------------
# 3. Site furniture (wording written for this benchmark)
# ---------------------------------------------------------------------------------------

SITES = (
    ("بوابة المشرق", "mashreq-gate.example"),
    ("الخبر اليقين", "alkhabar-alyaqin.example"),
    ("نبض الخليج", "nabd-gulf.example"),
    ("صدى المغرب الكبير", "sada-maghreb.example"),
    ("مرآة الشام", "mirat-alsham.example"),
    ("الأفق 24", "ufuq24.example"),
    ("منصة الرصيف", "rasif-platform.example"),
)
AUTHORS = ("سامي الأحمد", "ليلى منصور", "يوسف العمري", "هدى السيد", "كريم الزين", "رنا الخطيب", "عادل بن حسين", "مريم الفاسي")  # fmt: skip
SECTIONS = (
    ("الرئيسية", "سياسة", "اقتصاد", "رياضة", "منوعات", "فيديو"),
    ("الصفحة الأولى", "العالم العربي", "دولي", "مال وأعمال", "ملاعب", "صحة"),
    ("أخبار", "تقارير", "حوارات", "رأي", "تكنولوجيا", "ثقافة وفنون"),
)
COOKIE_AR = (
    "يستعين موقعنا بملفات صغيرة تُحفظ في متصفحك لتذكّر تفضيلاتك وقياس عدد الزوار. بالنقر على «موافق» فأنت تقبل ذلك.",
    "نستخدم بيانات التصفح لتحسين خدماتنا وعرض محتوى يناسبك، ويمكنك تعديل اختياراتك متى شئت من صفحة الإعدادات.",
    "هذا الموقع يعتمد على ملفات الكوكيز لأغراض إحصائية، وباستمرار تجوالك بين صفحاته نعتبر أنك موافق.",
)
COOKIE_EN = (
    "This site keeps small data files in your browser to remember your settings and count visits. Press OK to continue.",
    "We rely on cookies and similar tools to measure our audience and personalise what you see. You can change your mind at any time.",
)
COOKIE_BUTTONS = (("موافق", "المزيد من التفاصيل"), ("أوافق", "لا أوافق"), ("OK", "Learn more"))
SHARE = (
    ("شارك الخبر", ("فيسبوك", "إكس", "واتساب", "تلغرام", "نسخ الرابط")),
    ("أرسل لصديق", ("بريد إلكتروني", "واتساب", "طباعة")),
    ("انشرها", ("Facebook", "X", "WhatsApp", "Telegram")),
)
INLINE_RELATED = ("اقرأ كذلك", "لا تفوّت", "على صلة بالموضوع", "ننصحك بها", "مواد تهمك")
AFTER_RELATED = (
    "قصص أخرى من القسم",
    "المزيد في هذا الملف",
    "أخبار قد تثير اهتمامك",
    "من نفس التصنيف",
)
MOST_READ = ("الأكثر تصفحاً", "الأكثر رواجاً اليوم", "الأعلى قراءة هذا الأسبوع", "الأوسع انتشاراً")
COMMENT_HEADS = ("آراء القراء", "ماذا قال القراء", "النقاش")
COMMENTS = (
    "خبر مهم، شكراً على المتابعة الدقيقة.",
    "نتمنى أن تتحسن الأوضاع في أقرب وقت.",
    "التغطية ناقصة ولم تذكر رأي الطرف الآخر.",
    "متى سيتم تطبيق هذه القرارات على أرض الواقع؟",
    "الله يحفظ البلاد وأهلها.",
    "مقال رائع كالعادة.",
)
NEWSLETTER = (
    "احصل على ملخص الصباح في بريدك قبل الثامنة، مجاناً.",
    "سجّل عنوانك الإلكتروني لتصلك أبرز القصص أسبوعياً.",
    "Get our morning briefing in your inbox.",
)
TICKER = ("عاجل", "الآن", "آخر الأخبار")
FOOTER_LINKS = ("عن الموقع", "فريق العمل", "راسلنا", "شروط النشر", "الإعلانات", "وظائف")
FOOTER_NOTE = (
    "© {year} {site}. كل الحقوق محفوظة.",
    "جميع المواد المنشورة محمية، © {site} {year}",
    "Copyright © {year} {site}. All rights reserved.",
    "{site} © {year} — يُمنع إعادة النشر دون إذن مكتوب.",
)
CAPTIONS = ("صورة أرشيفية", "من المصدر", "لقطة من مقطع مصور متداول", "(الصورة: وكالات)")
AD_LABELS = ("مساحة إعلانية", "إعلان", "— محتوى ممول —")
# Furniture that reads like running prose: no list shape, full sentences.
AUTHOR_BIOS = (
    "{author} صحفي يغطي الشؤون الإقليمية منذ أكثر من عشر سنوات، وعمل مراسلاً لعدد من الصحف العربية.",
    "{author} محررة في قسم الأخبار، تكتب عن الاقتصاد والطاقة وتتابع ملفات المنطقة.",
)
DISCLAIMERS = (
    "ما يرد في هذه المادة يلزم مصادرها وحدها، ولا يعكس بالضرورة موقف إدارة الموقع.",
    "نرحب بتصويب أي معلومة واردة في هذا الخبر عبر نموذج المراسلة أسفل الصفحة.",
)
PHOTO_CREDITS = ("تصوير: وكالات", "عدسة: فريق الموقع", "الصورة من الأرشيف")
TAG_HEADS = ("الكلمات الدالة:", "وسوم:", "مواضيع:")
DATE_LABELS = ("نُشر في", "تاريخ النشر:", "بتاريخ", "نشر يوم", "")


def esc(text: str) -> str:
    return html.escape(text, quote=True)


@dataclass(slots=True)
class Page:
    """What a template needs; the gold is derived from the same object."""

    article: Article
    site: str
    domain: str
    url: str
    author: str
    section: str
    placement: str
    date_format: str | None
    date_text: str | None
    date_position: str | None  # byline | under-title | above-title | after-body
    footer_year: int
    traps: list[str]
    related: list[str]  # other headlines of the same outlet
    rng: random.Random
    sections: tuple[str, ...]
    cookie_langs: list[str] = field(default_factory=list)

    @property
    def iso(self) -> str:
        return iso_with_offset(self.article.when)

    @property
    def modified(self) -> dt.datetime:
        return self.article.when + dt.timedelta(days=self.rng.choice([1, 2, 5]), hours=3)

    # -- head ----------------------------------------------------------------------------

    def head(self, extra: str = "") -> str:
        r = self.rng
        # Real <title>s: headline with the site name on either side, or (small CMSs) the
        # site and section only, the headline being in the page body alone.
        title_tag = r.choices(
            [
                f"{self.article.title} | {self.site}",
                f"{self.site} - {self.article.title}",
                f"{self.article.title} - {self.section} - {self.site}",
                f"{self.article.title} « {self.site}",
                f"{self.site} | {self.section}",
            ],
            weights=(3, 3, 2, 1, 2),
        )[0]
        meta = [
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{esc(title_tag)}</title>",
            f'<link rel="canonical" href="{self.url}">',
            f'<meta property="og:site_name" content="{esc(self.site)}">',
        ]
        og = r.random()
        if og < 0.4:
            meta.append(f'<meta property="og:title" content="{esc(self.article.title)}">')
        elif og < 0.6:
            # Many sites append their name to og:title too.
            meta.append(
                f'<meta property="og:title" content="{esc(self.article.title)} - {esc(self.site)}">'
            )
        meta.append(f'<meta name="description" content="{esc(self.article.paragraphs[0][:150])}">')
        if self.placement in ("meta", "meta+text"):
            meta.append(f'<meta property="article:published_time" content="{self.iso}">')
        if "modified" in self.traps:
            meta.append(
                f'<meta property="article:modified_time" content="{iso_with_offset(self.modified)}">'
            )
        meta.append(self.json_ld())
        meta.append("<style>body{font-family:Tahoma,sans-serif}.hide{display:none}</style>")
        return "<head>\n" + "\n".join(meta) + extra + "\n</head>"

    def json_ld(self) -> str:
        data: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": self.rng.choice(["NewsArticle", "Article", "ReportageNewsArticle"]),
            "headline": self.article.title,
            "publisher": {"@type": "Organization", "name": self.site},
            "mainEntityOfPage": self.url,
        }
        if self.placement == "jsonld":
            data["datePublished"] = self.iso
        elif self.placement not in ("meta", "meta+text", "time"):
            # Text-only pages still carry JSON-LD, just without a date (common on small sites).
            data.pop("mainEntityOfPage")
        if self.rng.random() < 0.5:
            data["author"] = {"@type": "Person", "name": self.author}
        body = json.dumps(data, ensure_ascii=False)
        return f'<script type="application/ld+json">{body}</script>'

    # -- pieces --------------------------------------------------------------------------

    def date_html(self) -> str:
        """The visible date for this placement ('' when it is meta/JSON-LD only)."""
        if self.placement == "time":
            return (
                f'<time datetime="{self.iso}" class="published">{esc(self.date_text or "")}</time>'
            )
        if self.date_text:
            return f'<span class="date">{esc(self.date_text)}</span>'
        return ""

    def byline(self) -> str:
        date = self.date_html() if self.date_position == "byline" else ""
        who = self.rng.choice([f"بقلم: {self.author}", f"كتب {self.author}", self.author])
        sep = " | " if date else ""
        return f'<div class="byline"><span class="author">{esc(who)}</span>{sep}{date}</div>'

    def nav(self, cls: str = "main-nav") -> str:
        items = "".join(
            f'<li><a href="/{i}">{esc(s)}</a></li>' for i, s in enumerate(self.sections)
        )
        return f'<nav class="{cls}"><ul>{items}</ul></nav>'

    def crumbs(self) -> str:
        sep = self.rng.choice([" › ", " / ", " « "])
        parts = [
            f'<a href="/">{esc(self.sections[0])}</a>',
            f'<a href="/s">{esc(self.section)}</a>',
        ]
        return f'<div class="breadcrumb">{sep.join(parts)}</div>'

    def cookie(self, lang: str) -> str:
        self.cookie_langs.append(lang)
        text = self.rng.choice(COOKIE_AR if lang == "ar" else COOKIE_EN)
        ok, more = self.rng.choice(COOKIE_BUTTONS)
        return (
            f'<div class="consent-banner" id="gdpr" lang="{lang}"><p>{esc(text)}</p>'
            f'<button>{esc(ok)}</button> <a href="/privacy">{esc(more)}</a></div>'
        )

    def share(self) -> str:
        head, nets = self.rng.choice(SHARE)
        links = "".join(f'<li><a href="#">{esc(n)}</a></li>' for n in nets)
        return f'<div class="share-bar"><span>{esc(head)}</span><ul>{links}</ul></div>'

    def link_list(self, head: str, items: list[str], cls: str, dated: bool = False) -> str:
        lis = []
        for t in items:
            date = ""
            if dated:
                when = self.article.when - dt.timedelta(days=self.rng.randint(1, 20))
                date = f' <span class="date">{esc(printed_date("msa", when, self.rng))}</span>'
            lis.append(
                f'<li><a href="/news/{self.rng.randint(10000, 99999)}">{esc(t)}</a>{date}</li>'
            )
        return f'<div class="{cls}"><h3>{esc(head)}</h3><ul>{"".join(lis)}</ul></div>'

    def inline_related(self) -> str:
        items = self.related[:2]
        head = self.rng.choice(INLINE_RELATED)
        shape = self.rng.random()
        if shape < 0.35:
            return f'<aside class="inline-related"><strong>{esc(head)}:</strong> <a href="/n/1">{esc(items[0])}</a></aside>'
        if shape < 0.65:
            # A plain paragraph of the body holding the link, as CMS editors paste it.
            return f'<p><strong>{esc(head)}:</strong> <a href="/n/2">{esc(items[0])}</a></p>'
        return self.link_list(head, items, "inline-related")

    def after_related(self) -> str:
        return self.link_list(self.rng.choice(AFTER_RELATED), self.related[2:6], "related-posts")

    def most_read(self) -> str:
        return self.link_list(
            self.rng.choice(MOST_READ),
            self.related[6:11],
            "most-read",
            "sidebar-dates" in self.traps,
        )

    def comments(self) -> str:
        r = self.rng
        picked = r.sample(COMMENTS, 3)
        items = []
        for i, c in enumerate(picked):
            when = self.article.when + dt.timedelta(hours=5 + 7 * i)
            date = ""
            if "comment-dates" in self.traps:
                date = f'<span class="c-date">{esc(printed_date("numeric", when, r))}</span>'
            items.append(
                f'<li class="comment"><b>{esc(r.choice(AUTHORS[::-1]))}</b>{date}<p>{esc(c)}</p></li>'
            )
        head = r.choice(COMMENT_HEADS)
        form = (
            '<form><textarea placeholder="اكتب رأيك هنا"></textarea><button>إرسال</button></form>'
        )
        return f'<section id="comments" class="comments"><h3>{esc(head)} ({len(picked)})</h3><ol>{"".join(items)}</ol>{form}</section>'

    def newsletter(self) -> str:
        return f'<div class="newsletter"><p>{esc(self.rng.choice(NEWSLETTER))}</p><input type="email"><button>اشترك</button></div>'

    def tags(self) -> str:
        words = self.rng.sample(
            [w for w in self.article.title.split() if len(w) > 3] or ["أخبار"], k=1
        )
        return (
            f'<div class="tags"><span>{esc(self.rng.choice(TAG_HEADS))}</span> '
            + " ".join(
                f'<a href="/tag/{i}">{esc(w)}</a>' for i, w in enumerate([*words, self.section])
            )
            + "</div>"
        )

    def footer(self) -> str:
        note = self.rng.choice(FOOTER_NOTE).format(year=self.footer_year, site=self.site)
        links = " ".join(f'<a href="/p/{i}">{esc(x)}</a>' for i, x in enumerate(FOOTER_LINKS))
        return f'<footer class="site-footer"><div class="links">{links}</div><p>{esc(note)}</p></footer>'

    def figure(self) -> str:
        cap = self.rng.choice(CAPTIONS)
        credit = ""
        if self.rng.random() < 0.4:
            credit = f'<span class="credit">{esc(self.rng.choice(PHOTO_CREDITS))}</span>'
        return f'<figure><img src="/img/{self.article.docno}.jpg" alt=""><figcaption>{esc(cap)}</figcaption>{credit}</figure>'

    def author_bio(self) -> str:
        bio = self.rng.choice(AUTHOR_BIOS).format(author=self.author)
        return f'<div class="author-box"><img src="/a.png" alt=""><p>{esc(bio)}</p></div>'

    def disclaimer(self) -> str:
        return f'<p class="note"><em>{esc(self.rng.choice(DISCLAIMERS))}</em></p>'

    def updated_line(self) -> str:
        if "updated-line" not in self.traps:
            return ""
        return f'<div class="updated">آخر تحديث: {esc(printed_date("msa", self.modified, self.rng))}</div>'

    def paragraphs(self, tag: str = "p", inline: bool = True, ad: bool = False) -> str:
        """The article's paragraphs, with related links / an ad label between them."""
        paras = self.article.paragraphs
        out = []
        cut = min(len(paras) - 1, self.rng.randint(1, 3)) if len(paras) >= 3 else -1
        for i, p in enumerate(paras):
            if tag == "br":
                out.append(esc(p) + "<br><br>")
            else:
                out.append(f"<{tag}>{esc(p)}</{tag}>")
            if i == cut and inline:
                out.append(self.inline_related())
            if i == cut - 1 and ad:
                out.append(f'<div class="ad-slot">{esc(self.rng.choice(AD_LABELS))}</div>')
        return "\n".join(out)

    def date_at(self, position: str) -> str:
        if self.date_position != position or not (self.date_text or self.placement == "time"):
            return ""
        label = self.rng.choice(DATE_LABELS) if position != "byline" else ""
        inner = self.date_html()
        return (
            f'<div class="post-date">{esc(label)} {inner}</div>'
            if label
            else f'<div class="post-date">{inner}</div>'
        )


# ---------------------------------------------------------------------------------------
# 4. Templates: whole-page layouts
# ---------------------------------------------------------------------------------------


def t_portal(pg: Page) -> str:
    """Semantic HTML5 portal: header/nav, breadcrumbs, article, sidebar, footer."""
    r = pg.rng
    return f"""<!DOCTYPE html>
<html lang="ar" dir="rtl">
{pg.head()}
<body>
<header class="top"><a class="logo" href="/">{esc(pg.site)}</a>{pg.nav()}<form class="search"><input placeholder="ابحث في الموقع"></form></header>
{pg.cookie("ar")}
<main>
{pg.crumbs()}
<article class="story">
<header>
{pg.date_at("above-title")}
<h1 class="story-title">{esc(pg.article.title)}</h1>
{pg.date_at("under-title")}
{pg.byline()}
{pg.updated_line()}
</header>
{pg.share()}
{pg.figure() if r.random() < 0.6 else ""}
<div class="story-body">
{pg.paragraphs(ad=True)}
</div>
{pg.date_at("after-body")}
{pg.author_bio() if r.random() < 0.5 else ""}
{pg.tags()}
{pg.share()}
</article>
{pg.after_related()}
{pg.comments()}
</main>
<aside class="sidebar">{pg.most_read()}{pg.newsletter()}</aside>
{pg.footer()}
{pg.cookie("en") if r.random() < 0.4 else ""}
</body>
</html>"""


_SEMANTIC_TAG = re.compile(
    r"<(/?)(?:nav|aside|footer|section|header|figure|figcaption|article|main)\b"
)
_CLASS_OR_ID = re.compile(r'\b(class|id)="[^"]*"')


def t_divsoup(pg: Page) -> str:
    """Generated class names, no semantic tags, title in a div, body as <br>-separated text."""
    r = pg.rng
    c = lambda: f"c-{r.randint(0x1000, 0xFFFF):x}"  # noqa: E731 - local shorthand
    items = "".join(
        f'<div class="{c()}"><a href="/{i}">{esc(s)}</a></div>' for i, s in enumerate(pg.sections)
    )
    br = r.random() < 0.5
    body = pg.paragraphs(tag="br" if br else "div", inline=not br)
    page = f"""<body>
<div class="{c()}">{items}</div>
<div class="{c()}">{pg.cookie("en")}</div>
<div class="{c()}">
{pg.date_at("above-title")}
<div class="{c()} headline">{esc(pg.article.title)}</div>
{pg.date_at("under-title")}
{pg.byline()}
{pg.updated_line()}
<div class="{c()}">{body}</div>
{pg.date_at("after-body")}
<div class="{c()}">{pg.author_bio() if r.random() < 0.5 else ""}</div>
</div>
<div class="{c()}">{pg.after_related()}</div>
<div class="{c()}">{pg.most_read()}</div>
<div class="{c()}">{pg.footer()}</div>
</body>"""
    # A front-end build that renames every class and id and renders every block as a
    # <div>: extractors get no help from "footer", "related-posts" or <aside>.
    page = _SEMANTIC_TAG.sub(r"<\1div", page)
    page = _CLASS_OR_ID.sub(lambda m: f'{m.group(1)}="{c()}"', page)
    return f"""<!DOCTYPE html>
<html dir="rtl" lang="ar">
{pg.head()}
{page}
</html>"""


def t_blog(pg: Page) -> str:
    """WordPress-like: entry-content, post-meta, widgets, a long comment thread."""
    r = pg.rng
    return f"""<!DOCTYPE html>
<html dir="rtl" lang="ar-SA">
{pg.head()}
<body class="single single-post">
<div id="page" class="site">
<header id="masthead"><p class="site-title"><a href="/">{esc(pg.site)}</a></p>{pg.nav("menu-primary")}</header>
<div id="content" class="site-content">
<div id="primary" class="content-area">
<article class="post type-post hentry">
<header class="entry-header">
{pg.date_at("above-title")}
<h1 class="entry-title">{esc(pg.article.title)}</h1>
<div class="entry-meta">{pg.byline()} {pg.date_at("under-title")}</div>
{pg.updated_line()}
</header>
<div class="entry-content">
{pg.figure() if r.random() < 0.5 else ""}
{pg.paragraphs()}
{pg.disclaimer() if r.random() < 0.5 else ""}
{pg.date_at("after-body")}
</div>
<footer class="entry-footer">{pg.author_bio() if r.random() < 0.5 else ""}{pg.tags()}{pg.share()}</footer>
</article>
<nav class="post-navigation"><a href="/prev">&rarr; المقال السابق</a> <a href="/next">المقال التالي &larr;</a></nav>
{pg.comments()}
</div>
<aside id="secondary" class="widget-area">{pg.most_read()}{pg.newsletter()}</aside>
</div>
{pg.footer()}
</div>
{pg.cookie("ar")}
</body>
</html>"""


def t_legacy(pg: Page) -> str:
    """Table layout of an old Arabic news site: <td> columns, <font>, a ticker, Arabic cookie note."""
    r = pg.rng
    ticker = " ♦ ".join(esc(t) for t in pg.related[6:9])
    return f"""<html dir="rtl">
{pg.head()}
<body bgcolor="#ffffff">
<table width="100%"><tr><td class="logo"><h1><font size="5">{esc(pg.site)}</font></h1></td>
<td>{" | ".join(f'<a href="/{i}">{esc(s)}</a>' for i, s in enumerate(pg.sections))}</td></tr></table>
<table width="100%"><tr><td><marquee><b>{esc(r.choice(TICKER))}:</b> {ticker}</marquee></td></tr></table>
<table width="100%"><tr>
<td width="25%" valign="top">{pg.most_read()}</td>
<td width="75%" valign="top">
{pg.crumbs()}
{pg.date_at("above-title")}
<h2><font color="#990000">{esc(pg.article.title)}</font></h2>
{pg.date_at("under-title")}
{pg.byline()}
{pg.updated_line()}
<div class="text">{pg.paragraphs(ad=True)}</div>
{pg.disclaimer() if r.random() < 0.5 else ""}
{pg.date_at("after-body")}
{pg.after_related()}
</td></tr></table>
{pg.cookie("ar")}
<table width="100%"><tr><td align="center">{pg.footer()}</td></tr></table>
</body>
</html>"""


def t_broadcaster(pg: Page) -> str:
    """TV channel site: live ticker, video block, follow prompts, bilingual consent."""
    r = pg.rng
    follow = '<div class="follow"><span>تابعونا على منصاتنا</span> <a href="#">يوتيوب</a> <a href="#">إنستغرام</a> <a href="#">تيك توك</a></div>'
    return f"""<!DOCTYPE html>
<html lang="ar" dir="rtl">
{pg.head()}
<body>
{pg.cookie("en")}
{pg.cookie("ar")}
<header><div class="brand">{esc(pg.site)}</div>{pg.nav()}<a class="live" href="/live">البث المباشر</a></header>
<div class="ticker"><b>{esc(r.choice(TICKER))}</b> <span>{esc(pg.related[6])}</span></div>
<main class="article-page">
{pg.crumbs()}
<div class="video-block"><div class="player">مشاهدة الفيديو</div><span class="duration">02:45</span></div>
{pg.date_at("above-title")}
<span class="kicker">{esc(r.choice(["فيديو", "تقرير", "خاص"]))}</span>
<h1>{esc(pg.article.title)}</h1>
{pg.date_at("under-title")}
{pg.byline()}
{pg.updated_line()}
{pg.share()}
<section class="article-text">
{pg.paragraphs(ad=True)}
{pg.disclaimer() if r.random() < 0.3 else ""}
</section>
{pg.date_at("after-body")}
{follow}
{pg.after_related()}
{pg.newsletter()}
</main>
<aside>{pg.most_read()}</aside>
{pg.footer()}
</body>
</html>"""


def t_amp(pg: Page) -> str:
    """AMP-style mobile page: minimal markup, amp-img, a sticky bottom consent."""
    r = pg.rng
    fig = f'<amp-img src="/i/{pg.article.docno}.jpg" width="600" height="400" layout="responsive"></amp-img><p class="caption">{esc(r.choice(CAPTIONS))}</p>'
    return f"""<!doctype html>
<html amp lang="ar" dir="rtl">
{pg.head('<script async src="https://cdn.ampproject.org/v0.js"></script>')}
<body>
<header class="amp-header"><a href="/">{esc(pg.site)}</a> <button on="tap:sidebar.toggle">القائمة</button></header>
<amp-sidebar id="sidebar" layout="nodisplay">{pg.nav()}</amp-sidebar>
<div class="amp-article">
{pg.date_at("above-title")}
<h1 class="amp-title">{esc(pg.article.title)}</h1>
{pg.date_at("under-title")}
{pg.byline()}
{pg.updated_line()}
{fig}
<div class="amp-body">{pg.paragraphs()}</div>
{pg.date_at("after-body")}
{pg.share()}
{pg.after_related()}
</div>
{pg.footer()}
<amp-consent id="consent" layout="nodisplay">{pg.cookie("en")}</amp-consent>
</body>
</html>"""


TEMPLATES: dict[str, Callable[[Page], str]] = {
    "portal": t_portal,
    "divsoup": t_divsoup,
    "blog": t_blog,
    "legacy": t_legacy,
    "broadcaster": t_broadcaster,
    "amp": t_amp,
}
POSITIONS = ("byline", "under-title", "above-title", "after-body")


# ---------------------------------------------------------------------------------------
# 5. Build
# ---------------------------------------------------------------------------------------


def plan(article: Article, i: int, rng: random.Random, related: list[str]) -> tuple[Page, str]:
    """Choose template, date placement and traps for the i-th page. Placements cycle every
    10 pages and the template shifts by one each cycle, so 60 pages hold all 60 pairs."""
    template_names = list(TEMPLATES)
    placement = PLACEMENTS[i % len(PLACEMENTS)]
    template = template_names[(i + i // len(PLACEMENTS)) % len(template_names)]
    site_index = rng.randrange(len(SITES))
    site, domain = SITES[site_index]
    fmt = None
    if placement.startswith("text-"):
        fmt = placement[5:]
    elif placement in ("time", "meta+text"):
        fmt = rng.choice(["msa", "levant", "indic"])
    date_text = printed_date(fmt, article.when, rng) if fmt else None
    position = None
    if date_text:
        # A byline holding the date is the most common place; after the body the rarest.
        position = rng.choices(POSITIONS, weights=(4, 3, 2, 1))[0]
    traps = [
        t
        for t in ("modified", "updated-line", "sidebar-dates", "comment-dates")
        if rng.random() < 0.3
    ]
    if placement.startswith("text-") or placement == "time":
        traps = [t for t in traps if t != "modified"]  # a modified meta would be a meta date
    # The © year of the footer: most sites print the current year, some the article's.
    footer_year = rng.choice([2019, 2021, 2023, 2024, 2025, article.when.year])
    page = Page(
        article=article,
        site=site,
        domain=domain,
        url=f"https://{domain}/news/{article.docno.lower()}",
        author=rng.choice(AUTHORS),
        section=rng.choice(["سياسة", "اقتصاد", "رياضة", "منوعات", "عالم", "تكنولوجيا"]),
        placement=placement,
        date_format=fmt,
        date_text=date_text,
        date_position=position,
        footer_year=footer_year,
        traps=traps,
        related=related,
        rng=rng,
        sections=SECTIONS[site_index % len(SECTIONS)],
    )
    return page, template


def gold_of(pg: Page, template: str, page_id: str) -> dict[str, Any]:
    return {
        "id": page_id,
        "file": f"{page_id}.html",
        "url": pg.url,
        "template": template,
        "placement": pg.placement,
        "date_format": pg.date_format,
        "date_text": pg.date_text,
        "date_position": pg.date_position,
        "traps": pg.traps,
        "footer_year": pg.footer_year,
        "cookie_langs": sorted(set(pg.cookie_langs)),
        "title": pg.article.title,
        "published": pg.article.when.date().isoformat(),
        "body_paragraphs": pg.article.paragraphs,
        "source": pg.article.source,
        "docno": pg.article.docno,
    }


def build(
    data_dir: Path,
    out_dir: Path,
    n: int = 120,
    seed: int = 11,
    articles: list[Article] | None = None,
    stride: int = 1,
) -> list[dict[str, Any]]:
    """Write ``n`` pages and golds to ``out_dir``; returns the golds."""
    if articles is None:
        articles = load_articles(data_dir, stride)
    rng = random.Random(seed)
    chosen = pick(articles, n, rng)
    titles: dict[str, list[str]] = defaultdict(list)
    for a in articles:
        titles[a.source].append(a.title)
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in [*out_dir.glob("*.html"), *out_dir.glob("*.gold.json")]:
        old.unlink()  # a smaller rerun must not leave pages of a bigger one behind
    golds = []
    for i, article in enumerate(chosen):
        page_rng = random.Random(f"{seed}:{i}:{article.docno}")
        pool = [t for t in titles[article.source] if t != article.title]
        related = page_rng.sample(pool, min(11, len(pool)))
        while len(related) < 11:
            related.append(page_rng.choice(["تقرير خاص", "ملف اليوم", "حوار الأسبوع"]))
        pg, template = plan(article, i, page_rng, related)
        page_id = f"{i + 1:03d}"
        markup = TEMPLATES[template](pg)
        (out_dir / f"{page_id}.html").write_text(markup, encoding="utf-8")
        gold = gold_of(pg, template, page_id)
        (out_dir / f"{page_id}.gold.json").write_text(
            json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        golds.append(gold)
    return golds


def refuse_inside_repo(out: Path) -> None:
    """Article text is the outlets' copyright: never write it where git could pick it up."""
    out = out.resolve()
    if out == REPO or REPO in out.parents:
        raise ValueError(f"{out} is inside the repository; article text must not enter it")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="shared data directory")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output (outside the repo)")
    parser.add_argument("--n", type=int, default=120, help="number of pages")
    parser.add_argument("--seed", type=int, default=11, help="RNG seed (same seed, same pages)")
    parser.add_argument("--stride", type=int, default=1, help="read every k-th corpus record")
    args = parser.parse_args(argv)
    try:
        refuse_inside_repo(args.out)
    except ValueError as exc:
        parser.error(str(exc))
    if not (args.data / "news" / "ant").is_dir():
        parser.error(f"no ANT corpus under {args.data / 'news' / 'ant'}")
    golds = build(args.data, args.out.resolve(), args.n, args.seed, stride=args.stride)
    count = Counter(g["template"] for g in golds)
    print(
        f"wrote {len(golds)} pages to {args.out.resolve()}; templates "
        + ", ".join(f"{k} {v}" for k, v in sorted(count.items()))
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
