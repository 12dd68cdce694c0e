"""The CRF's Viterbi decoding in numpy, with each word's share of the score computed once.

crfsuite scores a label at a token as the sum of the weights its features have for that
label, and a tag sequence as those sums plus one weight per pair of neighbouring labels.
Almost every feature of a token belongs to one word at one offset: the word itself, the
words one and two places either side (:class:`rasd.entities.features.Featurizer`). So a
word's contribution at each offset is a vector of one score per label that can be summed
once and kept, and a token's scores are five cached vectors plus the few features that
depend on the sentence (gazetteer marks, word pairs). This is the same model and the same
arithmetic as ``pycrfsuite.Tagger.tag`` — ``tests/test_entities_scorer.py`` checks that
the tags agree — without building and handing over thirty feature strings per token,
which was most of the tagger's time.

Training stays with crfsuite; this only reads the weights of the model it writes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from rasd.entities.features import (
    END1,
    END2,
    START1,
    START2,
    Featurizer,
    pair_left,
    pair_right,
)

# Words whose vectors are kept; past this the cache starts again (news repeats a small
# vocabulary, so the words that matter come back at once). 1<<17 words × 5 vectors × 15
# labels × 4 bytes ≈ 40 MB at most.
_MAX_WORDS = 1 << 17
# Sentences decoded together (sorted by length, so a batch pads little).
_BATCH = 64


WEIGHTS_SUFFIX = ".weights.npz"  # beside the crfsuite model: ner_crf.crfsuite.weights.npz


@dataclass(frozen=True, slots=True)
class CRFWeights:
    """The numbers of a trained crfsuite model: one weight per (attribute, label) pair that
    has one, and one per pair of neighbouring labels."""

    labels: tuple[str, ...]
    attributes: tuple[str, ...]
    rows: np.ndarray  # attribute index of each state weight
    cols: np.ndarray  # label index of each state weight
    values: np.ndarray
    transitions: np.ndarray  # from × to

    @classmethod
    def from_tagger(cls, tagger: Any) -> CRFWeights:
        """From an open ``pycrfsuite.Tagger`` (parses crfsuite's dump: a few tenths of a
        second for the shipped model)."""
        info = tagger.info()
        labels = tuple(tagger.labels())
        index = {label: i for i, label in enumerate(labels)}
        attributes: dict[str, int] = {}
        rows, cols, values = [], [], []
        for (attr, label), weight in info.state_features.items():
            rows.append(attributes.setdefault(attr, len(attributes)))
            cols.append(index[label])
            values.append(weight)
        transitions = np.zeros((len(labels), len(labels)), dtype=np.float64)
        for (before, after), weight in info.transitions.items():
            transitions[index[before], index[after]] += weight
        return cls(
            labels,
            tuple(attributes),
            np.array(rows, dtype=np.int32),
            np.array(cols, dtype=np.int16),
            np.array(values, dtype=np.float64),
            transitions,
        )

    @classmethod
    def load(cls, model: Path, tagger: Any) -> CRFWeights:
        """The weights written beside ``model`` by :meth:`save` when they belong to this
        very file (its SHA-256 is kept with them), else read from ``tagger``."""
        cache = model.with_name(model.name + WEIGHTS_SUFFIX)
        if cache.is_file():
            with np.load(cache, allow_pickle=False) as z:
                if str(z["model_sha256"]) == _sha256(model):
                    return cls(
                        tuple(str(x) for x in z["labels"]),
                        tuple(str(x) for x in z["attributes"]),
                        z["rows"],
                        z["cols"],
                        z["values"],
                        z["transitions"],
                    )
        return cls.from_tagger(tagger)

    def save(self, model: Path) -> None:
        """Keep the weights beside ``model`` so loading skips crfsuite's dump."""
        with model.with_name(model.name + WEIGHTS_SUFFIX).open("wb") as fh:
            np.savez_compressed(
                fh,
                model_sha256=np.array(_sha256(model)),
                labels=np.array(self.labels),
                attributes=np.array(self.attributes),
                rows=self.rows,
                cols=self.cols,
                values=self.values,
                transitions=self.transitions,
            )


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class CompiledCRF:
    """A trained linear-chain CRF (crfsuite's) with a featurizer, decoded in numpy."""

    def __init__(self, weights: CRFWeights, featurizer: Featurizer) -> None:
        self.labels: tuple[str, ...] = weights.labels
        n_labels = len(self.labels)
        self._attributes = {attr: i for i, attr in enumerate(weights.attributes)}
        self._weights = np.zeros((len(weights.attributes), n_labels), dtype=np.float64)
        np.add.at(
            self._weights,
            (weights.rows.astype(np.intp), weights.cols.astype(np.intp)),
            weights.values,
        )
        self.transitions = weights.transitions
        self.featurizer = featurizer
        self._bias = self.vector(("bias",))
        self._edges = [self.vector(f) for f in (START2, START1, END1, END2)]
        self._arange = np.arange(n_labels)
        self._reset()

    def _reset(self, capacity: int = 4096) -> None:
        self._rows: dict[str, int] = {}
        # [word, as -2, as -1, as +1, as +2] × word × label, float32: sums of a few
        # dozen weights, compared only with each other.
        self._table = np.zeros((5, capacity, len(self.labels)), dtype=np.float32)

    def vector(self, features: Sequence[str]) -> np.ndarray:
        """Summed weights of ``features`` per label (features the model lacks weigh 0)."""
        rows = [self._attributes[f] for f in features if f in self._attributes]
        out: np.ndarray
        if not rows:
            out = np.zeros(len(self.labels), dtype=np.float64)
        elif len(rows) == 1:
            out = self._weights[rows[0]].copy()
        else:
            out = self._weights[rows].sum(axis=0)
        return out

    def _row(self, word: str) -> int:
        row = self._rows.get(word)
        if row is None:
            if len(self._rows) >= _MAX_WORDS:
                self._reset(self._table.shape[1])
            row = len(self._rows)
            if row >= self._table.shape[1]:
                grown = np.zeros((5, 2 * self._table.shape[1], len(self.labels)), dtype=np.float32)
                grown[:, :row] = self._table
                self._table = grown
            f = self.featurizer
            parts = (f.word_features(word), *f.context_features(word))
            # One gather and one segmented sum for the five vectors: a new word costs a
            # few microseconds, and a batch meets tens of thousands of them.
            attributes = self._attributes
            index: list[int] = []
            starts: list[int] = []
            filled: list[int] = []
            for k, part in enumerate(parts):
                rows = [attributes[x] for x in part if x in attributes]
                if rows:
                    starts.append(len(index))
                    filled.append(k)
                    index.extend(rows)
            self._table[:, row] = 0.0
            if index:
                sums = np.add.reduceat(self._weights[index], starts, axis=0)
                self._table[filled, row] = sums
            self._rows[word] = row
        return row

    def emissions(self, tokens: Sequence[str]) -> np.ndarray:
        """Score of each label at each token (tokens × labels)."""
        words, gaz = self.featurizer.sentence_parts(tokens)
        n = len(words)
        ids = np.fromiter((self._row(w) for w in words), dtype=np.intp, count=n)
        table = self._table
        scores: np.ndarray = table[0, ids].astype(np.float64) + self._bias
        start2, start1, end1, end2 = self._edges
        scores[2:] += table[1, ids[:-2]]
        scores[:2] += start2
        scores[1:] += table[2, ids[:-1]]
        scores[0] += start1
        scores[:-1] += table[3, ids[1:]]
        scores[-1] += end1
        scores[:-2] += table[4, ids[2:]]
        scores[max(0, n - 2) :] += end2
        for i, marks in enumerate(gaz):
            if marks:
                scores[i] += self.vector(marks)
                if i + 1 < n:
                    scores[i + 1] += self.vector([f"-1:{g}" for g in marks])
                if i > 0:
                    scores[i - 1] += self.vector([f"1:{g}" for g in marks])
        attributes, weights = self._attributes, self._weights
        for i in range(1, n):
            row = attributes.get(pair_left(words[i - 1], words[i]))
            if row is not None:
                scores[i] += weights[row]
            row = attributes.get(pair_right(words[i - 1], words[i]))
            if row is not None:
                scores[i - 1] += weights[row]
        return scores

    def tag(self, tokens: Sequence[str]) -> list[str]:
        """The best label sequence of one sentence (Viterbi)."""
        return self.tag_many([tokens])[0]

    def tag_many(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """The best label sequence of each sentence. Sentences of similar length go through
        Viterbi together, padded to the longest of their batch, so numpy steps once per
        position of a batch instead of once per token; positions past a sentence's end
        leave its scores as they are (identity back-pointers)."""
        out: list[list[str]] = [[] for _ in sentences]
        todo = sorted((i for i, s in enumerate(sentences) if s), key=lambda i: len(sentences[i]))
        for k in range(0, len(todo), _BATCH):
            batch = todo[k : k + _BATCH]
            for i, tags in zip(batch, self._viterbi([sentences[i] for i in batch]), strict=True):
                out[i] = tags
        return out

    def _viterbi(self, sentences: list[Sequence[str]]) -> list[list[str]]:
        lengths = np.array([len(s) for s in sentences])
        n_labels = len(self.labels)
        scores = np.zeros((len(sentences), int(lengths.max()), n_labels))
        for row, tokens in enumerate(sentences):
            scores[row, : lengths[row]] = self.emissions(tokens)
        trans, arange = self.transitions, self._arange
        best = scores[:, 0].copy()
        back = np.empty((scores.shape[1], len(sentences), n_labels), dtype=np.intp)
        stay = np.broadcast_to(arange, (len(sentences), n_labels))
        rows = np.arange(len(sentences))[:, None]
        for t in range(1, scores.shape[1]):
            paths = best[:, :, None] + trans  # sentence × previous label × this label
            pointers = paths.argmax(axis=1)
            moved = paths[rows, pointers, arange] + scores[:, t]
            live = (t < lengths)[:, None]
            best = np.where(live, moved, best)
            back[t] = np.where(live, pointers, stay)
        labels = self.labels
        out = []
        for row in range(len(sentences)):
            path = [int(best[row].argmax())]
            for t in range(lengths[row] - 1, 0, -1):
                path.append(int(back[t, row, path[-1]]))
            out.append([labels[k] for k in reversed(path)])
        return out
