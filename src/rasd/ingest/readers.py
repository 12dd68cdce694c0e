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
import json
import os
import sys
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO

from rasd.arabic.dates import find_dates
from rasd.document import Document, Source, content_id
from rasd.errors import InputError
from rasd.ingest.decode import decode_bytes
from rasd.pipeline import Drop

DEFAULT_MAX_BYTES = 10 * 1024 * 1024  # an article is kilobytes; 10 MB is already a book
FORMATS = ("auto", "text", "jsonl")
_JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson")
# A directory walk reads only files that look like inputs (a folder of pages often holds
# gold files, images or notes too); files named explicitly are always read.
_WALK_SUFFIXES = (".txt", ".text", ".md", *_JSONL_SUFFIXES)


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
            stream = stdin if stdin is not None else sys.stdin.buffer
            if input_format == "jsonl":
                # Records stream: the size limit is per record, as for files.
                yield from read_jsonl(stream, name="<stdin>", max_bytes=max_bytes)
            else:
                yield _from_bytes(stream.read(max_bytes + 1), "<stdin>", max_bytes)
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
    """Read one file: a text article, or JSONL records (by suffix or ``input_format``)."""
    fmt = input_format
    if fmt == "auto":
        fmt = "jsonl" if path.endswith(_JSONL_SUFFIXES) else "text"
    try:
        if fmt == "jsonl":
            opener = gzip.open if path.endswith(".gz") else open
            with opener(path, "rb") as fh:
                yield from read_jsonl(fh, name=path, max_bytes=max_bytes)
            return
        size = os.path.getsize(path)
        if size > max_bytes:
            raise InputError(
                f"file too large: {size / 1e6:.1f} MB > limit {max_bytes / 1e6:.1f} MB (--max-bytes)"
            )
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except FileNotFoundError:
        yield Drop("no such file", path)
        return
    except IsADirectoryError:
        yield Drop("is a directory", path)
        return
    except (OSError, EOFError) as exc:  # permissions, broken gzip
        yield Drop(f"cannot read: {exc}", path)
        return
    except InputError as exc:
        yield Drop(str(exc), path)
        return
    yield _from_bytes(data, path, max_bytes)


def _from_bytes(data: bytes, name: str, max_bytes: int) -> Document | Drop:
    if len(data) > max_bytes:
        return Drop(f"input too large: more than {max_bytes / 1e6:.1f} MB (--max-bytes)", name)
    try:
        decoded = decode_bytes(data)
    except InputError as exc:
        return Drop(str(exc), name)
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
    source = Source(format="text", path=name, encoding=decoded.encoding)
    return Document(id=content_id(text), source=source, raw=text)


def read_jsonl(
    stream: BinaryIO | Any, *, name: str, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Document | Drop]:
    """Records ``{"id", "text", "title"?, "published"?, "url"?}``, one JSON object a line.

    A record with a non-empty ``title`` is an article already extracted (``text`` is its
    body, as in most corpora); one without is a raw page to clean. A ``published`` date in
    the record is used as the publication date.
    """
    for lineno, line in enumerate(stream, 1):
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
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return Drop("record has no 'text'", where)
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


__all__ = ["DEFAULT_MAX_BYTES", "FORMATS", "read_inputs", "read_jsonl", "read_path"]
