"""Span-level precision, recall and F1 (exact match of start, end and type).

The issue's measure: micro P/R/F1 over PER, ORG and LOC, with GPE, LOC and FAC counted as
LOC (``EVAL_TYPES``); other types (NORP, MISC) are left out on both sides. Gold tags may be
fine classes (NewsFANE) or coarse tags (ANERcorp ``B-PERS``, AQMAR ``B-MIS1``): both are
read through :func:`rasd.entities.labels.coarse`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rasd.entities.labels import EVAL_TYPES, Span, coarse, spans


@dataclass(slots=True)
class Scores:
    tp: Counter[str]
    fp: Counter[str]
    fn: Counter[str]

    def prf(self, label: str | None = None) -> tuple[float, float, float]:
        """Precision, recall, F1 of one type, or micro-averaged over all when ``None``."""
        tp = self.tp[label] if label else sum(self.tp.values())
        fp = self.fp[label] if label else sum(self.fp.values())
        fn = self.fn[label] if label else sum(self.fn.values())
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    @property
    def labels(self) -> list[str]:
        return sorted(set(self.tp) | set(self.fp) | set(self.fn))

    def table(self) -> str:
        """A fixed-width table: one row per type, then the micro average."""
        rows = [f"{'type':<6} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6} {'pred':>6}"]
        for label in [*self.labels, None]:
            p, r, f = self.prf(label)
            gold = (self.tp[label] + self.fn[label]) if label else sum((self.tp + self.fn).values())
            pred = (self.tp[label] + self.fp[label]) if label else sum((self.tp + self.fp).values())
            name = label or "micro"
            rows.append(f"{name:<6} {p:6.3f} {r:6.3f} {f:6.3f} {gold:6d} {pred:6d}")
        return "\n".join(rows)


def eval_spans(tags: Sequence[str], types: dict[str, str] | None) -> set[Span]:
    """Spans of one sentence under the scoring types (``None``: every coarse type)."""
    out = set()
    for s in spans(tags):
        label = coarse(s.label)
        if label and types is not None:
            label = types.get(label)
        if label:
            out.add(Span(s.start, s.end, label))
    return out


def score(
    pairs: Iterable[tuple[Sequence[str], Sequence[str]]],
    types: dict[str, str] | None = EVAL_TYPES,
) -> Scores:
    """Score (gold tags, predicted tags) sentence pairs."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for gold_tags, pred_tags in pairs:
        gold = eval_spans(gold_tags, types)
        pred = eval_spans(pred_tags, types)
        for s in gold & pred:
            tp[s.label] += 1
        for s in pred - gold:
            fp[s.label] += 1
        for s in gold - pred:
            fn[s.label] += 1
    return Scores(tp, fp, fn)
