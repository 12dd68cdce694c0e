"""Features of a token sequence for the CRF tagger.

Every feature is a string the CRF weighs. They come in two kinds:

- word-type features (:func:`_word_features`) depend on the word alone — its search form,
  clitic-free stem, affixes, shape, frequency, how often the news counts show it with the
  article, pronoun or plural endings (names rarely take them), word clusters learnt from raw
  news (:mod:`rasd.entities.clusters`), and whether it is a nisba adjective. They are
  computed once per distinct word and cached for each context offset, because news repeats a
  small vocabulary (:mod:`rasd.entities.scorer` caches their summed weights the same way);
- sentence features: gazetteer matches, which span several tokens (``الولايات المتحدة``)
  and may start after a proclitic (``بالولايات``, ``لروسيا``).

Words are normalised first (:func:`rasd.arabic.normalize`): the training text has no
hamza on alef, and the tagger must see ``أوكرانيا`` and ``اوكرانيا`` as one word.
"""

from __future__ import annotations

import gzip
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rasd.arabic.normalize import normalize

# Feature sets compared by bench/ner.py; "full" is what the shipped model uses.
FEATURE_SETS = ("base", "gazetteer", "clusters", "full")

_CONJ = ("و", "ف")
_PREP = ("ب", "ل", "ك")
ARTICLE = "ال"


@lru_cache(maxsize=1 << 17)
def strip_clitics(word: str) -> tuple[str, ...]:
    """Readings of a search-form word with its proclitics removed, least stripped first:
    ``وبالعراق`` → ``بالعراق``, ``العراق``, ``عراق``. Used to look a word up (gazetteers,
    clusters), never to cut the token: a reading only counts when the lookup finds it.
    Cached: the tagger and its rules ask for the same words many times per sentence.

    >>> strip_clitics("وللامم")
    ('للامم', 'الامم', 'امم')
    """
    out: list[str] = []
    w = word
    if len(w) > 3 and w[0] in _CONJ:
        w = w[1:]
        out.append(w)
    if len(w) > 3 and w.startswith("لل"):
        # ل + ال is written لل: the article's alef drops (للعراق = ل + العراق).
        w = ARTICLE + w[2:]
        out.append(w)
    elif len(w) > 4 and w[0] in _PREP and w[1:3] == ARTICLE:
        w = w[1:]
        out.append(w)
    elif len(w) > 3 and w[0] in _PREP:
        out.append(w[1:])
    if len(w) > 4 and w.startswith(ARTICLE):
        out.append(w[2:])
    return tuple(out)


# Diacritics and tatweel: written on a letter, dropped by normalize().
MARKS = frozenset("\u0640\u0670") | {chr(c) for c in range(0x064B, 0x0660)}


def conjunction_split(token: str, res: Resources) -> int:
    """Where a conjunction written onto a word ends (``وروسيا`` → 1), or 0.

    The training text writes ``و``/``ف`` as words of their own (``و روسيا``), running text
    does not, so tokens are split the same way before tagging. A split needs evidence:
    the rest is a name the gazetteer knows, or a word far more frequent than the whole
    (``وزارة`` is not و + زارة, ``ولي`` stays ولي)."""
    if len(token) < 4 or token[0] not in _CONJ:
        return 0
    norm = _norm(token)
    rest = norm[1:]
    if len(rest) < 3:
        return 0
    if rest in res.gazetteer or res.counts.get(rest, 0) > 4 * (res.counts.get(norm, 0) + 1):
        i = 1
        while i < len(token) and token[i] in MARKS:
            i += 1  # the conjunction's own vowel (وَ) goes with it
        return i
    return 0


# Endings a noun takes and a name rarely does (search form: ة is written ه).
_PRONOUN_ENDINGS = ("ه", "ها", "هم", "هما", "نا", "كم")
_PLURAL_ENDINGS = ("ات", "ين", "ون")

# Nisba endings in search form, longest first: ين/ون (plural), يات, يه (ة), ي.
_NISBA_ENDINGS = ("يين", "يون", "يات", "يه", "ي")


