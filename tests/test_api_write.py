"""The write endpoints: off without a token, 401 without the right one, and the same
reader and pipeline as ``rasd ingest`` when allowed; request bodies are capped."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from rasd.api import create_app
from rasd.store import open_store

TOKEN = "test-token-5f2a"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ARTICLE = (
    "وزير الخارجية يزور طهران\n\n13 نوفمبر، 2022\n\n"
    "بغداد/المسلة: وصل وزير الخارجية العراقي إلى طهران في زيارة رسمية يبحث خلالها العلاقات "
    "الثنائية والتعاون الاقتصادي بين البلدين، وفق ما أعلنت الوزارة في بيان."
)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "rasd.db"


@pytest.fixture
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(db, token=TOKEN, max_body=200_000)) as c:
        yield c


def test_api_write_is_off_without_a_configured_token(db: Path) -> None:
    with TestClient(create_app(db)) as c:
        for url in ("/api/documents", "/api/documents/batch"):
            r = c.post(url, json={"text": ARTICLE}, headers=AUTH)
            assert r.status_code == 403
            assert "RASD_API_TOKEN" in r.json()["detail"]


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong"},
        {"Authorization": f"Bearer {TOKEN}x"},
        {"Authorization": f"Basic {TOKEN}"},
        {"Authorization": TOKEN},
        {"X-API-Token": TOKEN},
    ],
)
def test_api_write_without_the_token_is_401(
    client: TestClient, db: Path, headers: dict[str, str]
) -> None:
    for url in ("/api/documents", "/api/documents/batch"):
        r = client.post(url, json={"text": ARTICLE}, headers=headers)
        assert r.status_code == 401
        assert r.headers["www-authenticate"].startswith("Bearer")
        assert "Authorization: Bearer" in r.json()["detail"]
    with open_store(db) as store:
        assert store.count() == 0


def test_api_write_one_document_then_read_and_search_it(client: TestClient) -> None:
    r = client.post(
        "/api/documents", json={"text": ARTICLE, "url": "https://example.org/a"}, headers=AUTH
    )
    assert r.status_code == 201, r.text
    created = r.json()
    assert created["status"] == "added"
    assert created["title"] == "وزير الخارجية يزور طهران"
    assert created["published"] == "2022-11-13"
    assert created["url"] == f"/documents/{created['id']}"
    again = client.post("/api/documents", json={"text": ARTICLE}, headers=AUTH)
    assert again.status_code == 200
    assert again.json()["status"] == "unchanged"
    doc = client.get(f"/api/documents/{created['id']}").json()
    assert doc["document"]["dateline"] == {"place": "بغداد", "outlet": "المسلة"}
    hits = client.get("/api/search", params={"q": "زيارة رسمية"}).json()["hits"]
    assert [h["id"] for h in hits] == [created["id"]]


def test_api_write_extracted_article_and_plain_and_html_bodies(client: TestClient) -> None:
    r = client.post(
        "/api/documents",
        json={
            "text": "قال الوزير إن المحادثات كانت بناءة ومثمرة للغاية.",
            "title": "تصريح",
            "published": "2023-01-02",
        },
        headers=AUTH,
    )
    assert r.status_code == 201
    assert r.json()["published"] == "2023-01-02"
    plain = client.post(
        "/api/documents",
        content=ARTICLE.replace("رسمية", "خاصة").encode(),
        headers={**AUTH, "Content-Type": "text/plain"},
    )
    assert plain.status_code == 201
    assert plain.json()["title"] == "وزير الخارجية يزور طهران"
    html = (
        "<html><head><title>زيارة</title></head><body><article><h1>الوزير في طهران</h1>"
        "<p>وصل الوزير إلى طهران اليوم في زيارة تستمر يومين يلتقي خلالها كبار المسؤولين.</p>"
        "<p>وقال مصدر إن الزيارة تتناول ملفات الطاقة والتجارة والأمن الإقليمي.</p></article></body></html>"
    )
    r = client.post(
        "/api/documents", content=html.encode(), headers={**AUTH, "Content-Type": "text/html"}
    )
    assert r.status_code == 201, r.text
    stored = client.get(f"/api/documents/{r.json()['id']}").json()["document"]
    assert "<p>" not in stored["text"]
    assert "ملفات الطاقة" in stored["text"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b"{not json", 422),
        (json.dumps({"text": ARTICLE, "surprise": 1}).encode(), 422),  # unknown fields refused
        (json.dumps({"text": 12}).encode(), 422),
        (json.dumps({"text": "   "}).encode(), 422),  # no article: the reason comes back
        (json.dumps({}).encode(), 422),
    ],
)
def test_api_write_bad_bodies(client: TestClient, body: bytes, expected: int) -> None:
    r = client.post(
        "/api/documents", content=body, headers={**AUTH, "Content-Type": "application/json"}
    )
    assert r.status_code == expected
    assert r.json()["detail"]


def _jsonl(records: list[object]) -> bytes:
    return b"".join(json.dumps(r, ensure_ascii=False).encode() + b"\n" for r in records)


def test_api_write_batch_jsonl(client: TestClient, db: Path) -> None:
    records: list[object] = [
        {
            "id": "a",
            "title": "خبر أول",
            "text": "وصل الرئيس إلى بغداد في زيارة رسمية تستغرق يومين.",
            "published": "2022-11-01",
        },
        {
            "id": "b",
            "title": "خبر ثان",
            "text": "التقى وزير الخارجية نظيره التركي في أنقرة لبحث ملف المياه.",
            "published": "2022-11-02",
        },
        {"id": "c", "text": ARTICLE},
        {"id": "d"},  # no text: reported and quarantined
    ]
    body = _jsonl(records) + b"not json\n"
    r = client.post(
        "/api/documents/batch",
        content=body,
        headers={**AUTH, "Content-Type": "application/x-ndjson"},
    )
    assert r.status_code == 200, r.text
    result = r.json()
    assert result["added"] == 3
    assert result["quarantined"] == 2
    assert [e["source"] for e in result["errors"]] == ["upload:4", "upload:5"]
    assert "invalid JSON" in result["errors"][1]["reason"]
    gz = client.post(
        "/api/documents/batch",
        content=gzip.compress(_jsonl(records[:2])),
        headers={**AUTH, "Content-Type": "application/gzip"},
    )
    assert gz.status_code == 200
    assert gz.json()["unchanged"] == 2
    with open_store(db) as store:
        assert store.count() == 3
        assert len(store.quarantined()) == 2


def test_api_write_body_limits(client: TestClient) -> None:
    big = json.dumps({"text": "كلمة " * 60_000}).encode()  # over 200 kB
    r = client.post(
        "/api/documents", content=big, headers={**AUTH, "Content-Type": "application/json"}
    )
    assert r.status_code == 413
    assert "limit" in r.json()["detail"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
        for _ in range(30):
            yield b"x" * 10_000

    r = client.post("/api/documents/batch", content=chunks(), headers=AUTH)
    assert r.status_code == 413
    # A small gzip that inflates past the limit is refused too.
    bomb = gzip.compress(b"\n" * 5_000_000)
    assert len(bomb) < 200_000
    r = client.post("/api/documents/batch", content=bomb, headers=AUTH)
    assert r.status_code == 413
    bad = client.post("/api/documents/batch", content=b"\x1f\x8bnot gzip", headers=AUTH)
    assert bad.status_code == 400


def test_api_write_limit_applies_before_the_token_check(db: Path) -> None:
    # An unauthenticated client cannot make the server read a huge body either.
    with TestClient(create_app(db, token=TOKEN, max_body=1000)) as c:
        r = c.post("/api/documents", content=b"x" * 5000, headers={"Content-Type": "text/plain"})
        assert r.status_code == 413
