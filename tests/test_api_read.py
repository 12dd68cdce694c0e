"""The REST API's read endpoints, with FastAPI's TestClient against a temporary SQLite
store holding documents with entities, events and quotes (tests/web_helpers.py)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

import rasd
from rasd.api import create_app
from rasd.api.queries import EVENT_COLUMNS, MAX_PAGE
from rasd.store import open_store
from web_helpers import SEED_NAME_HINT, build_store, month_documents

SEED = Path(__file__).resolve().parents[1].parent / "shared/fixtures/seed/almasalla-2022-11-13.txt"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    db = tmp_path_factory.mktemp("api") / "rasd.db"
    text = SEED.read_text(encoding="utf-8") if SEED.is_file() else None
    ids = build_store(db, seed_text=text)
    # A copy of the first month's story under another title (the same body): stored, and
    # marked as a copy, so collapsing and copy-free counts can be checked.
    first = month_documents()[0]
    copy = rasd.analyze(first.text, title="نسخة من الخبر", published=first.published)
    copy.entities, copy.mentions, copy.events = first.entities, first.mentions, first.events
    with open_store(db) as s:
        s.upsert(copy)
        assert s.duplicate_of(copy.id) == first.id
    ids["copy"] = copy.id
    return db, ids


@pytest.fixture(scope="module")
def client(store: tuple[Path, dict[str, str]]) -> Iterator[TestClient]:
    with TestClient(create_app(store[0])) as c:
        yield c


def get(client: TestClient, url: str, **params: Any) -> dict[str, Any]:
    r = client.get(url, params=params)
    assert r.status_code == 200, r.text
    data: dict[str, Any] = r.json()
    return data


# -- search ------------------------------------------------------------------------------


def test_api_search_matches_any_spelling_and_highlights_the_original(
    client: TestClient, store: tuple[Path, dict[str, str]]
) -> None:
    _, ids = store
    data = get(client, "/api/search", q="ايران")  # no hamza; the month articles write إيران
    # The six months (and the seed); the copy collapses into its story.
    assert data["total"] == 6 + ("seed" in ids)
    assert ids["copy"] not in {h["id"] for h in data["hits"]}
    hit = next(h for h in data["hits"] if h["id"] == ids["month0"])
    marked = [s["text"] for s in hit["snippet"] if s["match"]]
    assert marked
    assert set(marked) <= {"إيران", "وإيران"}  # as written, not the search form
    assert {"text", "match"} == set(hit["snippet"][0])


def test_api_search_clitics_and_prefixes(client: TestClient) -> None:
    # `وقصفت روسيا` and `بوتين وإيران`: a word is found under its proclitics.
    assert get(client, "/api/search", q="روسيا")["total"] >= 6
    title_marks = [
        s["text"]
        for h in get(client, "/api/search", q="إيران")["hits"]
        for s in h["title_marked"]
        if s["match"]
    ]
    assert "وإيران" in title_marks
    prefixed = get(client, "/api/search", q="بوت*")
    assert prefixed["total"] >= 6
    assert all(
        s["text"].startswith(("بوت", "وبوت"))
        for h in prefixed["hits"]
        for s in h["snippet"]
        if s["match"]
    )


def test_api_search_collapses_copies_unless_asked(
    client: TestClient, store: tuple[Path, dict[str, str]]
) -> None:
    _, ids = store
    hits = get(client, "/api/search", q="خاركيف")["hits"]
    assert len(hits) == 1
    assert hits[0]["copies"] == 2
    assert hits[0]["story"] == ids["month0"]
    every = get(client, "/api/search", q="خاركيف", copies="true")["hits"]
    assert {h["id"] for h in every} == {ids["month0"], ids["copy"]}


def test_api_search_filters_dates_outlet_entity_event(client: TestClient) -> None:
    base = get(client, "/api/search", q="بوتين")
    assert get(client, "/api/search", q="بوتين", since="2022-09", until="2022-10")["total"] == 2
    assert (
        get(client, "/api/search", q="بوتين", until="2022-06")["total"] == 1
    )  # a month is inclusive
    assert get(client, "/api/search", q="بوتين", entity="Q7747")["total"] == base["total"]
    # An entity may be given by name, matched in its search form (no hamza here).
    assert get(client, "/api/search", q="طهران", entity="ايران")["total"] >= 6
    rejected = get(client, "/api/search", q="بوتين", type="REJECT")
    assert rejected["total"] == 3  # months 1, 3 and 5
    assert get(client, "/api/search", q="بوتين", type="reject", modality="denied")["total"] == 3
    assert get(client, "/api/search", q="بوتين", type="REJECT", modality="asserted")["total"] == 0
    assert get(client, "/api/search", q="بوتين", outlet="لا يوجد")["total"] == 0


def test_api_search_facets(client: TestClient) -> None:
    facets = get(client, "/api/search", q="بوتين")["facets"]
    months = {f["value"]: f["count"] for f in facets["month"]}
    assert months["2022-06"] == 1
    entities = {f["value"]: f for f in facets["entity"]}
    assert entities["Q7747"]["label"] == "فلاديمير بوتين"
    types = {f["value"]: f["count"] for f in facets["type"]}
    assert types["CONSULT"] >= 6
    assert types["REJECT"] == 3
    assert {f["value"] for f in facets["modality"]} >= {"asserted", "denied"}


@pytest.mark.parametrize(
    "query", ['"', "AND", "NOT", "بوتين AND", "(بوتين", "بوتين OR OR روسيا", "()", "بوتين)"]
)
def test_api_search_malformed_query_is_400_with_a_message(client: TestClient, query: str) -> None:
    for url in ("/api/search", "/search.json"):
        r = client.get(url, params={"q": query})
        assert r.status_code == 400, (url, query, r.text)
        assert "search" in r.json()["detail"]
    page = client.get("/search", params={"q": query})
    assert page.status_code == 400
    assert 'role="alert"' in page.text
    assert 'name="q"' in page.text  # the form is still there to fix the query


def test_api_search_empty_query_is_an_empty_result(client: TestClient) -> None:
    data = get(client, "/api/search", q="  ")
    assert data["total"] == 0
    assert data["hits"] == []


def test_api_search_paging(client: TestClient) -> None:
    first = get(client, "/api/search", q="روسيا", size=2)
    second = get(client, "/api/search", q="روسيا", size=2, page=2)
    assert len(first["hits"]) == 2
    assert not {h["id"] for h in first["hits"]} & {h["id"] for h in second["hits"]}
    assert second["offset"] == 2


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("/api/search", {"q": "x", "size": MAX_PAGE + 1}),
        ("/api/events", {"size": 0}),
        ("/api/quotes", {"page": 0}),
        ("/api/search", {"q": "x" * 501}),
        ("/api/relations", {"nodes": 1000}),
    ],
)
def test_api_limits_on_page_size_and_parameters(
    client: TestClient, url: str, params: dict[str, Any]
) -> None:
    r = client.get(url, params=params)
    assert r.status_code == 422
    assert r.json()["detail"]


@pytest.mark.parametrize("bad", ["13-11-2022", "2022/11/13", "yesterday", "2022-1"])
def test_api_bad_dates_are_400(client: TestClient, bad: str) -> None:
    for url in ("/api/search?q=x", "/api/events", "/events.json"):
        r = client.get(url, params={"since": bad})
        assert r.status_code == 400
        assert "YYYY" in r.json()["detail"]


def test_api_empty_form_fields_mean_no_filter(client: TestClient) -> None:
    full = get(client, "/api/events")
    blank = get(client, "/api/events", since="", until="", type="", actor="", modality="")
    assert blank["total"] == full["total"]


# -- documents ---------------------------------------------------------------------------


def test_api_document_by_id_and_prefix(
    client: TestClient, store: tuple[Path, dict[str, str]]
) -> None:
    _, ids = store
    full = get(client, f"/api/documents/{ids['month2']}")
    assert full["document"]["id"] == ids["month2"]
    assert len(full["document"]["events"]) == 2
    short = get(client, f"/api/documents/{ids['month2'][7:19]}")
    assert short == full
    copy = get(client, f"/api/documents/{ids['copy']}")
    assert copy["duplicate_of"] == ids["month0"]
    assert {c["id"] for c in copy["copies"]} == {ids["month0"], ids["copy"]}


def test_api_document_unknown_is_404_and_ambiguous_prefix_is_400(client: TestClient) -> None:
    r = client.get("/api/documents/ffffffffffff")
    assert r.status_code == 404
    assert "no document" in r.json()["detail"]
    assert client.get("/api/documents/sha256:").status_code == 400


def test_api_documents_list(client: TestClient) -> None:
    data = get(client, "/api/documents")
    assert data["total"] == len(data["documents"])
    assert all(d["duplicate_of"] is None for d in data["documents"])
    with_copies = get(client, "/api/documents", copies="true")
    assert with_copies["total"] == data["total"] + 1
    assert [d["published"] for d in data["documents"]] == sorted(
        (d["published"] for d in data["documents"]), reverse=True
    )


# -- entities ----------------------------------------------------------------------------


def test_api_entity_roles_timeline_partners_series(
    client: TestClient, store: tuple[Path, dict[str, str]]
) -> None:
    _, ids = store
    data = get(client, "/api/entities/Q7747")
    assert data["entity"]["name"] == "Vladimir Putin"
    assert data["entity"]["name_ar"] == "فلاديمير بوتين"
    assert [r["code"] for r in data["roles"]] == ["RUSGOV"]
    assert data["roles"][0]["first_seen"] == "2022-06-15"
    assert {a["text"] for a in data["aliases"]} >= {"فلاديمير بوتين"}
    months = [s["month"] for s in data["series"]]
    assert months[:6] == ["2022-06", "2022-07", "2022-08", "2022-09", "2022-10", "2022-11"]
    july = data["series"][1]
    assert july["cooperation"] == 1  # Putin → Iran CONSULT
    assert july["conflict"] == 1  # Iran → Putin REJECT (denied)
    partners = {p["key"]: p for p in data["partners"]}
    assert partners["Q794"]["events"] >= 9
    assert partners["Q794"]["label"] == "إيران"
    # The marked copy's events are not counted twice.
    assert data["counts"]["events"] == len(data["timeline"])
    assert all(e["doc_id"] != ids["copy"] for e in data["timeline"])
    assert data["timeline"] == sorted(data["timeline"], key=lambda e: e["date"], reverse=True)


def test_api_entity_period_and_unknown(client: TestClient) -> None:
    autumn = get(client, "/api/entities/Q7747", since="2022-10-01", until="2022-10-31")
    assert {e["date"][:7] for e in autumn["timeline"]} == {"2022-10"}
    r = client.get("/api/entities/Q0")
    assert r.status_code == 404


def test_api_entities_list(client: TestClient) -> None:
    data = get(client, "/api/entities")
    ids = [e["id"] for e in data["entities"]]
    assert {"Q7747", "Q794", "Q159", "Q212"} <= set(ids)
    assert data["entities"][0]["documents"] >= data["entities"][-1]["documents"]
    gpe = get(client, "/api/entities", type="GPE")
    assert {e["type"] for e in gpe["entities"]} == {"GPE"}
    found = get(client, "/api/entities", q="ايران")
    assert [e["id"] for e in found["entities"]] == ["Q794"]


# -- events, relations, quotes -------------------------------------------------------


def test_api_events_filters(client: TestClient) -> None:
    everything = get(client, "/api/events", size=MAX_PAGE)
    assert everything["columns"] == EVENT_COLUMNS
    assert all(set(e) == set(EVENT_COLUMNS) for e in everything["events"])
    assault = get(client, "/api/events", type="ASSAULT")
    assert assault["total"] >= 6
    assert {e["type"] for e in assault["events"]} == {"ASSAULT"}
    russia = get(client, "/api/events", actor="RUS")  # a code prefix: RUS, RUSGOV…
    assert {e["actor_code"][:3] for e in russia["events"]} == {"RUS"}
    iran_either = get(client, "/api/events", party="Q794", size=MAX_PAGE)
    assert all("Q794" in (e["actor_entity"], e["recipient_entity"]) for e in iran_either["events"])
    denied = get(client, "/api/events", modality="denied")
    assert {e["modality"] for e in denied["events"]} == {"denied"}
    consult = get(client, "/api/events", cameo="04")
    assert {e["cameo"][:2] for e in consult["events"]} == {"04"}
    october = get(client, "/api/events", since="2022-10", until="2022-10")
    assert {e["date"][:7] for e in october["events"]} == {"2022-10"}
    labels = {e["actor_label"] for e in everything["events"]}
    assert "فلاديمير بوتين" in labels


def test_api_events_exclude_copies_unless_asked(
    client: TestClient, store: tuple[Path, dict[str, str]]
) -> None:
    _, ids = store
    plain = get(client, "/api/events", since="2022-06", until="2022-06")
    copies = get(client, "/api/events", since="2022-06", until="2022-06", copies="true")
    assert copies["total"] == plain["total"] + 2
    assert ids["copy"] in {e["doc_id"] for e in copies["events"]}


def test_api_events_csv_download(client: TestClient) -> None:
    r = client.get("/api/events", params={"format": "csv", "type": "CONSULT"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert rows
    assert list(rows[0]) == EVENT_COLUMNS
    assert {row["type"] for row in rows} == {"CONSULT"}
    assert int(r.headers["x-total-count"]) == len(rows)
    page = client.get("/events.csv", params={"type": "CONSULT"})
    assert page.text == r.text


def test_api_relations_edges_match_their_events(client: TestClient) -> None:
    for by in ("entity", "code", "country"):
        data = get(client, "/api/relations", by=by)
        assert data["edges"]
        keys = {n["key"] for n in data["nodes"]}
        for edge in data["edges"]:
            assert {edge["source"], edge["target"]} <= keys
            # The click-through lists exactly the events the edge counts.
            events = get(
                client,
                "/api/events",
                by=by,
                actor=edge["source"],
                recipient=edge["target"],
                size=MAX_PAGE,
            )
            assert events["total"] == edge["events"], (by, edge)
            assert edge["cooperation"] + edge["conflict"] <= edge["events"]
    by_entity = get(client, "/api/relations")
    edge = next(e for e in by_entity["edges"] if (e["source"], e["target"]) == ("Q159", "Q212"))
    assert edge["events"] >= 6
    assert edge["mean_score"] == -10.0
    assert edge["conflict"] == edge["events"]
    nodes = {n["key"]: n for n in by_entity["nodes"]}
    assert nodes["Q159"]["label"] == "روسيا"
    countries = {
        (e["source"], e["target"]) for e in get(client, "/api/relations", by="country")["edges"]
    }
    assert ("RUS", "UKR") in countries


def test_api_relations_period_type_and_limits(client: TestClient) -> None:
    consult = get(client, "/api/relations", type="CONSULT")
    assert all(e["cooperation"] == e["events"] for e in consult["edges"])
    few = get(client, "/api/relations", nodes=2)
    assert len(few["nodes"]) <= 2
    heavy = get(client, "/api/relations", min_events=5)
    assert all(e["events"] >= 5 for e in heavy["edges"])
    summer = get(client, "/api/relations", since="2022-06", until="2022-07")
    assert all(e["events"] <= 2 for e in summer["edges"])
    assert client.get("/api/relations", params={"actor": "RUS"}).status_code == 400


def test_api_quotes(client: TestClient, store: tuple[Path, dict[str, str]]) -> None:
    _, ids = store
    data = get(client, "/api/quotes")
    assert data["total"] >= 1
    if "seed" not in ids:
        pytest.skip(f"{SEED_NAME_HINT} is absent")
    kremlin = get(client, "/api/quotes", speaker="kb:kremlin")
    assert kremlin["total"] == 2
    assert {q["speaker_label"] for q in kremlin["quotes"]} == {"الكرملين"}
    contains = get(client, "/api/quotes", q="سلسلة من المسائل")
    assert contains["total"] == 1
    by_text = get(client, "/api/quotes", speaker="نيكيتا سماغين")
    assert by_text["total"] == 1


def test_api_seed_article_is_found_with_its_facts(
    client: TestClient, store: tuple[Path, dict[str, str]]
) -> None:
    _, ids = store
    if "seed" not in ids:
        pytest.skip(f"{SEED_NAME_HINT} is absent")
    hits = get(client, "/api/search", q="بوتين")["hits"]
    assert ids["seed"] in {h["id"] for h in hits}
    doc = get(client, f"/api/documents/{ids['seed']}")["document"]
    assert doc["title"].startswith("بوتين يهاتف رئيسي")
    assert len(doc["events"]) == 7
    call = get(
        client, "/api/events", doc=ids["seed"], type="CONSULT", modality="asserted", actor="Q7747"
    )
    assert call["total"] == 1
    assert call["events"][0]["recipient_label"] == "إبراهيم رئيسي"
    assert call["events"][0]["date"] == "2022-11-12"


# -- twins and docs ------------------------------------------------------------------------


def test_api_every_page_json_twin_equals_the_api(
    client: TestClient, store: tuple[Path, dict[str, str]]
) -> None:
    _, ids = store
    doc = ids["month1"]
    pairs = [
        ("/index.json", "/api/stats"),
        ("/search.json?q=بوتين&type=CONSULT", "/api/search?q=بوتين&type=CONSULT"),
        ("/documents.json", "/api/documents"),
        (f"/documents/{doc}.json", f"/api/documents/{doc}"),
        ("/entities.json?type=GPE", "/api/entities?type=GPE"),
        ("/entities/Q7747.json", "/api/entities/Q7747"),
        ("/events.json?actor=RUS", "/api/events?actor=RUS"),
        ("/relations.json?by=code", "/api/relations?by=code"),
        ("/quotes.json", "/api/quotes"),
    ]
    for twin, api in pairs:
        a, b = client.get(twin), client.get(api)
        assert a.status_code == b.status_code == 200, (twin, a.text)
        assert a.headers["content-type"].startswith("application/json")
        assert a.json() == b.json(), twin
        page = twin.replace("/index.json", "/").replace(".json", "")
        asked = client.get(page, headers={"Accept": "application/json"})
        assert asked.json() == b.json(), page
        html = client.get(page)
        assert html.headers["content-type"].startswith("text/html"), page


def test_api_openapi_and_docs_need_no_cdn(client: TestClient) -> None:
    schema = get(client, "/openapi.json")
    paths = set(schema["paths"])
    assert {
        "/api/search", "/api/documents", "/api/documents/{doc_id}", "/api/entities",
        "/api/entities/{entity_id}", "/api/events", "/api/relations", "/api/quotes",
        "/api/documents/batch",
    } <= paths  # fmt: skip
    assert "post" in schema["paths"]["/api/documents"]
    assert not any(p.startswith("/search") for p in paths)  # pages stay out of the API schema
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert "/api/search" in docs.text
    assert "cdn" not in docs.text.lower()
    assert client.get("/docs.json").json() == schema
