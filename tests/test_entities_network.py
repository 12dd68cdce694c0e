"""The numpy BiLSTM-CRF (rasd.entities.network): its forward pass against a plain
one-sentence reference and (where torch is installed) against torch, its Viterbi against
brute force, and the vote with the CRF."""

from __future__ import annotations

import gzip
import itertools
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from rasd.entities import network as N
from rasd.entities.labels import spans
from rasd.entities.network import ARRAYS, WORD_CHARS, Network, Vectors, vote

TAGS = ["O", "B-LOC", "B-PER", "I-LOC", "I-PER"]
WORDS = ["<pad>", "<unk>", "قال", "الرئيس", "بوتين"]
CHARS = ["<pad>", "<unk>", *"ابتقلرسنوي"]
D, E, F, C, H = 6, 4, 3, 5, 7  # vector, own embedding, char embedding, CNN filters, hidden


def _random_arrays(rng: np.random.Generator, tags: list[str]) -> dict[str, np.ndarray]:
    k, din = len(tags), D + E + C
    shapes = {
        "pre_proj.weight": (D, D),
        "pre_proj.bias": (D,),
        "tw.weight": (len(WORDS), E),
        "ch.weight": (len(CHARS), F),
        "cnn.weight": (C, F, 3),
        "cnn.bias": (C,),
        "out.weight": (k, 2 * H),
        "out.bias": (k,),
        "crf.trans": (k, k),
        "crf.start": (k,),
        "crf.end": (k,),
    }
    for sfx in ("", "_reverse"):
        shapes |= {
            f"lstm.weight_ih_l0{sfx}": (4 * H, din),
            f"lstm.weight_hh_l0{sfx}": (4 * H, H),
            f"lstm.bias_ih_l0{sfx}": (4 * H,),
            f"lstm.bias_hh_l0{sfx}": (4 * H,),
        }
    arrays = {name: rng.normal(size=shapes[name]).astype(np.float32) for name in ARRAYS}
    arrays["ch.weight"][0] = 0.0  # the padding letter, as torch keeps it
    return arrays


def _write(path: Path, arrays: dict[str, np.ndarray], tags: list[str]) -> Path:
    np.savez(path, **arrays, tags=np.array(tags), words=np.array(WORDS), chars=np.array(CHARS))
    return path


@pytest.fixture
def vectors() -> Vectors:
    rng = np.random.default_rng(1)
    table = np.vstack([np.zeros((1, D)), rng.normal(size=(3, D))]).astype(np.float32)
    return Vectors({"الرئيس": 1, "بوتين": 2, "موسكو": 3}, table)


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return np.asarray(1.0 / (1.0 + np.exp(-x)))


def _reference(a: dict[str, np.ndarray], vectors: Vectors, sentence: list[str]) -> np.ndarray:
    """Emissions of one sentence, written out token by token."""
    words = {w: i for i, w in enumerate(WORDS)}
    chars = {c: i for i, c in enumerate(CHARS)}
    xs = []
    for w in sentence:
        row = vectors.index.get(w, 0)
        pre = np.tanh(a["pre_proj.weight"] @ vectors.table[row] + a["pre_proj.bias"])
        pre = pre * (row > 0)
        own = a["tw.weight"][words.get(w, 1)]
        ids = [chars.get(c, 1) for c in w[:WORD_CHARS]]
        emb = a["ch.weight"][ids + [0] * (WORD_CHARS - len(ids))]
        conv = []
        for t in range(WORD_CHARS):
            acc = a["cnn.bias"].copy()
            for k in range(3):
                j = t + k - 1
                if 0 <= j < WORD_CHARS:
                    acc = acc + a["cnn.weight"][:, :, k] @ emb[j]
            conv.append(np.maximum(acc, 0.0))
        xs.append(np.concatenate([pre, own, np.max(conv, axis=0)]))

    def direction(seq: list[np.ndarray], sfx: str) -> list[np.ndarray]:
        h, c, out = np.zeros(H), np.zeros(H), []
        for x in seq:
            z = (
                a[f"lstm.weight_ih_l0{sfx}"] @ x
                + a[f"lstm.bias_ih_l0{sfx}"]
                + a[f"lstm.weight_hh_l0{sfx}"] @ h
                + a[f"lstm.bias_hh_l0{sfx}"]
            )
            i, f, g, o = np.split(z, 4)
            c = _sigmoid(f) * c + _sigmoid(i) * np.tanh(g)
            h = _sigmoid(o) * np.tanh(c)
            out.append(h)
        return out

    fw, bw = direction(xs, ""), direction(xs[::-1], "_reverse")[::-1]
    return np.array(
        [
            a["out.weight"] @ np.concatenate([f, b]) + a["out.bias"]
            for f, b in zip(fw, bw, strict=True)
        ]
    )


