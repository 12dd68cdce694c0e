"""The document model: JSON round trip and content ids."""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.document import (
    Boilerplate,
    Dateline,
    Document,
    Entity,
    Event,
    EventArgument,
    Mention,
    Quote,
    Sentence,
    Source,
    Span,
    Token,
    content_id,
)

PROPERTY = settings(max_examples=200, deadline=None)

TEXT = "أجرى الرئيس الروسي فلاديمير بوتين اتصالًا هاتفيًا السبت بنظيره الايراني ابراهيم رئيسي."


def full_document() -> Document:
    putin = TEXT.index("فلاديمير بوتين")
    raisi = TEXT.index("ابراهيم رئيسي")
    return Document(
        id=content_id(TEXT),
        source=Source(format="jsonl", path="r.jsonl", id="a1", url="https://example.com/a1"),
        raw=f"بغداد/المسلة: {TEXT}\nRead our Privacy Policy",
        title="بوتين يهاتف رئيسي",
        published="2022-11-13",
        published_from="date-line",
        dateline=Dateline(place="بغداد", outlet="المسلة", text="بغداد/المسلة:"),
        author="عدنان أبوزيد",
        text=TEXT,
        boilerplate=[Boilerplate(text="Read our Privacy Policy", kind="privacy")],
        sentences=[Sentence(0, len(TEXT))],
        tokens=[Token(0, 4, "أجرى", "word"), Token(len(TEXT) - 1, len(TEXT), ".", "punct")],
        mentions=[
            Mention(putin, putin + 14, "فلاديمير بوتين", "PER", entity="Q7747"),
            Mention(
                raisi, raisi + 13, "ابراهيم رئيسي", "PER", entity="Q5952381", fine="politician"
            ),
        ],
        entities=[
            Entity(
                "Q7747",
                "Vladimir Putin",
                "PER",
                name_ar="فلاديمير بوتين",
                country="RUS",
                actor_code="RUSGOV",
            ),
            Entity("Q5952381", "Ebrahim Raisi", "PER", country="IRN"),
        ],
    )


def round_trip(doc: Document, **kwargs: bool) -> Document:
    # Through real JSON, as the store keeps it.
    return Document.from_dict(json.loads(json.dumps(doc.to_dict(**kwargs), ensure_ascii=False)))


def test_document_round_trip_keeps_fields() -> None:
    doc = full_document()
    back = round_trip(doc)
    for name in (
        "id",
        "source",
        "language",
        "title",
        "published",
        "published_from",
        "author",
        "text",
        "sentences",
        "mentions",
        "entities",
    ):
        assert getattr(back, name) == getattr(doc, name), name
    assert back.dateline == Dateline(place="بغداد", outlet="المسلة")
    assert back.boilerplate == [Boilerplate(text="Read our Privacy Policy", kind="privacy")]


def test_document_to_dict_is_a_fixed_point_of_the_round_trip() -> None:
    data = full_document().to_dict(tokens=True, raw=True)
    assert Document.from_dict(data).to_dict(tokens=True, raw=True) == data


def test_document_raw_and_tokens_are_opt_in() -> None:
    doc = full_document()
    plain = doc.to_dict()
    assert "raw" not in plain
    assert "tokens" not in plain
    back = round_trip(doc)
    assert (back.raw, back.tokens) == ("", [])

    back = round_trip(doc, tokens=True, raw=True)
    assert back.raw == doc.raw
    # Token text is rebuilt from the offsets into `text`.
    assert back.tokens == doc.tokens


def test_document_to_dict_keeps_arabic_readable_and_drops_nones() -> None:
    data = full_document().to_dict()
    dumped = json.dumps(data, ensure_ascii=False)
    assert "فلاديمير بوتين" in dumped
    assert data["source"] == {
        "format": "jsonl",
        "path": "r.jsonl",
        "id": "a1",
        "url": "https://example.com/a1",
    }
    assert data["mentions"][0] == {
        "start": TEXT.index("فلاديمير بوتين"),
        "end": TEXT.index("فلاديمير بوتين") + 14,
        "text": "فلاديمير بوتين",
        "type": "PER",
        "entity": "Q7747",
    }