@lru_cache(maxsize=1 << 17)
def nisba_bases(word: str) -> tuple[str, ...]:
    """Masculine singular readings of a nisba-shaped word without clitics or article:
    ``والايرانيه`` → [..., ``ايراني``]; empty when the word does not end like a nisba."""
    out = []
    for form in (word, *strip_clitics(word)):
        bare = form[2:] if form.startswith(ARTICLE) else form
        for end in _NISBA_ENDINGS:
            if bare.endswith(end) and len(bare) > len(end) + 1:
                out.append(bare[: -len(end)] + "ي")
                break
    return tuple(out)


@dataclass(slots=True)
class Resources:
    """What features look words up in (all keys in search form)."""

    clusters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    # gazetteer: first word → list of (rest of the name as a tuple, kind)
    gazetteer: dict[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=dict)
    nisba: dict[str, str] = field(default_factory=dict)  # masculine singular → country code
    _entries: dict[str, tuple[tuple[tuple[str, ...], str], ...]] = field(
        default_factory=dict, repr=False
    )

    def add_name(self, name: str, kind: str) -> None:
        words = tuple(normalize(name).split())
        if words:
            entry = (words[1:], kind)
            bucket = self.gazetteer.setdefault(words[0], [])
            if entry not in bucket:
                bucket.append(entry)
                self._entries.clear()

    def entries(self, word: str) -> tuple[tuple[tuple[str, ...], str], ...]:
        """Gazetteer names that may start at ``word``, read as is or without its proclitics
        (``بالولايات`` starts الولايات المتحده): (rest of the name, kind) pairs. Cached: asked
        of every word of every sentence, and almost always empty."""
        found = self._entries.get(word)
        if found is None:
            found = tuple(
                entry
                for form in (word, *strip_clitics(word))
                for entry in self.gazetteer.get(form, ())
            )
            if len(self._entries) < 1 << 17:
                self._entries[word] = found
        return found

    def nisba_code(self, word: str) -> str | None:
        """The country (or region) code of a nisba adjective or plural: ``الروسية`` → RUS."""
        for base in nisba_bases(word):
            code = self.nisba.get(base)
            if code:
                return code
        return None


