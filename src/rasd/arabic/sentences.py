"""Sentence boundaries for Arabic news text.

A sentence ends at ``.`` ``!`` ``?`` ``؟`` ``…`` or ``۔`` followed by space (closing quotes
and brackets stay with the sentence they close), and at every line break: news bodies
put one paragraph per line and headline-style lines have no final punctuation. A
period does not end a sentence inside a number (``3.5``), after a single-letter
abbreviation (``د.`` for doctor, ``م.`` for engineer or metres) or a known abbreviation
(``ص.ب.``, ``U.S.``), or inside an open quotation.
"""

from __future__ import annotations

import re

import regex

from rasd.document import Sentence

_ENDERS = ".!?؟…۔"
_CLOSERS = "”»\"')]}’"
_OPENERS = {"“": "”", "«": "»"}

# Abbreviations after which a period does not end a sentence (search form is not used
# here: these are matched as written).
_ABBREVIATIONS = frozenset(
    {
        "د",
        "م",
        "أ",
        "ا",
        "ج",
        "ص",
        "ب",
        "ق",
        "ه",
        "هـ",
        "ت",
        "ع",
        "Dr",
        "Mr",
        "Mrs",
        "Ms",
        "St",
        "No",
        "Prof",
        "Jr",
        "Sr",
        "vs",
        "etc",
        "Inc",
        "Ltd",
        "Co",
        "U.S",
        "U.N",
        "U.K",
        "e.g",
        "i.e",
    }
)

_EVENTS = re.compile(
    "[" + re.escape(_ENDERS + "".join(_OPENERS) + "".join(_OPENERS.values())) + "]"
)
_WORD_BEFORE = regex.compile(r"([\p{L}\p{M}.]+)$")
_INITIALS = regex.compile(r"\p{L}\p{M}*(?:\.\p{L}\p{M}*)+")


def split_sentences(text: str) -> list[Sentence]:
    """Return sentence spans over ``text``; whitespace between sentences belongs to none."""
    spans: list[Sentence] = []
    for line_start, line in _lines(text):
        spans.extend(_split_line(line, line_start))
    return spans


def _lines(text: str) -> list[tuple[int, str]]:
    out = []
    pos = 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def _split_line(line: str, offset: int) -> list[Sentence]:
    """Scan only the characters that matter (quote marks and sentence enders), not every
    character: a Python loop over each character was most of this layer's time."""
    spans: list[Sentence] = []
    start = 0
    depth: list[str] = []  # expected closing quotes of open quotations
    resume = 0
    n = len(line)
    for m in _EVENTS.finditer(line):
        i = m.start()
        if i < resume:
            continue
        ch = line[i]
        if ch in _OPENERS:
            depth.append(_OPENERS[ch])
        elif depth and ch == depth[-1]:
            depth.pop()
        elif ch in _ENDERS and not depth and _ends_sentence(line, i):
            end = i + 1
            while end < n and (line[end] in _ENDERS or line[end] in _CLOSERS):
                end += 1
            _add(spans, line, start, end, offset)
            start = resume = end
    _add(spans, line, start, n, offset)
    return spans


def _ends_sentence(line: str, i: int) -> bool:
    nxt = line[i + 1] if i + 1 < len(line) else ""
    if line[i] == "." and nxt.isdigit() and i > 0 and line[i - 1].isdigit():
        return False  # decimal number
    if nxt and not (nxt.isspace() or nxt in _ENDERS or nxt in _CLOSERS):
        return False  # "أرض-أرض." is fine, but "example.com" or "U.S." mid-token is not
    if line[i] == ".":
        m = _WORD_BEFORE.search(line, max(0, i - 40), i)  # abbreviations are short
        if m:
            word = m.group(1).rstrip(".")
            # Listed abbreviations, and dotted initials of any script (أ.د. ص.ب. U.N.).
            if word in _ABBREVIATIONS or _INITIALS.fullmatch(word):
                return False
    return True


def _add(spans: list[Sentence], line: str, start: int, end: int, offset: int) -> None:
    # Trim whitespace so spans start and end on visible characters.
    while start < end and line[start].isspace():
        start += 1
    while end > start and line[end - 1].isspace():
        end -= 1
    if end > start and any(c.isalnum() for c in line[start:end]):
        spans.append(Sentence(start + offset, end + offset))
    elif end > start and spans:
        # A stray punctuation run joins the sentence before it.
        spans[-1].end = end + offset
