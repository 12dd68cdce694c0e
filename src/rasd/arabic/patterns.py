"""Regular expressions that match Arabic words however they are spelled.

News text writes the same word with or without hamza (``أوكرانيا``/``اوكرانيا``), with
``ى`` or ``ي``, ``ة`` or ``ه``, and with optional diacritics or tatweel anywhere. Lexicons
are kept in plain spelling and compiled through :func:`word_pattern`, so matching runs on
the original text and the spans it returns are offsets into that text.
"""

from __future__ import annotations

import regex

from rasd.arabic.normalize import normalize

_OPTIONAL_MARKS = "[\u064b-\u065f\u0670\u0640]*"
_VARIANTS = {
    "ا": "[اأإآٱ]",
    "ي": "[يىی]",
    "ه": "[هة]",
    "ك": "[كک]",
    "و": "[وؤ]",
}


def word_pattern(word: str) -> str:
    """A regex source matching ``word`` in any common spelling (letters and digits only)."""
    parts = []
    for ch in normalize(word):
        if ch == " ":
            parts.append(r"\s+")
            continue
        parts.append(_VARIANTS.get(ch, regex.escape(ch)) + _OPTIONAL_MARKS)
    return "".join(parts)


def alternation(words: list[str] | tuple[str, ...]) -> str:
    """Alternation of :func:`word_pattern`, longest first so the longest spelling wins."""
    return "|".join(word_pattern(w) for w in sorted(set(words), key=len, reverse=True))


# Arabic-Indic, Eastern and Western digits.
DIGIT = "[0-9\u0660-\u0669\u06f0-\u06f9]"
# Word boundaries that treat Arabic letters and marks as word characters.
WB_START = r"(?<![\p{L}\p{M}\p{N}])"
WB_END = r"(?![\p{L}\p{M}\p{N}])"


def to_int(digits: str) -> int:
    """Parse a number written in any of the three digit sets."""
    return int(normalize(digits))
