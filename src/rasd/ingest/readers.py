"""Turn what the user points at into documents.

``read_inputs`` accepts files, directories (walked recursively, in sorted order),
globs and ``-`` for standard input, and yields a :class:`~rasd.document.Document` per
article or a :class:`~rasd.pipeline.Drop` with the reason it could not be read, in input
order. A bad file or record never stops the rest.
"""

from __future__ import annotations

import datetime as dt
import glob
import gzip
import io
import json
import os
import sys
import zlib
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO

from rasd.arabic.dates import find_dates
from rasd.document import Document, Source, content_id
from rasd.errors import InputError
from rasd.ingest.feeds import read_feed
from rasd.ingest.pages import document_from_bytes
from rasd.ingest.warc import read_warc
from rasd.pipeline import Drop

DEFAULT_MAX_BYTES = 10 * 1024 * 1024  # an article is kilobytes; 10 MB is already a book
FORMATS = ("auto", "text", "html", "jsonl", "warc", "rss")
_JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson")
# A directory walk reads only files that look like inputs (a folder of pages often holds
# gold files, images or notes too); files named explicitly are always read.
_WALK_SUFFIXES = (
    ".txt", ".text", ".md", *_JSONL_SUFFIXES, ".html", ".htm", ".xhtml", ".html.gz", ".htm.gz",
    ".warc", ".warc.gz", ".arc", ".arc.gz", ".rss", ".atom", ".xml",
)  # fmt: skip


def read_inputs(
    paths: Iterable[str],
    *,
    input_format: str = "auto",
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: BinaryIO | None = None,
) -> Iterator[Document | Drop]:
    """Yield documents (or drops) for every input, in the order given."""
    if input_format not in FORMATS:
        raise InputError(
            f"unknown input format {input_format!r}; expected one of {', '.join(FORMATS)}"
        )
    for arg in paths:
        if arg == "-":
            raw_stream: Any = stdin if stdin is not None else sys.stdin.buffer
            # peek() needs a buffered stream; wrap a plain one (BytesIO in tests, pipes).
            stream = raw_stream if hasattr(raw_stream, "peek") else io.BufferedReader(raw_stream)
            fmt = (
                input_format
                if input_format != "auto"
                else sniff_format(stream.peek(4096), "<stdin>")
            )
            yield from _read_stream(stream, "<stdin>", fmt, max_bytes)
            continue
        for path in _expand(arg):
            yield from read_path(path, input_format=input_format, max_bytes=max_bytes)


def _expand(arg: str) -> Iterator[str]:
    if os.path.isdir(arg):
        for root, dirs, files in os.walk(arg):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if not name.startswith(".") and (name.endswith(_WALK_SUFFIXES) or "." not in name):
                    yield os.path.join(root, name)
    elif any(ch in arg for ch in "*?[") and not os.path.exists(arg):
        matches = sorted(glob.glob(arg, recursive=True))
        if not matches:
            yield arg  # reported as missing by read_path
        yield from (m for m in matches if os.path.isfile(m))
    else:
        yield arg


