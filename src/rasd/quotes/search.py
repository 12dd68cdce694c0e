"""Quotes in a store, by speaker: what ``rasd quotes --speaker NAME`` lists.

Reads the ``facts_quotes`` rows the store writes beside each document (joined to the
speaker's entity in ``facts_entities``), or, in a store without those tables, the quotes in
each document's JSON (``documents.data``). A name matches a speaker when, in the search
form (:func:`rasd.arabic.normalize.normalize`), it is the speaker's entity id, or its words
run in the speaker's words or the entity's names: ``بوتين`` finds ``فلاديمير بوتين``, ``ايران``
finds ``إيران``, ``Kremlin`` finds a speaker linked to the Kremlin whatever its words.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any

from rasd.arabic.normalize import normalize
from rasd.quotes.lexicon import STANCES, stance_of


@dataclass(slots=True)
class QuoteHit:
    doc_id: str
    published: str | None
    outlet: str | None
    title: str | None
    speaker: str | None
    speaker_entity: str | None
    speaker_code: str | None
    cue: str
    stance: str
    direct: bool
    start: int | None
    end: int | None
    text: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def speaker_matches(query: str, *names: str | None) -> bool:
    """``query`` names one of ``names``: its words run inside them, in the search form."""
    want = f" {normalize(query)} "
    if not want.strip():
        return True
    return any(name and want in f" {normalize(name)} " for name in names)


def quotes_by_speaker(
    db: sqlite3.Connection,
    speaker: str | None = None,
    *,
    stance: str | None = None,
    since: str | None = None,
    until: str | None = None,
    copies: bool = False,
    limit: int = 50,
    offset: int = 0,
) -> list[QuoteHit]:
    """Quotes whose speaker matches ``speaker`` (all quotes when None), newest first.

    ``stance`` keeps one stance (``denial``, ``warning`` …); ``since``/``until`` bound the
    publication date; a story stored several times counts once unless ``copies``.
    """
    if stance is not None and stance not in STANCES:
        raise ValueError(f"stance must be one of {', '.join(STANCES)}, got {stance!r}")
    rows = _fact_rows if _has_table(db, "facts_quotes") else _json_rows
    hits: list[QuoteHit] = []
    skipped = 0
    for hit, names in rows(db, since=since, until=until, copies=copies):
        if stance is not None and hit.stance != stance:
            continue
        if speaker is not None and not (
            hit.speaker_entity == speaker or speaker_matches(speaker, hit.speaker, *names)
        ):
            continue
        if skipped < offset:
            skipped += 1
            continue
        hits.append(hit)
        if len(hits) >= limit:
            break
    return hits


def _has_table(db: sqlite3.Connection, name: str) -> bool:
    row = db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,))
    return row.fetchone() is not None


def _filters(since: str | None, until: str | None, copies: bool) -> tuple[str, list[object]]:
    where = ["1 = 1"]
    params: list[object] = []
    if since:
        where.append("d.published >= ?")
        params.append(since)
    if until:
        where.append("d.published <= ?")
        params.append(until)
    if not copies:
        where.append("d.duplicate_of IS NULL")
    return " AND ".join(where), params


def _fact_rows(
    db: sqlite3.Connection, *, since: str | None, until: str | None, copies: bool
) -> Iterator[tuple[QuoteHit, tuple[str | None, ...]]]:
    where, params = _filters(since, until, copies)
    sql = (
        "SELECT q.doc_id, d.published, coalesce(q.outlet, d.outlet), d.title, q.speaker_text,"
        ' q.speaker_entity, q.speaker_code, q.cue, q.direct, q.start, q."end", q.text,'
        " e.name, e.name_ar"
        " FROM facts_quotes q JOIN documents d ON d.id = q.doc_id"
        " LEFT JOIN facts_entities e ON e.doc_id = q.doc_id AND e.entity = q.speaker_entity"
        f" WHERE {where} ORDER BY d.published DESC, q.doc_id, q.n"
    )
    for row in db.execute(sql, params):
        (doc_id, published, outlet, title, speaker, entity, code, cue, direct, start, end, text,
         name, name_ar) = row  # fmt: skip
        hit = QuoteHit(
            doc_id, published, outlet, title, speaker, entity, code, cue or "",
            stance_of(cue or ""), bool(direct), start, end, text,
        )  # fmt: skip
        yield hit, (name, name_ar, entity)


def _json_rows(
    db: sqlite3.Connection, *, since: str | None, until: str | None, copies: bool
) -> Iterator[tuple[QuoteHit, tuple[str | None, ...]]]:
    where, params = _filters(since, until, copies)
    if not _has_column(db, "documents", "duplicate_of"):
        where = where.replace(" AND d.duplicate_of IS NULL", "")
    sql = (
        "SELECT d.id, d.published, d.outlet, d.title, d.data FROM documents d"
        f" WHERE {where} ORDER BY d.published DESC, d.id"
    )
    for doc_id, published, outlet, title, data in db.execute(sql, params):
        try:
            doc = json.loads(data)
        except ValueError:
            continue
        names = {e.get("id"): (e.get("name"), e.get("name_ar")) for e in doc.get("entities", [])}
        for q in doc.get("quotes", []):
            s = q.get("speaker") or {}
            entity = s.get("entity")
            cue = q.get("cue", "")
            hit = QuoteHit(
                doc_id, published, outlet, title, s.get("text"), entity, s.get("code"), cue,
                q.get("stance") or stance_of(cue), bool(q.get("direct")), q.get("start"),
                q.get("end"), q.get("text", ""),
            )  # fmt: skip
            yield hit, (*names.get(entity, (None, None)), entity)


def _has_column(db: sqlite3.Connection, table: str, column: str) -> bool:
    return any(row[1] == column for row in db.execute(f"PRAGMA table_info({table})"))
