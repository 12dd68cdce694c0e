"""The plain-text article stage: web pages saved as text, with their site furniture.

Steps (the numbered comments in :meth:`PlainTextExtractor.process` follow them):

1. Split the page into lines and let :class:`BoilerplateClassifier` score each one.
2. Mark date lines (a date with little else: ``13 نوفمبر، 2022``, ``نشر في: …``) and
   author lines (``بقلم: …``).
3. Find the body: from the first to the last line of running prose, with furniture
   inside it (an ``اقرأ أيضاً`` list, a share prompt) taken out.
4. The title is the first headline-like line above the body; the publication date is the
   first date line outside the body.
5. The dateline (``بغداد/المسلة:``) is cut from the first paragraph into ``dateline``.
6. Everything that is neither title, date, author nor body goes to ``boilerplate`` with a kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rasd.arabic.dates import DateMatch, find_dates
from rasd.arabic.normalize import normalize
from rasd.document import Boilerplate, Dateline, Document
from rasd.extract.boilerplate import BoilerplateClassifier, LineVerdict
from rasd.extract.dateline import find_dateline

# Words that may stand beside a date on a date line (search form).
_DATE_LINE_WORDS = frozenset(
    [
        "نشر",
        "في",
        "بتاريخ",
        "تاريخ",
        "النشر",
        "اخر",
        "تحديث",
        "تم",
        "التحديث",
        "محدث",
        "نشر",
        "الموافق",
        "الساعه",
        "منذ",
        "يوم",
        "ص",
        "م",
        "published",
        "updated",
        "posted",
        "on",
        "last",
        "modified",
        "le",
        "mis",
        "a",
        "jour",
        "à",
        "gmt",
        "utc",
        "am",
        "pm",
    ]
)
_HIJRI = re.compile(
    r"(محرم|صفر|ربيع|جمادي|رجب|شعبان|رمضان|شوال|ذو|ذي|القعده|الحجه|الاول|الاخر|الثاني|الاولي|الاخره|الثانيه|هـ|ه)"
)
_TIME = re.compile(r"\d{1,2}[:.]\d{2}(?:[:.]\d{2})?")
_AUTHOR = re.compile(
    r"^\s*(?:بقلم|كتب|كتبت|كتبه|إعداد|اعداد|تحرير|تقرير|by|par)\s*[:：\-–]?\s*(?P<name>[^\n:]{2,60}?)\s*$",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?؟…]\s*[»”\")]?\s*$")
_RELATED_ITEM_MAX_WORDS = 18


@dataclass(slots=True)
class _Line:
    index: int
    text: str
    verdict: LineVerdict
    date: DateMatch | None = None
    author: str | None = None
    role: str = ""  # title | date | author | body | boilerplate kind
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def furniture(self) -> bool:
        return self.verdict.kind is not None


class PlainTextExtractor:
    """Stage: ``raw`` → ``text``, ``title``, ``published``, ``dateline``, ``author``, ``boilerplate``."""

    name = "extract"
    requires = frozenset({"raw"})
    provides = frozenset({"text", "title", "published", "dateline", "author", "boilerplate"})

    def __init__(self, classifier: BoilerplateClassifier | None = None) -> None:
        self.classifier = classifier or BoilerplateClassifier()

    def process(self, doc: Document) -> Document:
        raw = doc.raw
        # Pre-extracted records carry the title outside the text.
        body_raw = raw.split("\n\n", 1)[1] if doc.preextracted and "\n\n" in raw else raw
        arabic = _arabic_share(body_raw) >= 0.3
        # 1. Lines and their verdicts.
        lines = [
            _Line(i, t.strip(), self.classifier.classify(t, arabic_document=arabic))
            for i, t in enumerate(body_raw.split("\n"))
            if t.strip()
        ]
        if not lines:
            doc.text = ""
            return doc
        # 2. Date and author lines.
        for line in lines:
            line.date = _date_line(line.text)
            author = _AUTHOR.match(line.text)
            if author and len(author.group("name").split()) <= 5:
                line.author = author.group("name").strip()
        # 3. The body window.
        first, last = _body_window(lines, preextracted=doc.preextracted)
        # 4. Title and date from the lines around it.
        title_line = None
        if not doc.preextracted:
            title_line = _title(lines[:first])
            if title_line is None and first < len(lines) - 1 and _headline_like(lines[first]):
                title_line = lines[first]
                first += 1
                while first <= last and lines[first].date:
                    first += 1
        if title_line is not None:
            title_line.role = "title"
            doc.title = title_line.text
        date_line = _published(lines, first, last)
        if date_line is not None and doc.published is None:
            date_line.role = "date"
            assert date_line.date is not None
            doc.published = date_line.date.iso
            doc.published_from = "date-line"
        elif date_line is not None:
            date_line.role = "date"
        # Body lines, with furniture inside the window removed.
        body = _body_lines(lines, first, last)
        # 5. Byline, then dateline (a byline names the author more reliably).
        for line in lines:
            if line.author and not line.role and not doc.author:
                line.role = "author"
                doc.author = line.author
        if body:
            found = find_dateline(body[0].text)
            if found is not None:
                doc.dateline = Dateline(place=found.place, outlet=found.outlet, text=found.text)
                if found.author and not doc.author:
                    doc.author = found.author
                rest = body[0].text[found.length :].strip()
                if rest:
                    body[0].text = rest
                else:
                    body.pop(0)
        # 6. Whatever is left is furniture.
        doc.text = "\n\n".join(line.text for line in body)
        doc.boilerplate = [
            Boilerplate(
                text=line.text,
                kind=line.verdict.kind or _position_kind(line, first, last),
                line=line.index,
                score=round(line.verdict.score, 2),
            )
            for line in lines
            if not line.role
        ]
        return doc


def _arabic_share(text: str) -> float:
    letters = [c for c in text[:20000] if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if "\u0600" <= c <= "\u06ff") / len(letters)


def _date_line(text: str) -> DateMatch | None:
    """A date that is (nearly) all the line says."""
    if len(text) > 120:
        return None
    dates = find_dates(text)
    if not dates:
        return None
    rest = text
    for d in reversed(dates):
        rest = rest[: d.start] + " " + rest[d.end :]
    rest = _TIME.sub(" ", normalize(rest))
    leftover = [
        w
        for w in re.findall(r"[^\W\d_]+", rest)
        if w not in _DATE_LINE_WORDS and not _HIJRI.fullmatch(w)
    ]
    if len(leftover) > 2:
        return None
    return next((d for d in dates if d.precision == "day"), None)


def _is_prose(line: _Line) -> bool:
    if line.furniture or line.date or line.author:
        return False
    v = line.verdict
    return v.prose or (v.words >= 8 and bool(_SENTENCE_END.search(line.text))) or v.words >= 20


def _body_window(lines: list[_Line], *, preextracted: bool) -> tuple[int, int]:
    prose = [i for i, line in enumerate(lines) if _is_prose(line)]
    if preextracted:
        # The record's text is the body: only trim furniture from its edges.
        content = [i for i, line in enumerate(lines) if not line.furniture and not line.date]
        return (content[0], content[-1]) if content else (0, -1)
    if not prose:
        # No running prose (a very short item): everything that is not furniture.
        content = [
            i
            for i, line in enumerate(lines)
            if not line.furniture and not line.date and not line.author
        ]
        if not content:
            return 0, -1
        return (content[1], content[-1]) if len(content) > 1 else (content[0], content[0])
    first, last = prose[0], prose[-1]
    # A lead paragraph may be short ("بغداد/المسلة: …" of one clause) or a sub-heading may
    # sit above the first prose line: extend upwards over plain Arabic lines that end a
    # sentence, never over furniture, dates or a headline.
    while first > 0:
        prev = lines[first - 1]
        if (
            prev.furniture
            or prev.date
            or prev.author
            or not _SENTENCE_END.search(prev.text)
            or prev.verdict.latin
        ):
            break
        first -= 1
    # Short closing lines of the article ("(انتهى)", a sign-off) are not body; but a
    # short final paragraph that ends a sentence is.
    while last + 1 < len(lines):
        nxt = lines[last + 1]
        if (
            nxt.furniture
            or nxt.date
            or nxt.verdict.latin
            or not _SENTENCE_END.search(nxt.text)
            or nxt.verdict.words < 4
        ):
            break
        last += 1
    return first, last


def _headline_like(line: _Line) -> bool:
    return (
        not line.furniture
        and not line.date
        and not line.author
        and 2 <= line.verdict.words <= 30
        and not line.verdict.latin
        and not (line.text.endswith(".") and not line.text.endswith(".."))
    )


def _title(header: list[_Line]) -> _Line | None:
    for line in header:
        if _headline_like(line):
            return line
    return None


def _published(lines: list[_Line], first: int, last: int) -> _Line | None:
    outside = [line for i, line in enumerate(lines) if line.date and not (first <= i <= last)]
    if not outside:
        return None
    # A publication line beats a "last updated" one.
    for line in outside:
        if not re.search(r"تحديث|updated|modified|mis à jour", normalize(line.text)):
            return line
    return outside[0]


def _body_lines(lines: list[_Line], first: int, last: int) -> list[_Line]:
    body: list[_Line] = []
    in_related = False
    for line in lines[first : last + 1]:
        if line.role:
            continue
        if line.verdict.kind == "related":
            in_related = True
            continue
        if in_related:
            # Items of a related list are headlines: short and without final punctuation.
            if line.verdict.words <= _RELATED_ITEM_MAX_WORDS and not _SENTENCE_END.search(
                line.text
            ):
                line.extra["kind"] = "related"
                continue
            in_related = False
        if line.furniture or line.date or (line.author and line.verdict.words <= 6):
            continue
        line.role = "body"
        body.append(line)
    return body


def _position_kind(line: _Line, first: int, last: int) -> str:
    if "kind" in line.extra:
        return line.extra["kind"]
    if line.date:
        return "date"
    if line.index < first:
        return "header"
    return "footer"