def read_path(
    path: str, *, input_format: str = "auto", max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Document | Drop]:
    """Read one file in any supported format (detected from its content unless given)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
        fmt = input_format if input_format != "auto" else sniff_format(head, path)
        if fmt in ("text", "html", "rss") and os.path.getsize(path) > max_bytes:
            size = os.path.getsize(path)
            raise InputError(
                f"file too large: {size / 1e6:.1f} MB > limit {max_bytes / 1e6:.1f} MB (--max-bytes)"
            )
        opener = gzip.open if head[:2] == b"\x1f\x8b" and fmt not in ("warc",) else open
        with opener(path, "rb") as fh:
            yield from _read_stream(fh, path, fmt, max_bytes)
    except FileNotFoundError:
        yield Drop("no such file", path)
    except IsADirectoryError:
        yield Drop("is a directory", path)
    except (OSError, EOFError, zlib.error) as exc:  # permissions, broken gzip
        yield Drop(f"cannot read: {exc}", path)
    except InputError as exc:
        yield Drop(str(exc), path)


def _read_stream(
    stream: BinaryIO | Any, name: str, fmt: str, max_bytes: int
) -> Iterator[Document | Drop]:
    if fmt == "jsonl":
        # Records stream: the size limit is per record.
        yield from read_jsonl(stream, name=name, max_bytes=max_bytes)
    elif fmt == "warc":
        yield from read_warc(stream, name=name, max_bytes=max_bytes)
    elif fmt == "rss":
        yield from read_feed(stream.read(max_bytes + 1), name=name)
    else:
        yield _from_bytes(stream.read(max_bytes + 1), name, max_bytes, fmt=fmt)


def sniff_format(head: bytes, name: str = "") -> str:
    """Guess an input's format from its first bytes (and, failing that, its name)."""
    if head[:2] == b"\x1f\x8b":
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 4096)
        except zlib.error:
            return "text"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1024]
    lower = start.lower()
    if start.startswith((b"WARC/", b"filedesc://")):
        return "warc"
    if start.startswith(b"{"):
        return "jsonl"
    if lower.startswith(b"<?xml") or lower.startswith((b"<rss", b"<feed", b"<rdf:rdf")):
        if any(tag in lower for tag in (b"<rss", b"<feed", b"<rdf:rdf")):
            return "rss"
        return "html" if b"<html" in lower else "text"
    if lower.startswith(
        (
            b"<!doctype html",
            b"<html",
            b"<head",
            b"<body",
            b"<meta",
            b"<div",
            b"<p>",
            b"<article",
            b"<!--",
        )
    ):
        return "html"
    name = name.lower()
    if name.endswith((".html", ".htm", ".xhtml", ".html.gz", ".htm.gz")):
        return "html"
    if name.endswith(_JSONL_SUFFIXES):
        return "jsonl"
    return "text"


def _from_bytes(data: bytes, name: str, max_bytes: int, *, fmt: str = "text") -> Document | Drop:
    if len(data) > max_bytes:
        return Drop(f"input too large: more than {max_bytes / 1e6:.1f} MB (--max-bytes)", name)
    return document_from_bytes(data, Source(format=fmt, path=name))


def read_jsonl(
    stream: BinaryIO | Any, *, name: str, max_bytes: int = DEFAULT_MAX_BYTES, first_line: int = 1
) -> Iterator[Document | Drop]:
    """Records ``{"id", "text", "title"?, "published"?, "url"?}``, one JSON object a line.

    A record with a non-empty ``title`` is an article already extracted (``text`` is its
    body, as in most corpora); one without is a raw page to clean. A ``published`` date in
    the record is used as the publication date.
    """
    for lineno, line in enumerate(stream, first_line):
        where = f"{name}:{lineno}"
        if not line.strip():
            continue
        if len(line) > max_bytes:
            yield Drop(f"record too large: more than {max_bytes / 1e6:.1f} MB", where)
            continue
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            yield Drop(f"invalid JSON: {exc}", where)
            continue
        yield _from_record(record, where)


def _from_record(record: Any, where: str) -> Document | Drop:
    if not isinstance(record, dict):
        return Drop(f"expected a JSON object, got {type(record).__name__}", where)
    text = record.get("text") or ""
    if (not isinstance(text, str) or not text.strip()) and not isinstance(record.get("html"), str):
        return Drop("record has no 'text' (or 'html')", where)
    title = record.get("title")
    title = title.strip() if isinstance(title, str) and title.strip() else None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    rec_id = record.get("id", record.get("docno"))
    url = record.get("url")
    source = Source(
        format="jsonl",
        id=str(rec_id) if rec_id is not None else where,
        url=url if isinstance(url, str) else None,
        path=where.rsplit(":", 1)[0],
    )
    html = record.get("html")
    if isinstance(html, str) and html.strip() and not record.get("text"):
        source.format = "html"
        raw, title = html, None
    else:
        raw = f"{title}\n\n{text}" if title else text
    doc = Document(
        id=content_id(raw), source=source, raw=raw, title=title, preextracted=bool(title)
    )
    published = record.get("published", record.get("time"))
    if isinstance(published, str) and published.strip():
        doc.published = _iso_date(published.strip())
        doc.published_from = "record" if doc.published else None
    return doc


def _iso_date(value: str) -> str | None:
    """The date part of an ISO timestamp, or an Arabic date line parsed by our patterns."""
    try:
        return dt.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        pass
    found = find_dates(value)
    return found[0].iso if found and found[0].precision == "day" else None


__all__ = [
    "DEFAULT_MAX_BYTES",
    "FORMATS",
    "document_from_bytes",
    "read_inputs",
    "read_jsonl",
    "read_path",
    "sniff_format",
]
