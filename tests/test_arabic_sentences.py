"""Sentence spans: ``split_sentences``."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.arabic.sentences import split_sentences

PROPERTY = settings(max_examples=200, deadline=None)

# Text built from the characters the splitter cares about, so generated examples hit
# enders, quotes, closers, decimals, abbreviations and line breaks often.
SENTENCE_LIKE = st.lists(
    st.sampled_from([*"ابتد مص.؟!…۔«»“”\"')(\n 3٥,،", "U.S.", "د. ", "\r\n", "3.5"]),
    max_size=60,
).map("".join)


def sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "انفجار في بغداد. قتل ثلاثة أشخاص!",
            ["انفجار في بغداد.", "قتل ثلاثة أشخاص!"],
            id="period-and-exclamation",
        ),
        pytest.param(
            "هل انتهت الحرب؟ لا أحد يعرف.",
            ["هل انتهت الحرب؟", "لا أحد يعرف."],
            id="arabic-question-mark",
        ),
        pytest.param(
            "ماذا؟! لا أصدق.",
            ["ماذا؟!", "لا أصدق."],
            id="run-of-enders",
        ),
        pytest.param("انتظر… ثم ذهب", ["انتظر…", "ثم ذهب"], id="ellipsis"),
        pytest.param("هذا آخر سطر۔ وهذا", ["هذا آخر سطر۔", "وهذا"], id="urdu-full-stop"),
        pytest.param(
            "بلغت نسبة النمو 3.5 بالمئة. وارتفعت الأسعار.",
            ["بلغت نسبة النمو 3.5 بالمئة.", "وارتفعت الأسعار."],
            id="decimal",
        ),
        pytest.param(
            "بلغت ٣.٥ بالمئة. ثم تراجعت",
            ["بلغت ٣.٥ بالمئة.", "ثم تراجعت"],
            id="arabic-indic-decimal",
        ),
        pytest.param(
            "قال د. محمد علي إن الوضع مستقر. وأضاف أن الحكومة تتابع.",
            ["قال د. محمد علي إن الوضع مستقر.", "وأضاف أن الحكومة تتابع."],
            id="doctor-abbreviation",
        ),
        pytest.param(
            "وصرح م. أحمد بأن المشروع اكتمل. وسيفتتح قريبا.",
            ["وصرح م. أحمد بأن المشروع اكتمل.", "وسيفتتح قريبا."],
            id="engineer-abbreviation",
        ),
        pytest.param(
            "U.S. officials said so. Then they left.",
            ["U.S. officials said so.", "Then they left."],
            id="latin-dotted-abbreviation",
        ),
        pytest.param(
            "زوروا example.com للمزيد. شكرا",
            ["زوروا example.com للمزيد.", "شكرا"],
            id="period-inside-token",
        ),
        pytest.param(
            "قال الوزير “لن نتراجع. سنواصل العمل.” ثم غادر القاعة. وانتهى اللقاء.",
            ["قال الوزير “لن نتراجع. سنواصل العمل.” ثم غادر القاعة.", "وانتهى اللقاء."],
            id="curly-quotes",
        ),
        pytest.param(
            "وقال الكرملين إن «الطرفين بحثا التعاون. والطاقة أيضا!» وأضاف البيان. ثم انتهى.",
            ["وقال الكرملين إن «الطرفين بحثا التعاون. والطاقة أيضا!» وأضاف البيان.", "ثم انتهى."],
            id="guillemets",
        ),
        pytest.param(
            'قال "انتهى." ثم غادر.',
            ['قال "انتهى."', "ثم غادر."],
            id="closing-ascii-quote-stays",
        ),
        pytest.param(
            "(انتهى الاجتماع.) ثم بدأ المؤتمر",
            ["(انتهى الاجتماع.)", "ثم بدأ المؤتمر"],
            id="closing-bracket-stays",
        ),
        pytest.param("انتهى الاجتماع. !", ["انتهى الاجتماع. !"], id="stray-punct-joins-previous"),
        pytest.param("بوتين يهاتف رئيسي", ["بوتين يهاتف رئيسي"], id="no-final-punct"),
        pytest.param("", [], id="empty"),
        pytest.param(" \n\t\n ", [], id="whitespace-only"),
        pytest.param("...", [], id="punctuation-only"),
        pytest.param(
            "ص.ب. 1234 عمان",
            ["ص.ب. 1234 عمان"],
            id="po-box-abbreviation",
        ),
        pytest.param(
            "قال أ.د. محمد علي إن الوضع مستقر.",
            ["قال أ.د. محمد علي إن الوضع مستقر."],
            id="professor-doctor-abbreviation",
        ),
    ],
)
def test_sentences_split(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_sentences_each_line_is_split() -> None:
    text = (
        "بوتين يهاتف رئيسي.. والعراق في القلب\n"
        "\n"
        "13 نوفمبر، 2022\n"
        "\n"
        "بغداد/المسلة: أجرى الرئيس الروسي اتصالًا هاتفيًا. وقال الكرملين إن الطرفين بحثا التعاون"
    )
    assert sentences(text) == [
        "بوتين يهاتف رئيسي..",
        "والعراق في القلب",
        "13 نوفمبر، 2022",
        "بغداد/المسلة: أجرى الرئيس الروسي اتصالًا هاتفيًا.",
        "وقال الكرملين إن الطرفين بحثا التعاون",
    ]


def test_sentences_headline_lines_without_punctuation() -> None:
    text = "عاجل\nانفجار في بغداد\nقال المتحدث إن الوضع تحت السيطرة."
    assert sentences(text) == ["عاجل", "انفجار في بغداد", "قال المتحدث إن الوضع تحت السيطرة."]


def test_sentences_offsets_point_into_original_text() -> None:
    text = "  أولا.\r\nثانيا؟  \n\n   ثالثا!"
    spans = split_sentences(text)
    assert [(s.start, s.end) for s in spans] == [
        (text.index("أولا"), text.index("أولا") + len("أولا.")),
        (text.index("ثانيا"), text.index("ثانيا") + len("ثانيا؟")),
        (text.index("ثالثا"), len(text)),
    ]


def test_sentences_unclosed_quote_does_not_cross_line() -> None:
    text = "قال «نحن هنا. لن نغادر\nثم صمت. وانتهى اللقاء."
    assert sentences(text) == ["قال «نحن هنا. لن نغادر", "ثم صمت.", "وانتهى اللقاء."]


@pytest.mark.shared
def test_sentences_on_seed_article(seed_text: str, seed_gold: dict[str, Any]) -> None:
    found = sentences(seed_text)
    article = seed_gold["article"]
    assert found[0].startswith(article["title"].split("..")[0])
    assert "13 نوفمبر، 2022" in found
    assert any(s.endswith(article["body_ends_with"]) for s in found)
    # The missile sentence keeps "أرض-أرض إيرانية إلى موسكو." whole and splits after it.
    assert any(s.endswith("أرض-أرض إيرانية إلى موسكو.") for s in found)


def _check_spans(text: str) -> None:
    spans = split_sentences(text)
    previous_end = 0
    for span in spans:
        assert previous_end <= span.start < span.end <= len(text)
        piece = text[span.start : span.end]
        assert "\n" not in piece
        assert piece == piece.strip()
        assert any(c.isalnum() for c in piece)
        previous_end = span.end
    # No text is lost: every letter or digit lies inside some sentence.
    covered = {i for s in spans for i in range(s.start, s.end)}
    assert all(i in covered for i, c in enumerate(text) if c.isalnum())


@PROPERTY
@given(st.text())
def test_sentences_spans_are_ordered_inside_and_disjoint(text: str) -> None:
    _check_spans(text)


@PROPERTY
@given(SENTENCE_LIKE)
def test_sentences_spans_are_ordered_inside_and_disjoint_on_punctuated_text(text: str) -> None:
    _check_spans(text)
