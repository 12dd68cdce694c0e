"""The read model behind every API endpoint and every page: plain functions from the
store and filters to JSON-ready dicts.

An API endpoint returns one of these dicts as it is; the page at the matching URL renders
the same dict with a template, and its JSON twin (the URL + ``.json``) returns it too, so
the API and the UI cannot drift apart (datasette's rule).

Aggregates (entity pages, the actor network, the events table) read the ``facts_*``
tables (:mod:`rasd.store.facts`). Documents marked as copies of a stored story are left
out of counts by default — the same story from five outlets is one event, not five —
and ``copies=True`` puts them back.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, replace
from typing import Any

from rasd.api import highlight
from rasd.arabic.normalize import normalize
from rasd.errors import QueryError
from rasd.flat import read_members
from rasd.store.sqlite import Store, fts_query

MAX_PAGE = 200  # rows per page of any listing
MAX_EXPORT = 10_000  # rows per CSV/JSON download of the events table
FACET_SAMPLE = 5_000  # best-ranked matches the entity/type/modality facets count

# PLOVER types by the side of the cooperation/conflict divide they fall on, for events
# that carry no score (the score's sign decides when there is one).
COOPERATION_TYPES = frozenset(
    {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST"}
)
CONFLICT_TYPES = frozenset(
    {"ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
)

# How actors become network nodes: by linked entity (falling back to the actor code when
# the actor was not linked), by actor code, or by the code's country part.
NODE_KEYS = {
    "entity": ("coalesce(e.actor_entity, e.actor_code)", "coalesce(e.recipient_entity, e.recipient_code)"),
    "code": ("e.actor_code", "e.recipient_code"),
    "country": ("substr(e.actor_code, 1, 3)", "substr(e.recipient_code, 1, 3)"),
}  # fmt: skip
# The same keys for one member of a compound argument: ``{m}`` is a json_each row over the
# ``actors`` or ``recipients`` list (rasd.flat.members).
MEMBER_KEYS = {
    "entity": "coalesce(json_extract({m}.value, '$.entity'), json_extract({m}.value, '$.code'))",
    "code": "json_extract({m}.value, '$.code')",
    "country": "substr(json_extract({m}.value, '$.code'), 1, 3)",
}

EVENT_COLUMNS = [
    "doc_id", "n", "date", "event_date", "date_precision", "type", "mode", "cameo", "score",
    "modality", "actor_entity", "actor_code", "actor_text", "actor_label", "recipient_entity",
    "recipient_code", "recipient_text", "recipient_label", "published", "outlet", "place",
    "sentence", "trigger_start", "trigger_end", "evidence", "title",
    # The event columns of every flat table (rasd.flat), after the older ones.
    "context", "background", "actor_start", "actor_end", "recipient_start", "recipient_end",
    "attributed_to_entity", "attributed_to_code", "attributed_to_text", "attributed_to_start",
    "attributed_to_end", "actors", "recipients",
]  # fmt: skip


class NotFound(LookupError):
    """Nothing at this id: a 404 with the message."""


class BadRequest(ValueError):
    """Parameters that cannot be honoured: a 400 with the message."""


@dataclass(slots=True)
class EventFilters:
    """Filters shared by the events table, the actor network and event facets.

    ``actor``/``recipient``/``party`` (either side) match an entity id, or an actor code
    or its prefix (``RUS`` matches ``RUSGOV``), of any member of a compound argument; with
    ``by`` set they match a member's node key of the network instead, so a click on an
    edge lists exactly the events it counts.
    """

    since: str | None = None
    until: str | None = None
    type: str | None = None
    modality: str | None = None
    actor: str | None = None
    recipient: str | None = None
    party: str | None = None
    outlet: str | None = None
    cameo: str | None = None
    doc: str | None = None
    by: str | None = None
    copies: bool = False

    def sql(self) -> tuple[str, list[Any]]:
        """A WHERE clause over ``facts_events e`` joined to ``documents d``."""
        period, params = _period("e", self.since, self.until, self.outlet, date="date")
        where = ["1", *period]
        if self.type:
            where.append("e.type = ?")
            params.append(self.type.upper())
        if self.modality:
            where.append("e.modality = ?")
            params.append(self.modality.lower())
        if self.cameo:
            where.append("e.cameo LIKE ? ESCAPE '\\'")
            params.append(_like_prefix(self.cameo))
        if self.doc:
            where.append("e.doc_id = ?")
            params.append(self.doc)
        for value, side in ((self.actor, "actor"), (self.recipient, "recipient")):
            if value:
                clause, args = self._side(side, value)
                where.append(clause)
                params += args
        if self.party:
            a, a_args = self._side("actor", self.party)
            r, r_args = self._side("recipient", self.party)
            where.append(f"({a} OR {r})")
            params += a_args + r_args
        if not self.copies:
            where.append("d.duplicate_of IS NULL")
        return " AND ".join(where), params

    def _side(self, side: str, value: str) -> tuple[str, list[Any]]:
        if self.by:
            if self.by not in NODE_KEYS:
                raise BadRequest(f"by must be one of {', '.join(NODE_KEYS)}, got {self.by!r}")
            key = NODE_KEYS[self.by][0 if side == "actor" else 1]
            member = MEMBER_KEYS[self.by].format(m="m")
            return (
                f"({key} = ? OR {_listed(side)} AND EXISTS (SELECT 1"
                f" FROM json_each(e.{side}s) AS m WHERE {member} = ?))",
                [value, _COMPOUND, value],
            )
        # Any member of a compound argument (روسيا وإيران), not only the first, which is
        # all the single columns hold. The LIKE keeps json_each to the lists of two or
        # more members (written "},{" by rasd.flat.members): about 40 ms instead of 89 for
        # actor=RUS over 28,000 events (bench/event_filters.py).
        return (
            f"(e.{side}_entity = ? OR e.{side}_code LIKE ? ESCAPE '\\'"
            f" OR {_listed(side)} AND EXISTS (SELECT 1 FROM json_each(e.{side}s) AS m"
            "  WHERE json_extract(m.value, '$.entity') = ?"
            "  OR json_extract(m.value, '$.code') LIKE ? ESCAPE '\\'))",
            [value, _like_prefix(value), _COMPOUND, value, _like_prefix(value)],
        )

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v not in (None, False)}


# -- helpers -------------------------------------------------------------------------


# A JSON list of more than one argument member, as rasd.flat.members writes it.
_COMPOUND = "%},{%"


def _listed(side: str) -> str:
    """SQL: the side's members are a list of two or more (parameter: _COMPOUND) that is
    valid JSON, so json_each may read it. The LIKE comes first: it keeps the JSON parser
    to the few compound rows."""
    return f"(e.{side}s LIKE ? AND json_valid(e.{side}s))"


# Events named one by one in an entity's query (see entity()); SQLite's default expression
# depth is 1,000.
_MAX_KEYS = 300


def _like_prefix(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped + "%"


def _like_contains(value: str) -> str:
    return "%" + _like_prefix(value)


def _until(value: str) -> str:
    """An inclusive upper bound: ``2022-11`` covers every day of November."""
    return value + "\uffff"


def _period(
    table: str,
    since: str | None,
    until: str | None,
    outlet: str | None,
    *,
    date: str = "published",
) -> tuple[list[str], list[Any]]:
    """WHERE parts and parameters of the date-range and outlet filters every listing
    shares (``table``: the alias the columns are read from, "" for none)."""
    col = f"{table}." if table else ""
    where: list[str] = []
    params: list[Any] = []
    if since:
        where.append(f"{col}{date} >= ?")
        params.append(since)
    if until:
        where.append(f"{col}{date} <= ?")
        params.append(_until(until))
    if outlet:
        where.append(f"{col}outlet = ?")
        params.append(outlet)
    return where, params


def _rows(
    db: sqlite3.Connection, sql: str, params: list[Any] | tuple[Any, ...] = ()
) -> list[dict[str, Any]]:
    cursor = db.execute(sql, params)
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _tone(score: float | None, type_: str | None) -> int:
    """+1 cooperation, -1 conflict, 0 neutral: the score's sign, else the type's side."""
    if score is not None:
        return (score > 0) - (score < 0)
    if type_ in COOPERATION_TYPES:
        return 1
    if type_ in CONFLICT_TYPES:
        return -1
    return 0


# Rows of an entity read to choose its label: enough for the usual spelling to win, and a
# country named in every other article costs no more than a rare name.
LABEL_SAMPLE = 200


def entity_labels(db: sqlite3.Connection, keys: list[str]) -> dict[str, dict[str, Any]]:
    """Names of entities by id: the most frequent spelling among the entity's latest
    LABEL_SAMPLE analyses (counting every row of ``Q159`` made a search page slow)."""
    out: dict[str, dict[str, Any]] = {}
    for key in dict.fromkeys(k for k in keys if k):
        rows = _rows(
            db,
            "SELECT entity, name, name_ar, type, country, count(*) AS n FROM"
            " (SELECT * FROM facts_entities WHERE entity = ? ORDER BY published DESC LIMIT ?)"
            " GROUP BY entity, name, name_ar, type, country ORDER BY n DESC LIMIT 1",
            (key, LABEL_SAMPLE),
        )
        if rows:
            out[key] = rows[0]
    return out


def _label(info: dict[str, Any] | None, fallback: str | None) -> str | None:
    if info:
        return str(info.get("name_ar") or info.get("name") or fallback)
    return fallback


def resolve(store: Store, doc_id: str) -> str:
    """The full id of a document given its id or a unique prefix (404 / 400 otherwise)."""
    key = doc_id if doc_id.startswith("sha256:") else f"sha256:{doc_id}"
    rows = store.db.execute(
        "SELECT id FROM documents WHERE id >= ? AND id < ? LIMIT 2", (key, key + "\uffff")
    ).fetchall()
    if not rows:
        raise NotFound(f"no document with id {doc_id!r}")
    if len(rows) > 1:
        raise BadRequest(f"id prefix {doc_id!r} is ambiguous: give more characters")
    return str(rows[0][0])


# -- home ------------------------------------------------------------------------------


def stats(store: Store) -> dict[str, Any]:
    """Counts, the latest articles and the most mentioned entities."""
    db = store.db

    def one(sql: str) -> int:
        return int(db.execute(sql).fetchone()[0])

    counts = {
        "documents": one("SELECT count(*) FROM documents"),
        "stories": one("SELECT count(*) FROM documents WHERE duplicate_of IS NULL"),
        "events": one("SELECT count(*) FROM facts_events"),
        "entities": one("SELECT count(DISTINCT entity) FROM facts_entities"),
        "quotes": one("SELECT count(*) FROM facts_quotes"),
    }
    latest = _rows(
        db,
        "SELECT id, title, published, outlet FROM documents WHERE duplicate_of IS NULL"
        " ORDER BY published DESC, rowid DESC LIMIT 10",
    )
    top = entities(store, limit=10)["entities"]
    return {"counts": counts, "latest": latest, "top_entities": top}


# -- search ----------------------------------------------------------------------------


def search(
    store: Store,
    q: str,
    *,
    since: str | None = None,
    until: str | None = None,
    outlet: str | None = None,
    entity: str | None = None,
    type: str | None = None,
    modality: str | None = None,
    copies: bool = False,
    facets: bool = True,
    limit: int = 20,
    offset: int = 0,
) -> dict[str, Any]:
    """Full-text search with filters, facets and highlighted snippets.

    1. The query becomes an FTS5 expression over the search form (``fts_query``; a
       syntax error raises :class:`QueryError`, a 400).
    2. Filters narrow the matches: dates and outlet on the document, ``entity`` (an id,
       or a name matched in its search form) on its mentions, ``type``/``modality`` on
       one of its events.
    3. Copies of a stored story collapse into the best-ranked one (as ``rasd search``).
    4. One statement counts the collapsed matches, their outlets and months, and returns
       the best-ranked ones; entity/type/modality facets count the best FACET_SAMPLE.
    5. The page of hits gets snippets cut from the original text around the match.
    """
    filters = {
        "since": since, "until": until, "outlet": outlet, "entity": entity, "type": type,
        "modality": modality,
    }  # fmt: skip
    result: dict[str, Any] = {
        "query": q,
        "filters": {k: v for k, v in filters.items() if v},
        "total": 0,
        "offset": offset,
        "limit": limit,
        "hits": [],
        "facets": {},
    }
    if not q.strip():
        return result
    # 1.
    match = fts_query(q)
    # 2. Filters read the narrow facts_docs row of each match, not the wide documents row.
    period, period_params = _period("f", since, until, outlet)
    where = ["documents_fts MATCH ?", *period]
    params: list[Any] = [match, *period_params]
    if entity:
        where.append(
            "f.doc_id IN (SELECT doc_id FROM facts_mentions WHERE entity = ? OR norm = ?"
            " UNION SELECT doc_id FROM facts_entities WHERE entity = ?)"
        )
        params += [entity, normalize(entity), entity]
    if type or modality:
        clause = ["1"]
        if type:
            clause.append("type = ?")
            params.append(type.upper())
        if modality:
            clause.append("modality = ?")
            params.append(modality.lower())
        where.append(f"f.doc_id IN (SELECT doc_id FROM facts_events WHERE {' AND '.join(clause)})")
    # Copies are few: read them once from the partial index, not `duplicate_of` (the last
    # column of every wide documents row) for each match.
    ctes = (
        "copies AS MATERIALIZED (SELECT rowid AS r, duplicate_of AS story FROM documents"
        " WHERE duplicate_of IS NOT NULL),"
        " m AS MATERIALIZED (SELECT f.doc_rowid AS rowid, f.doc_id AS id, f.published AS published,"
        " f.outlet AS outlet, coalesce(k.story, f.doc_id) AS story, bm25(documents_fts) AS rank"
        " FROM documents_fts JOIN facts_docs f ON f.doc_rowid = documents_fts.rowid"
        " LEFT JOIN copies k ON k.r = documents_fts.rowid"
        f" WHERE {' AND '.join(where)})"
    )
    # 3. The same collapse as Store.search: the best-ranked matching copy stands for its
    # story. Only stories stored more than once need the window; the rest pass through.
    if copies:
        collapsed = "SELECT rowid, id, published, outlet, story, rank FROM m"
    else:
        collapsed = (
            "SELECT rowid, id, published, outlet, story, rank FROM m"
            " WHERE story NOT IN (SELECT story FROM copies) UNION ALL"
            " SELECT rowid, id, published, outlet, story, rank FROM (SELECT *, row_number() OVER"
            " (PARTITION BY story ORDER BY rank, published DESC, id) AS nth FROM m"
            " WHERE story IN (SELECT story FROM copies)) WHERE nth = 1"
        )
    db = store.db
    try:
        # 4. One FTS5 evaluation for everything: the count, the outlet and month facets,
        # and the best-ranked matches (enough for the page and the facts facets) come
        # back together; evaluating the query again for the page would double the cost
        # of a query that matches half the store.
        wanted = max(offset + limit, FACET_SAMPLE if facets else 0)
        matched: list[tuple[Any, ...]] = []
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        for kind, rowid, doc_id, published, outlet_, story, rank in db.execute(
            f"WITH {ctes}, c AS MATERIALIZED ({collapsed})"
            " SELECT * FROM (SELECT 'hit', rowid, id, published, outlet, story, rank FROM c"
            "  ORDER BY rank, published DESC LIMIT ?)"
            " UNION ALL SELECT 'total', NULL, NULL, NULL, NULL, NULL, count(*) FROM c"
            " UNION ALL SELECT 'outlet', NULL, NULL, NULL, outlet, NULL, count(*) FROM c"
            "  WHERE outlet IS NOT NULL GROUP BY outlet"
            " UNION ALL SELECT 'month', NULL, NULL, substr(published, 1, 7), NULL, NULL, count(*)"
            "  FROM c WHERE published IS NOT NULL GROUP BY 4",
            [*params, wanted],
        ):
            if kind == "hit":
                matched.append((rowid, doc_id, published, outlet_, story, rank))
            elif kind == "total":
                result["total"] = int(rank)
            else:
                counts[kind][outlet_ if kind == "outlet" else published] = int(rank)
        # ORDER BY rank, published DESC (a compound select does not promise to keep the
        # order of its parts): two stable sorts, the secondary key first.
        matched.sort(key=lambda r: r[2] or "", reverse=True)
        matched.sort(key=lambda r: r[5])
        if facets:
            result["facets"] = _search_facets(db, matched, counts)
            result["facets_sample"] = min(result["total"], FACET_SAMPLE)
        # 5.
        chosen = matched[offset : offset + limit]
        details = {
            r["rowid"]: r
            for r in _rows(
                db,
                "SELECT rowid, title, place, text FROM documents WHERE rowid IN"
                " (SELECT value FROM json_each(?))",
                [json.dumps([r[0] for r in chosen])],
            )
        }
    except sqlite3.OperationalError as exc:
        raise QueryError(f"cannot search for {q!r}: {exc}") from exc
    page = []
    for rowid, doc_id, published, outlet_, story, rank in chosen:
        d = details[rowid]
        n_copies = db.execute(
            "SELECT count(*) FROM documents WHERE duplicate_of = ?", (story,)
        ).fetchone()[0]
        page.append(
            {
                "id": doc_id, "title": d["title"], "published": published, "outlet": outlet_,
                "place": d["place"], "story": story, "rank": rank, "copies": 1 + int(n_copies),
                "text": d["text"],
            }
        )  # fmt: skip
    terms = highlight.query_terms(q)
    for hit in page:
        text = hit.pop("text")
        title = hit["title"] or ""
        hit["title_marked"] = highlight.segments(title, highlight.find(title, terms))
        hit["snippet"] = highlight.snippet(text, terms)
        hit["rank"] = round(hit["rank"], 4)
    result["hits"] = page
    return result


def _search_facets(
    db: sqlite3.Connection, matched: list[tuple[Any, ...]], counts: dict[str, Counter[str]]
) -> dict[str, Any]:
    """Outlets and months (counted in SQL over every match); entities, event types and
    modalities from the fact tables over the best FACET_SAMPLE matches, so a query that
    matches most of the store does not read every fact of every article."""
    outlets, months = counts["outlet"], counts["month"]
    top = json.dumps([r[1] for r in matched[:FACET_SAMPLE]])
    groups: dict[str, Counter[str]] = defaultdict(Counter)
    for kind, value, n in db.execute(
        "WITH top AS MATERIALIZED (SELECT value AS id FROM json_each(?))"
        " SELECT 'entity', x.entity, count(*) FROM facts_entities x"
        "  JOIN top ON top.id = x.doc_id GROUP BY x.entity"
        " UNION ALL SELECT 'type', e.type, count(DISTINCT e.doc_id) FROM facts_events e"
        "  JOIN top ON top.id = e.doc_id GROUP BY e.type"
        " UNION ALL SELECT 'modality', e.modality, count(DISTINCT e.doc_id)"
        "  FROM facts_events e JOIN top ON top.id = e.doc_id GROUP BY e.modality",
        (top,),
    ):
        if value is not None:
            groups[kind][str(value)] = int(n)
    labels = entity_labels(db, [k for k, _ in groups["entity"].most_common(10)])
    return {
        "outlet": [{"value": k, "count": n} for k, n in outlets.most_common(10)],
        "month": [{"value": k, "count": n} for k, n in sorted(months.items(), reverse=True)][:24],
        "entity": [
            {"value": k, "label": _label(labels.get(k), k), "count": n}
            for k, n in groups["entity"].most_common(10)
        ],
        "type": [{"value": k, "count": n} for k, n in groups["type"].most_common()],
        "modality": [{"value": k, "count": n} for k, n in groups["modality"].most_common()],
    }


# -- documents -------------------------------------------------------------------------


def documents(
    store: Store,
    *,
    since: str | None = None,
    until: str | None = None,
    outlet: str | None = None,
    copies: bool = False,
    limit: int = 20,
    offset: int = 0,
) -> dict[str, Any]:
    """Stored articles, newest first."""
    period, params = _period("", since, until, outlet)
    where = ["1", *period]
    if not copies:
        where.append("duplicate_of IS NULL")
    clause = " AND ".join(where)
    total = int(
        store.db.execute(f"SELECT count(*) FROM documents WHERE {clause}", params).fetchone()[0]
    )
    rows = _rows(
        store.db,
        "SELECT id, title, published, outlet, place, author, duplicate_of FROM documents"
        f" WHERE {clause} ORDER BY published DESC, rowid DESC LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    filters = {"since": since, "until": until, "outlet": outlet, "copies": copies}
    return {
        "total": total,
        "offset": offset,
        "limit": limit,
        "filters": {k: v for k, v in filters.items() if v},
        "documents": rows,
    }


def document(store: Store, doc_id: str) -> dict[str, Any]:
    """One article: the stored analysis (DESIGN.md schema), where it was seen, and the
    other stored copies of its story."""
    full = resolve(store, doc_id)
    doc = store.get(full)
    story = store.duplicate_of(full)
    copies = [asdict(c) for c in store.copies(full)]
    return {
        "document": doc.to_dict(),
        "duplicate_of": story,
        "copies": copies if len(copies) > 1 else [],
        "sources": store.sources(full),
    }


# -- entities --------------------------------------------------------------------------


def entities(
    store: Store,
    *,
    q: str | None = None,
    type: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> dict[str, Any]:
    """Entities by the number of articles that mention them."""
    where = ["1"]
    params: list[Any] = []
    if q:
        where.append("(norm LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\' OR entity = ?)")
        params += [_like_contains(normalize(q)), _like_contains(q), q]
    if type:
        where.append("type = ?")
        params.append(type.upper())
    clause = " AND ".join(where)
    total = int(
        store.db.execute(
            f"SELECT count(DISTINCT entity) FROM facts_entities WHERE {clause}", params
        ).fetchone()[0]
    )
    rows = _rows(
        store.db,
        "SELECT entity AS id, count(*) AS documents, sum(mentions) AS mentions,"
        " min(published) AS first_seen, max(published) AS last_seen"
        f" FROM facts_entities WHERE {clause} GROUP BY entity"
        " ORDER BY documents DESC, entity LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    labels = entity_labels(store.db, [r["id"] for r in rows])
    for row in rows:
        info = labels.get(row["id"], {})
        for key in ("name", "name_ar", "type", "country"):
            row[key] = info.get(key)
    filters = {"q": q, "type": type}
    return {
        "total": total,
        "offset": offset,
        "limit": limit,
        "filters": {k: v for k, v in filters.items() if v},
        "entities": rows,
    }


def entity(
    store: Store,
    entity_id: str,
    *,
    since: str | None = None,
    until: str | None = None,
    copies: bool = False,
    limit: int = 100,
) -> dict[str, Any]:
    """One entity: names, roles (actor codes with the dates they were seen), its events
    over time, who it interacts with most, cooperation/conflict by month, its quotes and
    the latest articles that mention it."""
    db = store.db
    variants = _rows(
        db,
        "SELECT name, name_ar, type, country, actor_code, count(*) AS documents,"
        " sum(mentions) AS mentions, min(published) AS first_seen, max(published) AS last_seen"
        " FROM facts_entities WHERE entity = ?"
        " GROUP BY name, name_ar, type, country, actor_code ORDER BY documents DESC",
        [entity_id],
    )
    filters = EventFilters(since=since, until=until, copies=copies)
    where, params = filters.sql()
    # The entity's own events only: not every event of its actor code (all of RUSGOV's
    # events are not Putin's); as any member of a compound argument (إيران in روسيا وإيران).
    # The compound events are found once, by one scan, and named by key: the JSON test
    # inside the three queries below keeps SQLite off the entity indexes (Putin's page
    # on a 30,000-article store: 172 ms that way, 102 this way, 85 for first members
    # only). Past _MAX_KEYS events the test goes in after all: an OR per key would
    # outgrow SQLite's expression depth.
    member = f"{_has_member('actor')} OR {_has_member('recipient')}"
    member_params = [_COMPOUND, entity_id, _COMPOUND, entity_id]
    compound = db.execute(
        f"SELECT e.doc_id, e.n FROM facts_events e WHERE {member}", member_params
    ).fetchall()
    if len(compound) <= _MAX_KEYS:
        where += (
            " AND (e.actor_entity = ? OR e.recipient_entity = ?"
            + "".join(" OR e.doc_id = ? AND e.n = ?" for _ in compound)
            + ")"
        )
        params += [entity_id, entity_id, *(x for key in compound for x in key)]
    else:
        where += f" AND (e.actor_entity = ? OR e.recipient_entity = ? OR {member})"
        params += [entity_id, entity_id, *member_params]
    n_events = int(
        db.execute(
            f"SELECT count(*) FROM facts_events e JOIN documents d ON d.id = e.doc_id WHERE {where}",
            params,
        ).fetchone()[0]
    )
    n_quotes = int(
        db.execute(
            "SELECT count(*) FROM facts_quotes WHERE speaker_entity = ?", [entity_id]
        ).fetchone()[0]
    )
    if not variants and not n_events and not n_quotes:
        raise NotFound(f"no entity {entity_id!r} in this store")
    names: Counter[tuple[Any, ...]] = Counter()
    roles: dict[str, dict[str, Any]] = {}
    for v in variants:
        names[(v["name"], v["name_ar"], v["type"], v["country"])] += v["documents"]
        if v["actor_code"]:
            role = roles.setdefault(
                v["actor_code"],
                {
                    "code": v["actor_code"],
                    "first_seen": v["first_seen"],
                    "last_seen": v["last_seen"],
                    "documents": 0,
                },
            )
            role["documents"] += v["documents"]
            role["first_seen"] = min(
                filter(None, (role["first_seen"], v["first_seen"])), default=None
            )
            role["last_seen"] = max(filter(None, (role["last_seen"], v["last_seen"])), default=None)
    name, name_ar, type_, country = (
        names.most_common(1)[0][0] if names else (None, None, None, None)
    )
    aliases = _rows(
        db,
        "SELECT text, count(*) AS count FROM facts_mentions WHERE entity = ?"
        " GROUP BY text ORDER BY count DESC, text LIMIT 30",
        [entity_id],
    )
    timeline = _events(db, where, params, limit=limit, offset=0, order="e.date DESC, e.doc_id, e.n")
    # Partners and the monthly series look at the entity from both sides of an event;
    # its partners are every member of the other side.
    both = (
        "SELECT e.date AS date, e.score AS score, e.type AS type,"
        " e.actor_entity, e.actor_code, e.recipient_entity, e.recipient_code,"
        " e.actors, e.recipients"
        f" FROM facts_events e JOIN documents d ON d.id = e.doc_id WHERE {where}"
    )
    partners: dict[str, dict[str, Any]] = {}
    series: dict[str, dict[str, Any]] = {}
    for row in _rows(db, both, params):
        tone = _tone(row["score"], row["type"])
        month = (row["date"] or "")[:7]
        if month:
            s = series.setdefault(
                month, {"month": month, "events": 0, "cooperation": 0, "conflict": 0, "_scores": []}
            )
            s["events"] += 1
            s["cooperation"] += tone > 0
            s["conflict"] += tone < 0
            if row["score"] is not None:
                s["_scores"].append(row["score"])
        side, others = _partners(row, entity_id)
        for key in others:
            p = partners.setdefault(
                key,
                {"key": key, "events": 0, "as_actor": 0, "as_recipient": 0, "_scores": []},
            )
            p["events"] += 1
            p["as_actor" if side == "actor" else "as_recipient"] += 1
            if row["score"] is not None:
                p["_scores"].append(row["score"])
    for item in [*series.values(), *partners.values()]:
        scores = item.pop("_scores")
        item["mean_score"] = round(sum(scores) / len(scores), 2) if scores else None
    top = sorted(partners.values(), key=lambda p: (-p["events"], p["key"]))[:15]
    labels = entity_labels(db, [p["key"] for p in top])
    for p in top:
        info = labels.get(p["key"])
        p["label"] = _label(info, p["key"])
        p["entity"] = p["key"] if info else None
    quote_rows = quotes(store, speaker=entity_id, limit=20)["quotes"]
    docs = _rows(
        db,
        "SELECT d.id, d.title, d.published, d.outlet FROM facts_entities f"
        " JOIN documents d ON d.id = f.doc_id WHERE f.entity = ?"
        + ("" if copies else " AND d.duplicate_of IS NULL")
        + " ORDER BY f.published DESC, d.rowid DESC LIMIT 20",
        [entity_id],
    )
    return {
        "entity": {
            "id": entity_id, "name": name, "name_ar": name_ar, "type": type_, "country": country,
        },
        "counts": {
            "documents": sum(v["documents"] for v in variants),
            "mentions": sum(v["mentions"] or 0 for v in variants),
            "events": n_events,
            "quotes": n_quotes,
        },
        "aliases": aliases,
        "roles": sorted(roles.values(), key=lambda r: (r["first_seen"] or "", r["code"])),
        "series": [series[m] for m in sorted(series)],
        "partners": top,
        "timeline": timeline,
        "quotes": quote_rows,
        "documents": docs,
        "filters": filters.as_dict() | {"party": entity_id},
    }  # fmt: skip


# -- events ----------------------------------------------------------------------------


def _events(
    db: sqlite3.Connection, where: str, params: list[Any], *, limit: int, offset: int, order: str
) -> list[dict[str, Any]]:
    rows = _rows(
        db,
        "SELECT e.doc_id, e.n, e.date, e.event_date, e.date_precision, e.type, e.mode, e.cameo,"
        " e.score, e.modality, e.actor_entity, e.actor_code, e.actor_text, e.recipient_entity,"
        " e.recipient_code, e.recipient_text, e.published, e.outlet, e.place, e.sentence,"
        " e.trigger_start, e.trigger_end, e.evidence, d.title, e.context, e.background,"
        " e.actor_start, e.actor_end, e.recipient_start, e.recipient_end, e.attributed_to_entity,"
        " e.attributed_to_code, e.attributed_to_text, e.attributed_to_start, e.attributed_to_end,"
        " e.actors, e.recipients"
        f" FROM facts_events e JOIN documents d ON d.id = e.doc_id WHERE {where}"
        f" ORDER BY {order} LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    labels = entity_labels(db, [r[k] for r in rows for k in ("actor_entity", "recipient_entity")])
    for r in rows:
        r["background"] = bool(r["background"])
        for side in ("actor", "recipient"):
            r[f"{side}_label"] = _label(
                labels.get(r[f"{side}_entity"]), r[f"{side}_text"] or r[f"{side}_code"]
            )
    return [{c: r[c] for c in EVENT_COLUMNS} for r in rows]


def events(
    store: Store, filters: EventFilters, *, limit: int = 50, offset: int = 0
) -> dict[str, Any]:
    """The events table: flat rows (the same columns in JSON and CSV), newest first."""
    where, params = filters.sql()
    total = int(
        store.db.execute(
            f"SELECT count(*) FROM facts_events e JOIN documents d ON d.id = e.doc_id WHERE {where}",
            params,
        ).fetchone()[0]
    )
    rows = _events(
        store.db, where, params, limit=limit, offset=offset, order="e.date DESC, e.doc_id, e.n"
    )
    return {
        "total": total,
        "offset": offset,
        "limit": limit,
        "filters": filters.as_dict(),
        "columns": EVENT_COLUMNS,
        "events": rows,
    }


# -- relations -------------------------------------------------------------------------


def relations(
    store: Store, filters: EventFilters, *, by: str = "entity", min_events: int = 1, nodes: int = 40
) -> dict[str, Any]:
    """The actor network: directed edges actor → recipient with their event count, mean
    score and cooperation/conflict counts; the ``nodes`` busiest actors are kept.

    A compound argument gives an edge per pair of members: ``روسيا وإيران → العراق
    وسوريا`` counts once on each of RUS→IRQ, RUS→SYR, IRN→IRQ and IRN→SYR."""
    if by not in NODE_KEYS:
        raise BadRequest(f"by must be one of {', '.join(NODE_KEYS)}, got {by!r}")
    if filters.actor or filters.recipient or filters.party:
        raise BadRequest("relations take no actor/recipient/party filter; use /events")
    # `by` here chooses the node keys; as an event filter it would be a no-op anyway.
    filters = replace(filters, by=None)
    where, params = filters.sql()
    # Events whose sides have one member each (nearly all) are counted in SQL from the
    # single columns; the others are read as one row per pair of members and added here.
    # json_each over every event took 146 ms by entity on a 30,000-article store; the
    # first member alone, 52 (bench/event_filters.py).
    source, target = NODE_KEYS[by]
    # Lists that are not valid JSON (not rasd's writing) read as the single columns.
    compound = (
        "((e.actors LIKE ? OR e.recipients LIKE ?) AND json_valid(coalesce(e.actors, '[]'))"
        " AND json_valid(coalesce(e.recipients, '[]')))"
    )
    valid = "source IS NOT NULL AND target IS NOT NULL AND source != target"
    tones = [*sorted(COOPERATION_TYPES), *sorted(CONFLICT_TYPES)]
    edges = _rows(
        store.db,
        "SELECT source, target, count(*) AS events, sum(score) AS _sum, count(score) AS _n,"
        " sum(CASE WHEN score > 0 OR (score IS NULL AND type IN"
        f"  ({','.join('?' * len(COOPERATION_TYPES))})) THEN 1 ELSE 0 END) AS cooperation,"
        " sum(CASE WHEN score < 0 OR (score IS NULL AND type IN"
        f"  ({','.join('?' * len(CONFLICT_TYPES))})) THEN 1 ELSE 0 END) AS conflict"
        f" FROM (SELECT e.score, e.type, {source} AS source, {target} AS target"
        " FROM facts_events e JOIN documents d ON d.id = e.doc_id"
        f" WHERE {where} AND NOT coalesce({compound}, 0))"
        f" WHERE {valid} GROUP BY 1, 2",
        [*tones, *params, _COMPOUND, _COMPOUND],
    )
    # DISTINCT: two members with one key (two Russian bodies, by country) make one pair,
    # and the event counts once on its edge.
    pair_rows = _rows(
        store.db,
        f"SELECT * FROM (SELECT DISTINCT e.doc_id, e.n, e.score, e.type,"
        f" {MEMBER_KEYS[by].format(m='a')} AS source, {MEMBER_KEYS[by].format(m='r')} AS target"
        " FROM facts_events e JOIN documents d ON d.id = e.doc_id,"
        f" json_each({_members('actor')}) AS a, json_each({_members('recipient')}) AS r"
        f" WHERE {where} AND {compound}) WHERE {valid}",
        [*params, _COMPOUND, _COMPOUND],
    )
    edges = _add_pairs(edges, pair_rows)
    # A node's weight is the number of its events, each once: the sum of its edges counts
    # روسيا twice in روسيا وإيران → العراق وسوريا, so the compound events take that back.
    weight: Counter[str] = Counter()
    for edge in edges:
        weight[edge["source"]] += edge["events"]
        weight[edge["target"]] += edge["events"]
    weight.subtract(_overcount(pair_rows))
    keep = {k for k, _ in sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))[:nodes]}
    edges = [
        e
        for e in edges
        if e["source"] in keep and e["target"] in keep and e["events"] >= min_events
    ]
    for e in edges:
        e["mean_score"] = round(e.pop("_sum") / e["_n"], 2) if e["_n"] else None
        del e["_n"]
    used = sorted(
        {k for e in edges for k in (e["source"], e["target"])}, key=lambda k: (-weight[k], k)
    )
    labels = entity_labels(store.db, used) if by == "entity" else {}
    node_rows = [
        {
            "key": k,
            "label": _label(labels.get(k), k),
            "name": (labels.get(k) or {}).get("name"),
            "entity": k if k in labels else None,
            "events": weight[k],
        }
        for k in used
    ]
    edges.sort(key=lambda e: (-e["events"], e["source"], e["target"]))
    return {
        "by": by,
        "filters": filters.as_dict(),
        "min_events": min_events,
        "nodes": node_rows,
        "edges": edges,
    }


def _add_pairs(
    edges: list[dict[str, Any]], pair_rows: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The edges counted in SQL with the compound events' pairs added, one event each."""
    by_key = {(e["source"], e["target"]): e for e in edges}
    for row in pair_rows:
        edge = by_key.get((row["source"], row["target"]))
        if edge is None:
            edge = by_key[(row["source"], row["target"])] = {
                "source": row["source"], "target": row["target"], "events": 0,
                "_sum": None, "_n": 0, "cooperation": 0, "conflict": 0,
            }  # fmt: skip
        edge["events"] += 1
        if row["score"] is not None:
            edge["_sum"] = (edge["_sum"] or 0.0) + row["score"]
            edge["_n"] += 1
        tone = _tone(row["score"], row["type"])
        edge["cooperation"] += tone > 0
        edge["conflict"] += tone < 0
    return list(by_key.values())


