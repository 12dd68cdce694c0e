"""Bytes of one page (text or HTML) to a document."""

from __future__ import annotations

from rasd.document import Document, Source, content_id
from rasd.errors import InputError
from rasd.ingest.decode import decode_bytes, sniff_html_charset
from rasd.pipeline import Drop


def document_from_bytes(
    data: bytes, source: Source, *, declared: str | None = None
) -> Document | Drop:
    """Decode a text or HTML page into a document (HTML: the meta charset is honoured)."""
    if declared is None and source.format == "html":
        declared = sniff_html_charset(data)
    try:
        decoded = decode_bytes(data, declared=declared)
    except InputError as exc:
        return Drop(str(exc), source.url or source.path or source.id or "?")
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
    source.encoding = decoded.encoding
    return Document(id=content_id(text), source=source, raw=text)