class Featurizer:
    """Turns a sentence (a list of tokens as written) into CRF feature lists."""

    def __init__(self, resources: Resources, feature_set: str = "full") -> None:
        if feature_set not in FEATURE_SETS:
            raise ValueError(f"feature set must be one of {FEATURE_SETS}, got {feature_set!r}")
        self.res = resources
        self.use_gazetteer = feature_set in ("gazetteer", "full")
        self.use_clusters = feature_set in ("clusters", "full")
        # Caches live on the instance so two featurizers (a benchmark's) never mix.
        self._word = lru_cache(maxsize=1 << 17)(self._word_features)
        self._ctx = lru_cache(maxsize=1 << 17)(self._contexts)

    def sentence_parts(self, tokens: Sequence[str]) -> tuple[list[str], list[tuple[str, ...]]]:
        """The words of a sentence in search form, and the gazetteer marks on each."""
        words = [_norm(t) for t in tokens]
        gaz: list[tuple[str, ...]] = (
            self._gazetteer(words) if self.use_gazetteer else [()] * len(words)
        )
        return words, gaz

    def word_features(self, w: str) -> tuple[str, ...]:
        """Features of the word itself. Not cached here: the tagger keeps their summed
        weights instead (:mod:`rasd.entities.scorer`), a few numbers per word."""
        return self._word_features(w)

    def context_features(self, w: str) -> tuple[tuple[str, ...], ...]:
        """What the word contributes as the neighbour at offsets -2, -1, +1, +2."""
        return self._contexts(w)

    def __call__(self, tokens: Sequence[str]) -> list[list[str]]:
        """Every token's features, as the CRF is trained on them. Tagging sums the same
        features' weights without building these lists (:mod:`rasd.entities.scorer`)."""
        words, gaz = self.sentence_parts(tokens)
        n = len(words)
        word = self._word
        # Each word's features at each offset, looked up once and spliced (the hot loop).
        left2, left1, right1, right2 = zip(*map(self._ctx, words), strict=True) if n else ((),) * 4
        gaz_left = [tuple(f"-1:{g}" for g in m) if m else () for m in gaz]
        gaz_right = [tuple(f"1:{g}" for g in m) if m else () for m in gaz]
        out = []
        for i, w in enumerate(words):
            feats = [
                "bias",
                *word(w),
                *gaz[i],
                *(left2[i - 2] if i >= 2 else START2),
                *((*left1[i - 1], *gaz_left[i - 1]) if i >= 1 else START1),
                *((*right1[i + 1], *gaz_right[i + 1]) if i + 1 < n else END1),
                *(right2[i + 2] if i + 2 < n else END2),
            ]
            # Word pairs: ``الرئيس X``, ``X بن``, ``وزارة X``.
            if i > 0:
                feats.append(pair_left(words[i - 1], w))
            if i + 1 < n:
                feats.append(pair_right(w, words[i + 1]))
            out.append(feats)
        return out

    # -- word-type features --------------------------------------------------

    def stem(self, w: str) -> str:
        """The word without proclitics and article, when that reading is a known word."""
        for form in reversed(strip_clitics(w)):
            if form in self.res.counts or form in self.res.gazetteer:
                return form
        return w

    def _word_features(self, w: str) -> tuple[str, ...]:
        stem = self.stem(w)
        f = [f"w={w}", f"stem={stem}", f"shape={_shape(w)}"]
        for k in (1, 2, 3, 4):
            if len(w) > k:
                f.append(f"p{k}={w[:k]}")
                f.append(f"s{k}={w[-k:]}")
        if len(stem) > 3 and stem != w:
            f.append(f"sp2={stem[:2]}")
            f.append(f"ss2={stem[-2:]}")
        f.append(f"len={min(len(stem), 8)}")
        if self.res.counts:
            # Rare words are more often names; the log bucket lets the CRF learn by how much.
            c = self.res.counts.get(w) or self.res.counts.get(stem, 0)
            f.append(f"freq={int(math.log2(c + 1))}" if c < 1 << 12 else "freq=hi")
            f.extend(self._inflection(stem))
        code = self.res.nisba_code(w) if self.use_gazetteer else None
        if code:
            f.append("nisba")
            f.append(f"nisba={code}")
        if self.use_clusters:
            cl = self.res.clusters.get(w) or self.res.clusters.get(stem)
            if cl:
                f.extend(f"c{i}={c}" for i, c in enumerate(cl))
            else:
                f.append("c=none")
        return tuple(f)

    def _inflection(self, stem: str) -> list[str]:
        """How the word behaves in the raw news counts: common nouns take the article,
        pronoun endings and plural endings (حيوان: الحيوان, حيوانه, حيوانات); names
        rarely do (بجماليون, شاركو). Log ratios, bucketed, of those forms' counts to the
        bare word's: evidence for a name never annotated."""
        counts = self.res.counts
        bare = stem[2:] if stem.startswith(ARTICLE) and len(stem) > 4 else stem
        base = counts.get(bare, 0) + 1
        out = []
        for name, forms in (
            ("art", (ARTICLE + bare,)),
            ("pron", tuple(bare + e for e in _PRONOUN_ENDINGS)),
            ("plur", tuple(bare + e for e in _PLURAL_ENDINGS)),
        ):
            other = sum(counts.get(x, 0) for x in forms) + 1
            out.append(f"{name}={max(-3, min(3, round(math.log2(other / base))))}")
        return out

    def _contexts(self, w: str) -> tuple[tuple[str, ...], ...]:
        """A word's features as the neighbour at offsets -2, -1, +1 and +2."""
        return tuple(self._context_features(w, d) for d in (-2, -1, 1, 2))

    def _context_features(self, w: str, d: int) -> tuple[str, ...]:
        """What a neighbour at offset ``d`` contributes: its word, stem and clusters."""
        stem = self.stem(w)
        f = [f"{d}:w={w}"]
        if stem != w:
            f.append(f"{d}:stem={stem}")
        if abs(d) == 1:
            f.append(f"{d}:shape={_shape(w)}")
            if self.use_gazetteer and self.res.nisba_code(w):
                f.append(f"{d}:nisba")
        if self.use_clusters:
            cl = self.res.clusters.get(w) or self.res.clusters.get(stem)
            if cl:
                # The finest granularity only for direct neighbours: enough to say "a
                # title word", "a first name", without tripling the feature count.
                f.extend(f"{d}:c{i}={c}" for i, c in enumerate(cl) if abs(d) == 1 or i < 2)
        return tuple(f)

    def norm(self, token: str) -> str:
        return _norm(token)

    def gazetteer_kinds(self, words: Sequence[str]) -> set[str]:
        """Kinds of the gazetteer names that are exactly ``words`` (first one maybe with
        proclitics): ``["للولايات", "المتحده"]`` → {"country"}."""
        rest_words = tuple(words[1:])
        return {kind for rest, kind in self.res.entries(words[0]) if rest == rest_words}

    # -- sentence features ---------------------------------------------------

    def _gazetteer(self, words: Sequence[str]) -> list[tuple[str, ...]]:
        """``gB=kind`` / ``gI=kind`` for the longest gazetteer name at each position."""
        n = len(words)
        marks: list[tuple[str, ...]] = [()] * n
        entries = self.res.entries
        for i in range(n):
            found = entries(words[i])
            if not found:
                continue
            best: dict[str, int] = {}
            for rest, kind in found:
                end = i + 1 + len(rest)
                if end <= n and tuple(words[i + 1 : end]) == rest:
                    best[kind] = max(best.get(kind, 0), end)
            for kind, end in best.items():
                marks[i] += (f"gB={kind}",)
                for j in range(i + 1, end):
                    marks[j] += (f"gI={kind}",)
        return marks


