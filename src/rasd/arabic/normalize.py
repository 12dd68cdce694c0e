"""The search form of Arabic text.

Used for matching and full-text search only; offsets always point into the original
text, never into this form. The mapping is idempotent: ``normalize(normalize(s)) ==
normalize(s)``, which a property test checks.
"""

from __future__ import annotations

import re
import unicodedata

# Harakat, tanween, shadda, sukun, dagger alef, Quranic annotation marks and tatweel.
_MARKS = re.compile(
    "[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u0640]"
)

_LETTERS = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ٲ": "ا",
        "ٳ": "ا",
        "ى": "ي",
        "ی": "ي",  # Persian/Urdu yeh
        "ې": "ي",
        "ك": "ك",
        "ک": "ك",  # Persian keheh
        "ڪ": "ك",
        "ة": "ه",
        "ۀ": "ه",
        "ە": "ه",
        "ھ": "ه",
        "ہ": "ه",
        # Arabic-Indic and Eastern (Persian) digits become ASCII digits.
        **{chr(0x0660 + i): str(i) for i in range(10)},
        **{chr(0x06F0 + i): str(i) for i in range(10)},
        "٫": ".",  # Arabic decimal separator
        "٬": ",",  # Arabic thousands separator
        "\u200c": None,  # zero-width non-joiner
        "\u200d": None,  # zero-width joiner
        "\u200f": None,  # right-to-left mark
        "\u200e": None,  # left-to-right mark
        "\u061c": None,  # Arabic letter mark
    }
)

_SPACES = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Return the search form: NFKC, no diacritics or tatweel, unified alef/ya/ta marbuta,
    Persian letters and Eastern digits mapped, Latin lower-cased, whitespace collapsed."""
    # NFKC first: it turns presentation forms (ﻻ, ﺑ) into the letters we map below.
    out = _once(text)
    # Rare inputs need a second pass: NFKC can make capitals (𝐀 → A), and removing an
    # Arabic mark can bring a Latin letter next to an accent that then composes.
    if not unicodedata.is_normalized("NFKC", out) or out != out.lower():
        out = _once(out)
    return out


def _once(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    text = _MARKS.sub("", text).translate(_LETTERS)
    return _SPACES.sub(" ", text).strip()


def strip_marks(text: str) -> str:
    """Remove only diacritics and tatweel (keeps letters as written)."""
    return _MARKS.sub("", text)
