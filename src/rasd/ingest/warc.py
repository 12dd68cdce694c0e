"""WARC and ARC files (gzip or not), streamed with warcio.

Every HTML response becomes a document keyed by its content, with the target URI, the
record id and the fetch date kept in ``source`` and ``meta``. Everything else is counted
by reason and skipped: non-HTML responses (PDF, images), redirects and error statuses,
requests and metadata records are not articles. A damaged file (a gzip member cut short)
ends that file with a drop saying where; the rest of the batch goes on.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from rasd.document import Document, Source
from rasd.ingest.pages import document_from_bytes
from rasd.pipeline import Drop

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(stream: BinaryIO | Any, *, name: str, max_bytes: int) -> Iterator[Document | Drop]:
    """Documents for the HTML responses of a WARC/ARC stream; drops for the rest."""
    count = 0
    try:
        for record in ArchiveIterator(stream, arc2warc=True):
            count += 1
            rtype = record.rec_type
            uri = record.rec_headers.get_header("WARC-Target-URI") or ""
            where = uri or f"{name}#{count}"
            if rtype not in ("response", "resource"):
                continue  # request, metadata, warcinfo, revisit: not content
            status = record.http_headers.get_statuscode() if record.http_headers else "200"
            if status and not status.startswith("2"):
                kind = "redirect" if status.startswith("3") else f"HTTP {status}"
                yield Drop(f"skipped: {kind}", where, skipped=True)
                continue
            ctype = (
                record.http_headers.get_header("Content-Type", "")
                if record.http_headers
                else record.rec_headers.get_header("Content-Type", "")
            ) or ""
            if not ctype.lower().startswith(_HTML_TYPES):
                yield Drop(
                    f"skipped: not HTML ({ctype.split(';')[0] or 'no type'})", where, skipped=True
                )
                continue
            body = record.content_stream().read(max_bytes + 1)
            if len(body) > max_bytes:
                yield Drop(f"record too large: more than {max_bytes / 1e6:.1f} MB", where)
                continue
            if getattr(record.raw_stream, "limit", 0) > 0:
                # The stream ended before the record's Content-Length: a cut gzip member.
                yield Drop(f"damaged WARC: record {count} is cut short", where)
                return
            source = Source(
                format="warc",
                path=name,
                url=uri or None,
                id=record.rec_headers.get_header("WARC-Record-ID"),
            )
            item = document_from_bytes(body, source, declared=_charset(ctype))
            if isinstance(item, Document):
                fetched = record.rec_headers.get_header("WARC-Date")
                if fetched:
                    item.meta["fetched"] = fetched
            yield item
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
        # zlib.error is an Exception subclass of its own; OSError covers gzip's "truncated".
        yield Drop(f"damaged WARC after {count} records: {exc}", name)
    except Exception as exc:  # zlib.error and friends from a cut gzip member
        yield Drop(f"damaged WARC after {count} records: {type(exc).__name__}: {exc}", name)


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"' ").lower()
    return None
