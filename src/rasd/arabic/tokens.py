"""Tokens with character offsets into the original text.

Arabic words keep their diacritics and tatweel (they are part of the written word);
numbers keep their grouping and decimal separators in Western, Arabic-Indic and
Eastern digits; everything else that is not a space is punctuation or a symbol.
"""

from __future__ import annotations

import regex

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


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Split ``text`` into tokens; offsets are shifted by ``offset``."""
    tokens = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "symbol"
        if kind == "other":
            kind = "word"
        tokens.append(Token(m.start() + offset, m.end() + offset, m.group(), kind))
    return tokens
