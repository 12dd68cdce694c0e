"""Tokens with offsets: ``tokenize``."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.arabic.normalize import normalize
from rasd.arabic.tokens import tokenize

PROPERTY = settings(max_examples=200, deadline=None)
KINDS = {"word", "number", "punct", "latin", "symbol"}

ARABIC_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
        st.sampled_from(" \n\t0123456789.,/:abcXYZ’'-$%"),
    ),
    max_size=80,
)


def pairs(text: str) -> list[tuple[str, str]]:
    return [(t.text, t.kind) for t in tokenize(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("بغداد", [("بغداد", "word")]),
        ("العـــراق", [("العـــراق", "word")]),  # tatweel stays inside the word
        ("2022", [("2022", "number")]),
        ("١٢٣", [("١٢٣", "number")]),
        ("۱۴۰۱", [("۱۴۰۱", "number")]),
        ("٣٫٥", [("٣٫٥", "number")]),
        ("١٬٠٠٠", [("١٬٠٠٠", "number")]),
        ("3.5", [("3.5", "number")]),
        ("1,000,000", [("1,000,000", "number")]),
        ("13/11/2022", [("13/11/2022", "number")]),
        ("10:30", [("10:30", "number")]),
        ("٢٠٢٢م", [("٢٠٢٢", "number"), ("م", "word")]),
        ("2022.", [("2022", "number"), (".", "punct")]),
        ("Putin", [("Putin", "latin")]),
        ("don’t", [("don’t", "latin")]),
        ("،", [("،", "punct")]),
        ("؟", [("؟", "punct")]),
        ("«", [("«", "punct")]),
        ("$", [("$", "symbol")]),
        ("", []),
        (" \n\t ", []),
    ],
)
def test_tokens_kinds(text: str, expected: list[tuple[str, str]]) -> None:
    assert pairs(text) == expected


def test_tokens_sentence_mixes_kinds() -> None:
    text = "قال بوتين، إن Russia ستواصل دعم ٣ مشاريع في 2022."
    assert pairs(text) == [
        ("قال", "word"),
        ("بوتين", "word"),
        ("،", "punct"),
        ("إن", "word"),
        ("Russia", "latin"),
        ("ستواصل", "word"),
        ("دعم", "word"),
        ("٣", "number"),
        ("مشاريع", "word"),
        ("في", "word"),
        ("2022", "number"),
        (".", "punct"),
    ]


def test_tokens_dateline_splits_on_slash_and_colon() -> None:
    assert pairs("بغداد/المسلة:") == [
        ("بغداد", "word"),
        ("/", "punct"),
        ("المسلة", "word"),
        (":", "punct"),
    ]


def test_tokens_offsets_are_shifted() -> None:
    tokens = tokenize("في بغداد", offset=100)
    assert [(t.start, t.end) for t in tokens] == [(100, 102), (103, 108)]


# Harakat, tanween and shadda have Script=Inherited, not Arabic: they must not split words.
@pytest.mark.parametrize("word", ["اتصالًا", "هاتفيًا", "مُحَمَّد", "مسيّرات", "أقرّت", "دولياً"])
def test_tokens_diacritics_stay_inside_word(word: str) -> None:
    assert pairs(word) == [(word, "word")]


def _check_tokens(text: str) -> None:
    tokens = tokenize(text)
    previous_end = 0
    for token in tokens:
        assert text[token.start : token.end] == token.text
        assert previous_end <= token.start < token.end
        assert token.kind in KINDS
        # What lies between tokens is whitespace only.
        assert regex.fullmatch(r"\s*", text[previous_end : token.start])
        previous_end = token.end
    assert regex.fullmatch(r"\s*", text[previous_end:])


@PROPERTY
@given(st.text())
def test_tokens_offsets_slice_the_text(text: str) -> None:
    _check_tokens(text)


@PROPERTY
@given(ARABIC_TEXT)
def test_tokens_offsets_slice_arabic_text(text: str) -> None:
    _check_tokens(text)


@PROPERTY
@given(
    st.integers(min_value=0, max_value=10**12),
    st.sampled_from(["0123456789", "٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹"]),
)
def test_tokens_number_in_any_digit_set_is_one_token(value: int, digits: str) -> None:
    written = str(value).translate(str.maketrans("0123456789", digits))
    assert pairs(f"بلغ {written} دولار") == [
        ("بلغ", "word"),
        (written, "number"),
        ("دولار", "word"),
    ]


def test_tokens_carry_search_form_and_clitics() -> None:
    tokens = tokenize("وبالعراق ٣ مسيّرات، Putin")
    assert [(t.norm, t.stem, t.prefixes, t.suffixes) for t in tokens] == [
        ("وبالعراق", "عراق", ("و", "ب", "ال"), ()),
        ("3", None, (), ()),
        ("مسيرات", "مسيرات", (), ()),
        ("،", None, (), ()),
        ("putin", None, (), ()),
    ]


def test_tokens_without_segmentation_carry_offsets_only() -> None:
    (token,) = tokenize("وبالعراق", segment_words=False)
    assert (token.text, token.kind, token.norm, token.stem) == ("وبالعراق", "word", "", None)


@PROPERTY
@given(ARABIC_TEXT)
def test_tokens_arabic_words_always_have_a_stem(text: str) -> None:
    for token in tokenize(text):
        arabic = token.kind == "word" and regex.match(r"\p{Arabic}", token.text)
        assert (token.stem is not None) == bool(arabic)
        assert token.norm == normalize(token.text)
