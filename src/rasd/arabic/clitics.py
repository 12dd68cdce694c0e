"""Proclitic stripping for search recall.

Arabic attaches conjunctions, prepositions and the article to the word (``وروسيا``,
``بالعراق``, ``للرئيس``), so a search for ``روسيا`` must also find ``وروسيا``. This module
gives, for a word in search form, the shorter forms obtained by removing proclitics; they
are indexed beside the text. It is deliberately conservative (a stem keeps at least three
letters) because it only adds index terms: a wrong extra term costs a little precision,
a missing one loses a document.
"""

from __future__ import annotations

_CONJUNCTIONS = ("و", "ف")
_PREPOSITIONS = ("ب", "ل", "ك")
_MIN_STEM = 3


def search_variants(word: str) -> list[str]:
    """Forms of ``word`` (search form) with proclitics removed, longest first."""
    out: list[str] = []
    w = word
    if len(w) - 1 >= _MIN_STEM + 1 and w[0] in _CONJUNCTIONS:
        w = w[1:]
        out.append(w)
    if w.startswith("لل") and len(w) - 2 >= _MIN_STEM:
        # "للرئيس" is ل + ال + رئيس
        out += ["ال" + w[2:], w[2:]]
        return out
    if len(w) - 1 >= _MIN_STEM + 1 and w[0] in _PREPOSITIONS and w[1:3] == "ال":
        w = w[1:]
        out.append(w)
    if w.startswith("ال") and len(w) - 2 >= _MIN_STEM:
        out.append(w[2:])
    return out


def index_terms(search_text: str) -> str:
    """Extra index terms for a search-form text: each word's proclitic-free forms."""
    terms: list[str] = []
    seen: set[str] = set()
    for word in search_text.split():
        for variant in search_variants(word.strip(".,،؛:!?؟\"'()[]«»“”")):
            if variant not in seen:
                seen.add(variant)
                terms.append(variant)
    return " ".join(terms)