SENTENCES = [
    ["قال", "الرئيس", "بوتين"],
    [],
    ["موسكو"],
    ["وقال", "الرئيس", "الروسي", "فلاديمير", "بوتين", "في", "موسكو", "اليوم"],
    ["x" * 30, "بوتين"],  # a word longer than the CNN reads, letters it does not know
    ["بوتين", "بوتين"],
]


def test_emissions_match_a_plain_reference(
    tmp_path: Path, vectors: Vectors, monkeypatch: pytest.MonkeyPatch
) -> None:
    arrays = _random_arrays(np.random.default_rng(0), TAGS)
    net = Network(_write(tmp_path / "n.npz", arrays, TAGS), vectors)
    monkeypatch.setattr(N, "_BATCH", 3)  # several batches, each padded to its longest,
    monkeypatch.setattr(N, "_POSITIONS", 12)  # the 8-word sentence alone in its own
    got = net.emissions(SENTENCES)
    assert [len(e) for e in got] == [len(s) for s in SENTENCES]
    for sentence, emissions in zip(SENTENCES, got, strict=True):
        if sentence:
            np.testing.assert_allclose(emissions, _reference(arrays, vectors, sentence), atol=1e-4)


def test_viterbi_finds_the_best_sequence_with_start_and_end(
    tmp_path: Path, vectors: Vectors
) -> None:
    tags = ["O", "B-PER", "I-PER"]
    arrays = _random_arrays(np.random.default_rng(3), tags)
    arrays["crf.trans"][0, 2] = -1e4  # O → I-PER forbidden, as training exports it
    arrays["crf.start"][2] = -1e4
    net = Network(_write(tmp_path / "n.npz", arrays, tags), vectors)
    sentences = [s for s in SENTENCES if 0 < len(s) <= 5]
    emissions = net.emissions(sentences)
    for sentence, em, got in zip(sentences, emissions, net.tag_many(sentences), strict=True):

        def total(path: tuple[int, ...], em: np.ndarray = em) -> float:
            s = arrays["crf.start"][path[0]] + arrays["crf.end"][path[-1]]
            s += sum(em[t, k] for t, k in enumerate(path))
            s += sum(arrays["crf.trans"][a, b] for a, b in itertools.pairwise(path))
            return float(s)

        best = max(itertools.product(range(3), repeat=len(sentence)), key=total)
        assert got == [tags[k] for k in best]
        assert "I-PER" not in got[:1]


def test_vectors_must_match_the_clusters_file(tmp_path: Path) -> None:
    path = tmp_path / N.VECTORS_FILE
    np.savez(path, vectors=np.zeros((2, 3), dtype=np.float16), clusters_sha256="abc")
    assert len(Vectors.load(path, ["a", "b"], "abc").table) == 3
    with pytest.raises(ValueError, match="another clusters file"):
        Vectors.load(path, ["a", "b"], "def")
    with pytest.raises(ValueError, match="2 vectors for 3 words"):
        Vectors.load(path, ["a", "b", "c"], "abc")


def test_no_network_files_no_networks(tmp_path: Path) -> None:
    (tmp_path / N.VECTORS_FILE).write_bytes(b"")
    (tmp_path / "ner_net_1.tmp.npz").write_bytes(b"")  # training's scratch file
    assert N.load_networks(tmp_path, [], "") == []


def _tags(n: int, *items: tuple[int, int, str]) -> list[str]:
    out = ["O"] * n
    for start, end, label in items:
        out[start] = f"B-{label}"
        for i in range(start + 1, end):
            out[i] = f"I-{label}"
    return out


