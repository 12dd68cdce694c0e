"""The plain-text article stage: title, date, dateline, body and furniture."""

from __future__ import annotations

import pytest

import rasd
from rasd.arabic.normalize import normalize


def test_extract_seed_matches_every_gold_article_field(seed_text: str, seed_gold: dict) -> None:
    gold = seed_gold["article"]
    doc = rasd.analyze(seed_text)
    assert doc.title == gold["title"]
    assert doc.published == gold["published"]
    assert doc.dateline is not None
    assert doc.dateline.place == gold["dateline_place"]
    assert doc.dateline.outlet == gold["outlet"]
    assert doc.text.startswith(gold["body_starts_with"])
    assert doc.text.endswith(gold["body_ends_with"])
    for fragment in gold["not_in_body"]:
        assert fragment not in doc.text, fragment
    kinds = {b.text: b.kind for b in doc.boilerplate}
    for text, kind in gold["boilerplate_kinds"].items():
        assert kinds.get(text) == kind, text


PAGE = """الرئيسية » أخبار » سياسة

مجلس الوزراء يقر موازنة العام المقبل

بقلم: سامر الخطيب
نشر في: 12 تشرين الثاني 2022 - 09:15

القاهرة - أحمد الريدي - أقر مجلس الوزراء في جلسته الأسبوعية مشروع الموازنة العامة للعام المقبل، على أن يحال إلى البرلمان لمناقشته.

وقال المتحدث باسم الحكومة إن الموازنة تركز على دعم القطاعات الإنتاجية وتوفير فرص العمل للشباب.

اقرأ أيضاً:
ارتفاع أسعار الوقود في الأسواق المحلية
البنك المركزي يبقي أسعار الفائدة دون تغيير

وأضاف أن الحكومة ستعرض تفاصيل الموازنة في مؤتمر صحفي الأسبوع المقبل.

تابعونا على تويتر وفيسبوك
© 2022 جميع الحقوق محفوظة
Nous utilisons des cookies pour améliorer votre expérience.
"""


def test_extract_page_with_furniture_everywhere() -> None:
    doc = rasd.analyze(PAGE)
    assert doc.title == "مجلس الوزراء يقر موازنة العام المقبل"
    assert doc.published == "2022-11-12"
    assert doc.author == "سامر الخطيب"
    assert doc.dateline is not None
    assert doc.dateline.place == "القاهرة"
    assert doc.dateline.outlet is None
    assert doc.text.startswith("أقر مجلس الوزراء")
    assert doc.text.endswith("في مؤتمر صحفي الأسبوع المقبل.")
    kinds = {b.text: b.kind for b in doc.boilerplate}
    assert kinds["الرئيسية » أخبار » سياسة"] == "nav"
    assert kinds["اقرأ أيضاً:"] == "related"
    assert kinds["ارتفاع أسعار الوقود في الأسواق المحلية"] == "related"
    assert kinds["تابعونا على تويتر وفيسبوك"] == "follow"
    assert kinds["© 2022 جميع الحقوق محفوظة"] == "copyright"
    assert kinds["Nous utilisons des cookies pour améliorer votre expérience."] == "cookie"
    for b in doc.boilerplate:
        assert b.text not in doc.text


@pytest.mark.parametrize(
    ("date_line", "iso"),
    [
        ("13 نوفمبر، 2022", "2022-11-13"),
        ("٢٤ شباط/فبراير ٢٠٢٢", "2022-02-24"),
        ("12 تشرين الثاني 2022", "2022-11-12"),
        ("2022-11-13", "2022-11-13"),
        ("الأحد 13/11/2022", "2022-11-13"),
        ("13 نوفمبر 2022", "2022-11-13"),
        ("الأربعاء 18 جانفي 2017", "2017-01-18"),
        ("آخر تحديث: 3 جوان 2019 - 14:20", "2019-06-03"),
    ],
)
def test_extract_date_line_formats(date_line: str, iso: str) -> None:
    page = f"عنوان الخبر هنا\n\n{date_line}\n\nبيروت (رويترز) - قال مسؤولون إن المحادثات ستستأنف الأسبوع المقبل في العاصمة.\n"
    doc = rasd.analyze(page)
    assert doc.published == iso
    assert doc.title == "عنوان الخبر هنا"
    assert doc.dateline is not None
    assert (doc.dateline.place, doc.dateline.outlet) == ("بيروت", "رويترز")


def test_extract_date_in_body_is_not_the_publication_date() -> None:
    page = "عنوان\n\nدمشق - سانا أعلنت الوزارة أن المعرض سيفتتح في 5 أيار 2023 بمشاركة واسعة من الشركات.\n"
    doc = rasd.analyze(page)
    assert doc.published is None
    assert doc.dateline is not None
    assert (doc.dateline.place, doc.dateline.outlet) == ("دمشق", "سانا")
    assert doc.text.startswith("أعلنت الوزارة")


def test_extract_given_published_wins_over_date_line() -> None:
    doc = rasd.analyze(
        "عنوان\n\n13 نوفمبر، 2022\n\nنص الخبر الذي يتحدث عن موضوع مهم جدا في هذا اليوم.",
        published="2022-11-14",
    )
    assert doc.published == "2022-11-14"
    assert doc.published_from == "given"


def test_extract_preextracted_body_keeps_all_paragraphs() -> None:
    body = "قال الوزير إن الاتفاق سيوقع قريبا.\nوأضاف أن المفاوضات كانت صعبة."
    doc = rasd.analyze(body, title="الوزير: الاتفاق قريب")
    assert doc.title == "الوزير: الاتفاق قريب"
    assert "قال الوزير" in doc.text
    assert "المفاوضات كانت صعبة" in doc.text


def test_extract_offsets_point_into_text(seed_text: str) -> None:
    doc = rasd.analyze(seed_text)
    assert doc.sentences
    for s in doc.sentences:
        assert 0 <= s.start < s.end <= len(doc.text)
    for t in doc.tokens:
        assert doc.text[t.start : t.end] == t.text
    assert normalize("اتصالًا هاتفيًا") in doc.search


def test_extract_empty_input_is_a_clear_error() -> None:
    with pytest.raises(rasd.InputError, match="empty"):
        rasd.analyze("   \n  ")
