"""Flat tables of documents, mentions, entities, events, quotes and quarantine rows.

One row layout serves the per-shard Parquet files of a batch and the exports, so a
researcher reading ``events.parquet`` from a batch sees the same columns as
``rasd export events``. Every row carries ``doc_id``; events and quotes carry the
sentence and evidence that explain them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from rasd.document import Document
from rasd.flat import event_columns
from rasd.pipeline import Drop

TABLES = ("documents", "mentions", "entities", "events", "quotes", "quarantine")

# Column order per table: Parquet/CSV consumers get stable layouts even for empty tables.
COLUMNS: dict[str, list[str]] = {
    "documents": [
        "doc_id", "title", "published", "published_from", "place", "outlet", "author", "language",
        "source_format", "source_path", "source_id", "source_url", "n_sentences", "text", "data",
    ],
    "mentions": ["doc_id", "start", "end", "text", "type", "fine", "entity"],
    "entities": ["doc_id", "entity", "name", "name_ar", "type", "country", "actor_code"],
    "events": [
        "doc_id", "published", "outlet", "source_url", "type", "mode", "cameo", "score", "modality",
        "actor_entity", "actor_code", "actor_text", "recipient_entity", "recipient_code", "recipient_text",
        "date", "date_precision", "place", "sentence", "sentence_text", "trigger_start", "trigger_end", "evidence",
        # Added after the columns above, so their positions stay where CSV readers found them.
        "context", "background", "actor_start", "actor_end", "recipient_start", "recipient_end",
        "attributed_to_entity", "attributed_to_code", "attributed_to_text", "attributed_to_start",
        "attributed_to_end", "actors", "recipients",
    ],
    "quotes": [
        "doc_id", "published", "outlet", "source_url", "speaker_entity", "speaker_code", "speaker_text",
        "cue", "direct", "start", "end", "text",
    ],
    "quarantine": ["source", "stage", "reason", "doc_id"],
}  # fmt: skip


def rows(doc: Document, *, with_data: bool = True) -> dict[str, list[dict[str, Any]]]:
    """The rows one document contributes to each table."""
    dl = doc.dateline
    outlet = (dl.outlet if dl else None) or doc.meta.get("sitename")
    url = doc.source.url or doc.meta.get("canonical_url")
    sentences = [doc.text[s.start : s.end] for s in doc.sentences]
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    data = doc.to_dict(raw=True)
    out["documents"].append(
        {
            "doc_id": doc.id,
            "title": doc.title,
            "published": doc.published,
            "published_from": doc.published_from,
            "place": dl.place if dl else None,
            "outlet": outlet,
            "author": doc.author,
            "language": doc.language,
            "source_format": doc.source.format,
            "source_path": doc.source.path,
            "source_id": doc.source.id,
            "source_url": url,
            "n_sentences": len(doc.sentences),
            "text": doc.text,
            "data": json.dumps(data, ensure_ascii=False) if with_data else None,
        }
    )
    for m in doc.mentions:
        out["mentions"].append(
            {
                "doc_id": doc.id,
                "start": m.start,
                "end": m.end,
                "text": m.text,
                "type": m.type,
                "fine": m.fine,
                "entity": m.entity,
            }
        )
    for e in doc.entities:
        out["entities"].append(
            {
                "doc_id": doc.id,
                "entity": e.id,
                "name": e.name,
                "name_ar": e.name_ar,
                "type": e.type,
                "country": e.country,
                "actor_code": e.actor_code,
            }
        )
    for ev in doc.events:
        n = ev.sentence
        sentence_text = sentences[n] if n is not None and 0 <= n < len(sentences) else None
        out["events"].append(
            {
                "doc_id": doc.id,
                "published": doc.published,
                "outlet": outlet,
                "source_url": url,
                # The same event columns as the store's facts_events (rasd.flat).
                **event_columns(ev),
                "sentence_text": sentence_text,
            }
        )
    for q in doc.quotes:
        s = q.speaker
        out["quotes"].append(
            {
                "doc_id": doc.id, "published": doc.published, "outlet": outlet, "source_url": url,
                "speaker_entity": s.entity if s else None, "speaker_code": s.code if s else None,
                "speaker_text": s.text if s else None, "cue": q.cue, "direct": q.direct,
                "start": q.start, "end": q.end, "text": q.text,
            }
        )  # fmt: skip
    return out


def drop_row(drop: Drop) -> dict[str, Any]:
    return {
        "source": drop.source,
        "stage": drop.stage,
        "reason": drop.reason,
        "doc_id": drop.doc_id,
    }


def collect(
    items: Iterable[Document | Drop], *, with_data: bool = True
) -> dict[str, list[dict[str, Any]]]:
    """Rows of every table for a stream of documents and drops (skips are not rows)."""
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    for item in items:
        if isinstance(item, Drop):
            if not item.skipped:
                out["quarantine"].append(drop_row(item))
            continue
        for name, table_rows in rows(item, with_data=with_data).items():
            out[name].extend(table_rows)
    return out
