"""Trigger words in a sentence (``triggers.tsv``), with their context conditions checked."""

from __future__ import annotations

from dataclasses import dataclass

from rasd.events.lexicon import Lexicon, Trigger
from rasd.events.syntax import SentenceView

_WINDOW = 5


@dataclass(slots=True)
class Hit:
    trigger: Trigger
    first: int  # word indices (inclusive) of the trigger words
    last: int


def find_hits(view: SentenceView, lex: Lexicon) -> list[Hit]:
    """Trigger hits, at most one per word: the longest form wins, then the file's order."""
    words = view.words
    n = len(words)
    hits: list[Hit] = []
    taken: set[int] = set()
    for i, w in enumerate(words):
        if i in taken or w.tok.kind != "word":
            continue
        candidates: list[tuple[int, int, Trigger]] = []
        for order, key in enumerate(w.keys):
            for trig, rest in lex.triggers.get(key, ()):
                if trig.pos == "V" and "ال" in w.prefixes:
                    continue  # «الصادر» is no «صادر»: verbs never carry the article
                last = i + len(rest)
                if last >= n:
                    continue
                if any(rest[k] not in words[i + 1 + k].keys for k in range(len(rest))):
                    continue
                candidates.append((-len(rest), order, trig))
        if not candidates:
            continue
        candidates.sort(key=lambda c: (c[0], c[1]))
        seen: set[str] = set()
        for neg_len, _, trig in candidates:
            if trig.lemma in seen:
                continue
            seen.add(trig.lemma)
            last = i - neg_len
            if _context_ok(view, i, last, trig):
                hits.append(Hit(trig, i, last))
                taken.update(range(i, last + 1))
                break
    return hits


def _context_ok(view: SentenceView, first: int, last: int, trig: Trigger) -> bool:
    if not trig.needs and not trig.excludes:
        return True
    words = view.words
    lo = max(0, first - _WINDOW)
    hi = min(len(words), last + 1 + _WINDOW)
    around = [words[k] for k in range(lo, hi) if k < first or k > last]
    text = " " + " ".join(w.norm for w in words[lo:hi]) + " "
    inside = " ".join(w.norm for w in words[first : last + 1])
    # " key key … ": a word around the trigger starts with a term when " term" occurs in it.
    keys = " " + " ".join(k for w in around for k in w.keys)

    def found(term: str) -> bool:
        if " " in term:
            return f" {term}" in text and term not in inside
        return f" {term}" in keys

    if any(found(t) for t in trig.excludes):
        return False
    return not trig.needs or any(found(t) for t in trig.needs)
