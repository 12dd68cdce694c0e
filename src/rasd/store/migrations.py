"""Schema migrations, recorded in the ``_migrations`` table.

Each migration is a function decorated with :func:`migration`; it runs once, in order,
inside a transaction, and its name is recorded so a newer rasd upgrades an older
database in place. Never edit a released migration: add a new one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from rasd.store import facts

Migration = Callable[[sqlite3.Connection], None]
MIGRATIONS: list[tuple[str, Migration]] = []


def migration(fn: Migration) -> Migration:
    MIGRATIONS.append((fn.__name__, fn))
    return fn


@migration
def m001_documents(db: sqlite3.Connection) -> None:
    db.executescript(
        """
        CREATE TABLE documents (
            rowid INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,          -- sha256:… content hash
            title TEXT,
            published TEXT,                   -- ISO date
            place TEXT,                       -- dateline place
            outlet TEXT,
            author TEXT,
            language TEXT,
            text TEXT NOT NULL,               -- clean body; offsets point here
            search TEXT NOT NULL,             -- normalised search form
            terms TEXT NOT NULL DEFAULT '',   -- proclitic-free forms of its words (وروسيا → روسيا)
            raw TEXT NOT NULL,                -- input as decoded
            data TEXT NOT NULL,               -- the full document JSON (DESIGN.md schema)
            ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
            updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        );
        CREATE INDEX documents_published ON documents(published);
        CREATE INDEX documents_outlet ON documents(outlet);

        -- Every place a document was seen (the same article from two paths is one document).
        CREATE TABLE document_sources (
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            source TEXT NOT NULL,             -- JSON: {"format", "path"|"id", "url"}
            seen_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
            UNIQUE (doc_id, source)
        );

        -- FTS5 over the search form (title + body, already free of diacritics, alef variants unified),
        -- so `ايران` finds `إيران` and `اتصالا` finds `اتصالًا`.
        -- External-content index: the text lives once, in `documents`; triggers keep it in step.
        CREATE VIRTUAL TABLE documents_fts USING fts5(
            search, terms, content='documents', content_rowid='rowid',
            tokenize='unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
            INSERT INTO documents_fts(rowid, search, terms) VALUES (new.rowid, new.search, new.terms);
        END;
        CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
            INSERT INTO documents_fts(documents_fts, rowid, search, terms) VALUES ('delete', old.rowid, old.search, old.terms);
        END;
        CREATE TRIGGER documents_au AFTER UPDATE OF search, terms ON documents BEGIN
            INSERT INTO documents_fts(documents_fts, rowid, search, terms) VALUES ('delete', old.rowid, old.search, old.terms);
            INSERT INTO documents_fts(rowid, search, terms) VALUES (new.rowid, new.search, new.terms);
        END;

        -- Inputs that could not be read or processed, with the reason; one row per
        -- (source, reason) however often the batch is rerun.
        CREATE TABLE quarantine (
            source TEXT NOT NULL,
            stage TEXT NOT NULL,
            reason TEXT NOT NULL,
            doc_id TEXT,
            first_seen TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
            last_seen TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
            UNIQUE (source, reason)
        );
        """
    )


@migration
def m002_duplicates(db: sqlite3.Connection) -> None:
    # Documents stored before this migration have no fingerprint yet: the store marks
    # them, in ingest order, on its next write with duplicate marking on (see
    # store/dedup.py); the migration itself stays plain SQL and instant on a large file.
    db.executescript(
        """
        -- The id of the canonical copy (the first one ingested) of the story this document
        -- copies; NULL for a canonical or a document without copies. ADD COLUMN does not
        -- rewrite the table, so this is cheap on a large store.
        ALTER TABLE documents ADD COLUMN duplicate_of TEXT;
        -- Partial: only copies are indexed. It answers "copies of story X" and counts
        -- copies; `duplicate_of = ?` implies NOT NULL, so SQLite uses it for lookups.
        CREATE INDEX documents_duplicate_of ON documents(duplicate_of)
            WHERE duplicate_of IS NOT NULL;

        -- One row per document that has been through duplicate marking.
        CREATE TABLE doc_minhash (
            doc_rowid INTEGER PRIMARY KEY REFERENCES documents(rowid) ON DELETE CASCADE,
            words INTEGER NOT NULL,            -- words in the normalised body
            body_hash BLOB,                    -- sha256 of the normalised body's words
            signature BLOB,                    -- MinHash: 128 little-endian uint32
            similarity REAL                    -- estimated Jaccard to its story when marked
        );
        CREATE INDEX doc_minhash_body_hash ON doc_minhash(body_hash) WHERE body_hash IS NOT NULL;

        -- LSH bands of the signatures: documents sharing a (band, key) are candidates.
        -- The primary key is the lookup index and makes re-inserting a band a no-op.
        CREATE TABLE doc_bands (
            band INTEGER NOT NULL,
            key INTEGER NOT NULL,              -- 64-bit hash of the band's values
            doc_rowid INTEGER NOT NULL,        -- documents.rowid
            PRIMARY KEY (band, key, doc_rowid)
        ) WITHOUT ROWID;

        -- Parameters the stored signatures and band keys were made with.
        CREATE TABLE dedup_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        """
    )


@migration
def m003_facts(db: sqlite3.Connection) -> None:
    # Normalised facts for the pages that aggregate over the store (entity timelines,
    # the actor network, the events table): written at every upsert by store/facts.py,
    # backfilled here from `documents.data` for documents already stored. IF NOT EXISTS
    # because executescript commits: a backfill interrupted after the tables were made
    # must be able to run again.
    db.executescript(
        """
        -- One row per document with facts. Keyed like documents_fts (doc_rowid =
        -- documents.rowid), with the columns search filters, collapses and counts on: a
        -- broad query matches thousands of documents, and reading these from this small
        -- table is several times faster than from the wide `documents` rows.
        CREATE TABLE IF NOT EXISTS facts_docs (
            doc_rowid INTEGER PRIMARY KEY,
            doc_id TEXT NOT NULL UNIQUE REFERENCES documents(id) ON DELETE CASCADE,
            published TEXT,
            outlet TEXT,
            version INTEGER NOT NULL
        );

        CREATE TABLE IF NOT EXISTS facts_mentions (
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            norm TEXT NOT NULL,                -- search form of the text (unlinked names are found too)
            type TEXT,
            fine TEXT,
            entity TEXT,                       -- knowledge-base id, NULL when not linked
            published TEXT
        );
        CREATE INDEX IF NOT EXISTS facts_mentions_doc ON facts_mentions(doc_id);
        CREATE INDEX IF NOT EXISTS facts_mentions_entity ON facts_mentions(entity, published) WHERE entity IS NOT NULL;
        CREATE INDEX IF NOT EXISTS facts_mentions_norm ON facts_mentions(norm);

        CREATE TABLE IF NOT EXISTS facts_entities (
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            entity TEXT NOT NULL,
            name TEXT,
            name_ar TEXT,
            norm TEXT,                         -- search form of name_ar (or name)
            type TEXT,
            country TEXT,
            actor_code TEXT,                   -- the code valid on the article's date
            published TEXT,
            mentions INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (doc_id, entity)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS facts_entities_entity ON facts_entities(entity, published);
        CREATE INDEX IF NOT EXISTS facts_entities_type ON facts_entities(type);

        CREATE TABLE IF NOT EXISTS facts_events (
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            n INTEGER NOT NULL,                -- position in the document's event list
            type TEXT NOT NULL,
            mode TEXT,
            cameo TEXT,
            score REAL,
            modality TEXT,
            actor_entity TEXT,
            actor_code TEXT,
            actor_text TEXT,
            recipient_entity TEXT,
            recipient_code TEXT,
            recipient_text TEXT,
            date TEXT,                         -- event date, or the publication date when unknown
            event_date TEXT,                   -- the event date as coded (NULL when unknown)
            date_precision TEXT,
            published TEXT,
            outlet TEXT,
            place TEXT,
            sentence INTEGER,
            trigger_start INTEGER,
            trigger_end INTEGER,
            evidence TEXT,
            PRIMARY KEY (doc_id, n)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS facts_events_date ON facts_events(date);
        CREATE INDEX IF NOT EXISTS facts_events_type ON facts_events(type, date);
        CREATE INDEX IF NOT EXISTS facts_events_actor ON facts_events(actor_entity, date);
        CREATE INDEX IF NOT EXISTS facts_events_recipient ON facts_events(recipient_entity, date);
        CREATE INDEX IF NOT EXISTS facts_events_actor_code ON facts_events(actor_code);
        CREATE INDEX IF NOT EXISTS facts_events_recipient_code ON facts_events(recipient_code);

        CREATE TABLE IF NOT EXISTS facts_quotes (
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            n INTEGER NOT NULL,
            speaker_entity TEXT,
            speaker_code TEXT,
            speaker_text TEXT,
            cue TEXT,
            direct INTEGER NOT NULL DEFAULT 0,
            start INTEGER,
            "end" INTEGER,
            text TEXT NOT NULL,
            norm TEXT NOT NULL,                -- search form of the quote
            published TEXT,
            outlet TEXT,
            PRIMARY KEY (doc_id, n)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS facts_quotes_speaker ON facts_quotes(speaker_entity, published);
        CREATE INDEX IF NOT EXISTS facts_quotes_published ON facts_quotes(published);
        """
    )
    facts.backfill(db)


# Columns m004 adds to facts_events, after `evidence`: the fields of an event that the flat
# tables carry since facts VERSION 2 (see rasd.flat for their form).
_EVENT_ARGUMENT_COLUMNS = (
    ("context", "TEXT"),  # PLOVER context (military, diplomatic, …)
    ("background", "INTEGER NOT NULL DEFAULT 0"),  # 1: a past event mentioned in passing
    ("actor_start", "INTEGER"),  # character offsets of the argument's words in the text
    ("actor_end", "INTEGER"),
    ("recipient_start", "INTEGER"),
    ("recipient_end", "INTEGER"),
    ("attributed_to_entity", "TEXT"),  # who reports, claims, denies or admits the event
    ("attributed_to_code", "TEXT"),
    ("attributed_to_text", "TEXT"),
    ("attributed_to_start", "INTEGER"),
    ("attributed_to_end", "INTEGER"),
    ("actors", "TEXT"),  # JSON list of every member of a compound actor
    ("recipients", "TEXT"),  # JSON list of every recipient
)


@migration
def m004_event_arguments(db: sqlite3.Connection) -> None:
    # ADD COLUMN does not rewrite the table. It has no IF NOT EXISTS, and it is committed at
    # once (sqlite3 opens the transaction only at the backfill's first INSERT): a rerun
    # after an interrupted backfill skips the columns already there.
    have = {row[1] for row in db.execute("PRAGMA table_info(facts_events)")}
    for name, decl in _EVENT_ARGUMENT_COLUMNS:
        if name not in have:
            db.execute(f"ALTER TABLE facts_events ADD COLUMN {name} {decl}")  # names are ours
    # Facts of VERSION 1 lack these values: rewrite them from `documents.data`, as m003 did
    # (and fill the tables of a database that m003 met before this migration existed).
    facts.backfill(db)


def apply(db: sqlite3.Connection) -> list[str]:
    """Apply pending migrations; return the names applied."""
    db.execute(
        "CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))"
    )
    done = {row[0] for row in db.execute("SELECT name FROM _migrations")}
    applied = []
    for name, fn in MIGRATIONS:
        if name in done:
            continue
        with db:
            fn(db)
            db.execute("INSERT INTO _migrations (name) VALUES (?)", (name,))
        applied.append(name)
    return applied
