"""A BiLSTM-CRF entity tagger run in numpy: the second and third opinions beside the CRF.

The CRF (:mod:`rasd.entities.scorer`) sees each word through a window of five and
hand-made features; a network reads the whole sentence, and each word through its letters
(a character CNN) and through vectors learnt from the ANT news (the same co-occurrence
statistics the CRF's word clusters come from). The two make different mistakes, so
:func:`vote` lets two networks that agree on a span overrule the CRF where the CRF has no
network on its side.

The networks are trained with torch (:mod:`rasd.entities.network_train`, ``make model``);
tagging needs only numpy and the weights in ``rasd/models`` (``ner_net_*.npz``). Per
network:

1. each distinct word of a call becomes one input vector — its news vector through a
   dense layer, its own trained embedding (words seen twice in training), and a character
   CNN over its first :data:`WORD_CHARS` letters — and, since the LSTM's input layer is
   linear, that vector's contribution to each direction's gates is computed once per
   word, not per token;
2. a bidirectional LSTM runs over sentences of similar length together;
3. a linear layer gives per-tag scores, and Viterbi (:func:`rasd.entities.scorer.best_paths`)
   the tags, with the BIO constraints of training (no ``I-X`` after ``O`` or another type).

``tests/test_entities_network.py`` checks the numpy forward pass against a plain
one-sentence reference and, where torch is installed, against torch itself.
"""

from __future__ import annotations

import threading
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from rasd.entities.labels import Span, bio, spans
from rasd.entities.scorer import best_paths

WORD_CHARS = 20  # letters of a word the character CNN reads; every word is padded to this
VECTORS_FILE = "ner_vectors.npz"  # news vectors, one row per word of ner_clusters.tsv.gz
NETWORK_GLOB = "ner_net_*.npz"
_BATCH = 64  # sentences run through the LSTMs together (sorted by length)
_POSITIONS = 64 * 128  # and at most this many sentence × position slots in a batch
# Words whose input vectors a network keeps (1<<14 × 196 numbers × 4 bytes ≈ 13 MB).
_MAX_WORDS = 1 << 14

# The arrays a network file holds (torch parameter names, CRF constraints applied).
ARRAYS = (
    "pre_proj.weight",
    "pre_proj.bias",
    "tw.weight",
    "ch.weight",
    "cnn.weight",
    "cnn.bias",
    "lstm.weight_ih_l0",
    "lstm.weight_hh_l0",
    "lstm.bias_ih_l0",
    "lstm.bias_hh_l0",
    "lstm.weight_ih_l0_reverse",
    "lstm.weight_hh_l0_reverse",
    "lstm.bias_ih_l0_reverse",
    "lstm.bias_hh_l0_reverse",
    "out.weight",
    "out.bias",
    "crf.trans",
    "crf.start",
    "crf.end",
)


@dataclass(frozen=True, slots=True)
class Vectors:
    """News vectors: row ``index[w]`` of ``table`` (row 0, all zeros, for other words)."""

    index: dict[str, int]
    table: np.ndarray

    @classmethod
    def load(cls, path: Path, words: Sequence[str], digest: str) -> Vectors:
        """``words``: the clusters file's words in file order, which the rows follow;
        ``digest``: that file's SHA-256, which must be the one the vectors were made with."""
        with np.load(path) as data:
            if str(data["clusters_sha256"]) != digest:
                raise ValueError(f"{path} was made with another clusters file")
            rows = data["vectors"]  # float16, kept so: half the memory
        if len(rows) != len(words):
            raise ValueError(f"{path}: {len(rows)} vectors for {len(words)} words")
        table = np.vstack([np.zeros((1, rows.shape[1]), dtype=rows.dtype), rows])
        return cls({w: i + 1 for i, w in enumerate(words)}, table)


