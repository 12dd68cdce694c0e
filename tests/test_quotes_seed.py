"""The reference article's gold quotes (``../shared/fixtures/seed``), scored by DESIGN.md's
rule: the speaker resolves to a gold surface or name and the normalised quote contains the
gold ``contains`` string. Skipped without ../shared."""

from __future__ import annotations

from typing import Any

import pytest

import rasd
from rasd.document import Document, Quote
from rasd.quotes import QuoteStage
from rasd.quotes.evaluate import resolves_to

pytestmark = pytest.mark.shared


def _analysed(text: str, *, mentions: bool) -> Document:
    doc = rasd.analyze(text)
    if mentions and "mentions" not in doc.layers:
        from rasd.entities import EntityStage

        EntityStage().process(doc)
    if not mentions:
        doc.mentions = []
    return QuoteStage().process(doc)


@pytest.mark.parametrize("mentions", [True, False], ids=["tagger", "no-mentions"])
def test_quotes_seed_required_gold_quotes_found(
    seed_text: str, seed_gold: dict[str, Any], mentions: bool
) -> None:
    doc = _analysed(seed_text, mentions=mentions)
    for item in seed_gold["quotes"]["required"]:
        assert any(resolves_to(q, item, doc.entities) for q in doc.quotes), (
            item,
            [(q.speaker.text if q.speaker else None, q.text) for q in doc.quotes],
        )


@pytest.mark.parametrize("mentions", [True, False], ids=["tagger", "no-mentions"])
def test_quotes_seed_precision_against_all_gold(
    seed_text: str, seed_gold: dict[str, Any], mentions: bool
) -> None:
    doc = _analysed(seed_text, mentions=mentions)
    gold = seed_gold["quotes"]["required"] + seed_gold["quotes"]["optional"]
    true = [q for q in doc.quotes if any(resolves_to(q, g, doc.entities) for g in gold)]
    # Seven quotes, six in the gold: the seventh, Iran saying the deliveries predate the
    # invasion (غير أنها أكّدت أن …), is a real reported claim the gold leaves out.
    assert len(true) / len(doc.quotes) >= 0.85, [_show(q) for q in doc.quotes]


def test_quotes_seed_speakers_and_media(seed_text: str) -> None:
    doc = _analysed(seed_text, mentions=False)
    by_speaker = {q.speaker.text: q for q in doc.quotes if q.speaker}
    assert by_speaker["الرئاسة الروسية"].cue == "قالت"
    assert by_speaker["الكرملين"].cue == "لفت"
    assert by_speaker["عدنان أبوزيد"].cue == "يرى"
    smagin = [q for q in doc.quotes if q.speaker and q.speaker.text == "نيكيتا سماغين"]
    assert [q.cue for q in smagin] == ["كتب", "قال"]  # the second: وقال انه … after he is named
    assert not any(q.direct for q in doc.quotes)


def _show(q: Quote) -> tuple[str | None, str]:
    return (q.speaker.text if q.speaker else None, q.text[:60])
