from __future__ import annotations

from collections.abc import Sequence

import pytest

from rasd.arabic.stage import ArabicStage
from rasd.document import Document, Source, content_id
from rasd.entities import EntityStage, find_mentions
from rasd.entities.stage import sentence_tokens
from rasd.errors import PipelineError
from rasd.pipeline import Pipeline


class StubBackend:
    """Tags words from a fixed table, so stage tests do not depend on the model."""

    name = "stub"

    def __init__(self, table: dict[str, str]) -> None:
        self.table = table
        self.calls = 0

    def tag(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        self.calls += 1
        return [[self.table.get(w, "O") for w in s] for s in sentences]


def _doc(text: str) -> Document:
    doc = Document(id=content_id(text), source=Source(format="text"), raw=text, text=text)
    result = ArabicStage().process(doc)
    assert isinstance(result, Document)
    return result


def test_entities_stage_offsets_point_into_text_without_proclitics() -> None:
    text = "زار الرئيسُ بوتين وروسيا. ثم قال إنّ لأوكرانيا حقا"
    # وروسيا reaches the backend as و + روسيا, as the training text writes it.
    backend = StubBackend({"بوتين": "B-Politician", "روسيا": "B-Nation", "لأوكرانيا": "B-GPE"})
    mentions = find_mentions(_doc(text), backend)
    got = [(m.text, m.type, m.fine) for m in mentions]
    assert got == [
        ("بوتين", "PER", "Politician"),
        ("روسيا", "GPE", "Nation"),
        ("أوكرانيا", "GPE", None),
    ]
    assert all(text[m.start : m.end] == m.text for m in mentions)
    assert backend.calls == 1  # one call for the whole document


def test_entities_stage_keeps_a_word_the_segmenter_read_whole() -> None:
    # وكالة is not و + ك + اله (اله starts the gazetteer's اله اباد); a name the gazetteer
    # knows still loses a preposition the segmenter left on it.
    text = "بحسب وكالة تاس. والتقى لجون كيري"
    backend = StubBackend(
        {"وكالة": "B-Media", "تاس": "I-Media", "لجون": "B-Politician", "كيري": "I-Politician"}
    )
    got = [m.text for m in find_mentions(_doc(text), backend)]
    assert got == ["وكالة تاس", "جون كيري"]


def test_entities_stage_nisbas_become_norp_mentions_with_their_country() -> None:
    text = "قال الرئيس الروسي إن الإيرانيين والأميركيين في الشرق الأوسط"
    mentions = find_mentions(_doc(text), StubBackend({}))
    got = [(m.text, m.type, m.entity, m.fine) for m in mentions]
    assert got == [
        ("الروسي", "NORP", "country:RUS", "Nisba"),
        ("الإيرانيين", "NORP", "country:IRN", "Nisba"),
        ("الأميركيين", "NORP", "country:USA", "Nisba"),
    ]


def test_entities_stage_a_compass_direction_is_not_the_west() -> None:
    # «شمال غربي باكستان» is north-west Pakistan; «الدول الغربية» is the West.
    text = "غارة شمال غربي باكستان وشمالي غربي سوريا وبجنوب غربي البلاد. وفرضت الدول الغربية عقوبات"
    for backend in (StubBackend({}), StubBackend({"غربي": "B-Group"})):
        got = [(m.text, m.entity) for m in find_mentions(_doc(text), backend)]
        assert got == [("الغربية", "region:WST")]


def test_entities_stage_nisba_inside_a_name_is_not_a_second_mention() -> None:
    text = "أعلنت الحكومة العراقية"
    backend = StubBackend({"الحكومة": "B-Government", "العراقية": "I-Government"})
    mentions = find_mentions(_doc(text), backend)
    assert [(m.text, m.type) for m in mentions] == [("الحكومة العراقية", "ORG")]


def test_entities_stage_groups_tokens_by_sentence() -> None:
    doc = _doc("زار بوتين طهران. وقال رئيسي كلاما.")
    groups = sentence_tokens(doc)
    assert len(groups) == len(doc.sentences) == 2
    assert [t.text for t in groups[1]][:2] == ["وقال", "رئيسي"]


def test_entities_stage_declares_what_it_needs() -> None:
    stage = EntityStage(StubBackend({}))
    assert Pipeline(
        [ArabicStage(), stage], given={"raw", "source", "text", "title", "dateline", "author"}
    )
    with pytest.raises(PipelineError, match="tokens"):
        Pipeline([stage], given={"raw", "source", "text"})


def test_entities_stage_with_the_shipped_model() -> None:
    doc = _doc("أجرى الرئيس الروسي فلاديمير بوتين اتصالا هاتفيا مع نظيره في طهران.")
    EntityStage().process(doc)
    got = {(m.text, m.type) for m in doc.mentions}
    assert ("فلاديمير بوتين", "PER") in got
    assert ("طهران", "GPE") in got
    assert ("الروسي", "NORP") in got