def _overcount(pair_rows: list[dict[str, Any]]) -> Counter[str]:
    """For each node key, how many more edges than events the compound events give it: an
    event with k pairs that include the key counts k times on edges, once as an event."""
    per_event: defaultdict[tuple[str, int], Counter[str]] = defaultdict(Counter)
    for row in pair_rows:
        per_event[(row["doc_id"], row["n"])].update((row["source"], row["target"]))
    extra: Counter[str] = Counter()
    for keys in per_event.values():
        for key, k in keys.items():
            extra[key] += k - 1
    return extra


def _has_member(side: str) -> str:
    """SQL: a side's compound list names the entity (parameters: _COMPOUND, entity id)."""
    return (
        f"({_listed(side)} AND EXISTS (SELECT 1 FROM json_each(e.{side}s) AS m"
        " WHERE json_extract(m.value, '$.entity') = ?))"
    )


def _side_keys(row: dict[str, Any], side: str) -> list[str]:
    """Node keys (entity, else code) of every member of one side of an event row."""
    keys = (m.get("entity") or m.get("code") for m in read_members(row[f"{side}s"], row, side))
    return list(dict.fromkeys(k for k in keys if k))


def _partners(row: dict[str, Any], entity_id: str) -> tuple[str, list[str]]:
    """The entity's side of an event ('actor' or 'recipient') and the keys of every member
    of the other side, itself left out."""
    actors = _side_keys(row, "actor")
    role = "actor" if entity_id in actors else "recipient"
    others = _side_keys(row, "recipient") if role == "actor" else actors
    return role, [k for k in others if k != entity_id]


