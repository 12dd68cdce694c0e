"""Train the BiLSTM-CRF networks of :mod:`rasd.entities.network` (``make model``; needs
torch, pinned to the CPU wheel: ``pip install torch==2.13.0``).

One network: the words' news vectors (frozen) through a dense layer, a trained embedding
for words seen twice in training (word dropout 0.1), a character CNN, dropout 0.5, one
bidirectional LSTM layer (64 a side), dropout 0.5, a linear layer and a CRF whose
transitions forbid ``I-X`` after ``O`` or another type. Adam (lr 0.002), batches of 32
sentences of similar length, up to 30 epochs; the epoch kept is the one that scores best
on a tenth of the training sentences held out, and training stops after 5 epochs without
a better one. One thread and a fixed seed: a rebuild gives the same weights.

Only the numbers leave torch: :func:`export` writes the arrays numpy tags with.
"""

from __future__ import annotations

import importlib
import random
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from rasd.entities.conll import Sentence
from rasd.entities.evaluate import score
from rasd.entities.network import ARRAYS, WORD_CHARS, Vectors

HIDDEN, WORD_DIM, CHAR_DIM, CHAR_FILTERS = 64, 50, 30, 50
EPOCHS, PATIENCE, BATCH, LR, WORD_DROPOUT, DROPOUT = 30, 5, 32, 2e-3, 0.1, 0.5


def _torch() -> Any:
    try:
        return importlib.import_module("torch")
    except ImportError as exc:
        raise SystemExit(
            "training the entity networks needs torch: pip install torch==2.13.0 "
            "(the CPU wheel; other versions pull CUDA)"
        ) from exc


def train_network(
    sentences: Sequence[Sentence],
    vectors: Vectors,
    out: Path,
    *,
    seed: int,
    log: Any = print,
) -> dict[str, float]:
    """Train one network on ``sentences`` (search-form words, coarse BIO tags) and write
    it to ``out``; returns the held-out F1 and the training time."""
    torch = _torch()
    nn = torch.nn
    torch.set_num_threads(1)
    torch.manual_seed(seed)
    rng = random.Random(seed)
    order = list(range(len(sentences)))
    random.Random(13).shuffle(order)
    n_held = len(order) // 10
    held = [sentences[i] for i in sorted(order[:n_held])]
    train = [sentences[i] for i in sorted(order[n_held:])]

    counts = Counter(w for s in train for w in s.tokens)
    words = ["<pad>", "<unk>", *sorted(w for w, c in counts.items() if c >= 2)]
    word_index = {w: i for i, w in enumerate(words)}
    char_counts = Counter(ch for s in train for w in s.tokens for ch in w)
    chars = ["<pad>", "<unk>", *sorted(c for c, n in char_counts.items() if n >= 2)]
    char_index = {c: i for i, c in enumerate(chars)}
    tags = ["O", *sorted({t for s in sentences for t in s.tags} - {"O"})]
    tag_index = {t: i for i, t in enumerate(tags)}

    def encode(s: Sentence) -> dict[str, Any]:
        ch = np.zeros((len(s.tokens), WORD_CHARS), dtype=np.int64)
        for row, w in enumerate(s.tokens):
            ch[row, : min(len(w), WORD_CHARS)] = [char_index.get(c, 1) for c in w[:WORD_CHARS]]
        return {
            "pre": torch.tensor([vectors.index.get(w, 0) for w in s.tokens]),
            "tw": torch.tensor([word_index.get(w, 1) for w in s.tokens]),
            "ch": torch.from_numpy(ch),
            "y": torch.tensor([tag_index[t] for t in s.tags]),
        }

    def batchify(encs: list[dict[str, Any]], training: bool) -> tuple[Any, ...]:
        size, steps = len(encs), max(len(e["pre"]) for e in encs)
        pre = torch.zeros(size, steps, dtype=torch.long)
        tw = torch.zeros(size, steps, dtype=torch.long)
        ch = torch.zeros(size, steps, WORD_CHARS, dtype=torch.long)
        y = torch.zeros(size, steps, dtype=torch.long)
        mask = torch.zeros(size, steps, dtype=torch.bool)
        for b, e in enumerate(encs):
            n = len(e["pre"])
            mask[b, :n] = True
            pre[b, :n] = e["pre"]
            ids = e["tw"]
            if training:
                ids = torch.where(torch.rand(n) < WORD_DROPOUT, torch.ones_like(ids), ids)
            tw[b, :n] = ids
            ch[b, :n] = e["ch"]
            y[b, :n] = e["y"]
        return pre, tw, ch, mask, y

    model = build_model(vectors, words, chars, tags)
    opt = torch.optim.Adam([p for p in model.parameters() if p.requires_grad], lr=LR)
    enc_train = [encode(s) for s in train]

    def held_f1() -> float:
        from rasd.entities.network import Network

        tmp = out.with_suffix(".tmp.npz")
        export(model, tags, words, chars, tmp)
        net = Network(tmp, vectors)
        tmp.unlink()
        pred = net.tag_many([s.tokens for s in held])
        return score(zip([s.tags for s in held], pred, strict=True)).prf()[2]

    best, best_state, stale, started = -1.0, None, 0, time.perf_counter()
    for epoch in range(1, EPOCHS + 1):
        model.train()
        by_length = sorted(
            range(len(enc_train)), key=lambda i: len(enc_train[i]["pre"]) + rng.random() * 8
        )
        batches = [by_length[k : k + BATCH] for k in range(0, len(by_length), BATCH)]
        rng.shuffle(batches)
        total = 0.0
        for batch in batches:
            pre, tw, ch, mask, y = batchify([enc_train[i] for i in batch], training=True)
            loss = model.crf.nll(model.emissions(pre, tw, ch, mask), y, mask)
            opt.zero_grad()
            (loss / len(batch)).backward()
            nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            opt.step()
            total += float(loss.item())
        model.eval()
        with torch.no_grad():
            f1 = held_f1()
        log(f"  epoch {epoch}: loss {total / len(enc_train):.3f}, held-out F1 {f1:.4f}")
        if f1 > best:
            best, stale = f1, 0
            best_state = {k: v.clone() for k, v in model.state_dict().items()}
        else:
            stale += 1
            if stale >= PATIENCE:
                break
    model.load_state_dict(best_state)
    export(model, tags, words, chars, out)
    return {"held_f1": round(best, 4), "seconds": round(time.perf_counter() - started)}


