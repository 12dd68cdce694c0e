"""SQLite store: idempotent upsert by content hash, FTS5 search, quarantine.

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

import regex

from rasd.arabic.clitics import index_terms
from rasd.arabic.normalize import normalize
from rasd.document import Document
from rasd.errors import QueryError, StoreError
from rasd.pipeline import Drop
from rasd.store import migrations


@dataclass(slots=True, frozen=True)
class SearchHit:
    id: str
    title: str | None
    published: str | None
    outlet: str | None
    snippet: str
    rank: float


@dataclass(slots=True)
class IngestCounts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    quarantined: int = 0
    skipped: int = 0

    @property
    def total(self) -> int:
        return self.added + self.updated + self.unchanged + self.quarantined + self.skipped


_FTS_OPERATORS = {"AND", "OR", "NOT"}
_QUERY_TOKEN = regex.compile(r'"[^"]*"|\(|\)|[^\s()"]+')


class Store:
    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
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
            return self._upsert(doc)

    def _upsert(self, doc: Document) -> str:
        """The upsert without its own transaction (callers batch several in one)."""
        data = json.dumps(doc.to_dict(), ensure_ascii=False, sort_keys=True)
        dl = doc.dateline
        row = self.db.execute("SELECT data FROM documents WHERE id = ?", (doc.id,)).fetchone()
        if row is None:
            self.db.execute(
                "INSERT INTO documents (id, title, published, place, outlet, author, language, text, search, terms, raw, data)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    doc.id,
                    doc.title,
                    doc.published,
                    dl.place if dl else None,
                    dl.outlet if dl else None,
                    doc.author,
                    doc.language,
                    doc.text,
                    doc.search,
                    index_terms(doc.search),
                    doc.raw,
                    data,
                ),
            )
            status = "added"
        elif _without_source(row[0]) != _without_source(data):
            self.db.execute(
                "UPDATE documents SET title=?, published=?, place=?, outlet=?, author=?, language=?, text=?,"
                " search=?, terms=?, raw=?, data=?, updated_at=strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id=?",
                (
                    doc.title,
                    doc.published,
                    dl.place if dl else None,
                    dl.outlet if dl else None,
                    doc.author,
                    doc.language,
                    doc.text,
                    doc.search,
                    index_terms(doc.search),
                    doc.raw,
                    data,
                    doc.id,
                ),
            )
            status = "updated"
        else:
            status = "unchanged"
        self.db.execute(
            "INSERT OR IGNORE INTO document_sources (doc_id, source) VALUES (?, ?)",
            (doc.id, json.dumps(doc.source.to_dict(), ensure_ascii=False, sort_keys=True)),
        )
        return status

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
                status = self._upsert(item)
                setattr(counts, status, getattr(counts, status) + 1)
                pending += 1
                if pending >= batch:
                    self.db.commit()
                    pending = 0
        finally:
            self.db.commit()
        return counts

    # -- reads -----------------------------------------------------------------------
    def count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM documents").fetchone()[0])

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
    ) -> list[SearchHit]:
        """Full-text search over the search form. Words are matched whatever their
        diacritics or alef/ya/ta-marbuta spelling; ``"…"`` is a phrase, ``word*`` a prefix,
        ``AND``/``OR``/``NOT`` and parentheses combine terms."""
        match = fts_query(query)
        sql = (
            "SELECT d.id, d.title, d.published, d.outlet,"
            " snippet(documents_fts, 0, '[', ']', '…', 12), bm25(documents_fts)"
            " FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid"
            " WHERE documents_fts MATCH ?"
        )
        params: list[object] = [match]
        if since:
            sql += " AND d.published >= ?"
            params.append(since)
        if until:
            sql += " AND d.published <= ?"
            params.append(until)
        if outlet:
            sql += " AND d.outlet = ?"
            params.append(outlet)
        sql += " ORDER BY bm25(documents_fts), d.published DESC LIMIT ? OFFSET ?"
        params += [limit, offset]
        try:
            rows = self.db.execute(sql, params).fetchall()
        except sqlite3.OperationalError as exc:
            raise QueryError(f"cannot search for {query!r}: {exc}") from exc
        return [SearchHit(*row) for row in rows]


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


def _without_source(data: str) -> str:
    d = json.loads(data)
    d.pop("source", None)
    return json.dumps(d, sort_keys=True)


def open_store(path: str | Path) -> Store:
    """Open (creating and migrating as needed) the SQLite store at ``path``."""
    return Store(path)
