"""Plain functions behind ``rasd ner`` and ``rasd eval ner``."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

from rasd.entities.conll import Sentence, read_conll, write_conll
from rasd.entities.evaluate import Scores, score
from rasd.entities.labels import EVAL_TYPES, map_tags
from rasd.entities.tagger import Backend, get_backend, tag_split

# Sentences tagged per backend call when a file does not mark its documents (-DOCSTART-).
# A call is what the tagger reads as one document (see rasd.entities.rules.propagate), so
# about one news story long; also small enough that output streams.
_CHUNK = 32


def tag_sentences(
    sentences: Sequence[Sequence[str]], backend: Backend | None = None, *, fine: bool = False
) -> list[list[str]]:
    """BIO tags with rasd types (``B-PER``, ``I-GPE``), or fine classes where known with
    ``fine`` (``B-Politician``)."""
    tags = tag_split(backend or get_backend(), sentences)
    return tags if fine else [map_tags(t) for t in tags]


def tag_conll(
    source: str | Path | TextIO, out: TextIO, backend: Backend | None = None, *, fine: bool = False
) -> int:
    """Tag a token-per-line file into ``token<TAB>tag`` lines; returns the token count."""
    backend = backend or get_backend()
    n = 0
    for chunk in _documents(read_conll(source)):
        sentences = [s.tokens for s in chunk]
        for tokens, tags in zip(
            sentences, tag_sentences(sentences, backend, fine=fine), strict=True
        ):
            write_conll(out, tokens, tags)
            n += len(tokens)
    return n


def evaluate_conll(
    gold: str | Path | TextIO,
    backend: Backend | None = None,
    *,
    types: dict[str, str] | None = EVAL_TYPES,
) -> Scores:
    """Tag the tokens of a gold file and score the spans (``types=None``: every type)."""
    backend = backend or get_backend()
    pairs: list[tuple[list[str], list[str]]] = []
    for chunk in _documents(read_conll(gold, tags=True)):
        pred = tag_split(backend, [s.tokens for s in chunk])
        pairs.extend((s.tags, p) for s, p in zip(chunk, pred, strict=True))
    return score(pairs, types)


def _documents(sentences: Iterator[Sentence]) -> Iterator[list[Sentence]]:
    """Documents as marked by ``-DOCSTART-``, cut into pieces of at most ``_CHUNK``."""
    chunk: list[Sentence] = []
    for s in sentences:
        if chunk and (s.doc != chunk[-1].doc or len(chunk) >= _CHUNK):
            yield chunk
            chunk = []
        chunk.append(s)
    if chunk:
        yield chunk
