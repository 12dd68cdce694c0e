"""The events stage: its contract in the pipeline, linked entities, evidence and offsets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rasd
from events_helpers import untagged
from rasd.analyze import default_pipeline
from rasd.document import Document, Entity, Mention, Source
from rasd.events import CodedEvent, EventStage, extract_events
from rasd.events.syntax import SentenceView
from rasd.pipeline import Pipeline


def _doc(text: str, published: str = "2022-11-13") -> Document:
    return untagged(text, published)


def test_events_stage_contract() -> None:
    stage = EventStage()
    assert stage.name == "events"
    assert stage.requires == frozenset(
        {"text", "sentences", "tokens", "times", "mentions", "entities", "published"}
    )
    assert stage.provides == frozenset({"events"})
    # The stage needs mentions and entities: here given (empty) instead of tagged.
    base = [
        st
        for st in default_pipeline().stages
        if st.name in ("extract", "arabic", "times", "numbers")
    ]
    pipe = Pipeline([*base, EventStage()], given={"raw", "source", "mentions", "entities"})
    doc = pipe(Document(id="x", source=Source(format="text"), raw="زار الرئيس الروسي طهران أمس.\n"))
    assert isinstance(doc, Document)
    assert "events" in doc.layers


def test_events_stage_every_event_has_evidence_and_a_trigger_in_the_text() -> None:
    doc = _doc(
        "أجرى الرئيس الروسي اتصالا هاتفيا السبت بنظيره الإيراني. وزار وزير الخارجية التركي بغداد."
    )
    events = extract_events(doc)
    assert [e.type for e in events] == ["CONSULT", "CONSULT"]
    for e in events:
        assert e.evidence
        assert e.trigger is not None
        assert 0 <= e.trigger.start < e.trigger.end <= len(doc.text)
        assert e.sentence is not None
        assert doc.sentences[e.sentence].start <= e.trigger.start < doc.sentences[e.sentence].end
        for arg in [*e.actors, *e.recipients]:
            assert arg.start is not None
            assert arg.end is not None
            assert doc.text[arg.start : arg.end] == arg.text  # type: ignore[attr-defined]
    call = events[0]
    assert (call.mode, call.cameo, call.score, call.date, call.date_precision) == (
        "phone",
        "041",
        1.5,
        "2022-11-12",
        "day",
    )
    assert "«أجرى»" in call.evidence
    assert "السبت" in call.evidence


def test_events_stage_linked_entity_code_wins() -> None:
    # The KB linker's actor code (valid on the article's date) is used as is.
    doc = _doc("زار بوتين طهران.")
    start = doc.text.index("بوتين")
    doc.mentions = [
        Mention(start, start + 5, "بوتين", "PER", "Q7747"),
        Mention(doc.text.index("طهران"), doc.text.index("طهران") + 5, "طهران", "GPE", "Q3616"),
    ]
    doc.entities = [
        Entity("Q7747", "Vladimir Putin", "PER", "فلاديمير بوتين", "RUS", "RUSGOV"),
        Entity("Q3616", "Tehran", "GPE", "طهران", "IRN", "IRNGOV"),
    ]
    [visit] = extract_events(doc)
    assert visit.actor is not None
    assert visit.recipient is not None
    assert (visit.actor.entity, visit.actor.code) == ("Q7747", "RUSGOV")
    assert (visit.recipient.entity, visit.recipient.code) == ("Q3616", "IRNGOV")


def test_events_stage_a_compass_nisba_is_not_the_west() -> None:
    # «شمال غربي باكستان» is north-west Pakistan, not «the West» (WST), even when a
    # mention of غربي is linked to the West.
    doc = _doc("قتل ثلاثة مسلحين في المناطق القبلية شمال غربي باكستان في غارة.")
    doc.mentions = [
        Mention(
            doc.text.index("غربي"), doc.text.index("غربي") + 4, "غربي", "NORP", "r/west", "Nisba"
        ),
        Mention(doc.text.index("باكستان"), doc.text.index("باكستان") + 7, "باكستان", "GPE"),
    ]
    doc.entities = [Entity("r/west", "the West", "NORP", "الغرب", None, "WST")]
    views: list[SentenceView] = []
    events = extract_events(doc, observe=lambda view, _: views.append(view))
    countries = {c for view in views for p in view.phrases for c in p.countries}
    assert views
    assert "PAK" in countries
    assert "WST" not in countries
    parties = [a for e in events for a in (e.actor, e.recipient, *e.actors, *e.recipients) if a]
    assert all("WST" not in (a.code or "") for a in parties)


def test_events_stage_a_target_owned_by_a_party_is_that_partys() -> None:
    # «مستهدفة دورية للقوات الاميركية»: the patrol attacked belongs to the US forces.
    doc = rasd.analyze(
        "وفي نوفمبر قامت امرأة بلجيكية بتفجير نفسها مستهدفة دورية للقوات الاميركية جنوب بغداد.",
        published="2024-03-10",
    )
    [attack] = [e for e in doc.events if e.type == "ASSAULT"]
    assert attack.recipient is not None
    assert (attack.recipient.code or "").startswith("USA")
    assert "whose target it was" in attack.evidence


def test_events_stage_never_pairs_across_sentences() -> None:
    # The actor of the first sentence is not the actor of the attack in the second.
    doc = _doc("وصل الرئيس الأمريكي إلى بغداد. وقتل خمسة أشخاص في انفجار.")
    attacks = [e for e in extract_events(doc) if e.type == "ASSAULT"]
    assert attacks
    assert all(
        e.actor is None or e.actor.code is None or not e.actor.code.startswith("USA")
        for e in attacks
    )


def test_events_stage_compound_actor_and_several_recipients() -> None:
    doc = _doc(
        "وتتهم كييف مع حلفائها الغربيين موسكو. ويعاني الاقتصادان الروسي والإيراني من عقوبات غربية."
    )
    accuse, sanction = extract_events(doc)
    assert [a.code for a in accuse.actors] == ["UKR", "WST"]
    assert [r.code for r in sanction.recipients] == ["RUS", "IRN"]


def test_events_stage_attribution() -> None:
    doc = _doc("أجرى الرئيس الروسي اتصالا هاتفيا بنظيره الإيراني، على ما أعلن الكرملين.")
    [call] = extract_events(doc)
    assert call.attributed_to is not None
    assert call.attributed_to.code == "RUSGOV"
    assert call.modality == "asserted"


def test_events_stage_serialises() -> None:
    doc = _doc("فرض الاتحاد الأوروبي عقوبات جديدة على إيران.")
    doc.events = list(extract_events(doc))
    out = doc.to_dict()["events"][0]
    assert out["type"] == "SANCTION"
    assert out["recipient"]["code"] == "IRN"
    assert out["background"] is False
    assert out["recipients"][0]["code"] == "IRN"


def test_events_stage_without_classifier_and_with() -> None:
    text = "وتجمع مئات المتظاهرين أمام مبنى البرلمان أمس احتجاجا على قرار الحكومة."
    assert any(e.type == "PROTEST" for e in extract_events(_doc(text)))
    stage = EventStage()
    doc = stage.process(_doc(text))
    assert any(e.type == "PROTEST" for e in doc.events)


@settings(max_examples=60, deadline=None)
@given(
    st.text(
        alphabet="زار قتل هجوم الرئيس الروسي طهران في على من ب و ل ال . ، 0123 أمس", max_size=120
    )
)
def test_events_stage_any_text_gives_events_inside_it(text: str) -> None:
    if not text.strip():
        return
    doc = _doc(text)
    for e in extract_events(doc):
        assert isinstance(e, CodedEvent)
        assert e.trigger is not None
        assert 0 <= e.trigger.start < e.trigger.end <= len(doc.text)
        assert e.evidence


@pytest.mark.parametrize("day", ["الأحد", "الاثنين"])
def test_events_stage_a_weekday_is_no_count_of_victims(day: str) -> None:
    # الأحد and الاثنين are also the numbers أحد and اثنين: inside a date they count no one,
    # so the gunmen stay the doers and the policeman the victim.
    doc = rasd.analyze(
        f"وقالت الشرطة {day} إن مسلحين قتلوا شرطيا في بغداد.", published="2024-03-10"
    )
    [attack] = [e for e in doc.events if e.type == "ASSAULT"]
    assert attack.actor is not None
    assert attack.actor.text == "مسلحين"
    assert attack.recipient is not None
    assert attack.recipient.text == "شرطيا"
