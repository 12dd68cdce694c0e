from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rasd.entities.evaluate import score
from rasd.entities.labels import FINE_TO_TYPE, TYPES, Span, bio, coarse, map_tags, spans


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("Politician", "PER"),
        ("Police", "PER"),
        ("Group", "NORP"),  # ACE PER.Group: العرب، الاسرائيليين
        ("Nation", "GPE"),
        ("Population-Center", "GPE"),
        ("GPE-Cluster", "GPE"),
        ("Continent", "LOC"),
        ("Water-Body", "LOC"),
        ("Building-Grounds", "FAC"),
        ("Airport", "FAC"),
        ("Government", "ORG"),
        ("Media", "ORG"),
        ("Sports", "ORG"),
        ("Land", "MISC"),  # a land vehicle (نيسان), not a region
        ("PERS", "PER"),  # ANERcorp
        ("MIS2", "MISC"),  # AQMAR
        ("GPE", "GPE"),
        ("ENGLISH", None),
    ],
)
def test_entities_labels_coarse(label: str, kind: str | None) -> None:
    assert coarse(label) == kind


def test_entities_labels_every_fine_class_has_a_rasd_type() -> None:
    assert set(FINE_TO_TYPE.values()) <= set(TYPES)


def test_entities_labels_spans_read_stray_inside_tags() -> None:
    assert spans(["O", "I-PER", "I-PER", "B-GPE", "I-ORG"]) == [
        Span(1, 3, "PER"),
        Span(3, 4, "GPE"),
        Span(4, 5, "ORG"),
    ]


def test_entities_labels_map_tags_fine_to_coarse() -> None:
    tags = ["B-Politician", "I-Politician", "O", "B-Group", "B-Nation"]
    assert map_tags(tags) == ["B-PER", "I-PER", "O", "B-NORP", "B-GPE"]


_tag = st.sampled_from(["O", "B-PER", "I-PER", "B-GPE", "I-GPE"])


@given(st.lists(_tag, max_size=30))
def test_entities_labels_bio_round_trips_spans(tags: list[str]) -> None:
    items = spans(tags)
    assert spans(bio(len(tags), items)) == items


def test_entities_labels_score_exact_spans_with_places_as_loc() -> None:
    gold = ["B-Politician", "I-Politician", "O", "B-Nation", "B-Building-Grounds", "B-Group"]
    pred = ["B-PER", "O", "O", "B-GPE", "B-FAC", "O"]
    s = score([(gold, pred)])
    assert (s.tp["LOC"], s.fp["PER"], s.fn["PER"]) == (2, 1, 1)
    assert "NORP" not in s.labels  # not scored
    assert s.prf()[:2] == (2 / 3, 2 / 3)
    assert "micro" in s.table()