def build_model(
    vectors: Vectors, words: Sequence[str], chars: Sequence[str], tags: Sequence[str]
) -> Any:
    """The torch module (untrained): ``words`` and ``chars`` are the embedding
    vocabularies (index 0 padding, 1 unknown), ``tags`` the BIO tags, ``O`` first."""
    torch = _torch()
    nn = torch.nn
    module: Any = nn.Module

    class CRF(module):  # type: ignore[misc]
        def __init__(self, k: int) -> None:
            super().__init__()
            self.trans = nn.Parameter(torch.zeros(k, k))
            self.start = nn.Parameter(torch.zeros(k))
            self.end = nn.Parameter(torch.zeros(k))
            bad = torch.zeros(k, k, dtype=torch.bool)
            start_bad = torch.zeros(k, dtype=torch.bool)
            for j, tj in enumerate(tags):
                if tj.startswith("I-"):
                    start_bad[j] = True
                    for i, ti in enumerate(tags):
                        bad[i, j] = ti == "O" or ti[2:] != tj[2:]
            self.register_buffer("bad", bad)
            self.register_buffer("start_bad", start_bad)

        def masked(self) -> tuple[Any, Any]:
            return self.trans.masked_fill(self.bad, -1e4), self.start.masked_fill(
                self.start_bad, -1e4
            )

        def nll(self, em: Any, y: Any, mask: Any) -> Any:
            trans, start = self.masked()
            mf = mask.float()
            gold = start[y[:, 0]] + (em.gather(2, y.unsqueeze(2)).squeeze(2) * mf).sum(1)
            gold = gold + (trans[y[:, :-1], y[:, 1:]] * mf[:, 1:]).sum(1)
            last = y.gather(1, (mask.sum(1) - 1).unsqueeze(1)).squeeze(1)
            gold = gold + self.end[last]
            alpha = start + em[:, 0]
            for t in range(1, em.shape[1]):
                nxt = torch.logsumexp(
                    alpha.unsqueeze(2) + trans.unsqueeze(0) + em[:, t].unsqueeze(1), dim=1
                )
                alpha = torch.where(mask[:, t : t + 1], nxt, alpha)
            return (torch.logsumexp(alpha + self.end, dim=1) - gold).sum()

    class Tagger(module):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__()
            table = torch.from_numpy(vectors.table.astype(np.float32))
            self.pre = nn.Embedding.from_pretrained(table, freeze=True)
            dim = vectors.table.shape[1]
            self.pre_proj = nn.Linear(dim, dim)
            self.tw = nn.Embedding(len(words), WORD_DIM, padding_idx=0)
            self.ch = nn.Embedding(len(chars), CHAR_DIM, padding_idx=0)
            self.cnn = nn.Conv1d(CHAR_DIM, CHAR_FILTERS, 3, padding=1)
            self.drop = nn.Dropout(DROPOUT)
            self.lstm = nn.LSTM(
                dim + WORD_DIM + CHAR_FILTERS, HIDDEN, batch_first=True, bidirectional=True
            )
            self.out = nn.Linear(2 * HIDDEN, len(tags))
            self.crf = CRF(len(tags))

        def emissions(self, pre: Any, tw: Any, ch: Any, mask: Any) -> Any:
            size, steps, letters = ch.shape
            c = self.ch(ch.view(size * steps, letters)).transpose(1, 2)
            c = torch.relu(self.cnn(c)).max(2).values.view(size, steps, -1)
            known = (pre > 0).unsqueeze(2)
            x = torch.cat([torch.tanh(self.pre_proj(self.pre(pre))) * known, self.tw(tw), c], 2)
            packed = nn.utils.rnn.pack_padded_sequence(
                self.drop(x), mask.sum(1), batch_first=True, enforce_sorted=False
            )
            h, _ = self.lstm(packed)
            h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=steps)
            return self.out(self.drop(h))

    return Tagger()


def export(model: Any, tags: list[str], words: list[str], chars: list[str], path: Path) -> None:
    """The arrays :class:`rasd.entities.network.Network` reads, CRF constraints applied."""
    state = {k: v.detach().numpy() for k, v in model.state_dict().items()}
    trans, start = model.crf.masked()
    state["crf.trans"], state["crf.start"] = trans.detach().numpy(), start.detach().numpy()
    arrays = {name: state[name].astype(np.float32) for name in ARRAYS}
    np.savez_compressed(
        path, **arrays, tags=np.array(tags), words=np.array(words), chars=np.array(chars)
    )
