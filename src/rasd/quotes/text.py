"""Words and quotation marks of a text, with offsets: what the quote finder walks over.

The finder needs words with their search form and the pairs of quotation marks, which
can span sentences (a sentence splitter does not know a quotation is open at its full
stop). Straight ``"`` marks carry no direction, so they are paired left to right within a
paragraph, after dropping a lone mark with spaces on both sides; curly ``“ ”`` and
guillemets ``« »`` pair by direction and may nest.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from rasd.arabic.normalize import normalize

_WORD = regex.compile(r"[\p{L}\p{M}\p{N}_]+")
_OPEN_CLOSE = {"“": "”", "«": "»", "„": "”"}
_CLOSERS = frozenset(_OPEN_CLOSE.values())
_STRAIGHT = '"'
QUOTE_MARKS = frozenset('"“”«»„')
# Where reported content ends: a full stop, question or exclamation mark outside a quotation.
SENTENCE_ENDERS = frozenset(".!?؟…۔")
COMMAS = frozenset("،,")
# Trimmed from both ends of a content span (quotation marks are kept when they pair inside it).
TRIM = frozenset(" \t\n.،,؛;:!?؟…-–—")


@dataclass(slots=True, frozen=True)
class Word:
    start: int
    end: int
    text: str
    norm: str  # search form


@dataclass(slots=True, frozen=True)
class Quotation:
    """A pair of quotation marks: ``start``/``end`` delimit the words between them. An
    unclosed mark runs to the end of its paragraph (``closed`` is then False)."""

    open: int  # offset of the opening mark
    start: int
    end: int
    closed: bool

    @property
    def after(self) -> int:
        """Offset just past the closing mark."""
        return self.end + 1 if self.closed else self.end


def words_of(text: str) -> list[Word]:
    return [Word(m.start(), m.end(), m.group(), _norm(m.group())) for m in _WORD.finditer(text)]


@lru_cache(maxsize=65536)
def _norm(word: str) -> str:
    # News vocabulary repeats; normalising each distinct word once halves the cost.
    return normalize(word)


def quotations(text: str) -> list[Quotation]:
    """Every quotation in ``text``, ordered by opening mark."""
    found: list[Quotation] = []
    pos = 0
    for para in text.split("\n"):
        found.extend(_curly(para, pos))
        found.extend(_straight(para, pos))
        pos += len(para) + 1
    return sorted(found, key=lambda q: q.open)


def _curly(para: str, base: int) -> list[Quotation]:
    out: list[Quotation] = []
    stack: list[tuple[str, int]] = []
    for i, ch in enumerate(para):
        if ch in _OPEN_CLOSE:
            stack.append((_OPEN_CLOSE[ch], i))
        elif ch in _CLOSERS and stack:
            # Close the innermost quotation this mark can close; marks left open inside
            # it were typos and are dropped.
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == ch:
                    _, opened = stack[depth]
                    del stack[depth:]
                    out.append(Quotation(base + opened, base + opened + 1, base + i, True))
                    break
    out.extend(Quotation(base + i, base + i + 1, base + len(para), False) for _, i in stack)
    return out


def _straight(para: str, base: int) -> list[Quotation]:
    """Pair straight marks by the side they lean on: a mark after a blank and before a
    letter opens, one after a letter and before a blank closes; one written between two
    letters (بـ"نهب", و"أينما") does whichever is needed. A closing mark with nothing
    open is a typo and dropped (it must not swallow the rest of the paragraph); an opening
    mark right after another one replaces it (قال: " "لكي …")."""
    out: list[Quotation] = []
    opened: int | None = None
    for i, ch in enumerate(para):
        if ch != _STRAIGHT:
            continue
        before = para[i - 1] if i > 0 else " "
        after = para[i + 1] if i + 1 < len(para) else " "
        opens = (not after.isspace() and (before.isspace() or before in "([:،,")) or before == ":"
        closes = not before.isspace() and (after.isspace() or after in ".،,؛;:!?؟)]")
        if opened is None:
            if not closes or opens:
                opened = i
        elif opens and not closes and i == _next_word(para, opened):
            opened = i  # the earlier mark was stray
        elif closes or not opens:
            out.append(Quotation(base + opened, base + opened + 1, base + i, True))
            opened = None
        else:
            opened = i
    if opened is not None:
        out.append(Quotation(base + opened, base + opened + 1, base + len(para), False))
    return out


def _next_word(para: str, i: int) -> int:
    """Offset of the first non-blank character after ``i``."""
    j = i + 1
    while j < len(para) and para[j].isspace():
        j += 1
    return j


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` past blanks and punctuation at both ends. A quotation mark
    at an end is dropped only when its partner is not inside the span."""
    while True:
        while start < end and (text[start] in TRIM or text[start].isspace()):
            start += 1
        while end > start and (text[end - 1] in TRIM or text[end - 1].isspace()):
            end -= 1
        changed = False
        if start < end and text[start] in QUOTE_MARKS and not _pairs_inside(text, start, end):
            start += 1
            changed = True
        if end > start and text[end - 1] in QUOTE_MARKS and not _pairs_inside(text, start, end):
            end -= 1
            changed = True
        if not changed:
            return start, end


def _pairs_inside(text: str, start: int, end: int) -> bool:
    """Whether the quotation marks in ``[start, end)`` pair up (an even count of straight
    marks and balanced curly ones)."""
    span = text[start:end]
    straight = span.count(_STRAIGHT)
    opens = sum(span.count(o) for o in _OPEN_CLOSE)
    closes = sum(span.count(c) for c in _CLOSERS)
    return straight % 2 == 0 and opens == closes
