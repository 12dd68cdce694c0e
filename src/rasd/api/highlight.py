"""Where a search query matches the *original* text, for snippets that show the match.

FTS5 matches the normalised search form (no diacritics, one alef, ``ه`` for ``ة``) and
the clitic-free forms of its words (``وروسيا`` is found by ``روسيا``), so FTS5's own
``snippet()`` would show the reader normalised text. Here each word of the original text
is normalised the same way and compared with the query's words, so the offsets are into
the original text and the reader sees it as the outlet wrote it.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from dataclasses import dataclass

import regex

from rasd.arabic.clitics import search_variants
from rasd.arabic.normalize import normalize
from rasd.arabic.patterns import word_pattern
from rasd.store.sqlite import _FTS_OPERATORS, _QUERY_TOKEN

_WORD = regex.compile(r"[\p{L}\p{M}\p{N}_]+")


@dataclass(slots=True, frozen=True)
class Term:
    """One query word in search form; ``prefix`` for ``word*``."""

    norm: str
    prefix: bool = False

    def matches(self, norm: str) -> bool:
        # A cheap test first: a clitic-free form is a piece of the word (at most its
        # restored final ه differs), so a word without the term's stem cannot match.
        if self.norm[:-1] not in norm:
            return False
        forms = [norm]
        if len(norm) > len(self.norm) or self.prefix:
            forms += search_variants(norm)
        if self.prefix:
            return any(f.startswith(self.norm) for f in forms)
        return self.norm in forms


def query_terms(query: str) -> list[Term]:
    """The words a query looks for (operators and ``NOT`` terms aside), as the store's
    :func:`~rasd.store.sqlite.fts_query` reads them."""
    terms: list[Term] = []
    negate = False
    for token in _QUERY_TOKEN.findall(query):
        if token in _FTS_OPERATORS or token in "()":
            negate = token == "NOT"
            continue
        if negate:  # a word the hits do not contain: nothing to highlight
            negate = False
            continue
        prefix = token.endswith("*") and not token.startswith('"')
        for word in _WORD.findall(normalize(token.strip('"*'))):
            term = Term(word, prefix)
            if term not in terms:
                terms.append(term)
    return terms


def _candidates(term: Term) -> regex.Pattern[str]:
    # The term's stem in any spelling (hamza, ya, ta marbuta, diacritics, tatweel): only
    # the words around these places are normalised and compared, not every word.
    stem = term.norm[:-1] if len(term.norm) > 2 else term.norm
    return regex.compile(word_pattern(stem))


def _word_at(text: str, start: int, end: int) -> tuple[int, int]:
    """The whole word around ``text[start:end]``."""
    while start > 0 and _is_word_char(text[start - 1]):
        start -= 1
    while end < len(text) and _is_word_char(text[end]):
        end += 1
    return start, end


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_" or unicodedata.category(ch).startswith("M")


def find(text: str, terms: list[Term]) -> list[tuple[int, int]]:
    """Spans of the words of ``text`` that match one of ``terms``."""
    spans: dict[int, int] = {}
    checked: set[int] = set()
    for term in terms:
        for m in _candidates(term).finditer(text):
            start, end = _word_at(text, m.start(), m.end())
            if start in checked:
                continue
            checked.add(start)
            norm = normalize(text[start:end])
            if any(t.matches(norm) for t in terms):
                spans[start] = end
    return sorted(spans.items())


def segments(text: str, spans: list[tuple[int, int]]) -> list[dict[str, object]]:
    """``text`` cut into ``{"text", "match"}`` pieces at ``spans`` (sorted, disjoint)."""
    out: list[dict[str, object]] = []
    at = 0
    for start, end in spans:
        if start > at:
            out.append({"text": text[at:start], "match": False})
        out.append({"text": text[start:end], "match": True})
        at = end
    if at < len(text):
        out.append({"text": text[at:], "match": False})
    return out


def snippet(text: str, terms: list[Term], *, chars: int = 240) -> list[dict[str, object]]:
    """About ``chars`` characters of ``text`` around its densest cluster of matches, as
    highlight segments; the lead of the text when nothing matches (a match in the title
    only, or through a stem the word test does not see)."""
    hits = find(text, terms)
    begin = 0
    if hits:
        starts = [s for s, _ in hits]
        # The match with the most others within the window after it starts the window.
        best = max(
            range(len(starts)), key=lambda i: (bisect_right(starts, starts[i] + chars) - i, -i)
        )
        begin = max(0, starts[best] - chars // 6)  # a little context before the match
    if begin > 0:  # start on a word
        space = text.find(" ", begin, starts[best] if hits else begin + 20)
        begin = space + 1 if space != -1 else begin
    end = min(len(text), begin + chars)
    if end < len(text):  # end on a word
        space = text.rfind(" ", begin, end)
        end = space if space > begin else end
    piece = " ".join(text[begin:end].split())  # one line: paragraphs joined
    out = segments(piece, find(piece, terms))
    if begin > 0:
        out.insert(0, {"text": "… ", "match": False})
    if end < len(text):
        out.append({"text": " …", "match": False})
    return out