@pytest.mark.parametrize(
    ("crf", "nets", "expected"),
    [
        # The CRF's span stands alone; one network's alone does not.
        ([(0, 2, "PER")], [[], [(4, 5, "LOC")]], [(0, 2, "PER")]),
        # Two networks agreeing add a span nothing overlaps.
        ([(0, 2, "PER")], [[(4, 5, "LOC")], [(4, 5, "LOC")]], [(0, 2, "PER"), (4, 5, "LOC")]),
        # ... and overrule a CRF span no network supports (longer name, other type).
        ([(1, 2, "PER")], [[(0, 2, "PER")], [(0, 2, "PER")]], [(0, 2, "PER")]),
        ([(1, 3, "PER")], [[(1, 3, "ORG")], [(1, 3, "ORG")]], [(1, 3, "ORG")]),
        # A network on the CRF's side keeps the CRF's span.
        ([(1, 2, "PER")], [[(1, 2, "PER")], [(0, 2, "PER")]], [(1, 2, "PER")]),
        ([], [[(0, 2, "PER")], [(0, 3, "PER")]], []),
    ],
)
def test_vote(
    crf: list[tuple[int, int, str]],
    nets: list[list[tuple[int, int, str]]],
    expected: list[tuple[int, int, str]],
) -> None:
    got = vote(_tags(6, *crf), [_tags(6, *n) for n in nets])
    assert [(s.start, s.end, s.label) for s in spans(got)] == expected


NEWS = [
    ["قال", "الرئيس", "الروسي", "فلاديمير", "بوتين", "في", "موسكو"],
    ["و", "زار", "وزير", "الخارجية", "سيرغي", "لافروف", "انقرة"],
    [],
]


def test_a_span_the_crf_is_sure_of_is_not_overruled() -> None:
    crf, nets = _tags(4, (1, 3, "PER")), [_tags(4, (1, 2, "PER"))] * 2
    assert N.contested(crf, nets)
    overruled = [(1, 2, "PER")]
    for sure, expected in [
        (None, overruled),
        (np.array([1.0, 0.5, 0.99, 1.0]), overruled),  # one token below CRF_SURE
        (np.array([0.2, 0.96, 0.99, 0.1]), [(1, 3, "PER")]),
    ]:
        got = spans(vote(crf, nets, sure))
        assert [(s.start, s.end, s.label) for s in got] == expected


@pytest.mark.parametrize(
    ("crf", "nets", "expected"),
    [
        ([(1, 3, "PER")], [[(1, 2, "PER")], [(1, 2, "PER")]], True),
        ([(1, 3, "PER")], [[(1, 2, "PER")], [(0, 1, "PER")]], False),  # no agreement
        ([(1, 3, "PER")], [[(1, 3, "PER")], [(1, 2, "PER")]], False),  # would not win
        ([(1, 3, "PER")], [[(4, 5, "LOC")], [(4, 5, "LOC")]], False),  # no overlap
        ([], [[(4, 5, "LOC")], [(4, 5, "LOC")]], False),
    ],
)
def test_contested(
    crf: list[tuple[int, int, str]], nets: list[list[tuple[int, int, str]]], expected: bool
) -> None:
    assert N.contested(_tags(6, *crf), [_tags(6, *n) for n in nets]) is expected


def test_shipped_tagger_votes_with_its_networks() -> None:
    from rasd.entities.labels import map_tags
    from rasd.entities.tagger import CRFBackend

    backend = CRFBackend()
    assert len(backend.networks) == 2
    tags = backend.networks[0].tag_many(NEWS)
    assert spans(tags[0])[-1] == (6, 7, "GPE")
    backend.rules = backend.propagate = False
    words = [[backend.featurizer.norm(t) for t in s] for s in NEWS]
    opinions = N.tag(backend.networks, words)
    crf = backend._scorer.tag_many(NEWS)
    sure = backend._scorer.confidence(NEWS, crf)
    expected = [vote(tags, [o[i] for o in opinions], sure[i]) for i, tags in enumerate(crf)]
    assert [map_tags(t) for t in backend.tag(NEWS)] == expected


def test_a_model_directory_without_networks_is_the_crf_alone(tmp_path: Path) -> None:
    import shutil

    from rasd.entities.tagger import CRFBackend, models_dir

    shutil.copytree(models_dir(), tmp_path / "m", ignore=shutil.ignore_patterns("__*", "ner_net_*"))
    alone = CRFBackend(tmp_path / "m")
    assert alone.networks == []
    shipped = CRFBackend()
    shipped.networks = []
    assert alone.tag(NEWS) == shipped.tag(NEWS)


