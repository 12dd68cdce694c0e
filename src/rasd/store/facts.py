"""Normalised fact tables beside ``documents``: mentions, entities, events and quotes.

``documents.data`` holds each document's full JSON, which is all a single article page
needs. Pages that aggregate over the whole store — an entity's timeline, the actor
network of a period, the events table with filters — need rows they can index and group,
so every write of a document also writes its facts here (delete + insert, so a
re-analysis replaces them). :func:`backfill` fills the tables for documents stored before
they existed, or by an older rasd that did not write them.

Tables (all keyed by ``doc_id``, deleted with their document):

- ``facts_docs``: which documents have facts, written by which :data:`VERSION`, with
  the document's rowid, date and outlet (what search needs of every match, in a narrow
  table);
- ``facts_mentions``: one row per mention, with its search form (``norm``) so an
  unlinked name is still found;
- ``facts_entities``: one row per (document, entity), with the entity's names and
  codes as that document's analysis gave them;
- ``facts_events``: one row per event, with the event columns of the batch and export
  tables (:mod:`rasd.flat`); ``date`` is the event date or, when the event has none, the
  publication date, so date filters and timelines need no ``coalesce``, and
  ``background`` is 0/1;
- ``facts_quotes``: one row per quote.
"""

from __future__ import annotations

import json
import sqlite3

from rasd.arabic.normalize import normalize
from rasd.document import Document
from rasd.flat import event_columns

# Bump when what is written changes: documents with facts of an older version are
# rewritten by :func:`backfill` (``rasd serve`` runs it at start).
VERSION = 2  # 2: context, background, argument spans, attributed_to, actors/recipients

TABLES = ("facts_mentions", "facts_entities", "facts_events", "facts_quotes", "facts_docs")

# The tables are created by the migration ``m003_facts`` (``rasd.store.migrations``): a
# released migration is never edited, so a later change to them is a new migration (and,
# when what is written changes, a new VERSION). m004_event_arguments added the event
# columns after ``evidence``.

# What :func:`write` puts in ``facts_events``: the event columns of every flat table
# (rasd.flat), with ``date`` falling back to the publication date.
EVENT_COLUMNS = (
    "doc_id", "n", "type", "mode", "cameo", "score", "modality",
    "actor_entity", "actor_code", "actor_text", "recipient_entity", "recipient_code", "recipient_text",
    "date", "event_date", "date_precision", "published", "outlet", "place", "sentence",
    "trigger_start", "trigger_end", "evidence",
    # m004_event_arguments
    "context", "background", "actor_start", "actor_end", "recipient_start", "recipient_end",
    "attributed_to_entity", "attributed_to_code", "attributed_to_text", "attributed_to_start",
    "attributed_to_end", "actors", "recipients",
)  # fmt: skip


def delete(db: sqlite3.Connection, doc_id: str) -> None:
    for table in TABLES:
        db.execute(
            f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,)
        )  # table names are ours, not input


def write(db: sqlite3.Connection, doc: Document) -> None:
    """Replace the facts of ``doc`` (inside the caller's transaction)."""
    delete(db, doc.id)
    published = doc.published
    outlet = doc.dateline.outlet if doc.dateline else None
    counts: dict[str, int] = {}
    db.executemany(
        'INSERT INTO facts_mentions (doc_id, start, "end", text, norm, type, fine, entity, published)'
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (doc.id, m.start, m.end, m.text, normalize(m.text), m.type, m.fine, m.entity, published)
            for m in doc.mentions
        ],
    )
    for m in doc.mentions:
        if m.entity:
            counts[m.entity] = counts.get(m.entity, 0) + 1
    seen: set[str] = set()
    entity_rows = []
    for e in doc.entities:
        if e.id in seen:  # a stage listing an entity twice must not break the write
            continue
        seen.add(e.id)
        entity_rows.append(
            (
                doc.id, e.id, e.name, e.name_ar, normalize(e.name_ar or e.name or ""), e.type,
                e.country, e.actor_code, published, counts.get(e.id, 0),
            )
        )  # fmt: skip
    db.executemany(
        "INSERT INTO facts_entities (doc_id, entity, name, name_ar, norm, type, country, actor_code,"
        " published, mentions) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        entity_rows,
    )
    event_rows = []
    for n, ev in enumerate(doc.events):
        row = event_columns(ev)
        row.update(
            doc_id=doc.id,
            n=n,
            date=ev.date or published,
            event_date=ev.date,
            published=published,
            outlet=outlet,
            background=int(ev.background),
        )
        event_rows.append(tuple(row[c] for c in EVENT_COLUMNS))
    db.executemany(
        f"INSERT INTO facts_events ({', '.join(EVENT_COLUMNS)})"
        f" VALUES ({', '.join('?' * len(EVENT_COLUMNS))})",  # column names are ours
        event_rows,
    )
    quote_rows = []
    for n, q in enumerate(doc.quotes):
        s = q.speaker
        quote_rows.append(
            (
                doc.id, n, s.entity if s else None, s.code if s else None, s.text if s else None,
                q.cue, int(q.direct), q.start, q.end, q.text, normalize(q.text), published, outlet,
            )
        )  # fmt: skip
    db.executemany(
        "INSERT INTO facts_quotes (doc_id, n, speaker_entity, speaker_code, speaker_text, cue,"
        ' direct, start, "end", text, norm, published, outlet) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        quote_rows,
    )
    db.execute(
        "INSERT INTO facts_docs (doc_rowid, doc_id, published, outlet, version)"
        " SELECT rowid, id, published, outlet, ? FROM documents WHERE id = ?",
        (VERSION, doc.id),
    )


def current(db: sqlite3.Connection) -> bool:
    """Whether ``facts_events`` has every column :func:`write` fills."""
    have = {row[1] for row in db.execute("PRAGMA table_info(facts_events)")}
    return set(EVENT_COLUMNS) <= have


def pending(db: sqlite3.Connection) -> int:
    """Documents whose facts are missing or were written by an older :data:`VERSION`."""
    row = db.execute(
        "SELECT count(*) FROM documents d LEFT JOIN facts_docs f ON f.doc_id = d.id"
        " WHERE f.version IS NULL OR f.version < ?",
        (VERSION,),
    ).fetchone()
    return int(row[0])


def backfill(db: sqlite3.Connection, *, batch: int = 500) -> int:
    """Write the facts of every document that lacks current ones; return how many.

    Reads ``documents.data`` (the stored analysis), so nothing is analysed again. Runs in
    the caller's transaction. A stored document whose JSON cannot be read back gets an
    empty facts record instead of stopping the store from opening.
    """
    if not current(db):
        # Called by m003 on a database that later migrations have not reached yet: the
        # rows would not fit. The migration that completes the tables backfills them.
        return 0
    done = 0
    while True:
        rows = db.execute(
            "SELECT d.id, d.data FROM documents d LEFT JOIN facts_docs f ON f.doc_id = d.id"
            " WHERE f.version IS NULL OR f.version < ? LIMIT ?",
            (VERSION, batch),
        ).fetchall()
        if not rows:
            return done
        for doc_id, data in rows:
            try:
                doc = Document.from_dict(json.loads(data))
            except (ValueError, TypeError, KeyError):
                delete(db, doc_id)
                db.execute(
                    "INSERT INTO facts_docs (doc_rowid, doc_id, published, outlet, version)"
                    " SELECT rowid, id, published, outlet, ? FROM documents WHERE id = ?",
                    (VERSION, doc_id),
                )
                continue
            write(db, doc)
        done += len(rows)
