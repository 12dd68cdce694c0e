"""Scoring quotes against hand annotations: speaker, content boundaries, direct or not.

Two kinds of gold are scored:

- spans (:class:`GoldQuote`): a speaker and the content's offsets, as in
  ``tests/data/quotes_ant.tsv``; a found quote is matched to the gold quote its content
  overlaps most, one to one. Boundaries are compared after dropping blanks, punctuation
  and quotation marks at both ends, so ``“…”`` against ``…`` is no error;
- the reference article's gold (``quotes.required``/``optional`` in a ``.gold.json``), by
  the rule of DESIGN.md: a quote is found when its speaker resolves to a gold surface or
  name and its normalised text contains the gold ``contains`` string.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rasd.arabic.normalize import normalize
from rasd.document import Entity, Quote

_EDGE = frozenset(" \t\n\"“”«»'.,،؛;:!?؟…-–—()")


@dataclass(slots=True, frozen=True)
class GoldQuote:
    start: int
    end: int
    speaker: tuple[str, ...]  # names that count as the speaker (any one)
    direct: bool = False


@dataclass(slots=True)
class Scores:
    gold: int = 0
    found: int = 0
    matched: int = 0
    speaker: int = 0
    start: int = 0
    end: int = 0
    direct: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    def add(self, other: Scores) -> None:
        for name in ("gold", "found", "matched", "speaker", "start", "end", "direct"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors.extend(other.errors)

    def rate(self, name: str) -> float:
        """A count over the matched quotes (recall and precision over gold and found)."""
        if name == "recall":
            return self.matched / self.gold if self.gold else 0.0
        if name == "precision":
            return self.matched / self.found if self.found else 0.0
        value: int = getattr(self, name)
        return value / self.matched if self.matched else 0.0

    def table(self) -> dict[str, float | int]:
        return {
            "gold": self.gold,
            "found": self.found,
            "recall": round(self.rate("recall"), 3),
            "precision": round(self.rate("precision"), 3),
            "speaker": round(self.rate("speaker"), 3),
            "start": round(self.rate("start"), 3),
            "end": round(self.rate("end"), 3),
            "direct": round(self.rate("direct"), 3),
        }


def speaker_matches(found: str | None, names: Iterable[str]) -> bool:
    """The found speaker names the gold one: one phrase contains the other, word for word,
    in the search form (``وزير الخارجية سيرغي لافروف`` names ``لافروف``)."""
    if not found:
        return False
    have = f" {_words(found)} "
    for name in names:
        want = f" {_words(name)} "
        if want.strip() and (want in have or have in want):
            return True
    return False


def _words(text: str) -> str:
    """The search form without quotation marks and punctuation: موقع "فرانس إنفو"."""
    return " ".join(normalize("".join(" " if ch in _EDGE else ch for ch in text)).split())


def edges(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without blanks, punctuation and quotation marks at its ends."""
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def score_spans(text: str, gold: Sequence[GoldQuote], found: Sequence[Quote]) -> Scores:
    """Match ``found`` to ``gold`` by overlap (one to one, largest overlap first) and count."""
    pairs = []
    for gi, g in enumerate(gold):
        for fi, f in enumerate(found):
            overlap = min(g.end, f.end) - max(g.start, f.start)
            if overlap > 0:
                pairs.append((overlap, gi, fi))
    used_gold: set[int] = set()
    used_found: set[int] = set()
    scores = Scores(gold=len(gold), found=len(found))
    for _, gi, fi in sorted(pairs, reverse=True):
        if gi in used_gold or fi in used_found:
            continue
        used_gold.add(gi)
        used_found.add(fi)
        g, f = gold[gi], found[fi]
        scores.matched += 1
        gs, ge = edges(text, g.start, g.end)
        fs, fe = edges(text, f.start, f.end)
        ok = {
            "speaker": speaker_matches(f.speaker.text if f.speaker else None, g.speaker),
            "start": gs == fs,
            "end": ge == fe,
            "direct": g.direct == f.direct,
        }
        for name, good in ok.items():
            setattr(scores, name, getattr(scores, name) + int(good))
        if not all(ok.values()):
            scores.errors.append(
                {
                    "kind": "mismatch",
                    "wrong": [k for k, v in ok.items() if not v],
                    "gold_speaker": "|".join(g.speaker),
                    "speaker": f.speaker.text if f.speaker else None,
                    "gold": text[gs:ge],
                    "found": text[fs:fe],
                }
            )
    for gi, g in enumerate(gold):
        if gi not in used_gold:
            scores.errors.append(
                {
                    "kind": "missed",
                    "gold_speaker": "|".join(g.speaker),
                    "gold": text[g.start : g.end],
                }
            )
    for fi, f in enumerate(found):
        if fi not in used_found:
            scores.errors.append(
                {
                    "kind": "extra",
                    "speaker": f.speaker.text if f.speaker else None,
                    "found": f.text,
                }
            )
    return scores


def resolves_to(quote: Quote, item: dict[str, Any], entities: Sequence[Entity] = ()) -> bool:
    """DESIGN.md's rule for a gold quote item (``speaker``, ``speaker_surfaces``,
    ``contains``): the speaker is one of the surfaces (or its entity has the gold name)
    and the normalised quote contains the ``contains`` string."""
    if normalize(item["contains"]) not in normalize(quote.text):
        return False
    speaker = quote.speaker
    if speaker is None:
        return False
    names = {e.id: e.name for e in entities}
    if speaker.entity and names.get(speaker.entity) == item["speaker"]:
        return True
    surfaces = [item["speaker"], *item.get("speaker_surfaces", [])]
    return speaker_matches(speaker.text, surfaces)
