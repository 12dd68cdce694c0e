"""The HTML article stage: trafilatura for the main text and metadata, rasd's Arabic
layers on top.

Steps (numbered in :meth:`HtmlExtractor.process`):

1. Parse the page (lxml). A page that does not parse is dropped with the reason.
2. trafilatura extracts the main text, title, author, site name, categories, canonical URL.
3. The page's visible text is read line by line; lines above the article body are the
   header zone, where bylines (``بقلم: …``) and date lines (``١٣ تشرين الثاني/نوفمبر ٢٠٢٢``)
   live in Arabic pages.
4. Title, header lines and the extracted body are handed to :class:`PlainTextExtractor`,
   which finds the dateline and byline and moves furniture that survived extraction
   (cookie text, ``اقرأ أيضاً`` lists) to ``boilerplate``.
5. The publication date is chosen by evidence, strongest first: machine-readable metadata
   (``article:published_time``, ``<time datetime>``, JSON-LD ``datePublished``), an Arabic
   date line in the header zone, a date line elsewhere on the page, then htmldate's guess —
   unless that guess is only the footer's © year (htmldate falls back to ``YYYY-01-01``),
   which is rejected and recorded in ``meta``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import lxml.html
import trafilatura
from lxml import etree

from rasd.arabic.dates import DateMatch
from rasd.arabic.normalize import normalize
from rasd.document import Document
from rasd.extract.plaintext import PlainTextExtractor, date_line
from rasd.pipeline import Drop

_BLOCK_TAGS = (
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "header", "footer", "section",
    "article", "aside", "nav", "time", "address", "figcaption", "td", "tr", "table", "br", "blockquote",
    "span",
)  # fmt: skip
_META_DATE_KEYS = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "publishdate",
    "pubdate",
    "date",
    "dc.date",
    "dc.date.issued",
    "sailthru.date",
    "parsely-pub-date",
)
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_UPDATED = re.compile(r"تحديث|محدث|updated|modified|mis à jour", re.IGNORECASE)
_COPYRIGHT_YEAR = re.compile(
    r"(?:©|&copy;|\(c\)|copyright|جميع الحقوق)\D{0,40}(\d{4})", re.IGNORECASE
)
_PARSER = lxml.html.HTMLParser(remove_comments=True, remove_pis=True)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_PRUNE_XPATH = (
    "//script|//style|//noscript|//template|//svg|//li|//aside|//nav|//footer|//marquee"
    "|//*[contains(@class,'comment') or contains(@id,'comment') or contains(@class,'sidebar')"
    " or contains(@class,'related') or contains(@class,'most-read')]"
)
_BYLINE = re.compile(
    r"^\s*(بقلم|كتب|كتبت|الكاتب|الكاتبة|بواسطة|by)\s*[:：]?\s*[^\W\d_]{2,}", re.IGNORECASE
)
_TITLE_SEPARATOR = re.compile(r"\s+[|–—\-:»]\s+")
# Header-zone lines worth handing to the line extractor (bylines and date lines are short).
_MAX_HEADER_LINES = 40


class HtmlExtractor:
    """Stage: HTML ``raw`` → ``text``, ``title``, ``published``, ``dateline``, ``author``, ``boilerplate``."""

    name = "extract-html"
    requires = frozenset({"raw"})
    provides = frozenset({"text", "title", "published", "dateline", "author", "boilerplate"})

    def __init__(self, lines: PlainTextExtractor | None = None) -> None:
        self.lines = lines or PlainTextExtractor()

    def process(self, doc: Document) -> Document | Drop:
        # 1. Parse.
        try:
            # Comments are dropped while parsing: inside a paragraph they make trafilatura
            # lose the text after them. An XML declaration is not allowed in a str parse.
            tree = lxml.html.fromstring(_XML_DECLARATION.sub("", doc.raw, count=1), parser=_PARSER)
        except (etree.ParserError, ValueError) as exc:
            return Drop(
                f"malformed HTML: {exc}",
                doc.source.path or doc.source.url or doc.id,
                self.name,
                doc.id,
            )
        # 2. trafilatura: main text and metadata.
        extracted = trafilatura.bare_extraction(
            tree,
            url=doc.source.url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            favor_recall=True,
            # rasd weighs its own date evidence (step 5); htmldate's extensive search falls
            # back to dateparser over every locale and dominated the run time.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
        body_lines: list[str] = []
        title = None
        if extracted is not None:
            title = (getattr(extracted, "title", None) or "").strip() or None
            body_lines = [ln.strip() for ln in (getattr(extracted, "text", None) or "").split("\n")]
            body_lines = [ln for ln in body_lines if ln]
            if body_lines and title and normalize(body_lines[0]) == normalize(title):
                body_lines = body_lines[1:]
            doc.meta.update(_metadata(extracted))
        # 3. Visible text; the header zone runs up to the body's first line. Dates are read
        # from a copy without lists, sidebars and footers, where dated "most read" items live.
        visible = _visible_lines(tree)
        if not body_lines:
            # trafilatura found no article: the visible text is the page to clean.
            body_lines = visible
        pruned = _visible_lines(tree, prune=True)
        header = _header_zone(pruned, body_lines)
        # 4. Lines → title, byline, dateline, body and furniture.
        published_given = doc.published
        page_lines = [title] if title else []
        page_lines += [ln for ln in header if _header_date(ln) or _byline(ln)]
        page_lines += body_lines
        doc.raw, html = "\n\n".join(page_lines), doc.raw
        try:
            doc = self.lines.process(doc)
        finally:
            doc.raw = html
        if title:
            doc.title = _strip_site_name(title, doc.meta.get("sitename"), tree)
        if not doc.author and extracted is not None:
            doc.author = _clean_author(getattr(extracted, "author", None))
        # 5. The publication date, by evidence.
        if published_given is None:
            _choose_date(doc, tree, header, pruned, extracted, visible)
        return doc


def _metadata(extracted: Any) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    for key in ("sitename", "url", "hostname", "description"):
        value = getattr(extracted, key, None)
        if value:
            meta["canonical_url" if key == "url" else key] = value
    for key in ("categories", "tags"):
        value = getattr(extracted, key, None)
        if value:
            meta[key] = list(value)
    return meta


def _visible_lines(tree: lxml.html.HtmlElement, *, prune: bool = False) -> list[str]:
    """The page's text, one line per block element, without scripts and styles (and with
    ``prune``, without lists, navigation, sidebars, footers and comment blocks)."""
    tree = lxml.html.fromstring(lxml.html.tostring(tree))  # a copy: we add newlines below
    for bad in tree.xpath(
        _PRUNE_XPATH if prune else "//script|//style|//noscript|//template|//svg"
    ):
        bad.drop_tree()
    for el in tree.iter(*_BLOCK_TAGS):
        el.tail = "\n" + (el.tail or "")
        if el.tag == "br":
            continue
        el.text = "\n" + (el.text or "")
    lines = (re.sub(r"\s+", " ", ln).strip() for ln in tree.text_content().split("\n"))
    return [ln for ln in lines if ln]


def _header_zone(visible: list[str], body: list[str]) -> list[str]:
    if not body:
        return visible[:_MAX_HEADER_LINES]
    probe = normalize(body[0])[:40]
    for i, line in enumerate(visible):
        if probe and probe in normalize(line):
            return visible[max(0, i - _MAX_HEADER_LINES) : i]
    return visible[:_MAX_HEADER_LINES]


def _header_date(line: str) -> DateMatch | None:
    """A date line, or a date in one part of a byline ("بقلم: … | ١٣ نوفمبر ٢٠٢٢")."""
    if len(line) > 160:
        return None
    return next((d for d in map(date_line, re.split(r"\s+[|•·]\s+", line)) if d is not None), None)


def _byline(line: str) -> bool:
    # A prefix and a name: a bare "By" (a widget label) is not a byline.
    return bool(_BYLINE.match(line)) and len(line) < 120


def _strip_site_name(title: str, sitename: str | None, tree: lxml.html.HtmlElement) -> str:
    """``og:title`` is often "headline - site name": keep the headline."""
    parts = _TITLE_SEPARATOR.split(title)
    if len(parts) > 1:
        site = normalize(sitename or "")
        if site and (normalize(parts[-1]) in site or site in normalize(parts[-1])):
            return " - ".join(parts[:-1]).strip()
        if site and (normalize(parts[0]) in site or site in normalize(parts[0])):
            return " - ".join(parts[1:]).strip()
    # Without a site name, the page's own <h1> says which part is the headline.
    form = normalize(title)
    for h1 in tree.xpath("//h1"):
        text = " ".join(h1.text_content().split())
        if (
            text
            and normalize(text) != form
            and normalize(text) in form
            and len(text) >= 0.5 * len(title)
        ):
            return text
    return title


def _clean_author(value: str | None) -> str | None:
    if not value:
        return None
    # trafilatura joins byline fragments with ";" and keeps prefixes and month names.
    first = value.split(";")[0]
    first = re.sub(
        r"^\s*(بقلم|كتب|كتبت|الكاتب|بواسطة|by)\s*[:：]?\s*", "", first, flags=re.IGNORECASE
    )
    first = first.strip(" :-|")
    if not first or any(ch.isdigit() for ch in first) or len(first.split()) > 5:
        return None
    return first


def _choose_date(
    doc: Document,
    tree: lxml.html.HtmlElement,
    header: list[str],
    visible: list[str],
    extracted: Any,
    everything: list[str],
) -> None:
    candidates: list[tuple[str, str, float]] = []  # (iso, source, confidence)
    meta_date = _meta_date(tree)
    if meta_date:
        candidates.append((meta_date, "meta", 0.95))
    # A publication line beats a "last updated" one wherever they stand.
    header_dates = [(line, d) for line in header if (d := _header_date(line)) is not None]
    published = [d for line, d in header_dates if not _UPDATED.search(line)]
    updated = [d for line, d in header_dates if _UPDATED.search(line)]
    if published:
        candidates.append((published[0].iso, "byline", 0.85))
    elif updated:
        candidates.append((updated[0].iso, "byline-updated", 0.7))
    if doc.published and doc.published_from == "date-line":
        candidates.append((doc.published, "date-line", 0.75))
    page_date = next((d for d in map(date_line, visible) if d is not None), None)
    if page_date is not None:
        candidates.append((page_date.iso, "text", 0.6))
    guess = getattr(extracted, "date", None) if extracted is not None else None
    if guess:
        if _copyright_fallback(guess, everything):
            doc.meta["date_rejected"] = {
                "value": guess,
                "source": "htmldate",
                "why": "footer © year",
            }
        else:
            candidates.append((guess[:10], "htmldate", 0.5))
    if not candidates:
        doc.published = None
        doc.published_from = None
        return
    iso, source, confidence = candidates[0]
    # Independent evidence that agrees raises confidence; disagreement is recorded.
    agreeing = [c for c in candidates[1:] if c[0] == iso and c[1] != source]
    if agreeing:
        confidence = min(0.99, confidence + 0.04)
    disagreeing = sorted({c[0] for c in candidates[1:] if c[0] != iso})
    if disagreeing:
        doc.meta["date_candidates"] = [{"value": v, "source": s} for v, s, _ in candidates]
    doc.published, doc.published_from, doc.published_confidence = iso, source, round(confidence, 2)


def _meta_date(tree: lxml.html.HtmlElement) -> str | None:
    for el in tree.xpath("//meta[@content]"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").lower()
        if key in _META_DATE_KEYS:
            iso = _iso(el.get("content"))
            if iso:
                return iso
    for el in tree.xpath("//*[@itemprop='datePublished']"):
        iso = _iso(el.get("content") or el.get("datetime") or el.text_content())
        if iso:
            return iso
    for script in tree.xpath("//script[@type='application/ld+json']"):
        iso = _json_ld_date(script.text_content())
        if iso:
            return iso
    for el in tree.xpath("//article//time[@datetime]|//time[@pubdate][@datetime]"):
        iso = _iso(el.get("datetime"))
        if iso:
            return iso
    return None


def _json_ld_date(text: str) -> str | None:
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, ValueError):
        return None
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            value = item.get("datePublished")
            if isinstance(value, str) and _iso(value):
                return _iso(value)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return None


def _iso(value: str | None) -> str | None:
    if not value:
        return None
    m = _ISO_DATE.search(value)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        return None


def _copyright_fallback(guess: str, visible: list[str]) -> bool:
    """htmldate's last resort is January 1st of the footer's © year."""
    if not guess.endswith("-01-01"):
        return False
    years = {m.group(1) for line in visible for m in _COPYRIGHT_YEAR.finditer(line)}
    return guess[:4] in years
