"""The plain-text article stage: web pages saved as text, with their site furniture.

Steps (the numbered comments in :meth:`PlainTextExtractor.process` follow them):

1. Split the page into lines and let :class:`BoilerplateClassifier` score each one.
2. Mark date lines (a date with little else: ``13 نوفمبر، 2022``, ``نشر في: …``) and
   bylines (``بقلم: …``).
3. Find the body: from the first to the last line of clean running prose (prose that no
   furniture cue speaks for), starting after the header's date line when there is one;
   furniture inside it (an ``اقرأ أيضاً`` list, a share prompt) is taken out.
4. The title is the headline-like line above the body; the publication date is the
   first date line outside the body.
5. The byline gives the author; the dateline (``بغداد/المسلة:``, on the lead or on a line of
   its own) is cut from the first paragraph into ``dateline``.
6. Everything that is neither title, date, author, dateline nor body goes to
   ``boilerplate`` with a kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rasd.arabic.dates import DateMatch, find_dates
from rasd.arabic.normalize import normalize
from rasd.document import Boilerplate, Dateline, Document
from rasd.extract.boilerplate import BoilerplateClassifier, LineVerdict
from rasd.extract.dateline import DatelineMatch, find_dateline

# Words that may stand beside a date on a date line (search form).
# fmt: off
_DATE_LINE_WORDS = frozenset((
    "نشر", "في", "بتاريخ", "تاريخ", "النشر", "اخر", "تحديث", "تم", "التحديث", "محدث", "الموافق",
    "الساعه", "منذ", "يوم", "ص", "م", "مساء", "صباحا", "بتوقيت", "غرينتش", "جرينتش", "مكه", "المكرمه",
    "published", "updated", "posted", "on", "last", "modified", "le", "mis", "a", "jour", "à", "gmt", "utc", "am", "pm",
))
# fmt: on
_HIJRI = re.compile(
    r"(محرم|صفر|ربيع|جمادي|رجب|شعبان|رمضان|شوال|ذو|ذي|القعده|الحجه|الاول|الاخر|الثاني|الاولي|الاخره|الثانيه|هـ|ه)"
)
_UPDATED = re.compile(r"تحديث|updated|modified|mis à jour", re.IGNORECASE)
_TIME = re.compile(r"\d{1,2}[:.]\d{2}(?:[:.]\d{2})?")
_AUTHOR = re.compile(
    r"^\s*(?:بقلم|كتب|كتبت|كتبه|الكاتب|الكاتبة|بواسطة|إعداد|اعداد|تحرير|تقرير|by|par)(?![\w])"
    r"\s*[:：\-–]?\s*(?P<name>[^\n:]{2,60}?)\s*$",
    re.IGNORECASE,
)
_PARTS = re.compile(r"\s+[|•·]\s+")
_SENTENCE_END = re.compile(r"[.!?؟…]\s*[»”\")]?\s*$")
_RELATED_ITEM_MAX_WORDS = 18
# Lexicon evidence this strong keeps a line out of the body window even if it reads as prose.
_STRONG_CUE = 3.0


@dataclass(slots=True)
class _Line:
    index: int
    text: str
    verdict: LineVerdict
    date: DateMatch | None = None
    author: str | None = None
    foreign: bool = False  # a Latin-script line in an Arabic page
    role: str = ""  # title | date | author | dateline | body
    kind: str | None = None  # boilerplate kind decided from context (related-list items)

    @property
    def furniture(self) -> bool:
        return self.verdict.kind is not None

    @property
    def special(self) -> bool:
        """A date line or a byline: header material, never body."""
        return self.date is not None or self.author is not None


class PlainTextExtractor:
    """Stage: ``raw`` → ``text``, ``title``, ``published``, ``dateline``, ``author``, ``boilerplate``."""

    name = "extract"
    requires = frozenset({"raw"})
    provides = frozenset({"text", "title", "published", "dateline", "author", "boilerplate"})

    def __init__(self, classifier: BoilerplateClassifier | None = None) -> None:
        self.classifier = classifier or BoilerplateClassifier()

    def process(self, doc: Document) -> Document:
        # Pre-extracted records carry the title outside the text.
        raw = doc.raw
        page = raw.split("\n\n", 1)[1] if doc.preextracted and "\n\n" in raw else raw
        arabic = _arabic_share(page) >= 0.3
        # 1. Lines and their verdicts.
        lines = [
            _Line(i, t.strip(), self.classifier.classify(t, arabic_document=arabic))
            for i, t in enumerate(page.split("\n"))
            if t.strip()
        ]
        for line in lines:
            line.foreign = arabic and line.verdict.latin
        if not lines:
            doc.text = ""
            return doc
        # 2. Date lines and bylines.
        for line in lines:
            # A byline often carries the date too: "بقلم: سامر الخطيب | ١٣ تشرين الثاني ٢٠٢٢".
            parts = _PARTS.split(line.text) if len(line.text) <= 160 else [line.text]
            line.date = next((d for d in map(date_line, parts) if d is not None), None)
            for part in parts:
                author = _AUTHOR.match(part)
                if author and len(author.group("name").split()) <= 5 and not line.furniture:
                    line.author = author.group("name").strip()
                    break
        # 3. The body window.
        first, last = _body_window(lines, preextracted=doc.preextracted)
        # 4. Title and publication date.
        if not doc.preextracted:
            title_line = _title(lines, first)
            if title_line is None and first < last and _headline_like(lines[first]):
                # No headline above the body: the first line is the headline.
                title_line = lines[first]
                first += 1
            if title_line is not None:
                title_line.role = "title"
                doc.title = title_line.text
        published_line = _published(lines, first, last)
        if published_line is not None and published_line.date is not None:
            published_line.role = "date"
            if doc.published is None:
                doc.published = published_line.date.iso
                doc.published_from = "date-line"
        body = _body_lines(lines, first, last)
        # 5. Byline, then dateline (a byline names the author more reliably).
        for line in lines:
            if line.author and line.role in ("", "date") and not doc.author:
                line.role = line.role or "author"
                doc.author = line.author
        found = _own_line_dateline(lines, first)
        if found is None and body:
            found = find_dateline(body[0].text)
            if found is not None:
                rest = body[0].text[found.length :].strip()
                if rest:
                    body[0].text = rest
                else:
                    body.pop(0)
        if found is not None:
            doc.dateline = Dateline(place=found.place, outlet=found.outlet, text=found.text)
            if found.author and not doc.author:
                doc.author = found.author
        # 6. Whatever is left is furniture.
        doc.text = "\n\n".join(line.text for line in body)
        doc.boilerplate = [
            Boilerplate(
                text=line.text,
                kind=line.kind
                or line.verdict.kind
                or line.verdict.cue_kind
                or _position_kind(line, position, first),
                line=line.index,
                score=round(line.verdict.score, 2),
            )
            for position, line in enumerate(lines)
            if not line.role
        ]
        return doc


def _arabic_share(text: str) -> float:
    letters = [c for c in text[:20000] if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if "\u0600" <= c <= "\u06ff") / len(letters)


def date_line(text: str) -> DateMatch | None:
    """A date that is (nearly) all the line says (and not a sentence that ends in one)."""
    if len(text) > 120 or text.rstrip().endswith((".", "؟", "!")):
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
    """Clean running prose: reads as sentences and no furniture cue speaks for it."""
    v = line.verdict
    if line.furniture or line.special or line.foreign:
        return False
    # A strong furniture cue outweighs prose evidence, except in a long paragraph: an
    # article about data protection may say "حماية البيانات" in 60 words of running text.
    if v.cue >= _STRONG_CUE and not (v.prose and v.words >= 25):
        return False
    return v.prose or (v.words >= 8 and bool(_SENTENCE_END.search(line.text))) or v.words >= 20


def _body_window(lines: list[_Line], *, preextracted: bool) -> tuple[int, int]:
    if preextracted:
        # The record's text is the body: only trim furniture from its edges.
        content = [i for i, line in enumerate(lines) if not line.furniture and not line.date]
        return (content[0], content[-1]) if content else (0, -1)
    prose = [i for i, line in enumerate(lines) if _is_prose(line)]
    if not prose:
        # No running prose (a very short item): everything that is not furniture, after
        # the first such line (the headline).
        content = [i for i, line in enumerate(lines) if not line.furniture and not line.special]
        if not content:
            return 0, -1
        return (content[1], content[-1]) if len(content) > 1 else (content[0], content[0])
    # A date line in the header anchors the body's start: a headline that reads like a
    # sentence ("هل تزيد مواقع التواصل من سعادة الإنسان؟") stays above it.
    header_date = next((i for i, line in enumerate(lines) if line.date), None)
    if header_date is not None:
        before = [i for i in prose if i < header_date]
        after = [i for i in prose if i > header_date]
        if after and len(before) <= 1:
            prose = after
    first, last = prose[0], prose[-1]
    # A dateline marks the lead: short lines above it in the window (a headline ending in
    # "!" or "؟") belong to the header.
    for k in range(first, min(first + 3, last + 1)):
        if k > first and find_dateline(lines[k].text) is not None:
            if all(lines[j].verdict.words <= 20 for j in range(first, k)):
                first = k
            break
    # A short lead or a sub-heading may sit just above the first prose line: extend
    # upwards over plain Arabic lines that end a sentence, never over furniture, dates,
    # bylines or a headline.
    while first > 0:
        prev = lines[first - 1]
        if not _plain_sentence(prev) or (header_date is not None and first - 1 <= header_date):
            break
        first -= 1
    # A short closing paragraph that ends a sentence is body; a sign-off is not.
    while (
        last + 1 < len(lines)
        and _plain_sentence(lines[last + 1])
        and lines[last + 1].verdict.words >= 4
    ):
        last += 1
    return first, last


def _plain_sentence(line: _Line) -> bool:
    v = line.verdict
    return (
        not line.furniture
        and not line.special
        and not line.foreign
        and v.cue < 2.0
        and bool(_SENTENCE_END.search(line.text))
    )


def _headline_like(line: _Line) -> bool:
    v = line.verdict
    # Headlines name social networks often ("أوغندا تفرض ضريبة على فيسبوك"): weak cues pass.
    return (
        not line.furniture
        and not line.special
        and v.cue < _STRONG_CUE
        and 2 <= v.words <= 30
        and not line.foreign
        and not (line.text.endswith(".") and not line.text.endswith(".."))
    )


def _title(lines: list[_Line], first: int) -> _Line | None:
    """The headline above the body: section labels and kickers are short, so the first
    candidate of four or more words wins, else the longest candidate."""
    candidates = [
        line
        for line in lines[:first]
        if _headline_like(line) and find_dateline(line.text, own_line=True) is None
    ]
    if not candidates:
        return None
    for line in candidates:
        if line.verdict.words >= 4:
            return line
    return max(candidates, key=lambda line: line.verdict.words)


def _published(lines: list[_Line], first: int, last: int) -> _Line | None:
    dated = [line for line in lines if line.date and not line.role]
    if not dated:
        return None
    outside = [line for i, line in enumerate(lines) if line in dated and not (first <= i <= last)]
    candidates = outside or dated
    # A publication line beats a "last updated" one.
    for line in candidates:
        if not _UPDATED.search(normalize(line.text)):
            return line
    return candidates[0]


def _own_line_dateline(lines: list[_Line], first: int) -> DatelineMatch | None:
    """A dateline printed alone just above the lead (``نواكشوط - الأخبار``)."""
    i = first - 1
    while i >= 0 and lines[i].role in ("date", "author"):
        i -= 1
    if i < 0 or lines[i].role or lines[i].verdict.words > 6:
        return None
    found = find_dateline(lines[i].text, own_line=True)
    if found is not None:
        lines[i].role = "dateline"
    return found


def _body_lines(lines: list[_Line], first: int, last: int) -> list[_Line]:
    body: list[_Line] = []
    in_related = False
    for line in lines[first : last + 1]:
        if line.role:
            continue
        if line.verdict.kind == "related" or (
            line.verdict.cue_kind == "related" and not _is_prose(line)
        ):
            in_related = True
            continue
        if in_related:
            # Items of a related list are headlines: short and without final punctuation.
            if line.verdict.words <= _RELATED_ITEM_MAX_WORDS and not _SENTENCE_END.search(
                line.text
            ):
                line.kind = "related"
                continue
            in_related = False
        if line.furniture or line.date or (line.author and line.verdict.words <= 6):
            continue
        line.role = "body"
        body.append(line)
    return body


def _position_kind(line: _Line, position: int, first: int) -> str:
    """Kind of furniture no cue named, by where it stands."""
    if line.date:
        return "date"
    if position < first:
        # Short labels above the headline are sections of the site's navigation.
        return "nav" if line.verdict.words <= 4 else "header"
    return "footer"
