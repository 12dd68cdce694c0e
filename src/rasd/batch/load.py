"""Merge a batch's Parquet shards into the store.

Loading is idempotent: documents are upserted by content hash and quarantine rows are
keyed by (source, reason), so loading the same folder twice, or a folder that a rerun
completed, leaves exactly one row per document.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass

import pyarrow.parquet as pq

from rasd.batch.worker import MARKER
from rasd.document import Document
from rasd.pipeline import Drop
from rasd.store import open_store
from rasd.store.sqlite import IngestCounts


@dataclass(slots=True)
class LoadReport:
    shards: int
    incomplete: int
    counts: IngestCounts


def finished_shards(out: str) -> list[str]:
    root = os.path.join(out, "shards")
    if not os.path.isdir(root):
        return []
    return sorted(
        os.path.join(root, name)
        for name in os.listdir(root)
        if not name.startswith(".") and os.path.exists(os.path.join(root, name, MARKER))
    )


def _items(folder: str) -> Iterator[Document | Drop]:
    documents = pq.read_table(os.path.join(folder, "documents.parquet"), columns=["data"])
    for data in documents.column("data").to_pylist():
        yield Document.from_dict(json.loads(data))
    quarantine = pq.read_table(os.path.join(folder, "quarantine.parquet"))
    for row in quarantine.to_pylist():
        yield Drop(row["reason"], row["source"], row["stage"], row["doc_id"])


def load(out: str, db: str) -> LoadReport:
    """Load every finished shard under ``out`` into the store at ``db``."""
    folders = finished_shards(out)
    root = os.path.join(out, "shards")
    incomplete = (
        sum(1 for name in os.listdir(root) if name.startswith(".tmp-"))
        if os.path.isdir(root)
        else 0
    )
    with open_store(db) as store:
        counts = IngestCounts()
        for folder in folders:
            c = store.ingest(_items(folder))
            counts.added += c.added
            counts.updated += c.updated
            counts.unchanged += c.unchanged
            counts.quarantined += c.quarantined
    return LoadReport(len(folders), incomplete, counts)
