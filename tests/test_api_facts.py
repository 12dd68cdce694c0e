"""The fact tables behind the API's aggregates (rasd.store.facts): written at every
upsert, replaced on update, deleted with their document, backfilled for stores that
were written without them."""

from __future__ import annotations

import json
from pathlib import Path

from rasd.document import Event, EventArgument
from rasd.store import facts, open_store
from web_helpers import hostile_document, month_documents


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
        # Make it look like a database written before m003: drop what m003 made.
        store.db.executescript(
            "DROP TABLE facts_docs; DROP TABLE facts_mentions; DROP TABLE facts_entities;"
            " DROP TABLE facts_events; DROP TABLE facts_quotes;"
            " DELETE FROM _migrations WHERE name = 'm003_facts';"
        )
    n = counts(db)  # reopening migrates and backfills from documents.data
    assert n["facts_docs"] == 6
    assert n["facts_events"] == sum(len(d.events) for d in docs)
    with open_store(db) as store:
        names = [r[0] for r in store.db.execute("SELECT name FROM _migrations")]
        assert "m003_facts" in names


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
