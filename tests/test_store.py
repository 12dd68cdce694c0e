"""SQLite store: idempotent upsert, search over the normalised form, migrations, quarantine."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import rasd
from rasd.pipeline import Drop
from rasd.store import open_store
from rasd.store.migrations import MIGRATIONS
from rasd.store.sqlite import fts_query

ARTICLE = """إيران وروسيا تبحثان التعاون

13 نوفمبر، 2022

بغداد/المسلة: أجرى الرئيس الروسي اتصالًا هاتفيًا السبت بنظيره الإيراني، وبحث الجانبان التعاون الاقتصادي.
"""


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    with open_store(tmp_path / "t.db") as s:
        yield s


def test_store_same_article_twice_is_stored_once(store) -> None:  # type: ignore[no-untyped-def]
    doc = rasd.analyze(ARTICLE)
    assert store.upsert(doc) == "added"
    assert store.upsert(rasd.analyze(ARTICLE)) == "unchanged"
    assert store.count() == 1


def test_store_remembers_every_source(store) -> None:  # type: ignore[no-untyped-def]
    a = rasd.analyze(ARTICLE, source="a.txt")
    b = rasd.analyze(ARTICLE, source="b.txt")
    store.upsert(a)
    store.upsert(b)
    assert store.count() == 1
    assert [s["path"] for s in store.sources(a.id)] == ["a.txt", "b.txt"]


@pytest.mark.parametrize(
    "query",
    [
        "اتصالا",
        "اتصالًا",
        "ايران AND روسيا",
        "روسيا",
        "المسله",
        "بغداد",
        "الاقتصادي",
        "اقتصادي",
        "الايراني",
        "الإيراني",
        '"الرئيس الروسي"',
        "هاتفي*",
        "إيران",
    ],
)
def test_store_search_matches_spelling_variants(store, query: str) -> None:  # type: ignore[no-untyped-def]
    doc = rasd.analyze(ARTICLE)
    store.upsert(doc)
    hits = store.search(query)
    assert [h.id for h in hits] == [doc.id]


def test_store_search_filters(store) -> None:  # type: ignore[no-untyped-def]
    doc = rasd.analyze(ARTICLE)
    store.upsert(doc)
    assert store.search("روسيا", since="2022-11-01", until="2022-11-30", outlet="المسلة")
    assert not store.search("روسيا", since="2022-12-01")
    assert not store.search("روسيا", outlet="رويترز")
    assert not store.search("الصين")


@pytest.mark.parametrize("query", ["(foo", "ايران AND", '"', "NOT"])
def test_store_bad_query_is_a_query_error(store, query: str) -> None:  # type: ignore[no-untyped-def]
    store.upsert(rasd.analyze(ARTICLE))
    with pytest.raises(rasd.QueryError):
        store.search(query)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=40))
def test_store_any_query_gives_hits_or_query_error(store, query: str) -> None:  # type: ignore[no-untyped-def]
    # Whatever is typed, the answer is hits or a QueryError (never an sqlite3 error).
    try:
        hits = store.search(query)
    except rasd.QueryError:
        return
    assert isinstance(hits, list)


def test_store_get_by_prefix_and_unknown(store) -> None:  # type: ignore[no-untyped-def]
    doc = rasd.analyze(ARTICLE)
    store.upsert(doc)
    again = store.get(doc.id[len("sha256:") : len("sha256:") + 10])
    assert again.title == doc.title
    assert again.text == doc.text
    assert again.raw == doc.raw
    with pytest.raises(rasd.StoreError, match="no document"):
        store.get("ffffffff")


def test_store_reanalysis_updates_in_place(store) -> None:  # type: ignore[no-untyped-def]
    doc = rasd.analyze(ARTICLE)
    store.upsert(doc)
    # A newer pipeline finds more in the same article: the row is replaced, not duplicated.
    doc.author = "سامر الخطيب"
    assert store.upsert(doc) == "updated"
    assert store.count() == 1
    assert store.get(doc.id).author == "سامر الخطيب"


def test_store_quarantine_is_idempotent(store) -> None:  # type: ignore[no-untyped-def]
    drop = Drop("binary content (NUL bytes), not text", "x.bin")
    store.quarantine(drop)
    store.quarantine(drop)
    rows = store.quarantined()
    assert len(rows) == 1
    assert rows[0]["reason"].startswith("binary")


def test_store_migrations_recorded_and_reopen_is_noop(tmp_path: Path) -> None:
    path = tmp_path / "m.db"
    open_store(path).close()
    with open_store(path) as s:
        names = [r[0] for r in s.db.execute("SELECT name FROM _migrations ORDER BY name")]
    assert names == [name for name, _ in MIGRATIONS]


def test_store_refuses_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(rasd.StoreError, match="not a rasd database"):
        open_store(path)


def test_fts_query_quotes_words() -> None:
    assert fts_query("إيران روسيا") == '"ايران" "روسيا"'
    assert fts_query("رئيس* OR الكرملين") == '"رئيس"* OR "الكرملين"'


def test_store_fts_stays_in_step_with_documents(store) -> None:  # type: ignore[no-untyped-def]
    store.upsert(rasd.analyze(ARTICLE))
    # The external-content FTS index must agree with its content table.
    store.db.execute("INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')")
    assert isinstance(store.db, sqlite3.Connection)
