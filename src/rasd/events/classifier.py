"""A sentence classifier that vetoes implausible PROTEST/ASSAULT readings of the lexicon.

Event words occur in many sentences that report no event: a commentary on "the revolution",
a court case about an old assassination, a football "attack". The PLOVER Arabic gold marks
such sentences "easy no"/"difficult no". This logistic regression, one per event type, sees
what the lexicon found in the sentence (which trigger, its modality, actor, victims, a date)
and the sentence's words, and gives the probability that the sentence reports an event of
that type; the stage drops the lexicon's event when it is below the type's threshold.

It is trained only on the dev split of that gold (``scripts/train_event_classifier.py``;
the data is MIT-licensed, see ``licenses/arabic_event_gsr_MIT.txt``); ``bench/events.py gsr``
scores it by cross-validation on the same split. The weights ship as a reviewable TSV
(``data/events/classifier.tsv``); prediction is plain Python.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rasd.events.stage import Candidate
    from rasd.events.syntax import SentenceView

MODEL = "classifier.tsv"
TYPES = ("PROTEST", "ASSAULT")
# L2 strength per type, picked by 5×5 cross-validation on the dev split (bench/events.py
# gsr): PROTEST has 31 positives and needs the stronger prior (F1 0.571 at 2, 0.618 at 5,
# 0.631 at 10, 0.625 at 20); ASSAULT, with 104, does best at 5 (0.644, 0.650, 0.624, 0.627).
L2 = {"PROTEST": 10.0, "ASSAULT": 5.0}


def features(view: SentenceView, cands: Sequence[Candidate], kind: str) -> set[str]:
    """What the classifier sees for one sentence and one event type."""
    out: set[str] = {"bias"}
    mine = [c for c in cands if c.type == kind and c.dropped is None]
    if mine:
        out.add("lex")
        if len(mine) > 1:
            out.add("lex:many")
    for c in mine:
        t = c.hit.trigger
        out |= {
            f"lemma:{t.lemma}",
            f"pos:{t.pos}",
            f"mod:{c.mod.value}",
            f"mode:{c.mode}",
        }
        if c.background:
            out.add("background")
        if c.roles.actor is not None:
            out.add("actor")
            if c.roles.actor.sector:
                out.add(f"actor:{c.roles.actor.sector}")
            if c.roles.actor.known:
                out.add("actor:known")
        if c.roles.recipient is not None:
            out.add("recipient")
            if c.roles.recipient.victim:
                out.add("recipient:victim")
        if c.when.precision not in (None, "published"):
            out.add("dated")
        out |= {f"shape:{f}" for f in c.feats}
        out |= {f"{t.pos}:{f}" for f in c.feats}
    for c in cands:
        if c.type != kind and c.dropped is None:
            out.add(f"other:{c.type}")
    words = view.words
    n = sum(1 for w in words if w.tok.kind == "word")
    out.add("len:short" if n < 15 else "len:mid" if n < 40 else "len:long")
    if any(w.tok.kind == "number" for w in words):
        out.add("number")
    if view.times:
        out.add("time")
    if any(w.tok.text in '«»"“”' for w in words):
        out.add("quote")
    for w in words:
        if w.tok.kind == "word" and len(w.key) > 1:
            out.add("w:" + w.key)
    return out


@dataclass(slots=True)
class SentenceClassifier:
    weights: dict[str, dict[str, float]]  # type → feature → weight
    thresholds: dict[str, float] = field(default_factory=dict)

    @property
    def types(self) -> frozenset[str]:
        return frozenset(self.weights)

    def probability(self, feats: Iterable[str], kind: str) -> float:
        w = self.weights.get(kind)
        if not w:
            return 1.0
        z = sum(w.get(f, 0.0) for f in feats)
        if z >= 0:
            return 1.0 / (1.0 + math.exp(-z))
        e = math.exp(z)
        return e / (1.0 + e)

    def threshold(self, kind: str) -> float:
        return self.thresholds.get(kind, 0.5)

    @classmethod
    def shipped(cls) -> SentenceClassifier | None:
        """The classifier in ``data/events/classifier.tsv``, or ``None`` when none ships."""
        res = resources.files("rasd.data").joinpath("events", MODEL)
        if not res.is_file():
            return None
        with res.open(encoding="utf-8") as fh:
            return cls.load(fh)

    @classmethod
    def load(cls, lines: Iterable[str]) -> SentenceClassifier:
        weights: dict[str, dict[str, float]] = {}
        thresholds: dict[str, float] = {}
        rows = [line for line in lines if not line.startswith("#")]
        for row in csv.DictReader(rows, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row["feature"] == "__threshold__":
                thresholds[row["type"]] = float(row["weight"])
            else:
                weights.setdefault(row["type"], {})[row["feature"]] = float(row["weight"])
        return cls(weights, thresholds)

    def dump(self, header: str) -> str:
        lines = [f"# {line}" for line in header.strip().splitlines()]
        lines.append("type\tfeature\tweight")
        for kind in sorted(self.weights):
            lines.append(f"{kind}\t__threshold__\t{self.thresholds.get(kind, 0.5):.4f}")
            for feat, w in sorted(self.weights[kind].items(), key=lambda kv: (-abs(kv[1]), kv[0])):
                if abs(w) >= 1e-3:
                    lines.append(f"{kind}\t{feat}\t{w:.4f}")
        return "\n".join(lines) + "\n"


# --- training (numpy, at build time only) -------------------------------------------------------


def sentence_features(doc: Any, kind: str) -> set[str]:
    """Features of a one-sentence document (the gold's unit), lexicon only."""
    from rasd.events.stage import extract_events

    seen: list[set[str]] = []

    def observe(view: SentenceView, cands: Sequence[Candidate]) -> None:
        seen.append(features(view, cands, kind))

    extract_events(doc, observe=observe)
    out: set[str] = set()
    for f in seen:
        out |= f
    return out or {"bias"}


def fit(
    rows: Sequence[tuple[set[str], bool]],
    *,
    l2: float = 5.0,
    epochs: int = 300,
    min_count: int = 2,
) -> dict[str, float]:
    """L2-regularised logistic regression with balanced class weights (full-batch Adam)."""
    import numpy as np

    counts: dict[str, int] = {}
    for feats, _ in rows:
        for f in feats:
            counts[f] = counts.get(f, 0) + 1
    vocab = sorted(f for f, c in counts.items() if c >= min_count or not f.startswith("w:"))
    index = {f: i for i, f in enumerate(vocab)}
    x = np.zeros((len(rows), len(vocab)), dtype=np.float64)
    y = np.zeros(len(rows))
    for r, (feats, label) in enumerate(rows):
        for f in feats:
            if f in index:
                x[r, index[f]] = 1.0
        y[r] = 1.0 if label else 0.0
    pos = max(1.0, y.sum())
    neg = max(1.0, len(y) - y.sum())
    sw = np.where(y == 1, len(y) / (2 * pos), len(y) / (2 * neg))
    w = np.zeros(len(vocab))
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    reg = np.full(len(vocab), l2)
    if "bias" in index:
        reg[index["bias"]] = 0.0
    lr, b1, b2 = 0.05, 0.9, 0.999
    for step in range(1, epochs + 1):
        z = x @ w
        p = 1.0 / (1.0 + np.exp(-z))
        grad = x.T @ (sw * (p - y)) / len(y) + reg * w / len(y)
        m = b1 * m + (1 - b1) * grad
        v = b2 * v + (1 - b2) * grad * grad
        w -= lr * (m / (1 - b1**step)) / (np.sqrt(v / (1 - b2**step)) + 1e-8)
    return {f: float(w[i]) for f, i in index.items()}


def train(
    data: dict[str, Sequence[tuple[Any, str, bool]]],
    *,
    l2: float | dict[str, float] | None = None,
    threshold: float | None = None,
    progress: Callable[[str], None] | None = None,
) -> SentenceClassifier:
    """Train one model per type from ``(one-sentence document, type, is-positive)`` rows.

    The threshold is the one that maximises F1 over out-of-fold predictions *inside* the
    given rows (3 folds), so a caller's held-out fold never tunes it; pass ``threshold``
    to fix it instead. ``l2``: one strength for every type, or per type (default :data:`L2`)."""
    weights: dict[str, dict[str, float]] = {}
    thresholds: dict[str, float] = {}
    for kind, items in data.items():
        strength = l2 if isinstance(l2, float | int) else (l2 or L2).get(kind, 5.0)
        rows = [(sentence_features(doc, kind), gold) for doc, _, gold in items]
        weights[kind] = fit(rows, l2=strength)
        if threshold is not None:
            thresholds[kind] = threshold
            continue
        probs: list[tuple[float, bool, bool]] = []
        for f in range(3):
            inner_train = [r for i, r in enumerate(rows) if i % 3 != f]
            w = fit(inner_train, l2=strength)
            model = SentenceClassifier({kind: w})
            for i, (feats, gold) in enumerate(rows):
                if i % 3 == f:
                    probs.append((model.probability(feats, kind), gold, "lex" in feats))
        thresholds[kind] = best_threshold(probs)
        if progress:
            progress(f"{kind}: threshold {thresholds[kind]:.2f}")
    return SentenceClassifier(weights, thresholds)


def best_threshold(probs: Sequence[tuple[float, bool, bool]]) -> float:
    """The veto threshold with the best F1 (only sentences the lexicon fired on can pass)."""
    best = (0.0, 0.5)
    for t in [i / 40 for i in range(1, 40)]:
        tp = sum(1 for p, g, lex in probs if lex and p >= t and g)
        fp = sum(1 for p, g, lex in probs if lex and p >= t and not g)
        fn = sum(1 for p, g, lex in probs if g and not (lex and p >= t))
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        if f1 > best[0] + 1e-9:
            best = (f1, t)
    return best[1]


__all__ = [
    "L2",
    "MODEL",
    "TYPES",
    "SentenceClassifier",
    "best_threshold",
    "features",
    "fit",
    "train",
]
