"""Entity taggers behind one interface: the shipped CRF, or a user's Hugging Face model.

A backend tags sentences of tokens (as written) with BIO tags whose labels are rasd types
(``PER``, ``GPE``…) or fine classes (``Politician``, ``Nation``…); :func:`label_parts`
reads either. Nothing here downloads anything: the CRF ships in ``rasd/models`` and a
Hugging Face model is read from a directory the user names.

The CRF backend works in three steps:

1. features per sentence (:class:`rasd.entities.features.Featurizer`);
2. the coarse CRF (``ner_crf.crfsuite``) finds spans typed PER/ORG/GPE/LOC/FAC/NORP/MISC,
   and two networks (``ner_net_*.npz``, :mod:`rasd.entities.network`) vote on them; rules
   and one reading per document follow (:mod:`rasd.entities.rules`);
3. the fine classifier (``ner_fine.crfsuite``, a maximum-entropy model: a CRF over
   one-item sequences) names each span's fine class, among those of its type.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from rasd.entities.features import (
    CLUSTERS_FILE,
    Featurizer,
    Resources,
    conjunction_split,
    read_resources,
)
from rasd.entities.labels import FINE_TO_TYPE, Span, bio, coarse, spans
from rasd.entities.network import NetworkFileError, contested, load_networks, vote
from rasd.entities.network import tag as tag_networks
from rasd.entities.rules import apply_rules, propagate
from rasd.entities.scorer import CompiledCRF, CRFWeights, file_sha256
from rasd.errors import RasdError


class ModelError(RasdError):
    """A tagger model is missing, unreadable, or needs a package that is not installed."""


@runtime_checkable
class Backend(Protocol):
    name: str

    def tag(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """BIO tags, one list per sentence, labels being rasd types or fine classes."""
        ...


def label_parts(label: str) -> tuple[str | None, str | None]:
    """(type, fine class) of a span label: ``Politician`` → (PER, Politician),
    ``GPE`` → (GPE, None), ``B-PERS``'s ``PERS`` → (PER, None)."""
    return coarse(label), (label if label in FINE_TO_TYPE else None)


def models_dir() -> Path:
    return Path(str(resources.files("rasd.models")))


