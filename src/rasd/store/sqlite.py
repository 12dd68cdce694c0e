"""SQLite store: idempotent upsert by content hash, FTS5 search, duplicate stories, quarantine.

Library first (this module), thin CLI on top. One :class:`Store` wraps one connection;
use it as a context manager or call :meth:`Store.close`.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import regex

from rasd.arabic.clitics import index_terms
from rasd.arabic.normalize import normalize
from rasd.arabic.search import search_form
from rasd.document import Document
from rasd.errors import QueryError, StoreError
from rasd.pipeline import Drop
from rasd.store import facts, migrations
from rasd.store.dedup import DuplicateIndex, Match


@dataclass(slots=True, frozen=True)
class SearchHit:
    id: str
    title: str | None
    published: str | None
    outlet: str | None
    snippet: str
    rank: float
    # The story's canonical copy (this document's own id when it is the canonical) and how
    # many stored documents copy the story, the canonical included.
    story: str = ""
    copies: int = 1


@dataclass(slots=True, frozen=True)
class Copy:
    """One stored copy of a story (see :meth:`Store.copies`)."""

    id: str
    title: str | None
    published: str | None
    outlet: str | None
    duplicate_of: str | None
    similarity: float | None  # estimated Jaccard to the story when it was marked


@dataclass(slots=True, frozen=True)
class Story:
    """A story stored more than once (see :meth:`Store.stories_with_copies`)."""

    id: str  # the canonical copy
    title: str | None
    published: str | None
    outlet: str | None
    copies: int


@dataclass(slots=True)
class IngestCounts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    quarantined: int = 0
    skipped: int = 0
    # Documents marked in this run as copies of a stored story (a subset of added/updated).
    copies: int = 0

    @property
    def total(self) -> int:
        return self.added + self.updated + self.unchanged + self.quarantined + self.skipped


_FTS_OPERATORS = {"AND", "OR", "NOT"}
_QUERY_TOKEN = regex.compile(r'"[^"]*"|\(|\)|[^\s()"]+')


class Store:
    """One SQLite store. ``dedup`` (on by default) marks each document written as a copy
    of a stored story or not (:mod:`rasd.store.dedup`); off, writes are faster and the
    next write with it on marks what was skipped, in ingest order."""

    def __init__(self, path: str | Path, *, dedup: bool = True) -> None:
        self.path = str(path)
        self.dedup = dedup
        # Unknown until the first write with dedup on: documents stored without marking
        # (by `--no-dedup` or before the duplicates migration) are marked then.
        self._pending: bool | None = None
        try:
            self.db = sqlite3.connect(self.path)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open database {self.path!r}: {exc}") from exc
        try:
            self.db.execute("PRAGMA foreign_keys = ON")
            # WAL lets readers (the web UI, `rasd search`) run while a batch writes.
            if self.path != ":memory:":
                self.db.execute("PRAGMA journal_mode = WAL")
            self.db.execute("PRAGMA synchronous = NORMAL")
            migrations.apply(self.db)
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"{self.path!r} is not a rasd database (or is damaged): {exc}"
            ) from exc
        self.duplicates = DuplicateIndex(self.db)

    # -- context manager -------------------------------------------------------------
    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    # -- writes ----------------------------------------------------------------------
    def upsert(self, doc: Document) -> str:
        """Store ``doc``; return ``"added"``, ``"updated"`` or ``"unchanged"``.

        The id is a content hash, so the same article stored twice is one row; a re-run
        with a newer pipeline replaces the analysis in place. Every source the article
        came from is remembered in ``document_sources``.
        """
        with self.db:
            return self._upsert(doc)[0]

    def _upsert(self, doc: Document) -> tuple[str, Match | None]:
        """The upsert without its own transaction (callers batch several in one); also
        returns the story the document was marked as a copy of, if it was just marked."""
        if self.dedup:
            # Before this document is written, so the catch-up cannot take it for one of
            # the documents stored without marking.
            self._catch_up()
        data = json.dumps(doc.to_dict(), ensure_ascii=False, sort_keys=True)
        # Documents rebuilt from JSON (batch shards, exports) carry no search form: derive it.
        search = doc.search or search_form(doc)
        row = self.db.execute(
            "SELECT rowid, data, text FROM documents WHERE id = ?", (doc.id,)
        ).fetchone()
        rowid: int | None = None if row is None else int(row[0])
        if row is None:
            cursor = self.db.execute(
                _INSERT_DOCUMENT,
                (doc.id, *_columns(doc, search, data)),
            )
            rowid = cursor.lastrowid
            status = "added"
        elif _without_source(row[1]) != _without_source(data):
            self.db.execute(
                _UPDATE_DOCUMENT,
                (*_columns(doc, search, data), doc.id),
            )
            status = "updated"
        else:
            status = "unchanged"
        if status != "unchanged":
            # Entities, events and quotes as indexed rows for the aggregate pages.
            facts.write(self.db, doc)
        self.db.execute(
            "INSERT OR IGNORE INTO document_sources (doc_id, source) VALUES (?, ?)",
            (doc.id, json.dumps(doc.source.to_dict(), ensure_ascii=False, sort_keys=True)),
        )
        match = None
        if not self.dedup:
            self._pending = True
        elif rowid is not None:  # always set: an INSERT into a rowid table gives lastrowid
            # Re-fingerprint only when the body itself changed (a re-analysis that found an
            # author does not move a document between stories).
            changed = row is not None and row[2] != doc.text
            match = self.duplicates.add(rowid, doc.id, doc.text, changed=changed)
        return status, match

    def _catch_up(self) -> None:
        if self._pending is False:
            return
        if self.duplicates.pending():
            self.duplicates.catch_up()
        self._pending = False

    def quarantine(self, drop: Drop) -> None:
        """Record an input that could not be processed; reruns update ``last_seen`` only."""
        with self.db:
            self.db.execute(
                "INSERT INTO quarantine (source, stage, reason, doc_id) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (source, reason) DO UPDATE SET last_seen = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
                (drop.source, drop.stage, drop.reason, drop.doc_id),
            )

    def ingest(self, items: Iterable[Document | Drop], *, batch: int = 200) -> IngestCounts:
        """Store documents and quarantine drops, committing every ``batch`` documents.

        Batching saves a disk sync per document; a run killed mid-batch loses only that
        uncommitted batch, and a rerun adds it (ids are content hashes, so nothing doubles).
        """
        counts = IngestCounts()
        pending = 0
        try:
            for item in items:
                if isinstance(item, Drop) and item.skipped:
                    counts.skipped += 1
                    continue
                if isinstance(item, Drop):
                    self.db.commit()
                    self.quarantine(item)
                    counts.quarantined += 1
                    continue
                status, match = self._upsert(item)
                setattr(counts, status, getattr(counts, status) + 1)
                counts.copies += match is not None
                pending += 1
                if pending >= batch:
                    self.db.commit()
                    pending = 0
        finally:
            self.db.commit()
        return counts

    # -- reads -----------------------------------------------------------------------
    def count(self) -> int:
        """Stored documents (every copy of a story counts)."""
        return int(self.db.execute("SELECT count(*) FROM documents").fetchone()[0])

    def count_stories(self) -> int:
        """Distinct stories: documents that are not marked as a copy of another."""
        copies = self.db.execute(
            "SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL"
        ).fetchone()[0]
        return self.count() - int(copies)

    def duplicate_of(self, doc_id: str) -> str | None:
        """The id of the canonical copy ``doc_id`` (or a unique prefix) was marked as a
        copy of, or None when it is a canonical or has no copies."""
        row = self.db.execute(
            "SELECT duplicate_of FROM documents WHERE id = ?", (self.resolve(doc_id),)
        ).fetchone()
        return None if row[0] is None else str(row[0])

    def copies(self, doc_id: str) -> list[Copy]:
        """Every stored copy of the story ``doc_id`` belongs to: canonical first, then in
        ingest order."""
        story = self.duplicate_of(doc_id) or self.resolve(doc_id)
        rows = self.db.execute(
            "SELECT d.id, d.title, d.published, d.outlet, d.duplicate_of, m.similarity"
            " FROM documents d LEFT JOIN doc_minhash m ON m.doc_rowid = d.rowid"
            " WHERE d.id = ? OR d.duplicate_of = ? ORDER BY d.duplicate_of IS NOT NULL, d.rowid",
            (story, story),
        )
        return [Copy(*r) for r in rows]

    def stories_with_copies(self, *, limit: int = 20, offset: int = 0) -> list[Story]:
        """Stories stored more than once, most copies first."""
        rows = self.db.execute(
            "SELECT c.id, c.title, c.published, c.outlet, g.n + 1 FROM"
            " (SELECT duplicate_of, count(*) AS n FROM documents WHERE duplicate_of IS NOT NULL"
            "  GROUP BY duplicate_of) g JOIN documents c ON c.id = g.duplicate_of"
            " ORDER BY g.n DESC, c.rowid LIMIT ? OFFSET ?",
            (limit, offset),
        )
        return [Story(*r) for r in rows]

    def unmarked(self) -> int:
        """Documents not yet through duplicate marking (stored with ``dedup=False`` or
        before the store had it); the next write with dedup on marks them."""
        return self.duplicates.pending()

    def mark_duplicates(self, *, rebuild: bool = False) -> int:
        """Mark the documents not marked yet (or, with ``rebuild``, forget every mark and
        mark the whole store again in ingest order); return how many were processed."""
        with self.db:
            done = self.duplicates.rebuild() if rebuild else self.duplicates.catch_up()
        self._pending = False
        return done

    def resolve(self, doc_id: str) -> str:
        """The full id of a stored document given its id or a unique prefix."""
        key = doc_id if doc_id.startswith("sha256:") else f"sha256:{doc_id}"
        rows = self.db.execute(
            "SELECT id FROM documents WHERE id >= ? AND id < ? LIMIT 2", (key, key + "\uffff")
        ).fetchall()
        if not rows:
            raise StoreError(f"no document with id {doc_id!r} in {self.path}")
        if len(rows) > 1:
            raise StoreError(f"id prefix {doc_id!r} is ambiguous: give more characters")
        return str(rows[0][0])

    def get(self, doc_id: str) -> Document:
        """A document by id or unique id prefix (``sha256:5e42`` or just ``5e42``)."""
        key = doc_id if doc_id.startswith("sha256:") else f"sha256:{doc_id}"
        rows = self.db.execute(
            "SELECT data, raw FROM documents WHERE id >= ? AND id < ? LIMIT 2",
            (key, key + "\uffff"),
        ).fetchall()
        if not rows:
            raise StoreError(f"no document with id {doc_id!r} in {self.path}")
        if len(rows) > 1:
            raise StoreError(f"id prefix {doc_id!r} is ambiguous: give more characters")
        data = json.loads(rows[0][0])
        data["raw"] = rows[0][1]
        return Document.from_dict(data)

    def sources(self, doc_id: str) -> list[dict[str, str]]:
        rows = self.db.execute(
            "SELECT source FROM document_sources WHERE doc_id = ? ORDER BY seen_at, source",
            (doc_id,),
        )
        return [json.loads(r[0]) for r in rows]

    def quarantined(self) -> list[dict[str, str]]:
        rows = self.db.execute(
            "SELECT source, stage, reason, first_seen, last_seen FROM quarantine ORDER BY source"
        )
        return [
            dict(zip(("source", "stage", "reason", "first_seen", "last_seen"), r, strict=True))
            for r in rows
        ]

    def search(
        self,
        query: str,
        *,
        limit: int = 20,
        offset: int = 0,
        since: str | None = None,
        until: str | None = None,
        outlet: str | None = None,
        collapse: bool = True,
    ) -> list[SearchHit]:
        """Full-text search over the search form. Words are matched whatever their
        diacritics or alef/ya/ta-marbuta spelling; ``"…"`` is a phrase, ``word*`` a prefix,
        ``AND``/``OR``/``NOT`` and parentheses combine terms.

        With ``collapse`` (the default) a story stored several times is one hit: its
        best-ranked matching copy, with ``copies`` counting every stored copy of the story
        and ``story`` its canonical id. ``collapse=False`` lists every matching copy.
        """
        match = fts_query(query)
        where = "documents_fts MATCH ?"
        params: list[object] = [match]
        if since:
            where += " AND d.published >= ?"
            params.append(since)
        if until:
            where += " AND d.published <= ?"
            params.append(until)
        if outlet:
            where += " AND d.outlet = ?"
            params.append(outlet)
        # Snippets are made in a second query for the page of hits only: made here, SQLite
        # would build one for every matching document before ranking and collapsing
        # (seconds for a common word over a large store).
        hits = (
            "SELECT documents_fts.rowid AS fts_row, d.id, d.title, d.published, d.outlet,"
            " bm25(documents_fts) AS rank, coalesce(d.duplicate_of, d.id) AS story"
            f" FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid WHERE {where}"
        )
        if collapse:
            # The best-ranked matching copy of each story stands for it.
            hits = (
                "SELECT * FROM (SELECT *, row_number() OVER"
                f" (PARTITION BY story ORDER BY rank, published DESC, id) AS nth FROM ({hits}))"
                " WHERE nth = 1"
            )
        # Copies are counted over the whole store, not only those matching the query:
        # the number answers "how many times was this story stored".
        sql = (
            "SELECT fts_row, id, title, published, outlet, rank, story,"
            " 1 + (SELECT count(*) FROM documents c WHERE c.duplicate_of = h.story)"
            f" FROM ({hits}) h ORDER BY rank, published DESC LIMIT ? OFFSET ?"
        )
        params += [limit, offset]
        try:
            rows = self.db.execute(sql, params).fetchall()
            snippets = self._snippets(match, [row[0] for row in rows])
        except sqlite3.OperationalError as exc:
            raise QueryError(f"cannot search for {query!r}: {exc}") from exc
        return [
            SearchHit(doc_id, title, published, outlet, snippets.get(fts_row, ""), rank, story, n)
            for fts_row, doc_id, title, published, outlet, rank, story, n in rows
        ]

    def _snippets(self, match: str, rowids: list[int]) -> dict[int, str]:
        """The highlighted snippet of each of ``rowids`` for the FTS expression ``match``."""
        if not rowids:
            return {}
        marks = ",".join("?" * len(rowids))
        found = self.db.execute(
            "SELECT rowid, snippet(documents_fts, 0, '[', ']', '…', 12) FROM documents_fts"
            f" WHERE documents_fts MATCH ? AND rowid IN ({marks})",
            [match, *rowids],
        ).fetchall()
        return {int(rowid): str(snippet) for rowid, snippet in found}


def fts_query(query: str) -> str:
    """Translate a user query into a safe FTS5 expression over the search form.

    Bare words are quoted (so punctuation or a stray ``-`` never becomes FTS syntax);
    phrases, ``*`` prefixes, ``AND``/``OR``/``NOT`` and parentheses keep their meaning.
    """
    parts = []
    for token in _QUERY_TOKEN.findall(query):
        if token in _FTS_OPERATORS or token in "()":
            parts.append(token)
            continue
        prefix = token.endswith("*") and not token.startswith('"')
        words = regex.findall(r"[\p{L}\p{M}\p{N}_]+", normalize(token.strip('"*')))
        if not words:
            continue
        phrase = '"' + " ".join(words) + '"'
        parts.append(phrase + ("*" if prefix else ""))
    if not any(p not in _FTS_OPERATORS and p not in "()" for p in parts):
        raise QueryError(f"search query {query!r} has no words to look for")
    return " ".join(parts)


# The ``documents`` columns an insert and an update both write; _columns gives their values.
_DOCUMENT_COLUMNS = (
    "title", "published", "place", "outlet", "author", "language", "text", "search", "terms",
    "raw", "data",
)  # fmt: skip
_INSERT_DOCUMENT = (
    f"INSERT INTO documents (id, {', '.join(_DOCUMENT_COLUMNS)})"
    f" VALUES ({', '.join('?' * (len(_DOCUMENT_COLUMNS) + 1))})"
)
_UPDATE_DOCUMENT = (
    f"UPDATE documents SET {', '.join(c + '=?' for c in _DOCUMENT_COLUMNS)},"
    " updated_at=strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id=?"
)


def _columns(doc: Document, search: str, data: str) -> tuple[Any, ...]:
    """The values of :data:`_DOCUMENT_COLUMNS` for ``doc``, in that order."""
    dl = doc.dateline
    return (
        doc.title,
        doc.published,
        dl.place if dl else None,
        dl.outlet if dl else None,
        doc.author,
        doc.language,
        doc.text,
        search,
        index_terms(search),
        doc.raw,
        data,
    )


def _without_source(data: str) -> str:
    d = json.loads(data)
    d.pop("source", None)
    return json.dumps(d, sort_keys=True)


def open_store(path: str | Path, *, dedup: bool = True) -> Store:
    """Open (creating and migrating as needed) the SQLite store at ``path``."""
    return Store(path, dedup=dedup)
