"""The quotes stage in a pipeline, its output in the document schema, and ``rasd quotes``
over a store."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from rasd.arabic.stage import ArabicStage
from rasd.cli.main import cli
from rasd.document import Document, Entity, Mention, Source, content_id
from rasd.errors import PipelineError
from rasd.pipeline import Pipeline
from rasd.quotes import QuoteStage, stance_of
from rasd.quotes.search import quotes_by_speaker
from rasd.store import open_store

TEXT = (
    "وقالت الرئاسة الروسية في بيان إن الرئيسين تطرقا إلى التعاون. "
    "ونفت طهران أن تكون زودت موسكو بصواريخ.\n"
    "وقال الرئيس فلاديمير بوتين: «لن نتراجع»."
)


def _doc(text: str = TEXT, published: str = "2022-11-13") -> Document:
    doc = Document(id=content_id(text), source=Source("text"), raw=text, text=text)
    doc.published = published
    ArabicStage().process(doc)
    doc.mentions = [
        Mention(at, at + len(surface), surface, kind, entity)
        for surface, kind, entity in (
            ("الرئاسة الروسية", "ORG", "Q-kremlin"),
            ("فلاديمير بوتين", "PER", "Q7747"),
        )
        if (at := text.find(surface)) >= 0
    ]
    doc.entities = [
        Entity("Q-kremlin", "Kremlin", "ORG", "الكرملين", "RUS", "RUSGOV"),
        Entity("Q7747", "Vladimir Putin", "PER", "فلاديمير بوتين", "RUS", "RUSGOV"),
    ]
    doc.layers |= {"text", "sentences", "mentions", "entities"}
    return QuoteStage().process(doc)


def test_quotes_stage_declares_what_it_needs() -> None:
    stage = QuoteStage()
    assert stage.name == "quotes"
    assert stage.requires == frozenset({"text", "sentences", "mentions", "entities"})
    assert stage.provides == frozenset({"quotes"})
    with pytest.raises(PipelineError, match="mentions"):
        Pipeline(
            [ArabicStage(), QuoteStage()], given={"raw", "text", "title", "dateline", "author"}
        )


def test_quotes_stage_fills_the_schema() -> None:
    doc = _doc()
    assert [(q.cue, q.direct) for q in doc.quotes] == [
        ("قالت", False),
        ("نفت", False),
        ("قال", True),
    ]
    first = doc.quotes[0]
    assert first.speaker is not None
    assert (first.speaker.entity, first.speaker.code, first.speaker.text) == (
        "Q-kremlin",
        "RUSGOV",
        "الرئاسة الروسية",
    )
    assert doc.text[first.start : first.end] == first.text == "الرئيسين تطرقا إلى التعاون"
    putin = doc.quotes[2]
    assert putin.speaker is not None
    assert (putin.speaker.entity, putin.speaker.text, putin.text) == (
        "Q7747",
        "فلاديمير بوتين",
        "لن نتراجع",
    )
    # The JSON form round-trips (what the store keeps in documents.data).
    again = Document.from_dict(json.loads(json.dumps(doc.to_dict())))
    assert again.quotes == doc.quotes


def test_quotes_stance_of_a_stored_cue() -> None:
    assert [stance_of(c) for c in ("قالت", "نفت", "وحذر", "أقرّت", "يرى", "طالبت", "غريب")] == [
        "statement", "denial", "warning", "admission", "opinion", "demand", "statement",
    ]  # fmt: skip


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "q.db"
    other = "وقال وزير الخارجية الإيراني إن بلاده لن تتراجع. وحذر من أن الرد سيكون قاسيا."
    with open_store(path) as store:
        store.upsert(_doc())
        store.upsert(_doc(other, published="2022-11-14"))
    return path


def test_quotes_search_by_speaker_normalised(store_path: Path) -> None:
    with open_store(store_path) as store:
        kremlin = quotes_by_speaker(store.db, "الرئاسه الروسيه")  # ta marbuta written as ha
        assert [h.text for h in kremlin] == ["الرئيسين تطرقا إلى التعاون"]
        assert [h.text for h in quotes_by_speaker(store.db, "Kremlin")] == [kremlin[0].text]
        assert [h.speaker for h in quotes_by_speaker(store.db, "بوتين")] == ["فلاديمير بوتين"]
        assert [h.speaker for h in quotes_by_speaker(store.db, "طهران", stance="denial")] == [
            "طهران"
        ]
        everyone = quotes_by_speaker(store.db)
        assert len(everyone) == 5
        assert everyone[0].published == "2022-11-14"  # newest first
        warnings = quotes_by_speaker(store.db, "وزير الخارجية", stance="warning")
        assert [h.text for h in warnings] == ["الرد سيكون قاسيا"]


def test_quotes_search_reads_document_json_without_fact_tables(store_path: Path) -> None:
    db = sqlite3.connect(store_path)
    db.execute("DROP TABLE IF EXISTS facts_quotes")
    found = quotes_by_speaker(db, "بوتين")
    db.close()
    assert [(h.speaker, h.direct, h.stance) for h in found] == [
        ("فلاديمير بوتين", True, "statement")
    ]


def test_quotes_cli(store_path: Path) -> None:
    runner = CliRunner()
    out = runner.invoke(cli, ["quotes", "--speaker", "الكرملين", "--db", str(store_path), "--json"])
    assert out.exit_code == 0, out.output
    rows = json.loads(out.output)
    assert [(r["speaker"], r["stance"], r["cue"]) for r in rows] == [
        ("الرئاسة الروسية", "statement", "قالت")
    ]
    table = runner.invoke(cli, ["quotes", "--stance", "denial", "--db", str(store_path)])
    assert table.exit_code == 0
    assert "طهران" in table.output
    assert "denial" in table.output
    missing = runner.invoke(cli, ["quotes", "--db", str(store_path.parent / "none.db")])
    assert missing.exit_code != 0
    assert "no database" in missing.output