@lru_cache(maxsize=1 << 17)
def _norm(token: str) -> str:
    return normalize(token) or token


def _shape(w: str) -> str:
    if w.isdigit():
        return "digit"
    if any("\u0600" <= ch <= "\u06ff" for ch in w):
        return "ar" if w.isalpha() else "ar-mixed"
    if w.isalpha():
        return "latin"
    if len(w) == 1:
        return "punct" if not w.isalnum() else "other"
    return "other"


# What stands in for a neighbour before the first or after the last word.
START2, START1, END1, END2 = ("-2:<s>",), ("-1:<s>",), ("1:</s>",), ("2:</s>",)


def pair_left(before: str, w: str) -> str:
    """The word-pair feature of ``w`` with the word before it (``الرئيس X``)."""
    return f"w-1w={before}|{w}"


def pair_right(w: str, after: str) -> str:
    """The word-pair feature of ``w`` with the word after it (``X بن``)."""
    return f"ww+1={w}|{after}"


# Files of a model directory (``rasd/models``), written by :mod:`rasd.entities.train`.
CLUSTERS_FILE = "ner_clusters.tsv.gz"  # word, count, cluster id per granularity
GAZETTEER_FILE = "ner_gazetteer.tsv"  # name, kind (country, city, bigcity, person)
NISBA_FILE = "ner_nisba.tsv"  # masculine singular nisba, country code


def read_resources(directory: Path) -> Resources:
    """Load what the features look words up in; missing files leave that part empty."""
    res = Resources()
    clusters = directory / CLUSTERS_FILE
    if clusters.is_file():
        with gzip.open(clusters, "rt", encoding="utf-8") as fh:
            for line in fh:
                w, count, *cl = line.rstrip("\n").split("\t")
                res.counts[w] = int(count)
                res.clusters[w] = tuple(cl)
    gaz = directory / GAZETTEER_FILE
    if gaz.is_file():
        for line in gaz.read_text(encoding="utf-8").splitlines()[1:]:
            name, kind = line.split("\t")
            res.add_name(name, kind)
    nisba = directory / NISBA_FILE
    if nisba.is_file():
        for line in nisba.read_text(encoding="utf-8").splitlines()[1:]:
            word, code = line.split("\t")
            res.nisba[word] = code
    return res
