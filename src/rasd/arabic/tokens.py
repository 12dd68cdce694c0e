"""Tokens with character offsets into the original text.

Arabic words keep their diacritics and tatweel (they are part of the written word);
numbers keep their grouping and decimal separators in Western, Arabic-Indic and
Eastern digits; everything else that is not a space is punctuation or a symbol.

Every token carries its search form (``norm``); Arabic words also carry their clitic
segmentation (``prefixes``, ``stem``, ``suffixes``, see :mod:`rasd.arabic.clitics`). A
token is never split: offsets stay those of the written word, clitics are annotations.
"""

from __future__ import annotations

import regex

from rasd.arabic.clitics import clear_caches as clear_segmentation_caches
from rasd.arabic.clitics import segment_uncached
from rasd.arabic.normalize import normalize
from rasd.document import Token

# Order matters: numbers before words so "2022م" splits as number + word. Harakat and
# tanween have Script=Inherited, not Arabic, so marks are allowed after the first letter.
_TOKEN = regex.compile(
    r"""
    (?P<number>[0-9\u0660-\u0669\u06F0-\u06F9]+(?:[.,٫٬/:][0-9\u0660-\u0669\u06F0-\u06F9]+)*)
  | (?P<word>(?:(?=\p{Arabic})\p{L}|\u0640)(?:(?=\p{Arabic})\p{L}|\p{M}|\u0640)*)
  | (?P<latin>[\p{Latin}\p{Mn}]+(?:['’][\p{Latin}]+)*)
  | (?P<other>\w+)
  | (?P<punct>\p{P})
  | (?P<symbol>\S)
    """,
    regex.VERBOSE,
)


_ARABIC_LETTER = regex.compile(r"\p{Arabic}")
_Fields = tuple[str, str | None, tuple[str, ...], tuple[str, ...]]
# Annotations by written form, for words and for other tokens. News text repeats a small
# vocabulary, so almost every token is found here; plain dicts because this lookup is the
# cost of every token (an lru_cache call costs more). Emptied when they grow too large.
_WORDS: dict[str, _Fields] = {}
_OTHERS: dict[str, _Fields] = {}
_CACHE_LIMIT = 1 << 17
_AFFIXES: dict[tuple[str, ...], tuple[str, ...]] = {}


def tokenize(text: str, offset: int = 0, *, segment_words: bool = True) -> list[Token]:
    """Split ``text`` into tokens; offsets are shifted by ``offset``.

    With ``segment_words=False`` tokens carry only offsets, text and kind (what the
    lexicon builder counts with, before any lexicon exists)."""
    tokens = []
    words, others = _WORDS, _OTHERS
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "symbol"
        word = m.group()
        start, end = m.span()
        if kind == "other":
            kind = "word"
        if not segment_words:
            tokens.append(Token(start + offset, end + offset, word, kind))
            continue
        cache = words if kind == "word" else others
        fields = cache.get(word)
        if fields is None:
            fields = _annotate(word, kind)
            if len(cache) >= _CACHE_LIMIT:
                cache.clear()
            cache[word] = fields
        tokens.append(Token(start + offset, end + offset, word, kind, *fields))
    return tokens


def _annotate(text: str, kind: str) -> _Fields:
    if kind == "word" and _ARABIC_LETTER.match(text):
        seg = segment_uncached(text)  # cached here, by the written form
        # Few distinct affix tuples exist: share them rather than keep one per word.
        prefixes = _AFFIXES.setdefault(seg.prefixes, seg.prefixes)
        suffixes = _AFFIXES.setdefault(seg.suffixes, seg.suffixes)
        return seg.norm, seg.stem, prefixes, suffixes
    return normalize(text), None, (), ()


def clear_caches() -> None:
    """Forget cached token annotations and segmentations (benchmarks of a cold start)."""
    _WORDS.clear()
    _OTHERS.clear()
    clear_segmentation_caches()
