"""CoNLL-style token files: one token per line, a blank line between sentences.

A ``-DOCSTART-`` line (CoNLL 2003) separates documents: the tagger reads each document as
one, so a name it recognises once counts wherever it repeats. Columns are split on tabs (on any whitespace when a line has no tab, as AQMAR's
``token TAG`` lines). The token is the first column; a gold tag, when asked for, the last.
Other columns are ignored, so a file with POS or lemma columns reads as well.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple, TextIO

from rasd.errors import InputError


class Sentence(NamedTuple):
    tokens: list[str]
    tags: list[str]  # gold tags (empty strings when the file has none)
    doc: int = 0  # which document: a ``-DOCSTART-`` line starts the next one


def read_conll(source: str | Path | TextIO, *, tags: bool = False) -> Iterator[Sentence]:
    """Sentences of a token-per-line file. With ``tags`` a line without a tag column is an
    error that names the line, since a scorer must not guess."""
    fh = open(source, encoding="utf-8") if isinstance(source, str | Path) else source  # noqa: SIM115
    name = str(source) if isinstance(source, str | Path) else getattr(source, "name", "<stdin>")
    try:
        yield from _sentences(fh, name, tags)
    finally:
        if fh is not source:
            fh.close()


def _sentences(lines: Iterable[str], name: str, want_tags: bool) -> Iterator[Sentence]:
    toks: list[str] = []
    tags: list[str] = []
    doc = 0
    for n, raw in enumerate(lines, 1):
        line = raw.rstrip("\r\n")
        if not line.strip() or line.startswith("-DOCSTART-"):
            if toks:
                yield Sentence(toks, tags, doc)
                toks, tags = [], []
            doc += line.startswith("-DOCSTART-")
            continue
        cols = line.split("\t") if "\t" in line else line.split()
        cols = [c.strip() for c in cols]
        if want_tags and len(cols) < 2:
            raise InputError(f"{name}:{n}: expected 'token<TAB>tag', got {line!r}")
        toks.append(cols[0])
        tags.append(cols[-1] if want_tags else "")
    if toks:
        yield Sentence(toks, tags, doc)


def write_conll(out: TextIO, tokens: Iterable[str], tags: Iterable[str]) -> None:
    """One sentence as ``token<TAB>tag`` lines and the blank line that ends it."""
    for tok, tag in zip(tokens, tags, strict=True):
        out.write(f"{tok}\t{tag}\n")
    out.write("\n")