def test_document_from_minimal_dict() -> None:
    doc = Document.from_dict({"id": "sha256:abc"})
    assert doc.id == "sha256:abc"
    assert doc.source == Source(format="unknown")
    assert (doc.text, doc.raw, doc.language, doc.dateline) == ("", "", "ar", None)
    assert doc.sentences == doc.mentions == doc.events == []


def test_document_round_trip_keeps_events_and_quotes() -> None:
    doc = full_document()
    doc.events = [
        Event(
            type="CONSULT",
            mode="phone",
            cameo="040",
            actor=EventArgument(entity="Q7747", code="RUSGOV", text="فلاديمير بوتين"),
            recipient=EventArgument(entity="Q5952381", code="IRNGOV"),
            date="2022-11-12",
            date_precision="day",
            sentence=0,
            trigger=Span(5, 10),
            evidence=TEXT,
        )
    ]
    doc.quotes = [
        Quote(
            0,
            10,
            text="سلسلة من المسائل",
            cue="قال",
            direct=True,
            speaker=EventArgument(entity="Q7747"),
        )
    ]
    back = round_trip(doc)
    assert back.events == doc.events
    assert back.quotes == doc.quotes


@pytest.mark.parametrize(
    "variant",
    [
        TEXT,
        TEXT + "\n",
        "\n\n" + TEXT + "\n\n\n",
        "  " + TEXT + "  \t",
        "\r\n" + TEXT + "\r\n",
    ],
)
def test_document_content_id_ignores_surrounding_blanks(variant: str) -> None:
    assert content_id(variant) == content_id(TEXT)


def test_document_content_id_ignores_line_endings_and_trailing_spaces() -> None:
    lf = "عنوان الخبر\n\nالفقرة الأولى.\nالفقرة الثانية."
    assert content_id(lf.replace("\n", "\r\n")) == content_id(lf)
    assert content_id(lf.replace("\n", "  \n")) == content_id(lf)


@pytest.mark.parametrize(
    "other",
    [
        TEXT.replace("السبت", "الأحد"),  # a different word
        TEXT.replace("اتصالًا", "اتصالا"),  # ids hash the text as written, not the search form
        TEXT.replace(" ", "\n", 1),  # a line break is content
        TEXT.replace("بوتين ", "بوتين  "),  # so is inner spacing
    ],
)
def test_document_content_id_changes_with_content(other: str) -> None:
    assert content_id(other) != content_id(TEXT)


def test_document_content_id_format_and_stability() -> None:
    assert re.fullmatch(r"sha256:[0-9a-f]{64}", content_id(TEXT))
    # Ids are stored: the canonical form of clean text is the text itself, hashed as UTF-8.
    assert content_id("بغداد") == "sha256:" + hashlib.sha256("بغداد".encode()).hexdigest()


@PROPERTY
@given(st.text())
def test_document_content_id_stable_under_line_ending_and_padding(text: str) -> None:
    expected = content_id(text)
    assert content_id(text) == expected
    assert content_id(text.replace("\n", "\r\n")) == expected
    assert content_id("\n \n" + text + " \n\n") == expected


@PROPERTY
@given(
    st.lists(st.tuples(st.integers(0, 500), st.integers(0, 500)), max_size=20),
    st.text(max_size=50),
    st.one_of(st.none(), st.text(max_size=20)),
)
def test_document_round_trip_property(spans: list[tuple[int, int]], text: str, title: Any) -> None:
    doc = Document(
        id=content_id(text),
        source=Source(format="text", path="<stdin>", encoding="utf-8"),
        raw=text,
        title=title,
        text=text,
        sentences=[Sentence(a, b) for a, b in spans],
    )
    back = round_trip(doc, raw=True)
    assert (back.id, back.source, back.raw, back.title, back.text, back.sentences) == (
        doc.id,
        doc.source,
        doc.raw,
        doc.title,
        doc.text,
        doc.sentences,
    )
