"""RSS and Atom feeds, parsed with feedparser: each item becomes an already-extracted
document (title + summary or content, link, published date)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import feedparser
import lxml.html

from rasd.document import Document, Source, content_id
from rasd.pipeline import Drop


def read_feed(data: bytes, *, name: str) -> Iterator[Document | Drop]:
    parsed = feedparser.parse(data)
    if parsed.bozo and not parsed.entries:
        yield Drop(f"malformed feed: {parsed.get('bozo_exception', 'unknown error')}", name)
        return
    for i, entry in enumerate(parsed.entries, 1):
        where = entry.get("link") or f"{name}#{i}"
        title = (entry.get("title") or "").strip()
        html = ""
        if entry.get("content"):
            html = " ".join(c.get("value", "") for c in entry["content"])
        html = html or entry.get("summary", "")
        text = _text(html)
        if not text and not title:
            yield Drop("feed item has no title or text", where)
            continue
        raw = f"{title}\n\n{text}" if title else text
        source = Source(
            format="rss", path=name, url=entry.get("link"), id=entry.get("id") or entry.get("link")
        )
        doc = Document(
            id=content_id(raw),
            source=source,
            raw=raw,
            title=title or None,
            preextracted=bool(title),
        )
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        if stamp:
            doc.published = dt.date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday).isoformat()
            doc.published_from = "feed"
            doc.published_confidence = 0.9
        yield doc


def _text(html: str) -> str:
    """Feed summaries are HTML fragments: one paragraph per block, tags dropped."""
    if not html.strip():
        return ""
    try:
        root = lxml.html.fromstring(f"<div>{html}</div>")
    except (ValueError, lxml.etree.ParserError):
        return html.strip()
    for el in root.iter("p", "br", "div", "li", "h1", "h2", "h3", "h4"):
        el.tail = "\n" + (el.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)
