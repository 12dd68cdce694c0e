"""The search form: ``normalize`` and ``strip_marks``."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from rasd.arabic.normalize import normalize, strip_marks

PROPERTY = settings(max_examples=200, deadline=None)

# Arabic letters, marks, tatweel, Arabic-Indic and Eastern digits, Arabic punctuation,
# Persian letters and presentation forms (ﻻ, ﺑ, ﷺ), mixed with spaces and ASCII.
ARABIC_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
        st.characters(min_codepoint=0xFB50, max_codepoint=0xFDFF),
        st.characters(min_codepoint=0xFE70, max_codepoint=0xFEFF),
        st.sampled_from(" \n\t\u00a0\u200c\u200d\u200e\u200fabcXYZ0123.,:;"),
    ),
    max_size=80,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Tanween, harakat, shadda, sukun and dagger alef go.
        ("اتصالًا", "اتصالا"),
        ("هاتفيًا", "هاتفيا"),
        ("مُحَمَّدٌ", "محمد"),
        ("مسيّرات", "مسيرات"),
        ("هٰذا", "هذا"),
        ("قُرْآن", "قران"),
        # Alef forms (hamza above/below, madda, wasla) become bare alef.
        ("إيران", "ايران"),
        ("أوكرانيا", "اوكرانيا"),
        ("آذار", "اذار"),
        ("ٱلله", "الله"),
        # Alef maqsura and ta marbuta.
        ("مستشفى", "مستشفي"),
        ("على", "علي"),
        ("مدرسة", "مدرسه"),
        ("الجمهورية العراقية", "الجمهوريه العراقيه"),
        # Tatweel (kashida).
        ("العـــراق", "العراق"),
        ("بـغـداد", "بغداد"),
        # Persian/Urdu letters.
        ("فارسی", "فارسي"),
        ("کتاب", "كتاب"),
        ("ایران", "ايران"),
        # Arabic-Indic and Eastern digits, Arabic decimal and thousands separators.
        ("٢٠٢٢", "2022"),
        ("۲۰۲۲", "2022"),
        ("١٣ نوفمبر", "13 نوفمبر"),
        ("٣٫٥", "3.5"),
        ("١٬٠٠٠", "1,000"),
        # Presentation forms through NFKC.
        ("ﻻ", "لا"),
        ("ﺑﻐﺪﺍﺩ", "بغداد"),
        # Zero-width joiners and direction marks disappear.
        ("می\u200cخواهم", "ميخواهم"),
        ("\u200fبغداد\u200e", "بغداد"),
        ("\u061cالمسلة", "المسله"),
        # Latin is lower-cased; whitespace collapses and is trimmed.
        ("Vladimir PUTIN", "vladimir putin"),
        ("  بغداد \n\t المسلة  ", "بغداد المسله"),
        ("بغداد\u00a0المسلة", "بغداد المسله"),
        ("", ""),
    ],
)
def test_normalize_maps_to_search_form(text: str, expected: str) -> None:
    assert normalize(text) == expected


@pytest.mark.parametrize(
    "spelling",
    ["إيران", "ايران", "إيرانُ", "ایران", "إيـــران", "\u200fإيران", "ﺇﻳﺮﺍﻥ"],
)
def test_normalize_unifies_spellings_of_one_word(spelling: str) -> None:
    assert normalize(spelling) == "ايران"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("اتصالًا هاتفيًا", "اتصالا هاتفيا"),
        ("العـــراق", "العراق"),
        # Letters are kept as written: hamza, ta marbuta, alef maqsura, Persian yeh.
        ("إيرانُ", "إيران"),
        ("مدرسةٌ", "مدرسة"),
        ("مستشفى", "مستشفى"),
        ("فارسی", "فارسی"),
        ("٢٠٢٢", "٢٠٢٢"),
    ],
)
def test_strip_marks_removes_only_diacritics_and_tatweel(text: str, expected: str) -> None:
    assert strip_marks(text) == expected


@PROPERTY
@given(ARABIC_TEXT)
def test_normalize_is_idempotent_on_arabic_text(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


@PROPERTY
@given(ARABIC_TEXT)
def test_normalize_output_has_no_marks_or_variant_letters(text: str) -> None:
    out = normalize(text)
    forbidden = set("أإآٱىیکةـ\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670")
    forbidden |= {chr(c) for c in range(0x0660, 0x066A)} | {chr(c) for c in range(0x06F0, 0x06FA)}
    assert not forbidden & set(out)
    assert out == out.strip()
    assert "  " not in out


@PROPERTY
@given(st.text())
# Regressions: NFKC makes capitals (𝐀 -> A, ℌ -> H); removing an Arabic mark can bring a
# Latin letter next to an accent that only composes on a second pass.
@example("𝐀")
@example("ℌ")
@example("e\u0615\u0301")
@example("ﷺ")
def test_normalize_is_idempotent_on_any_text(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once