def test_torch_and_numpy_agree(tmp_path: Path, vectors: Vectors) -> None:
    torch = pytest.importorskip("torch")
    from rasd.entities.network_train import build_model, export

    torch.manual_seed(0)
    model = build_model(vectors, WORDS, CHARS, TAGS)
    model.eval()
    path = tmp_path / "n.npz"
    export(model, TAGS, WORDS, CHARS, path)
    net = Network(path, vectors)
    sentences = [s for s in SENTENCES if s]
    words = {w: i for i, w in enumerate(WORDS)}
    chars = {c: i for i, c in enumerate(CHARS)}
    steps = max(map(len, sentences))
    pre = torch.zeros(len(sentences), steps, dtype=torch.long)
    tw = torch.zeros(len(sentences), steps, dtype=torch.long)
    ch = torch.zeros(len(sentences), steps, WORD_CHARS, dtype=torch.long)
    mask = torch.zeros(len(sentences), steps, dtype=torch.bool)
    for b, s in enumerate(sentences):
        mask[b, : len(s)] = True
        for t, w in enumerate(s):
            pre[b, t] = vectors.index.get(w, 0)
            tw[b, t] = words.get(w, 1)
            for j, c in enumerate(w[:WORD_CHARS]):
                ch[b, t, j] = chars.get(c, 1)
    with torch.no_grad():
        expected = model.emissions(pre, tw, ch, mask).numpy()
    for b, got in enumerate(net.emissions(sentences)):
        np.testing.assert_allclose(got, expected[b, : len(sentences[b])], atol=1e-4)


