from __future__ import annotations

import pytest

from rasd.arabic.normalize import normalize
from rasd.entities.features import FEATURE_SETS, Featurizer, Resources, strip_clitics
from rasd.entities.rules import apply_rules


def _resources() -> Resources:
    res = Resources(
        clusters={"بوتين": ("1", "2", "3"), "روسيا": ("4", "5", "6")},
        counts={"بوتين": 100, "روسيا": 500, "قال": 9000},
        nisba={"روسي": "RUS", "اميركي": "USA", "ايراني": "IRN"},
    )
    res.add_name("الولايات المتحدة", "country")
    res.add_name("روسيا", "country")
    return res


@pytest.mark.parametrize(
    ("word", "readings"),
    [
        ("وبالعراق", ["بالعراق", "العراق", "عراق"]),
        ("للعراق", ["العراق", "عراق"]),  # ل + ال written لل
        ("وروسيا", ["روسيا"]),
        ("لبنان", ["بنان"]),  # a reading only: lookups decide
        ("في", []),
    ],
)
def test_entities_features_strip_clitics(word: str, readings: list[str]) -> None:
    assert list(strip_clitics(word)) == readings


@pytest.mark.parametrize(
    ("word", "code"),
    [
        ("الروسي", "RUS"),
        ("الروسية", "RUS"),
        ("والإيرانية", "IRN"),
        ("الأميركيين", "USA"),
        ("الأمريكيون", None),  # امريكي is not in this small table
        ("رئيسي", None),
        ("روسيا", None),
    ],
)
def test_entities_features_nisba_code(word: str, code: str | None) -> None:
    assert _resources().nisba_code(normalize(word)) == code


def test_entities_features_gazetteer_spans_words_after_a_proclitic() -> None:
    feats = Featurizer(_resources())(["وصل", "للولايات", "المتحدة", "أمس"])
    assert "gB=country" in feats[1]
    assert "gI=country" in feats[2]
    assert not any(f.startswith("g") and "=country" in f for f in feats[0] + feats[3])


def test_entities_features_context_and_clusters() -> None:
    feats = Featurizer(_resources())(["قال", "بوتين"])
    assert "w=بوتين" in feats[1]
    assert "c0=1" in feats[1]
    assert "-1:w=قال" in feats[1]
    assert "-2:<s>" in feats[1]
    assert "1:</s>" in feats[1]
    assert "w-1w=قال|بوتين" in feats[1]
    # The normalised form is what features see: hamza and ta marbuta are unified.
    assert "w=اوكرانيا" in Featurizer(_resources())(["أوكرانيا"])[0]


@pytest.mark.parametrize("feature_set", FEATURE_SETS)
def test_entities_features_sets_differ_in_what_they_use(feature_set: str) -> None:
    feats = set(Featurizer(_resources(), feature_set)(["الرئيس", "الروسي", "بوتين"])[2])
    assert ("c0=1" in feats) == (feature_set in ("clusters", "full"))
    assert ("-1:nisba" in feats) == (feature_set in ("gazetteer", "full"))


def test_entities_features_unknown_feature_set_is_refused() -> None:
    with pytest.raises(ValueError, match="feature set"):
        Featurizer(_resources(), "everything")


def test_entities_rules_generic_organisation_takes_its_nisba() -> None:
    words = [normalize(w) for w in ["سكرتير", "مجلس", "الأمن", "الروسي", "زار"]]
    tags = ["O", "B-ORG", "I-ORG", "O", "O"]
    assert apply_rules(words, tags, _resources()) == ["O", "B-ORG", "I-ORG", "I-ORG", "O"]
    # A named club is not generic: ريال مدريد stays without الاسباني.
    words = [normalize(w) for w in ["فوز", "روما", "الروسي"]]
    assert apply_rules(words, ["O", "B-ORG", "O"], _resources()) == ["O", "B-ORG", "O"]


def test_entities_features_conjunction_split_needs_evidence() -> None:
    from rasd.entities.features import conjunction_split

    res = _resources()
    res.counts.update({"وزاره": 5000, "زاره": 40, "روسيا": 500})
    assert conjunction_split("وروسيا", res) == 1
    assert conjunction_split("وَروسيا", res) == 2  # the conjunction's vowel goes with it
    assert conjunction_split("وزارة", res) == 0
    assert conjunction_split("ولي", res) == 0


def test_entities_rules_propagate_one_reading_per_document() -> None:
    from rasd.entities.rules import propagate

    res = _resources()
    res.counts.update({"المسجد": 5000})
    words = [["قال", "سيغموند", "فرويد"], ["ولد", "فرويد", "في", "المسجد"], ["زار", "المسجد"]]
    tags = [["O", "B-PER", "I-PER"], ["O", "O", "O", "O"], ["O", "B-PER"]]
    out = propagate(words, tags, res)
    assert out[1] == ["O", "B-PER", "O", "O"]  # the surname alone
    assert out[2] == ["O", "B-PER"]  # a tagged span keeps its place (and its type, unopposed)


def test_entities_rules_propagate_gives_a_name_its_majority_type() -> None:
    from rasd.entities.rules import propagate

    res = _resources()
    words = [["رسم", "فوبيار"], ["قال", "فوبيار"], ["لوحة", "فوبيار"], ["في", "بيروت"]]
    tags = [["O", "B-PER"], ["O", "B-PER"], ["O", "B-ORG"], ["O", "B-GPE"]]
    out = propagate(words, tags, res)
    assert out == [tags[0], tags[1], ["O", "B-PER"], tags[3]]  # ORG once, PER twice: PER
    # A tie keeps each reading as the tagger gave it.
    tied = [["O", "B-PER"], ["O", "B-ORG"]]
    assert propagate(words[:2], tied, res) == tied


def test_entities_rules_listed_organisations() -> None:
    res = _resources()
    res.add_name("مجموعة العشرين", "org")
    words = [normalize(w) for w in ["قمة", "مجموعة", "العشرين", "في", "بالي"]]
    assert apply_rules(words, ["O"] * 5, res) == ["O", "B-ORG", "I-ORG", "O", "O"]