class Network:
    """One trained BiLSTM-CRF (a ``ner_net_*.npz`` file) over search-form words."""

    def __init__(self, path: Path, vectors: Vectors) -> None:
        with np.load(path) as data:
            a = {name: data[name].astype(np.float32) for name in ARRAYS}
            self.tags: tuple[str, ...] = tuple(str(t) for t in data["tags"])
            self._words = {str(w): i for i, w in enumerate(data["words"])}
            self._chars = {str(c): i for i, c in enumerate(data["chars"])}
        self.vectors = vectors
        if a["pre_proj.weight"].shape[1] != vectors.table.shape[1]:
            raise ValueError(
                f"reads vectors of {a['pre_proj.weight'].shape[1]} numbers, "
                f"the vectors file has {vectors.table.shape[1]}"
            )
        if len(self.tags) != len(a["out.weight"]) or self.tags[:1] != ("O",):
            raise ValueError("its tags do not fit its output layer")
        self._pre_w, self._pre_b = a["pre_proj.weight"].T, a["pre_proj.bias"]
        self._tw, self._ch = a["tw.weight"], a["ch.weight"]
        out_ch, in_ch, width = a["cnn.weight"].shape
        # Weight [out, in, k] as one matrix over windows laid out [k, in].
        self._cnn_w = a["cnn.weight"].transpose(2, 1, 0).reshape(width * in_ch, out_ch)
        self._cnn_b = a["cnn.bias"]
        self._width = width
        # Both biases go with the input side. The gates are reordered from torch's i, f, g, o
        # to i, f, o, g, and the sigmoid gates' weights halved: sigmoid(z) = (1 + tanh(z/2))/2,
        # so one tanh over all four gates and one addition over the first three do (_lstm).
        size = a["lstm.weight_hh_l0"].shape[1]
        order = np.r_[0 : 2 * size, 3 * size : 4 * size, 2 * size : 3 * size]
        scale = np.where(np.arange(4 * size) < 3 * size, 0.5, 1.0).astype(np.float32)
        self._ih = [a[f"lstm.weight_ih_l0{s}"].T[:, order] * scale for s in ("", "_reverse")]
        self._hh = [a[f"lstm.weight_hh_l0{s}"].T[:, order] * scale for s in ("", "_reverse")]
        self._bias = [
            (a[f"lstm.bias_ih_l0{s}"] + a[f"lstm.bias_hh_l0{s}"])[order] * scale
            for s in ("", "_reverse")
        ]
        inputs = self._pre_w.shape[1] + self._tw.shape[1] + self._cnn_b.shape[0]
        self._inputs = np.zeros((_MAX_WORDS, inputs), dtype=np.float32)
        self._cached: dict[str, int] = {}
        self._lock = threading.Lock()
        self._out_w, self._out_b = a["out.weight"].T, a["out.bias"]
        self._trans = a["crf.trans"].astype(np.float64)
        self._start = a["crf.start"].astype(np.float64)
        self._end = a["crf.end"].astype(np.float64)

    # -- word inputs ---------------------------------------------------------

    def word_inputs(self, words: Sequence[str]) -> np.ndarray:
        """The input vector of each word (rows follow ``words``), kept for the words seen
        last: news repeats a small vocabulary, and the letters' CNN is the costly part."""
        with self._lock:  # one backend may serve several threads (the web API)
            return self._kept_inputs(words)

    def _kept_inputs(self, words: Sequence[str]) -> np.ndarray:
        rows = self._cached
        missing = [w for w in dict.fromkeys(words) if w not in rows]
        if len(rows) + len(missing) > len(self._inputs):
            rows.clear()  # start again: the words that matter come back at once
            missing = list(dict.fromkeys(words))
            if len(missing) > len(self._inputs):
                return self._compute_inputs(words)
        if missing:
            start = len(rows)
            self._inputs[start : start + len(missing)] = self._compute_inputs(missing)
            rows.update((w, start + k) for k, w in enumerate(missing))
        return self._inputs[[rows[w] for w in words]]

    def _compute_inputs(self, words: Sequence[str]) -> np.ndarray:
        known = np.array([self.vectors.index.get(w, 0) for w in words], dtype=np.intp)
        pre = np.tanh(self.vectors.table[known].astype(np.float32) @ self._pre_w + self._pre_b)
        pre *= (known > 0)[:, None]
        own = self._tw[[self._words.get(w, 1) for w in words]]
        return np.hstack([pre, own, self._char_cnn(words)]).astype(np.float32)

    def _char_cnn(self, words: Sequence[str]) -> np.ndarray:
        ids = np.zeros((len(words), WORD_CHARS), dtype=np.intp)
        chars = self._chars
        for row, w in enumerate(words):
            ids[row, : min(len(w), WORD_CHARS)] = [chars.get(c, 1) for c in w[:WORD_CHARS]]
        emb = self._ch[ids]  # word × position × channel (row 0, padding, is zeros)
        half = self._width // 2
        padded = np.pad(emb, ((0, 0), (half, half), (0, 0)))
        windows = np.concatenate(
            [padded[:, k : k + WORD_CHARS, :] for k in range(self._width)], axis=2
        )
        conv = np.maximum(windows @ self._cnn_w + self._cnn_b, 0.0)
        out: np.ndarray = conv.max(axis=1)
        return out

    # -- sentences -----------------------------------------------------------

    def emissions(self, sentences: Sequence[Sequence[str]]) -> list[np.ndarray]:
        """Per-tag scores (tokens × tags) of each sentence of search-form words."""
        return emissions([self], sentences)[0]

    def tag_many(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """BIO tags (coarse types) of sentences of search-form words."""
        return tag([self], sentences)[0]


def tag(networks: Sequence[Network], sentences: Sequence[Sequence[str]]) -> list[list[list[str]]]:
    """Each network's tags of each sentence (``[network][sentence]``). Each batch's scores
    are decoded as they come, every network's rows in one Viterbi pass (each row with its
    network's transitions) when the networks have as many tags."""
    out: list[list[list[str]]] = [[[] for _ in sentences] for _ in networks]
    together = len({len(net.tags) for net in networks}) == 1
    groups = [list(range(len(networks)))] if together else [[n] for n in range(len(networks))]
    for batch, lengths, scores in _batches(networks, sentences):
        rows = np.arange(len(batch))
        for net, sc in zip(networks, scores, strict=True):
            sc[:, 0] += net._start
            sc[rows, lengths - 1] += net._end
        for group in groups:
            trans = [
                np.broadcast_to(networks[n]._trans, (len(batch), *networks[n]._trans.shape))
                for n in group
            ]
            paths = best_paths(
                np.concatenate([scores[n] for n in group]),
                np.tile(lengths, len(group)),
                np.concatenate(trans),
            )
            for k, n in enumerate(group):
                names = networks[n].tags
                for row, i in enumerate(batch):
                    out[n][i] = [names[j] for j in paths[k * len(batch) + row]]
    return out


def emissions(
    networks: Sequence[Network], sentences: Sequence[Sequence[str]]
) -> list[list[np.ndarray]]:
    """Each network's per-tag scores of each sentence (``[network][sentence]``, tokens ×
    tags)."""
    out = [[np.zeros((0, len(net.tags)))] * len(sentences) for net in networks]
    for batch, lengths, scores in _batches(networks, sentences):
        for n, sc in enumerate(scores):
            for row, i in enumerate(batch):
                out[n][i] = sc[row, : lengths[row]]
    return out


def _batches(
    networks: Sequence[Network], sentences: Sequence[Sequence[str]]
) -> Iterator[tuple[list[int], np.ndarray, list[np.ndarray]]]:
    """Batches of non-empty sentences (their indices and lengths, longest first) with each
    network's per-tag scores (sentences × positions × tags, float64, rubbish past each
    sentence's end). The networks run side by side: one numpy step moves every direction
    of every network one position on, and only the sentences still running."""
    todo = sorted((i for i, s in enumerate(sentences) if s), key=lambda i: -len(sentences[i]))
    k = 0
    while k < len(todo):
        # At most _BATCH sentences, and fewer when the longest is long: the LSTM keeps
        # sentences × positions states, which one 5,000-word "sentence" would blow up.
        size = max(1, min(_BATCH, _POSITIONS // len(sentences[todo[k]])))
        batch = todo[k : k + size]
        k += size
        lengths = np.array([len(sentences[i]) for i in batch])
        vocab = {w: j for j, w in enumerate(dict.fromkeys(w for i in batch for w in sentences[i]))}
        ids = np.zeros((len(batch), int(lengths[0])), dtype=np.intp)
        for row, i in enumerate(batch):
            ids[row, : lengths[row]] = [vocab[w] for w in sentences[i]]
        rows = np.arange(len(batch))[:, None]
        flip = _reversal(lengths, ids.shape[1])
        gates, recurrent, order = [], [], []
        for net in networks:
            x = net.word_inputs(list(vocab))
            for d, seq in enumerate((ids, ids[rows, flip])):
                gates.append(x @ net._ih[d] + net._bias[d])
                recurrent.append(net._hh[d])
                order.append(seq)
        states = _lstm(gates, recurrent, order, lengths)
        scores = []
        for n, net in enumerate(networks):
            both = np.concatenate([states[2 * n], states[2 * n + 1][rows, flip]], axis=2)
            scores.append((both @ net._out_w + net._out_b).astype(np.float64))
        yield batch, lengths, scores


def _lstm(
    gates: Sequence[np.ndarray],
    recurrent: Sequence[np.ndarray],
    ids: Sequence[np.ndarray],
    lengths: np.ndarray,
) -> list[np.ndarray]:
    """Several LSTM directions over one batch, left to right, in one loop: per direction,
    the input gates of each word of the batch (words × 4H, in the order i, f, o, g with
    the sigmoid gates' halved, as :class:`Network` keeps them), the recurrent weights
    (H × 4H, the same) and the word ids (sentences × positions, longest sentence
    first). Returns each direction's states (sentences × positions × H), undefined past
    a sentence's end."""
    if len({r.shape for r in recurrent}) > 1:  # networks of different sizes run apart
        return [
            s
            for g, r, i in zip(gates, recurrent, ids, strict=True)
            for s in _lstm([g], [r], [i], lengths)
        ]
    size = recurrent[0].shape[0]
    table, weights, index = np.stack(gates), np.stack(recurrent), np.stack(ids)
    k, n, steps = index.shape
    which = np.arange(k)[:, None]
    running = (lengths[None, :] > np.arange(steps)[:, None]).sum(axis=1)
    h = np.zeros((k, n, size), dtype=np.float32)
    c = np.zeros((k, n, size), dtype=np.float32)
    out = np.zeros((k, n, steps, size), dtype=np.float32)
    i, f, o, g = (slice(j * size, (j + 1) * size) for j in range(4))
    for t in range(steps):
        m = running[t]
        z = table[which, index[:, :m, t]]
        z += np.matmul(h[:, :m], weights)
        np.tanh(z, out=z)
        z[..., : 3 * size] += 1.0  # i, f, o: twice their sigmoid
        # c = sigmoid(f) c + sigmoid(i) g
        cm = c[:, :m]
        cm *= z[..., f]
        cm += z[..., i] * z[..., g]
        cm *= 0.5
        hm = np.tanh(cm)
        hm *= z[..., o]
        hm *= 0.5
        h[:, :m] = hm
        out[:, :m, t] = hm
    return list(out)


def _reversal(lengths: np.ndarray, steps: int) -> np.ndarray:
    """Column indices that reverse each row's first ``length`` positions (padding stays
    at the end): applying it twice gives the identity on those positions."""
    cols = lengths[:, None] - 1 - np.arange(steps)[None, :]
    return np.where(cols >= 0, cols, np.arange(steps)[None, :])


class NetworkFileError(ValueError):
    """A network or vectors file is missing, unreadable or does not fit the model."""


def load_networks(directory: Path, words: Sequence[str], digest: str) -> list[Network]:
    """The networks in ``directory``: none when it has no network files; else at least
    two (one cannot outvote the CRF) beside their vectors file, or
    :class:`NetworkFileError` saying which file is wrong."""
    paths = sorted(p for p in directory.glob(NETWORK_GLOB) if not p.name.endswith(".tmp.npz"))
    if not paths:
        return []
    if len(paths) < 2:
        raise NetworkFileError(
            f"{directory}: one network file ({paths[0].name}); the vote needs two"
        )
    current = directory / VECTORS_FILE
    try:
        vectors = Vectors.load(current, words, digest)
        networks = []
        for current in paths:
            networks.append(Network(current, vectors))
    except (OSError, EOFError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise NetworkFileError(f"{current}: {exc}") from exc
    return networks


# Span weights in the vote: a CRF span outweighs one network's, two networks together
# outweigh the CRF alone, and a CRF span with a network on its side outweighs them. A span
# the CRF is sure of (each token's label at least this probable) is not overruled.
CRF_WEIGHT, NETWORK_WEIGHT, KEEP, CRF_SURE = 1.5, 1.0, 1.5, 0.95


def _weights(crf: list[str], networks: Sequence[list[str]]) -> tuple[list[Span], dict[Span, float]]:
    """The CRF's spans, and every span's weight in the vote (without the CRF's certainty)."""
    mine = spans(crf)
    weight = dict.fromkeys(mine, CRF_WEIGHT)
    for tags in networks:
        for sp in spans(tags):
            weight[sp] = weight.get(sp, 0.0) + NETWORK_WEIGHT
    return mine, weight


def contested(crf: list[str], networks: Sequence[list[str]]) -> bool:
    """Whether the vote could overrule a CRF span here: another span overlaps it that is
    heavy enough to be kept and weighs as much as it does. Only then does the CRF's
    certainty matter."""
    if all(tags == crf for tags in networks):
        return False  # the common case: everyone read the sentence alike
    mine, weight = _weights(crf, networks)
    return any(
        w >= KEEP and w >= weight[m] and sp != m and sp.start < m.end and m.start < sp.end
        for sp, w in weight.items()
        for m in mine
    )


def vote(
    crf: list[str], networks: Sequence[list[str]], sure: np.ndarray | None = None
) -> list[str]:
    """One sentence's tags from the CRF's and the networks' (coarse BIO). Spans are kept
    heaviest first where no kept span overlaps them, if they weigh at least ``KEEP``: the
    CRF's weigh ``CRF_WEIGHT`` and each network that found the same span adds
    ``NETWORK_WEIGHT``. With two networks: every CRF span stays unless both networks found
    an overlapping span and neither found the CRF's; spans both found are added where
    nothing overlaps them. A CRF span the CRF is sure of (``sure``: per token, the CRF's
    probability of its label; each at least ``CRF_SURE``) is never overruled."""
    if all(tags == crf for tags in networks):
        return list(crf)
    mine, weight = _weights(crf, networks)
    if sure is not None and len(sure):
        for sp in mine:
            if float(sure[sp.start : sp.end].min()) >= CRF_SURE:
                weight[sp] = float("inf")
    taken = np.zeros(len(crf), dtype=bool)
    kept = []
    for sp in sorted(weight, key=lambda s: (-weight[s], s.start, s.end)):
        if weight[sp] >= KEEP and not taken[sp.start : sp.end].any():
            taken[sp.start : sp.end] = True
            kept.append(sp)
    return bio(len(crf), sorted(kept))