class CRFBackend:
    """The shipped tagger. Loading takes a fraction of a second and happens once per
    process (:func:`crf_backend`); tagging sums cached per-word feature weights and runs
    Viterbi in numpy (:mod:`rasd.entities.scorer`), over the model crfsuite trained."""

    name = "crf"

    def __init__(self, directory: Path | None = None, *, networks: bool = True) -> None:
        try:
            import pycrfsuite  # type: ignore[import-untyped, import-not-found, unused-ignore]
        except ImportError as exc:  # pragma: no cover - a declared dependency
            raise ModelError(
                "the CRF tagger needs python-crfsuite (pip install python-crfsuite)"
            ) from exc
        directory = directory or models_dir()
        meta_path = directory / "ner_model.json"
        if not meta_path.is_file():
            raise ModelError(
                f"no tagger model in {directory} (expected ner_model.json); run `make model`"
            )
        started = time.perf_counter()
        self.meta: dict[str, Any] = json.loads(meta_path.read_text(encoding="utf-8"))
        self.resources: Resources = read_resources(directory)
        self.featurizer = Featurizer(self.resources, self.meta.get("feature_set", "full"))
        self._crf = pycrfsuite.Tagger()
        model = directory / "ner_crf.crfsuite"
        self._crf.open(str(model))
        # Decoded by rasd.entities.scorer: the same model and tags, several times faster.
        self._scorer = CompiledCRF(CRFWeights.load(model, self._crf), self.featurizer)
        # The networks that vote with the CRF (rasd.entities.network); none in a model
        # directory without them, or when the CRF alone is asked for (``crf-only``: about
        # 2.5 times faster, a point of F1 less on NewsFANE dev, two in cross-validation).
        self.networks = []
        if networks and (directory / CLUSTERS_FILE).is_file():
            try:
                self.networks = load_networks(
                    directory,
                    list(self.resources.clusters),
                    file_sha256(directory / CLUSTERS_FILE),
                )
            except NetworkFileError as exc:
                raise ModelError(
                    f"the entity tagger's networks cannot be read ({exc}); "
                    "RASD_NER_MODEL=crf-only tags with the CRF alone"
                ) from exc
        self._fine: Any = None
        fine = directory / "ner_fine.crfsuite"
        if fine.is_file():
            self._fine = pycrfsuite.Tagger()
            self._fine.open(str(fine))
        # rasd.entities.rules: corrections and one reading per document; off to measure
        # the CRF alone.
        self.rules = True
        self.propagate = True
        self.load_seconds = time.perf_counter() - started

    def tag(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """Tag sentences of one document (what one call gets is read as one document)."""
        norm = self.featurizer.norm
        words = [[norm(t) for t in tokens] for tokens in sentences]
        coarse_tags = self._scorer.tag_many(sentences)
        if self.networks:
            opinions = tag_networks(self.networks, words)
            others = [[o[i] for o in opinions] for i in range(len(sentences))]
            # The CRF's certainty (forward-backward) only where the vote could overrule it.
            doubt = [i for i, tags in enumerate(coarse_tags) if contested(tags, others[i])]
            certainty = self._scorer.confidence(
                [sentences[i] for i in doubt], [coarse_tags[i] for i in doubt]
            )
            sure = dict(zip(doubt, certainty, strict=True))
            coarse_tags = [vote(tags, others[i], sure.get(i)) for i, tags in enumerate(coarse_tags)]
        if self.rules:
            coarse_tags = [
                apply_rules(ws, tags, self.resources) if tags else tags
                for ws, tags in zip(words, coarse_tags, strict=True)
            ]
        if self.propagate:
            coarse_tags = propagate(words, coarse_tags, self.resources)
        if self._fine is None:
            return coarse_tags
        return self._refine(words, coarse_tags)

    def _refine(
        self, words: Sequence[Sequence[str]], coarse_tags: list[list[str]]
    ) -> list[list[str]]:
        found = [spans(tags) for tags in coarse_tags]
        features = [
            fine_features(self.featurizer, ws, sp, normalised=True)
            for ws, sps in zip(words, found, strict=True)
            for sp in sps
        ]
        # The fine model was trained on one-span sequences, so it has no transition
        # weights: one call over all the document's spans gives each its own best class.
        fines = iter(self._fine.tag(features) if features else [])
        out = []
        for tags, sps in zip(coarse_tags, found, strict=True):
            items = []
            for sp in sps:
                fine = next(fines)
                # The fine class must belong to the span's type; when the classifier's
                # best does not, the type alone is kept.
                label = fine if FINE_TO_TYPE.get(fine) == sp.label else sp.label
                items.append(Span(sp.start, sp.end, label))
            out.append(bio(len(tags), items) if items else tags)
        return out


def fine_features(
    featurizer: Featurizer, tokens: Sequence[str], sp: Span, *, normalised: bool = False
) -> list[str]:
    """Features of one span for the fine classifier: its type, its words (first and last
    apart: ``وزارة`` heads a Government, ``بوتين`` ends a Politician), and the two words
    before it, where titles stand (``الرئيس``, ``اللاعب``, ``الفنان``)."""
    words = tokens if normalised else [featurizer.norm(t) for t in tokens]
    inside = list(words[sp.start : sp.end])
    f = [f"type={sp.label}", f"first={inside[0]}", f"last={inside[-1]}", f"n={min(len(inside), 4)}"]
    f.extend(f"in={w}" for w in inside)
    for w in inside[:1] + inside[-1:]:
        cl = featurizer.res.clusters.get(w) or featurizer.res.clusters.get(featurizer.stem(w))
        if cl:
            f.extend(f"c{i}={c}|{sp.label}" for i, c in enumerate(cl))
    for d in (1, 2):
        j = sp.start - d
        f.append(f"-{d}={words[j] if j >= 0 else '<s>'}")
        if j >= 0:
            f.append(f"-{d}stem={featurizer.stem(words[j])}")
            # A nisba before a name (الرئيس الروسي ___) says little about the title, so
            # look past it: the word before the nisba is the title.
            if featurizer.res.nisba_code(words[j]):
                f.append(f"-{d}nisba")
            cl = featurizer.res.clusters.get(words[j])
            if cl:
                f.append(f"-{d}c={cl[-1]}")
    if sp.end < len(words):
        f.append(f"+1={words[sp.end]}")
    f.extend(f"gaz={g}" for g in sorted(featurizer.gazetteer_kinds(inside)))
    return f


@lru_cache(maxsize=4)
def crf_backend(directory: str | None = None, *, networks: bool = True) -> CRFBackend:
    """The CRF tagger, loaded once per process (per model directory)."""
    return CRFBackend(Path(directory) if directory else None, networks=networks)


class HFBackend:
    """A Hugging Face token-classification model on disk (``--ner-model PATH``).

    Needs the ``transformers`` extra (``pip install 'rasd[transformers]'``). Words are
    tokenized into sub-words by the model's tokenizer and each word takes the label of
    its first sub-word; the model's ``id2label`` names may be rasd types, fine classes or
    another corpus's tags (``B-PERS``): :func:`label_parts` reads them all. ``model`` and
    ``tokenizer`` may be given directly (tests pass small objects built in memory).
    """

    name = "transformers"

    def __init__(
        self,
        path: str | Path | None = None,
        *,
        model: Any = None,
        tokenizer: Any = None,
        batch_size: int = 16,
        max_length: int = 512,
    ) -> None:
        if model is None or tokenizer is None:
            if path is None:
                raise ModelError("HFBackend needs a model directory or a model and tokenizer")
            try:
                from transformers import (  # type: ignore[import-not-found, unused-ignore]
                    AutoModelForTokenClassification,
                    AutoTokenizer,
                )
            except ImportError as exc:
                raise ModelError(
                    "--ner-model needs the transformers extra: pip install 'rasd[transformers]'"
                ) from exc
            if not Path(path).is_dir():
                raise ModelError(f"--ner-model expects a model directory, got {str(path)!r}")
            # local_files_only: a path that is not a model must fail here, never download.
            try:
                tokenizer = AutoTokenizer.from_pretrained(str(path), local_files_only=True)
                model = AutoModelForTokenClassification.from_pretrained(
                    str(path), local_files_only=True
                )
            except (OSError, ValueError) as exc:
                raise ModelError(
                    f"{path} is not a token-classification model directory ({exc})"
                ) from exc
            model.eval()
        self.model = model
        self.tokenizer = tokenizer
        self.batch_size = batch_size
        self.max_length = max_length
        self.id2label = {int(k): v for k, v in model.config.id2label.items()}

    def tag(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        out: list[list[str]] = []
        for b in range(0, len(sentences), self.batch_size):
            batch = [list(s) for s in sentences[b : b + self.batch_size]]
            out.extend(self._tag_batch(batch))
        return out

    def _tag_batch(self, batch: list[list[str]]) -> list[list[str]]:
        import torch  # type: ignore[import-not-found, unused-ignore]

        nonempty = [s for s in batch if s]
        if not nonempty:
            return [[] for _ in batch]
        enc = self.tokenizer(
            nonempty,
            is_split_into_words=True,
            truncation=True,
            max_length=self.max_length,
            padding=True,
            return_tensors="pt",
        )
        with torch.no_grad():
            logits = self.model(
                input_ids=enc["input_ids"], attention_mask=enc["attention_mask"]
            ).logits
        best = logits.argmax(-1).tolist()
        results = iter(range(len(nonempty)))
        out: list[list[str]] = []
        for sent in batch:
            if not sent:
                out.append([])
                continue
            i = next(results)
            tags = ["O"] * len(sent)
            seen: set[int] = set()
            for pos, word in enumerate(enc.word_ids(i)):
                if word is not None and word not in seen:
                    seen.add(word)
                    tags[word] = _bio(self.id2label.get(best[i][pos], "O"))
            out.append(_repair(tags))
        return out


def _bio(label: str) -> str:
    """A model label as a BIO tag (``PER`` alone, as some models name them, is ``I-PER``)."""
    if label in ("O", "") or label.upper() == "O":
        return "O"
    if label[:2] in ("B-", "I-"):
        return label
    if label[:2] in ("E-", "S-", "L-", "U-"):  # BIOES/BILOU: starts and singles are B
        return ("B-" if label[0] in "SU" else "I-") + label[2:]
    return "I-" + label


def _repair(tags: list[str]) -> list[str]:
    """Keep only spans with a known type, in canonical BIO."""
    return bio(len(tags), [s for s in spans(tags) if coarse(s.label)])


def backend_resources(backend: Backend) -> Resources:
    """Counts, gazetteer and nisba table for the steps around any backend (splitting
    conjunctions, nisba mentions): the backend's own, or the shipped model's."""
    if isinstance(backend, CRFBackend):
        return backend.resources
    try:
        return crf_backend(networks=False).resources
    except ModelError:  # these steps are extras: a missing CRF model must not stop tagging
        return Resources()


def tag_split(backend: Backend, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
    """Tag sentences after splitting written-on conjunctions off (as the training text
    does, see :func:`rasd.entities.features.conjunction_split`); each token takes the tag
    of its word, so the output lines up with the input."""
    res = backend_resources(backend)
    split: list[list[str]] = []
    owners: list[list[int]] = []
    for tokens in sentences:
        pieces: list[str] = []
        owner: list[int] = []  # index of each token's main piece
        for tok in tokens:
            cut = conjunction_split(tok, res)
            if cut:
                pieces.append(tok[:cut])
            owner.append(len(pieces))
            pieces.append(tok[cut:])
        split.append(pieces)
        owners.append(owner)
    tagged = backend.tag(split)
    out = []
    for tags, owner in zip(tagged, owners, strict=True):
        mapped = [tags[i] for i in owner]
        out.append(bio(len(mapped), spans(mapped)))
    return out


def get_backend(model: str | None = None) -> Backend:
    """The shipped tagger by default (``crf``: the CRF with the networks that vote with
    it); ``crf-only`` for the CRF alone; a Hugging Face model when ``model`` is a
    directory. Without ``model``, the ``RASD_NER_MODEL`` environment variable chooses, so
    a whole pipeline (``rasd analyze``, ``ingest``, ``batch``) can run the faster CRF."""
    model = model or os.environ.get("RASD_NER_MODEL") or "crf"
    if model in ("crf", "crf-only"):
        return crf_backend(networks=model == "crf")
    return HFBackend(model)