def _members(side: str) -> str:
    """The JSON list of a side's members; for a row written without one, its single
    argument as a list of one."""
    return (
        f"coalesce(e.{side}s, json_array(json_object("
        f"'entity', e.{side}_entity, 'code', e.{side}_code)))"
    )


# -- quotes ----------------------------------------------------------------------------


def quotes(
    store: Store,
    *,
    speaker: str | None = None,
    q: str | None = None,
    since: str | None = None,
    until: str | None = None,
    outlet: str | None = None,
    copies: bool = False,
    limit: int = 50,
    offset: int = 0,
) -> dict[str, Any]:
    """Attributed quotes, newest first; ``speaker`` is an entity id or the speaker's
    text (matched in its search form), ``q`` words the quote contains."""
    where = ["1"]
    params: list[Any] = []
    if speaker:
        where.append("(q.speaker_entity = ? OR q.speaker_code = ? OR q.speaker_text = ?)")
        params += [speaker, speaker, speaker]
    if q:
        where.append("q.norm LIKE ? ESCAPE '\\'")
        params.append(_like_contains(normalize(q)))
    period, period_params = _period("q", since, until, outlet)
    where += period
    params += period_params
    if not copies:
        where.append("d.duplicate_of IS NULL")
    clause = " AND ".join(where)
    total = int(
        store.db.execute(
            f"SELECT count(*) FROM facts_quotes q JOIN documents d ON d.id = q.doc_id WHERE {clause}",
            params,
        ).fetchone()[0]
    )
    rows = _rows(
        store.db,
        "SELECT q.doc_id, q.n, q.speaker_entity, q.speaker_code, q.speaker_text, q.cue, q.direct,"
        ' q.start, q."end", q.text, q.published, q.outlet, d.title'
        f" FROM facts_quotes q JOIN documents d ON d.id = q.doc_id WHERE {clause}"
        " ORDER BY q.published DESC, q.doc_id, q.n LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    labels = entity_labels(store.db, [r["speaker_entity"] for r in rows])
    for r in rows:
        r["direct"] = bool(r["direct"])
        r["speaker_label"] = _label(
            labels.get(r["speaker_entity"]), r["speaker_text"] or r["speaker_code"]
        )
    filters = {"speaker": speaker, "q": q, "since": since, "until": until, "outlet": outlet}
    return {
        "total": total,
        "offset": offset,
        "limit": limit,
        "filters": {k: v for k, v in filters.items() if v},
        "quotes": rows,
    }
