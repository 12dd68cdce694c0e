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
from collections.abc import Iterator, Sequence
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
_POSITIONS = 64 * 128  # and at most this many padded positions in a batch


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
                if str(z["model_sha256"]) == file_sha256(model):
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
                model_sha256=np.array(file_sha256(model)),
                labels=np.array(self.labels),
                attributes=np.array(self.attributes),
                rows=self.rows,
                cols=self.cols,
                values=self.values,
                transitions=self.transitions,
            )


def file_sha256(path: Path) -> str:
    """SHA-256 of a file: what a derived file records of the file it was made from."""
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
        labels = self.labels
        for batch, lengths, scores in self._padded(sentences):
            for i, path in zip(batch, best_paths(scores, lengths, self.transitions), strict=True):
                out[i] = [labels[j] for j in path]
        return out

    def confidence(
        self, sentences: Sequence[Sequence[str]], tags: Sequence[Sequence[str]]
    ) -> list[np.ndarray]:
        """Per token of each sentence, the model's probability of the label ``tags`` give
        it there (forward-backward marginals)."""
        index = {label: k for k, label in enumerate(self.labels)}
        out = [np.zeros(0) for _ in sentences]
        for batch, lengths, scores in self._padded(sentences):
            probs = marginals(scores, lengths, self.transitions)
            for row, i in enumerate(batch):
                path = [index[t] for t in tags[i]]
                out[i] = probs[row, np.arange(len(path)), path]
        return out

    def _padded(
        self, sentences: Sequence[Sequence[str]]
    ) -> Iterator[tuple[list[int], np.ndarray, np.ndarray]]:
        """Batches of the non-empty sentences: indices, lengths and scores padded to the
        batch's longest (sentence × position × label)."""
        todo = sorted((i for i, s in enumerate(sentences) if s), key=lambda i: len(sentences[i]))
        for batch in _batches(todo, [len(sentences[i]) for i in todo]):
            lengths = np.array([len(sentences[i]) for i in batch])
            scores = np.zeros((len(batch), int(lengths.max()), len(self.labels)))
            for row, i in enumerate(batch):
                scores[row, : lengths[row]] = self.emissions(sentences[i])
            yield batch, lengths, scores


def _batches(todo: list[int], lengths: list[int]) -> list[list[int]]:
    """``todo`` (sorted shortest first) cut into batches of at most ``_BATCH`` sentences
    and ``_POSITIONS`` padded positions: one very long sentence goes alone rather than
    pad 63 others to its length."""
    out: list[list[int]] = []
    for i, n in zip(todo, lengths, strict=True):
        if out and len(out[-1]) < _BATCH and (len(out[-1]) + 1) * n <= _POSITIONS:
            out[-1].append(i)
        else:
            out.append([i])
    return out


def marginals(scores: np.ndarray, lengths: np.ndarray, trans: np.ndarray) -> np.ndarray:
    """Forward-backward over a batch laid out as for :func:`best_paths`: the probability of
    each label at each position (sentence × position × label; zeros past the end)."""
    n_sentences, steps, _ = scores.shape
    alpha = np.empty_like(scores)
    beta = np.zeros_like(scores)
    alpha[:, 0] = scores[:, 0]
    for t in range(1, steps):
        alpha[:, t] = _logsumexp(alpha[:, t - 1, :, None] + trans, axis=1) + scores[:, t]
    last = lengths - 1
    rows = np.arange(n_sentences)
    for t in range(steps - 2, -1, -1):
        back = _logsumexp(trans + (scores[:, t + 1] + beta[:, t + 1])[:, None, :], axis=2)
        # A sentence's own last position keeps beta 0; before it, the recursion applies.
        beta[:, t] = np.where((t < last)[:, None], back, 0.0)
    total = _logsumexp(alpha[rows, last], axis=1)
    live = (np.arange(steps)[None, :] < lengths[:, None])[:, :, None]
    out: np.ndarray = np.exp(np.where(live, alpha + beta - total[:, None, None], -np.inf))
    return out


def _logsumexp(x: np.ndarray, axis: int) -> np.ndarray:
    top = x.max(axis=axis, keepdims=True)
    out: np.ndarray = np.log(np.exp(x - top).sum(axis=axis)) + np.squeeze(top, axis=axis)
    return out


def best_paths(scores: np.ndarray, lengths: np.ndarray, trans: np.ndarray) -> list[list[int]]:
    """Viterbi over a batch: ``scores`` sentence × position × label (padded past each
    sentence's length), ``trans`` from-label × to-label; the best label index sequence of
    each sentence. Positions past a sentence's end leave its scores as they are (identity
    back-pointers), so one numpy step serves every sentence at that position."""
    n_sentences, steps, n_labels = scores.shape
    arange = np.arange(n_labels)
    best = scores[:, 0].copy()
    back = np.empty((steps, n_sentences, n_labels), dtype=np.intp)
    stay = np.broadcast_to(arange, (n_sentences, n_labels))
    rows = np.arange(n_sentences)[:, None]
    for t in range(1, steps):
        paths = best[:, :, None] + trans  # sentence × previous label × this label
        pointers = paths.argmax(axis=1)
        moved = paths[rows, pointers, arange] + scores[:, t]
        live = (t < lengths)[:, None]
        best = np.where(live, moved, best)
        back[t] = np.where(live, pointers, stay)
    out = []
    for row in range(n_sentences):
        path = [int(best[row].argmax())]
        for t in range(lengths[row] - 1, 0, -1):
            path.append(int(back[t, row, path[-1]]))
        out.append(path[::-1])
    return out
