"""The fact tables behind the API's aggregates (rasd.store.facts): written at every
upsert, replaced on update, deleted with their document, backfilled for stores that
were written without them."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from rasd.api import queries
from rasd.document import Event, EventArgument
from rasd.store import facts, open_store
from web_helpers import (
    ARGUED_ROWS,
    NEW_EVENT_COLUMNS,
    argued_document,
    hostile_document,
    month_documents,
)

# facts_events stores `background` as 0/1.
ARGUED_FACTS = [row | {"background": int(row["background"])} for row in ARGUED_ROWS]


def counts(db_path: Path) -> dict[str, int]:
    with open_store(db_path) as store:
        return {
            t: int(store.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0])  # our table names
            for t in facts.TABLES
        }


def test_api_facts_written_at_upsert(tmp_path: Path) -> None:
    db = tmp_path / "rasd.db"
    docs = month_documents()
    with open_store(db) as store:
        for doc in docs:
            assert store.upsert(doc) == "added"
        row = store.db.execute(
            "SELECT type, actor_entity, recipient_code, date, published, score FROM facts_events"
            " WHERE doc_id = ? AND n = 0",
            (docs[0].id,),
        ).fetchone()
        assert row == ("CONSULT", "Q7747", "IRN", "2022-06-15", "2022-06-15", 1.0)
        mentions = store.db.execute(
            "SELECT text, norm, entity FROM facts_mentions WHERE doc_id = ? ORDER BY start",
            (docs[0].id,),
        ).fetchall()
        assert ("إيران", "ايران", "Q794") in mentions
        entity = store.db.execute(
            "SELECT name, actor_code, mentions FROM facts_entities WHERE doc_id = ? AND entity = 'Q7747'",
            (docs[0].id,),
        ).fetchone()
        assert entity == ("Vladimir Putin", "RUSGOV", 1)
        assert facts.pending(store.db) == 0
    n = counts(db)
    assert n["facts_docs"] == 6
    assert n["facts_events"] == sum(len(d.events) for d in docs)
    assert n["facts_mentions"] == sum(len(d.mentions) for d in docs)


def test_api_facts_replaced_on_update_kept_when_unchanged(tmp_path: Path) -> None:
    db = tmp_path / "rasd.db"
    doc = month_documents()[0]
    with open_store(db) as store:
        store.upsert(doc)
        assert store.upsert(doc) == "unchanged"
        # A re-analysis finds one more event: the document's facts are replaced, not added to.
        doc.events.append(
            Event(
                "AID",
                "future",
                actor=EventArgument("Q159", "RUS"),
                recipient=EventArgument("Q794", "IRN"),
            )
        )
        assert store.upsert(doc) == "updated"
        types = [
            r[0]
            for r in store.db.execute(
                "SELECT type FROM facts_events WHERE doc_id = ? ORDER BY n", (doc.id,)
            )
        ]
        assert types == ["CONSULT", "ASSAULT", "AID"]
        # Date falls back to the publication date when the event has none.
        assert store.db.execute(
            "SELECT date, event_date FROM facts_events WHERE doc_id = ? AND n = 2", (doc.id,)
        ).fetchone() == ("2022-06-15", None)
    assert counts(db)["facts_docs"] == 1


def test_api_facts_deleted_with_their_document(tmp_path: Path) -> None:
    db = tmp_path / "rasd.db"
    doc = hostile_document()
    with open_store(db) as store:
        store.upsert(doc)
        with store.db:
            store.db.execute("DELETE FROM documents WHERE id = ?", (doc.id,))
    assert all(n == 0 for n in counts(db).values())


def test_api_facts_backfilled_for_a_store_written_without_them(tmp_path: Path) -> None:
    db = tmp_path / "rasd.db"
    docs = month_documents()
    with open_store(db) as store:
        for doc in docs:
            store.upsert(doc)
        # Make it look like a database written before m003: drop what m003 made, and
        # forget m003 and the migrations after it (such a database has none of them).
        store.db.executescript(
            "DROP TABLE facts_docs; DROP TABLE facts_mentions; DROP TABLE facts_entities;"
            " DROP TABLE facts_events; DROP TABLE facts_quotes;"
            " DELETE FROM _migrations WHERE name >= 'm003';"
        )
    n = counts(db)  # reopening migrates and backfills from documents.data
    assert n["facts_docs"] == 6
    assert n["facts_events"] == sum(len(d.events) for d in docs)
    with open_store(db) as store:
        names = [r[0] for r in store.db.execute("SELECT name FROM _migrations")]
        assert {"m003_facts", "m004_event_arguments"} <= set(names)
        # m003's backfill met tables without m004's columns and left the rows to m004.
        assert store.db.execute(
            "SELECT actors FROM facts_events WHERE doc_id = ? AND n = 0", (docs[0].id,)
        ).fetchone() == ('[{"entity":"Q7747","code":"RUSGOV"}]',)


def test_api_facts_backfill_catches_up_stale_and_unreadable_rows(tmp_path: Path) -> None:
    db = tmp_path / "rasd.db"
    docs = month_documents()
    with open_store(db) as store:
        for doc in docs:
            store.upsert(doc)
        with store.db:
            # Facts written by an older version, or never (an older rasd's upsert)…
            store.db.execute("UPDATE facts_docs SET version = 0 WHERE doc_id = ?", (docs[0].id,))
            store.db.execute("DELETE FROM facts_events WHERE doc_id = ?", (docs[0].id,))
            store.db.execute("DELETE FROM facts_docs WHERE doc_id = ?", (docs[1].id,))
            # …and a document whose stored JSON cannot be read back.
            store.db.execute(
                "UPDATE documents SET data = ? WHERE id = ?", (json.dumps({"x": 1}), docs[2].id)
            )
            store.db.execute("DELETE FROM facts_docs WHERE doc_id = ?", (docs[2].id,))
        assert facts.pending(store.db) == 3
        with store.db:
            assert facts.backfill(store.db) == 3
        assert facts.pending(store.db) == 0
        assert (
            store.db.execute(
                "SELECT count(*) FROM facts_events WHERE doc_id = ?", (docs[0].id,)
            ).fetchone()[0]
            == 2
        )
        assert (
            store.db.execute(
                "SELECT count(*) FROM facts_events WHERE doc_id = ?", (docs[2].id,)
            ).fetchone()[0]
            == 0
        )


def event_facts(db: sqlite3.Connection, doc_id: str) -> list[dict[str, Any]]:
    """The columns m004 added, for each event of ``doc_id`` in order."""
    cursor = db.execute(
        f"SELECT {', '.join(NEW_EVENT_COLUMNS)} FROM facts_events WHERE doc_id = ? ORDER BY n",
        (doc_id,),
    )
    return [dict(zip(NEW_EVENT_COLUMNS, row, strict=True)) for row in cursor]


def test_api_facts_events_carry_context_attribution_spans_and_members(tmp_path: Path) -> None:
    doc = argued_document()
    with open_store(tmp_path / "rasd.db") as store:
        assert store.upsert(doc) == "added"
        assert event_facts(store.db, doc.id) == ARGUED_FACTS
        assert store.upsert(doc) == "unchanged"  # a rerun adds nothing
        assert event_facts(store.db, doc.id) == ARGUED_FACTS
        # The API's events table (JSON and CSV) reads them back, `background` as a bool.
        listed = queries.events(store, queries.EventFilters(doc=doc.id))
        assert [{c: r[c] for c in NEW_EVENT_COLUMNS} for r in listed["events"]] == ARGUED_ROWS


def test_api_facts_m004_fills_the_columns_of_facts_written_before_it(tmp_path: Path) -> None:
    db = tmp_path / "rasd.db"
    doc = argued_document()
    with open_store(db) as store:
        store.upsert(doc)
        # Back to a store of facts VERSION 1 whose m004 was interrupted after adding its
        # first column: the migration must skip that one and add the others.
        with store.db:
            for col in NEW_EVENT_COLUMNS:
                if col != "context":
                    store.db.execute(f"ALTER TABLE facts_events DROP COLUMN {col}")  # ours
            store.db.execute("UPDATE facts_events SET context = NULL")
            store.db.execute("UPDATE facts_docs SET version = 1")
            store.db.execute("DELETE FROM _migrations WHERE name = 'm004_event_arguments'")
        assert not facts.current(store.db)
    with open_store(db) as store:  # reopening migrates and rewrites the old facts
        assert facts.current(store.db)
        assert facts.pending(store.db) == 0
        assert event_facts(store.db, doc.id) == ARGUED_FACTS
        (version,) = store.db.execute("SELECT version FROM facts_docs").fetchone()
        assert version == facts.VERSION == 2


def test_api_facts_event_filters_match_every_member_of_a_compound_argument(
    tmp_path: Path,
) -> None:
    doc = argued_document()  # روسيا وإيران → العراق وسوريا, then a background SANCTION
    with open_store(tmp_path / "rasd.db") as store:
        store.upsert(doc)

        def types(**filters: str) -> list[str]:
            listed = queries.events(store, queries.EventFilters(doc=doc.id, **filters))
            return [r["type"] for r in listed["events"]]

        # Iran and Syria are second members: only the JSON lists name them.
        assert types(actor="IRN") == ["SUPPORT"]
        assert types(actor="Q794") == ["SUPPORT"]
        assert types(recipient="Q858") == ["SUPPORT"]
        assert types(party="SYR") == ["SUPPORT"]
        # Sides stay apart: Syria is a recipient, never an actor.
        assert types(actor="SYR") == []
        assert types(recipient="IRN") == []
        # First members match as before, on either event.
        assert types(party="RUS") == ["SUPPORT", "SANCTION"]


def test_api_facts_network_has_an_edge_per_pair_of_compound_members(tmp_path: Path) -> None:
    doc = argued_document()  # روسيا وإيران → العراق وسوريا, then WST → روسيا
    with open_store(tmp_path / "rasd.db") as store:
        store.upsert(doc)
        for by, expected in (
            ("country", {("RUS", "IRQ"), ("RUS", "SYR"), ("IRN", "IRQ"), ("IRN", "SYR"),
                         ("WST", "RUS")}),
            ("entity", {("Q159", "Q796"), ("Q159", "Q858"), ("Q794", "Q796"),
                        ("Q794", "Q858"), ("WST", "Q159")}),
        ):  # fmt: skip
            network = queries.relations(store, queries.EventFilters(), by=by)
            edges = network["edges"]
            assert {(e["source"], e["target"]) for e in edges} == expected
            # A node counts each of its events once (روسيا: SUPPORT and SANCTION), as
            # its click-through lists them, however many edges an event gives it.
            for node in network["nodes"]:
                listed = queries.events(store, queries.EventFilters(by=by, party=node["key"]))
                assert node["events"] == listed["total"], node
            assert all(e["events"] == 1 for e in edges)
            for e in edges:
                # A click on the edge lists the one event it counts.
                listed = queries.events(
                    store,
                    queries.EventFilters(by=by, actor=e["source"], recipient=e["target"]),
                )
                assert [r["type"] for r in listed["events"]] == [
                    "SANCTION" if e["source"] == "WST" else "SUPPORT"
                ]
        # Sides stay apart here too: no edge runs from a recipient.
        listed = queries.events(store, queries.EventFilters(by="country", actor="SYR"))
        assert listed["total"] == 0


@pytest.mark.parametrize("max_keys", [300, 0])  # compound events named by key, or by JSON
def test_api_facts_entity_page_counts_events_where_it_is_a_second_member(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, max_keys: int
) -> None:
    monkeypatch.setattr(queries, "_MAX_KEYS", max_keys)
    doc = argued_document()  # روسيا وإيران → العراق وسوريا, then WST → روسيا
    with open_store(tmp_path / "rasd.db") as store:
        store.upsert(doc)
        iran = queries.entity(store, "Q794")
        assert iran["counts"]["events"] == 1
        assert [e["type"] for e in iran["timeline"]] == ["SUPPORT"]
        partners = {p["key"]: (p["as_actor"], p["as_recipient"]) for p in iran["partners"]}
        # Both recipients; Russia, on Iran's own side, is no partner.
        assert partners == {"Q796": (1, 0), "Q858": (1, 0)}
        syria = queries.entity(store, "Q858")
        partners = {p["key"]: (p["as_actor"], p["as_recipient"]) for p in syria["partners"]}
        assert partners == {"Q159": (0, 1), "Q794": (0, 1)}
        russia = queries.entity(store, "Q159")
        assert russia["counts"]["events"] == 2  # actor of SUPPORT, recipient of SANCTION
        partners = {p["key"]: (p["as_actor"], p["as_recipient"]) for p in russia["partners"]}
        assert partners == {"Q796": (1, 0), "Q858": (1, 0), "WST": (0, 1)}


def test_api_facts_a_malformed_member_list_breaks_no_page(tmp_path: Path) -> None:
    # rasd writes these lists itself; a store edited by hand may hold anything.
    doc = argued_document()
    with open_store(tmp_path / "rasd.db") as store:
        store.upsert(doc)
        store.db.execute(
            "UPDATE facts_events SET actors = '[{\"code\":\"RUS\"},{broken' WHERE type = 'SUPPORT'"
        )
        for by in ("entity", "code", "country"):
            network = queries.relations(store, queries.EventFilters(), by=by)
            # The broken event reads as its single columns: Russia → Iraq.
            assert len(network["edges"]) == 2
            # Iran stood only in the broken list: no filter finds it, none fails.
            assert queries.events(store, queries.EventFilters(by=by, actor="IRN"))["total"] == 0
        assert queries.events(store, queries.EventFilters(actor="IRN"))["total"] == 0
        # The event reads as its single columns: Russia still acted in it.
        russia = queries.entity(store, "Q159")
        assert russia["counts"]["events"] == 2
        assert {p["key"] for p in russia["partners"]} >= {"Q796", "WST"}
