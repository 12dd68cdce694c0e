"""The default pipeline and the one-call Python API.

>>> import rasd
>>> doc = rasd.analyze("بغداد/المسلة: زار الرئيس طهران.", published="2022-11-13")
>>> doc.dateline.place
'بغداد'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from functools import lru_cache

from rasd.arabic.numbers import NumberStage
from rasd.arabic.stage import ArabicStage
from rasd.arabic.times import TimeStage
from rasd.document import Document, Source, content_id
from rasd.entities.stage import EntityStage
from rasd.errors import InputError
from rasd.events.stage import EventStage
from rasd.extract.stage import ExtractStage
from rasd.ingest.readers import DEFAULT_MAX_BYTES, read_inputs
from rasd.kb.linker import LinkingStage
from rasd.pipeline import Drop, Pipeline
from rasd.quotes.stage import QuoteStage


def default_pipeline() -> Pipeline:
    """ingest (readers) → extract → arabic → times → numbers → entities → linking →
    events → quotes. The pipeline checks at build time that each stage's inputs exist."""
    return Pipeline(
        [
            ExtractStage(),
            ArabicStage(),
            TimeStage(),
            NumberStage(),
            EntityStage(),
            LinkingStage(),
            EventStage(),
            QuoteStage(),
        ]
    )


@lru_cache(maxsize=1)
def _shared_pipeline() -> Pipeline:
    return default_pipeline()


def analyze(
    text: str,
    published: str | dt.date | None = None,
    *,
    title: str | None = None,
    source: str | None = None,
) -> Document:
    """Analyse one article given as text and return the typed :class:`Document`.

    ``text`` is a page saved as text (title, date line, body and site furniture) or, when
    ``title`` is given, an article body already extracted. ``published`` (ISO string or
    date) overrides any date found in the text and anchors relative dates.
    """
    if not isinstance(text, str):
        raise InputError(f"analyze() expects str, got {type(text).__name__}; decode bytes first")
    if not text.strip():
        raise InputError("empty input (no text)")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    raw = f"{title}\n\n{text}" if title else text
    doc = Document(
        id=content_id(raw),
        source=Source(format="text", path=source),
        raw=raw,
        title=title,
        preextracted=bool(title),
    )
    if published is not None:
        doc.published = _iso(published)
        doc.published_from = "given"
    result = _shared_pipeline()(doc)
    if isinstance(result, Drop):
        raise InputError(result.reason)
    return result


def analyze_paths(
    paths: Iterable[str], *, input_format: str = "auto", max_bytes: int | None = None
) -> Iterator[Document | Drop]:
    """Read and analyse files, directories, globs or ``-``; drops carry their reason."""
    limit = DEFAULT_MAX_BYTES if max_bytes is None else max_bytes
    reader = read_inputs(paths, input_format=input_format, max_bytes=limit)
    yield from default_pipeline().run(reader)


def _iso(value: str | dt.date) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(value[:10]).isoformat()
    except ValueError as exc:
        raise InputError(f"published must be an ISO date (YYYY-MM-DD), got {value!r}") from exc