def test_training_writes_a_network_numpy_can_tag_with(
    tmp_path: Path, vectors: Vectors, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("torch")
    from rasd.entities import network_train
    from rasd.entities.conll import Sentence

    monkeypatch.setattr(network_train, "EPOCHS", 2)
    sentence = Sentence(
        ["قال", "الرئيس", "بوتين", "في", "موسكو"], _tags(5, (2, 3, "PER"), (4, 5, "LOC"))
    )
    lines: list[str] = []
    done = network_train.train_network(
        [sentence] * 20, vectors, tmp_path / "ner_net_1.npz", seed=1, log=lines.append
    )
    assert len(lines) == 2
    assert 0.0 <= done["held_f1"] <= 1.0
    net = Network(tmp_path / "ner_net_1.npz", vectors)
    assert set(net.tags) == {"O", "B-PER", "B-LOC"}
    assert [len(t) for t in net.tag_many([sentence.tokens, ["بوتين"]])] == [5, 1]
    assert not list(tmp_path.glob("*.tmp.npz"))


def test_kept_word_inputs_are_the_computed_ones(
    tmp_path: Path, vectors: Vectors, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(N, "_MAX_WORDS", 4)  # so the store fills and starts again
    arrays = _random_arrays(np.random.default_rng(5), TAGS)
    net = Network(_write(tmp_path / "n.npz", arrays, TAGS), vectors)
    calls = [["بوتين", "قال"], ["قال", "موسكو", "الرئيس"], ["x", "y", "بوتين"], list("abcdef")]
    for words in calls:
        np.testing.assert_array_equal(net.word_inputs(words), net._compute_inputs(words))
    assert len(net._cached) <= 4


def test_crf_only_is_chosen_by_name_or_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from rasd.entities.tagger import CRFBackend, get_backend

    monkeypatch.delenv("RASD_NER_MODEL", raising=False)
    full, alone = get_backend(), get_backend("crf-only")
    assert isinstance(full, CRFBackend)
    assert isinstance(alone, CRFBackend)
    assert len(full.networks) == 2
    assert alone.networks == []
    assert get_backend("crf") is full
    monkeypatch.setenv("RASD_NER_MODEL", "crf-only")
    assert get_backend() is alone
    assert get_backend("crf") is full  # a name given outright wins over the environment


def test_two_of_three_networks_overrule_an_unsure_crf_span() -> None:
    crf = _tags(4, (1, 3, "PER"))
    nets = [_tags(4, (1, 2, "PER")), _tags(4, (1, 2, "PER")), _tags(4)]
    assert N.contested(crf, nets)
    assert spans(vote(crf, nets)) == [(1, 2, "PER")]
    assert spans(vote(crf, nets, np.ones(4))) == [(1, 3, "PER")]
    # A network on the CRF's side: 2.5 against 2.0, nothing to decide.
    backed = [_tags(4, (1, 2, "PER")), _tags(4, (1, 2, "PER")), crf]
    assert not N.contested(crf, backed)
    assert spans(vote(crf, backed)) == [(1, 3, "PER")]


def test_bad_network_files_are_named(tmp_path: Path, vectors: Vectors) -> None:
    arrays = _random_arrays(np.random.default_rng(0), TAGS)
    _write(tmp_path / "ner_net_1.npz", arrays, TAGS)
    words = sorted(vectors.index, key=vectors.index.__getitem__)
    np.savez(tmp_path / N.VECTORS_FILE, vectors=vectors.table[1:], clusters_sha256="abc")
    with pytest.raises(N.NetworkFileError, match="the vote needs two"):
        N.load_networks(tmp_path, words, "abc")
    (tmp_path / "ner_net_2.npz").write_bytes(b"not a zip file")
    with pytest.raises(N.NetworkFileError, match=r"ner_net_2\.npz"):
        N.load_networks(tmp_path, words, "abc")
    _write(tmp_path / "ner_net_2.npz", {k: v for k, v in arrays.items() if k != "out.bias"}, TAGS)
    with pytest.raises(N.NetworkFileError, match=r"ner_net_2\.npz"):
        N.load_networks(tmp_path, words, "abc")
    _write(tmp_path / "ner_net_2.npz", arrays, TAGS)
    assert len(N.load_networks(tmp_path, words, "abc")) == 2
    with pytest.raises(N.NetworkFileError, match="another clusters file"):
        N.load_networks(tmp_path, words, "def")
    (tmp_path / N.VECTORS_FILE).unlink()
    with pytest.raises(N.NetworkFileError, match=N.VECTORS_FILE):
        N.load_networks(tmp_path, words, "abc")


def test_the_tagger_reports_unreadable_networks(tmp_path: Path) -> None:
    import shutil

    from rasd.entities.tagger import CRFBackend, ModelError, models_dir

    shutil.copytree(models_dir(), tmp_path / "m", ignore=shutil.ignore_patterns("__*"))
    (tmp_path / "m" / "ner_net_2.npz").write_bytes(b"")
    with pytest.raises(ModelError, match="crf-only"):
        CRFBackend(tmp_path / "m")
    assert CRFBackend(tmp_path / "m", networks=False).networks == []


def test_vectors_rows_follow_the_clusters_file(tmp_path: Path) -> None:
    from rasd.entities.scorer import file_sha256
    from rasd.entities.train import write_clusters, write_vectors

    table = {"موسكو": (1,), "الرئيس": (2,), "بوتين": (3,)}  # not in sorted order
    vecs = np.array([[1.0, 0.0], [0.0, 1.0], [0.5, 0.5]], dtype=np.float32)
    clusters = tmp_path / "clusters.tsv.gz"
    write_clusters(clusters, table, Counter(dict.fromkeys(table, 5)))
    write_vectors(tmp_path / "v.npz", table, vecs, clusters)
    with gzip.open(clusters, "rt", encoding="utf-8") as fh:
        words = [line.split("\t")[0] for line in fh]
    loaded = Vectors.load(tmp_path / "v.npz", words, file_sha256(clusters))
    for row, w in enumerate(table):
        np.testing.assert_array_equal(loaded.table[loaded.index[w]], vecs[row])


def test_word_inputs_are_kept_and_shared_safely(
    tmp_path: Path, vectors: Vectors, monkeypatch: pytest.MonkeyPatch
) -> None:
    from concurrent.futures import ThreadPoolExecutor

    arrays = _random_arrays(np.random.default_rng(6), TAGS)
    net = Network(_write(tmp_path / "n.npz", arrays, TAGS), vectors)
    net.word_inputs(["قال", "بوتين"])
    assert set(net._cached) == {"قال", "بوتين"}
    net.word_inputs(["بوتين"])
    assert len(net._cached) == 2  # kept, not computed again

    monkeypatch.setattr(N, "_MAX_WORDS", 5)
    small = Network(tmp_path / "n.npz", vectors)
    calls = [[f"w{(i * 7 + j) % 13}" for j in range(4)] for i in range(200)]
    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(small.word_inputs, calls))
    for words, inputs in zip(calls, got, strict=True):
        np.testing.assert_array_equal(inputs, small._compute_inputs(words))


def test_networks_tag_together_as_each_alone(tmp_path: Path, vectors: Vectors) -> None:
    nets = [
        Network(
            _write(tmp_path / f"n{k}.npz", _random_arrays(np.random.default_rng(k), tags), tags),
            vectors,
        )
        for k, tags in enumerate([TAGS, TAGS, ["O", "B-PER", "I-PER"]])
    ]
    for group in (nets[:2], nets):  # one Viterbi pass for shared tags, and apart
        together = N.tag(group, SENTENCES)
        for net, tags in zip(group, together, strict=True):
            assert tags == [net.tag_many([s])[0] if s else [] for s in SENTENCES]
