from __future__ import annotations

import pytest

from rasd.extract.dateline import find_dateline


@pytest.mark.parametrize(
    ("lead", "place", "outlet", "author", "rest"),
    [
        ("بغداد/المسلة: أجرى الرئيس", "بغداد", "المسلة", None, "أجرى الرئيس"),
        ("القاهرة - أحمد الريدي - قال وزير", "القاهرة", None, "أحمد الريدي", "قال وزير"),
        ("دمشق - سانا أعلن الجيش", "دمشق", "سانا", None, "أعلن الجيش"),
        ("دمشق-سانا أعلن الجيش", "دمشق", "سانا", None, "أعلن الجيش"),
        ("بيروت (رويترز) - قال مسؤول", "بيروت", "رويترز", None, "قال مسؤول"),
        ("(رويترز) - قال مسؤول", None, "رويترز", None, "قال مسؤول"),
        ("واشنطن - (أ ف ب) - أعلن البيت", "واشنطن", "أ ف ب", None, "أعلن البيت"),
        ("الرياض: أعلنت الوزارة", "الرياض", None, None, "أعلنت الوزارة"),
    ],
)
def test_dateline_forms(
    lead: str, place: str | None, outlet: str | None, author: str | None, rest: str
) -> None:
    found = find_dateline(lead)
    assert found is not None
    assert (found.place, found.outlet, found.author) == (place, outlet, author)
    assert lead[found.length :].strip() == rest


@pytest.mark.parametrize(
    "sentence",
    [
        "قال الرئيس - في كلمة - إن البلاد بخير",
        "أعلنت وزارة الصحة: إن الوضع مستقر",
        "وزير الخارجية - الذي وصل أمس - التقى نظيره",
        "الحكومة (التي تشكلت حديثا) - أعلنت",
    ],
)
def test_dateline_not_found_in_ordinary_sentences(sentence: str) -> None:
    assert find_dateline(sentence) is None
