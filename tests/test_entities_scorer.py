"""The numpy decoder gives crfsuite's tags: on a model trained here, and on the shipped one."""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

import pytest

from rasd.arabic.tokens import tokenize
from rasd.entities.features import Featurizer, Resources
from rasd.entities.scorer import CompiledCRF, CRFWeights

pycrfsuite = pytest.importorskip("pycrfsuite")

SAMPLE = Path(__file__).resolve().parents[1] / "examples" / "sample-article.txt"


def _resources() -> Resources:
    res = Resources(
        clusters={"بوتين": ("1", "2"), "روسيا": ("4", "5"), "ماكرون": ("1", "3")},
        counts={"بوتين": 100, "روسيا": 500, "قال": 9000},
        nisba={"روسي": "RUS", "فرنسي": "FRA"},
    )
    res.add_name("الولايات المتحدة", "country")
    res.add_name("روسيا", "country")
    return res


def _sentences(rng: random.Random, n: int) -> list[tuple[list[str], list[str]]]:
    """Toy sentences: names after titles, places after في, everything else O."""
    fill = ["قال", "ان", "اليوم", "في", "مع", "الذي", "وقد", "بعد", "زيارة"]
    names = [("بوتين", "PER"), ("ماكرون", "PER"), ("روسيا", "GPE"), ("لندن", "GPE")]
    out = []
    for _ in range(n):
        toks, tags = [], []
        for _ in range(rng.randint(1, 12)):
            if rng.random() < 0.3:
                name, label = rng.choice(names)
                if rng.random() < 0.3:
                    toks += ["الولايات", "المتحدة"]
                    tags += ["B-GPE", "I-GPE"]
                    continue
                toks.append(name)
                tags.append(f"B-{label}")
            else:
                toks.append(rng.choice(fill))
                tags.append("O")
        out.append((toks, tags))
    return out


@pytest.fixture(scope="module")
def toy(tmp_path_factory: pytest.TempPathFactory) -> tuple[object, Featurizer]:
    featurizer = Featurizer(_resources(), "full")
    trainer = pycrfsuite.Trainer(verbose=False)
    for toks, tags in _sentences(random.Random(1), 300):
        trainer.append(featurizer(toks), tags)
    trainer.set_params({"c1": 0.01, "c2": 0.01, "max_iterations": 40})
    path = tmp_path_factory.mktemp("crf") / "toy.crfsuite"
    trainer.train(str(path))
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger, featurizer


def test_entities_scorer_tags_as_crfsuite_on_a_toy_model(toy: tuple[object, Featurizer]) -> None:
    tagger, featurizer = toy
    compiled = CompiledCRF(CRFWeights.from_tagger(tagger), featurizer)
    sentences = [t for t, _ in _sentences(random.Random(2), 200)]
    # Unseen words, one- and two-word sentences: the edges of the emission sums.
    sentences += [["بوتين"], ["في", "روسيا"], ["غريب", "جدا", "بالولايات", "المتحدة"]]
    expected = [list(tagger.tag(featurizer(t))) if t else [] for t in sentences]  # type: ignore[attr-defined]
    for toks, tags in zip(sentences, expected, strict=True):
        assert compiled.tag(toks) == tags, toks
    assert compiled.tag([]) == []
    # One padded batch, an empty sentence among them: the same tags.
    assert compiled.tag_many([*sentences, []]) == [*expected, []]


def test_entities_scorer_confidence_is_crfsuites_marginal(toy: tuple[object, Featurizer]) -> None:
    tagger, featurizer = toy
    compiled = CompiledCRF(CRFWeights.from_tagger(tagger), featurizer)
    sentences = [t for t, _ in _sentences(random.Random(3), 60) if t]
    sentences += [["بوتين"], ["غريب", "جدا", "بالولايات", "المتحدة"]]
    tagged = compiled.tag_many(sentences)
    for toks, tags, sure in zip(
        sentences, tagged, compiled.confidence(sentences, tagged), strict=True
    ):
        tagger.set(featurizer(toks))  # type: ignore[attr-defined]
        expected = [tagger.marginal(tag, i) for i, tag in enumerate(tags)]  # type: ignore[attr-defined]
        assert list(sure) == pytest.approx(expected, abs=1e-4), toks
    # Not all certain: the comparison above is not of ones with ones.
    assert min(min(sure) for sure in compiled.confidence(sentences, tagged)) < 0.999


def test_entities_scorer_emissions_are_the_summed_feature_weights(
    toy: tuple[object, Featurizer],
) -> None:
    tagger, featurizer = toy
    compiled = CompiledCRF(CRFWeights.from_tagger(tagger), featurizer)
    toks = ["قال", "بوتين", "في", "الولايات", "المتحدة"]
    scores = compiled.emissions(toks)
    for i, feats in enumerate(featurizer(toks)):
        expected = compiled.vector(feats)
        assert scores[i] == pytest.approx(expected, abs=1e-4)


def test_entities_scorer_tags_as_crfsuite_with_the_shipped_model() -> None:
    from rasd.entities.tagger import ModelError, crf_backend

    try:
        backend = crf_backend()
    except ModelError as exc:  # pragma: no cover - the model ships with the package
        pytest.skip(str(exc))
    text = SAMPLE.read_text(encoding="utf-8")
    words = [t.text for t in tokenize(text)]
    sentences = [words[i : i + 25] for i in range(0, len(words), 25)]
    assert len(sentences) > 5
    for toks in sentences:
        expected = list(backend._crf.tag(backend.featurizer(toks)))
        assert backend._scorer.tag(toks) == expected


def test_entities_scorer_weights_cache_is_used_only_for_its_own_model(
    toy: tuple[object, Featurizer], tmp_path: Path
) -> None:
    tagger, _ = toy
    model = tmp_path / "m.crfsuite"
    model.write_bytes(b"stand-in for a crfsuite file")
    weights = CRFWeights.from_tagger(tagger)
    # A cache whose numbers differ from the tagger's shows which source was read.
    doubled = dataclasses.replace(weights, values=weights.values * 2)
    doubled.save(model)
    loaded = CRFWeights.load(model, tagger)
    assert loaded.labels == weights.labels
    assert loaded.attributes == weights.attributes
    assert list(loaded.values) == list(doubled.values)
    # Another model in the same file: the cache no longer matches and crfsuite is read.
    model.write_bytes(b"retrained")
    assert list(CRFWeights.load(model, tagger).values) == list(weights.values)


def test_entities_scorer_long_sentences_go_in_smaller_batches(
    toy: tuple[object, Featurizer], monkeypatch: pytest.MonkeyPatch
) -> None:
    from rasd.entities import scorer

    assert scorer._batches([4, 7, 9], [2, 3, 30]) == [[4, 7, 9]]
    monkeypatch.setattr(scorer, "_POSITIONS", 8)
    assert scorer._batches([4, 7, 9], [2, 3, 30]) == [[4, 7], [9]]
    tagger, featurizer = toy
    compiled = CompiledCRF(CRFWeights.from_tagger(tagger), featurizer)
    sentences = [t for t, _ in _sentences(random.Random(4), 40)]
    tagged = compiled.tag_many(sentences)
    together = compiled.confidence(sentences, tagged)
    for toks, tags, sure in zip(sentences, tagged, together, strict=True):
        assert tags == compiled.tag_many([toks])[0]
        assert list(sure) == pytest.approx(list(compiled.confidence([toks], [tags])[0]))
