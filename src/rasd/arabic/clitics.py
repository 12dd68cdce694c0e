"""Clitic segmentation: a word's proclitics, stem and enclitic pronoun.

Arabic writes conjunctions, prepositions, the future particle and the article onto the
word (``وبالعراق`` is و + ب + ال + عراق, ``وسيكون`` is و + س + يكون) and object and
possessive pronouns after it (``حكومته`` is حكومة + ه). Entities, events and search all
want the stem. The hard part is what not to cut: ``وزير``, ``بيان``, ``كتاب`` and
``لبنان`` begin with letters that are proclitics, and ``رئيسي`` ends with one.

How a word is segmented (:func:`segment`), with the word statistics and name lists of
:mod:`rasd.arabic.lexicon`:

1. Function words stay whole (``كما``, ``لكن``, ``بين``); a few ambiguous words are
   pinned by hand (``ولي`` as in ولي العهد).
2. A function word inside wins: a conjunction or preposition on a function word (``وفي``,
   ``فإن``, ``لذلك``, ``بأن``) and a pronoun on a preposition or particle (``فيها``,
   ``عليه``, ``لأنه``, ``لها``).
3. A word that takes the article is a stem of its own: ``الوزير`` is common, so ``وزير``
   is not و + زير; ``الرئيسي``, so ``رئيسي`` has no pronoun.
4. Every other cut the morphology allows is scored against the whole word: how often
   the stem occurs in any form, times a weight for the affixes, against how often the
   word itself occurs (``وروسيا``: روسيا is ten times as frequent, a cut; ``بيان``: يان is
   fifty times rarer, no cut). A known name counts as a frequent word, so ``بوتين`` and
   ``بكين`` stay whole. No proclitic is cut from a word whose first letter is shown to be
   its own: the word, less an ending, has imperfect forms (``يوجد``: ``وجدته`` is not
   و + جدته) or takes the article (``البحث``: ``بحثت`` is not ب + حثت). A word never seen
   is cut only by its shape (``والموليبدنوم``: و + ال + a long stem).
5. A conjunction, once cut, leaves a word segmented on its own (``وسيكون`` is و + the
   segmentation of ``سيكون``), so a word is cut the same wherever it stands.
6. The article: a stem starting with ال loses it unless those letters are the word's
   own: written with a hamza (``ألمانيا``, ``إلى``), or shown by the counts (``الالتزام``
   exists, so ``التزام`` keeps its ال; ``يلتقي``, so ``التقى`` is a verb).

The written word gives hints the search form loses: a hamza on an alef (never the
article), a final ى (never the pronoun ي), tanween (an indefinite noun takes no pronoun,
and after ـًا no preposition). Stems are given in search form after undoing the spelling
changes a pronoun causes (``حكومته`` → ``حكومه``, i.e. حكومة; ``مستواه`` → ``مستوي``,
i.e. مستوى; ``أبناؤه`` → ``ابناء``); :attr:`Segmentation.pieces` cuts the search form
itself, so the pieces always join back to the normalised word.

Speed: segmentations are cached per written word, and the words of the corpus lexicon come
precomputed (``clitic_segmentations.tsv``), so a first sighting is mostly a lookup.
Accuracy and speed are measured by ``bench/segmentation.py``.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import NamedTuple

from rasd.arabic.lexicon import TA_MARBUTA, key, lexicon, starts_with_hamza_alef
from rasd.arabic.normalize import normalize

ARTICLE = "ال"
CONJUNCTIONS = ("و", "ف")
PARTICLES = ("ب", "ل", "ك", "س")
# Longest first, so ``هما`` is tried before ``ها`` and ``ه``.
PRONOUNS = ("هما", "كما", "هم", "هن", "كم", "كن", "ها", "نا", "ني", "ه", "ك", "ي")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Function words, in key form. They are never cut themselves, and they take conjunctions
# freely (``وفي``, ``فقد``, ``ولكن``).
FUNCTION_WORDS = _words(
    """
    في من الي علي عن مع لدي عند بين منذ حتي خلال حول ضد دون نحو عبر امام وراء فوق تحت
    قبل بعد مثل غير كل بعض نفس ذات احد جميع معظم اي ان لكن لعل ليت بل او ام ثم اذا اذ لو
    لولا قد لقد لا لم لن ما ماذا لماذا متي اين كيف هل هو هي هم هما هن انا نحن انت انتم
    هذا هذه هذان هاتان هؤلاء ذلك تلك اولئك الذي التي الذين اللذان اللتان اللذين اللتين
    اللاتي اللواتي الا كان كانت ليس ليست انفس كما كذلك فقط فيما عندما بينما مما ممن عما
    كلما بعدما حيثما طالما ربما انما كي لكي ايضا حيث فحسب لذا
    """
)
# Function words a preposition (ب ل ك) may also precede: ``بأن``, ``لذلك``, ``بما``, ``لكل``.
_AFTER_PREPOSITION = _words(
    """
    ان ما من هذا هذه هذان هاتان هؤلاء ذلك تلك اولئك كل بعض غير الذي التي الذين نفس جميع
    اي احد مثل لا
    """
)
# ك before a function word: ``ككل``, ``كهذا``. Not ان: ``كان`` (was) is far commoner than كأن.
_AFTER_KAF = _words("كل هذا هذه هؤلاء تلك غير")
# Prepositions, particles and quantifiers that take a pronoun: ``فيها``, ``لأنه``, ``بعضهم``.
_PRONOUN_HOSTS = _words(
    """
    في من الي علي عن مع لدي عند بين حول ضد دون نحو عبر امام وراء فوق تحت قبل بعد مثل غير
    كل بعض نفس انفس ذات احد جميع معظم ان كان لكن لعل ليت خلال كلا كلتا
    """
)
# Hosts of ني (the pronoun ي after a protective ن): إنني، لكنني، مني؛ not ب or ل (بي، لي).
_NI_HOSTS = _words("ان لكن من عن لعل ليت كان")
# Words pinned by hand: the cut the statistics would choose is the rarer reading here.
_PINNED: dict[str, tuple[tuple[str, ...], str, tuple[str, ...]]] = {
    "ولي": ((), "ولي", ()),  # ولي العهد (crown prince), not و + لي
    "فهم": ((), "فهم", ()),  # understanding, more often than ف + هم
    "بي": ((), "بي", ()),  # بي بي سي (BBC)
    "لله": (("ل",), "الله", ()),
}

# Weights of a cut (see _score): it wins when weight × how often its stem occurs in any
# form exceeds how often the whole word occurs. A conjunction or preposition is cheap (و
# and ب start more words than any stem would explain: وقال, بشكل), the pronoun ي (mostly
# the nisba ending of ``رئيسي``) or ك (second person is rare in news) very dear. Set on
# the development half of PUD and on ATB-style segmented news (PETRARCH samples).
PREFIX_WEIGHT = {"و": 30.0, "ف": 1.0, "ب": 10.0, "ل": 3.0, "ك": 0.3, "س": 1.0}
SUFFIX_WEIGHT = {
    "ه": 1.5,
    "ها": 3.0,
    "هم": 1.0,
    "هما": 0.2,
    "هن": 0.02,
    "كم": 0.02,
    "نا": 0.3,
    "ني": 0.05,
    "ي": 0.001,
    "ك": 0.001,
}
# A pronoun ك on an imperfect verb (``يمكنك``) is not the rare one on a noun (``بنك``).
VERB_K_WEIGHT = 0.1
# Weights of a cut when neither the word nor its stem was ever seen: a conjunction or
# preposition on a longer word, an article after one (``والموليبدنوم``), the future on a
# verb, a distinctive pronoun (``ها``, ``هم``) are all more likely than a word that
# happens to begin or end with those letters. Compared with _WHOLE_PRIOR.
UNSEEN_WEIGHT = {"و": 1.0, "ف": 0.3, "ب": 0.3, "ل": 0.3, "ك": 0.1, "س": 0.3, ARTICLE: 4.0}
UNSEEN_SUFFIX_WEIGHT = {"ها": 1.0, "هم": 1.0, "هما": 1.0, "كم": 0.7, "هن": 0.7}
COMBO_WEIGHT = 0.3
MIN_STEM_COUNT = 3  # a stem seen fewer times in the corpus is not evidence for a cut
NAME_COUNT = 3000.0  # what being a place name is worth, in corpus occurrences
# Pronouns few words end in by chance (unlike ه of اتجاه or نا of كورونا).
_DISTINCT_PRONOUNS = frozenset({"ه", "ها", "هم", "هما", "كم", "هن"})
_WHOLE_PRIOR = 0.5  # added to a word's count: an unseen word stays whole unless its stem is known
# Endings of inflected forms: if ``بحث`` is a word, ``بحثت``, ``بحثوا`` and ``بحثنا`` start
# with a stem letter.
_INFLECTIONS = ("ت", "ة", "ات", "ان", "ين", "ون", "وا", "نا")


class Segmentation(NamedTuple):
    """One word's clitics. ``stem`` is in search form, ``pieces`` cut ``norm`` itself."""

    norm: str  # search form of the whole word
    prefixes: tuple[str, ...]  # ("و", "ب", "ال")
    stem: str  # search form of the stem, spelling restored (حكومته → حكومه)
    suffixes: tuple[str, ...]  # ("ها",)
    pieces: tuple[str, ...]  # prefixes, stem and suffixes as written; "".join(pieces) == norm


class _Hints(NamedTuple):
    """What the written word tells beyond its search form."""

    hamza: frozenset[int] = frozenset()  # positions of alefs with hamza: never the article
    no_yeh: bool = False  # ends in alef maqsura (إحدى): its final ي is no pronoun
    tanween: bool = False  # indefinite noun (بعداً): no pronoun
    accusative: bool = False  # ends in fathatan: no preposition before it


class _Cut(NamedTuple):
    prefixes: tuple[str, ...]
    surfaces: tuple[str, ...]  # each prefix as written (the article after ل is just "ل")
    core: str  # the rest before the pronoun, as written (may start with the article)
    stem: str  # the core with its spelling restored, key form
    suffix: str
    # The word's first letter looks like a stem letter (see _starts_with_stem): a content
    # cut with prefixes is ruled out, a function-word one (``وفي`` despite ``يوفي``) is not.
    stem_start: bool = False


def _prefix_combos() -> dict[str, list[tuple[tuple[str, ...], tuple[str, ...], str]]]:
    """Proclitic sequences by first letter: (prefixes, as written, letters the writing
    drops). ل + ال is written ``لل`` (``للسلطة``), the article's alef dropped."""
    combos = {
        (
            (c,) * bool(c) + (p,) * bool(p) + (ARTICLE,) * elided,
            (c,) * bool(c) + (p,) * bool(p) + ("ل",) * elided,
            ARTICLE * elided,
        )
        for c in ("", *CONJUNCTIONS)
        for p in ("", *PARTICLES)
        for elided in ((0, 1) if p == "ل" else (0,))
        if c or p
    }
    by_first: dict[str, list[tuple[tuple[str, ...], tuple[str, ...], str]]] = {}
    for combo in sorted(combos, key=lambda c: (-len("".join(c[1])), c)):
        by_first.setdefault(combo[1][0], []).append(combo)
    return by_first


_COMBOS = _prefix_combos()
_NO_PREFIX: tuple[tuple[str, ...], tuple[str, ...], str] = ((), (), "")
_TANWEEN = frozenset("\u064b\u064c\u064d")
_HAMZA_ALEFS = frozenset("أإآٲٳ")
# What normalize() drops from a word: harakat, Quranic marks, tatweel, invisible controls.
_MARK_CLASS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200c-\u200f\u061c"
_MARKS = re.compile(f"[{_MARK_CLASS}]")
_HINTED = re.compile(f"[{_MARK_CLASS}أإآٲٳى]")
_NO_HINTS = _Hints()


def segment(word: str) -> Segmentation:
    """Segment one Arabic word as written (diacritics and hamzas help; any form works).
    Cached: call it freely."""
    return _segment_written(word)


def segment_uncached(word: str) -> Segmentation:
    """:func:`segment` without its cache, for callers that keep their own (tokenize)."""
    return _segment_written.__wrapped__(word)


@lru_cache(maxsize=1 << 16)
def _segment_written(word: str) -> Segmentation:
    k = key(word)
    if not k or not _is_arabic(k):
        norm = _search(k)  # marks only, or letters of other scripts
        return Segmentation(norm, (), norm, (), (norm,))
    hints = _hints(word, k)
    if not _hints_matter(k, hints):
        known = _precomputed(k)
        if known is not None:
            return known
    return _segment_key(k, hints)


def _precomputed(k: str) -> Segmentation | None:
    """The segmentation of a corpus word from the precomputed table (see
    :mod:`rasd.arabic.lexicon`), or ``None`` when the table cannot say."""
    lex = lexicon()
    if not lex.segmentations or k not in lex.counts:
        return None
    entry = lex.segmentations.get(k)
    norm = _search(k)
    if entry is None:
        return Segmentation(norm, (), norm, (), (norm,))
    written, suffix, stem = entry.split("\t")
    prefixes = _PREFIX_TUPLES.get(written)
    if prefixes is None:
        prefixes = _PREFIX_TUPLES.setdefault(written, tuple(written.split()))
    surfaces = list(prefixes)
    at = len(written) - len(prefixes) + 1 if prefixes else 0  # letters, less the spaces
    if prefixes[-1:] == (ARTICLE,) and not k.startswith(ARTICLE, at - 2):
        surfaces[-1] = "ل"  # after ل the article is written without its alef: ``للسلطة``
        at -= 1
    core = k[at : len(k) - len(suffix)] if suffix else k[at:]
    # Only the last piece can end in ة (the key keeps a final ta marbuta).
    if suffix:
        pieces = (*surfaces, core, suffix)
        return Segmentation(norm, prefixes, _search(stem) if stem else core, (suffix,), pieces)
    last = _search(core)
    return Segmentation(norm, prefixes, _search(stem) if stem else last, (), (*surfaces, last))


_PREFIX_TUPLES: dict[str, tuple[str, ...]] = {"": ()}


def precompute(k: str) -> str | None:
    """The table entry of key ``k`` (segmented with no spelling hints), or ``None`` when the
    word is left whole. Used by ``scripts/build_stem_lexicon.py``."""
    seg = _segment_key(k, _Hints())
    if not seg.prefixes and not seg.suffixes:
        return None
    core = seg.pieces[len(seg.prefixes)]
    # The stem is only written out when it is not the core as written (حكومت → حكومه).
    stem = seg.stem if seg.stem != core else ""
    return f"{' '.join(seg.prefixes)}\t{''.join(seg.suffixes)}\t{stem}"


def precomputed_disagreements(words: list[str]) -> list[str]:
    """Words (keys) whose table entry does not give back what the segmenter computes."""
    return [w for w in words if _precomputed(w) != _segment_key(w, _Hints())]


def clear_caches() -> None:
    """Forget cached segmentations and statistics (after the lexicon files changed)."""
    _segment_written.cache_clear()
    _search_variants.cache_clear()
    for statistic in (_starts_with_stem, _article_forms, _article_by_counts):
        statistic.cache_clear()


# Function words starting with an alef: a hamza there (``وأن``, ``بإن``) decides a cut.
_ALEF_FUNCTION_WORDS = tuple(w for w in FUNCTION_WORDS if w[0] == "ا")


def _hints_matter(k: str, hints: _Hints) -> bool:
    """Whether the spelling hints could change the segmentation of ``k`` (then the
    precomputed one, made without hints, does not apply)."""
    if hints.tanween and k.endswith(PRONOUNS):
        return True
    if hints.no_yeh and k.endswith("ي"):
        return True
    if hints.accusative and (k[:1] in ("ب", "ل", "ك") or k[1:2] in ("ب", "ل", "ك")):
        return True
    for p in hints.hamza:
        if k[p : p + 2] == ARTICLE or (p >= 2 and k[p - 2 : p] == ARTICLE):
            return True  # an article blocked, or forced (ال + أم)
        if 1 <= p <= 3 and k[0] in _COMBOS and k[p:].startswith(_ALEF_FUNCTION_WORDS):
            return True
    return False


def _hints(word: str, k: str) -> _Hints:
    if not _HINTED.search(word):
        return _NO_HINTS  # most words: no hamza on an alef, no mark, no final ى
    letters = _MARKS.sub("", word)
    # Positions are only known when the word maps letter for letter onto its key.
    if len(letters) == len(k):
        hamza = frozenset(i for i, ch in enumerate(letters) if ch in _HAMZA_ALEFS)
    else:
        hamza = frozenset({0}) if starts_with_hamza_alef(word) else frozenset()
    return _Hints(
        hamza,
        no_yeh=letters[-1:] == "ى",
        tanween=bool(_TANWEEN.intersection(word)),
        accusative="\u064b" in word,
    )


def _segment_key(k: str, hints: _Hints, conjunction: bool = True) -> Segmentation:
    if not k or not _is_arabic(k):
        norm = _search(k)
        return Segmentation(norm, (), norm, (), (norm,))
    # 1. Pinned words and function words.
    pinned = _PINNED.get(k)
    if pinned is not None:
        prefixes, stem, suffixes = pinned
        core = k[len("".join(prefixes)) : len(k) - len("".join(suffixes))]
        return _result(k, _Cut(prefixes, prefixes, core, stem, "".join(suffixes)))
    if k in FUNCTION_WORDS or len(k) < 2:
        return _whole(k, hints)
    if k[0] not in _COMBOS and not k.endswith(PRONOUNS):
        # Most words: nothing to cut but, perhaps, the article.
        return _whole(k, hints)
    count = _count(k)
    with_article = _article_forms(k)
    cuts = _cuts(k, hints)
    if not conjunction:  # one conjunction per word: و + فورد, not و + ف + ورد
        cuts = [c for c in cuts if c.prefixes[:1] not in (("و",), ("ف",))]
    # 2. A function word inside wins, the fewest pieces first (``لكنه`` is لكن + ه), unless
    # the word often takes the article (``الواحد``: واحد is not و + أحد).
    functional = [c for c in cuts if _is_functional(c)]
    if functional:
        cut = min(functional, key=lambda c: len(c.prefixes) + bool(c.suffix))
        # A hamza where the function word starts settles it: ``وإلى``, ``وأن``.
        hamza = len("".join(cut.surfaces)) in hints.hamza
        if hamza or not (len(k) >= 4 and with_article >= max(3, 0.05 * count)):
            return _result(k, cut)
    # 3. Stems stay whole: the article attaches to stems only, so if ``الرئيسي`` is
    # common, ``رئيسي`` has no pronoun and ``وزير`` (الوزير) no conjunction. So do names
    # from the NER text, which are names wherever they occur (``بعقوبة``, not ب + عقوبة).
    if with_article >= max(3, 0.01 * count) or k in lexicon().names:
        return _whole(k, hints)
    # 4. Score each cut against the whole word. A known name counts as often seen:
    # ``بوتين`` stays whole, but a place called ``لاول`` (Laval) does not stop ل + أول.
    weight = _weight(k)
    best: _Cut | None = None
    best_score = math.log(weight + _WHOLE_PRIOR)
    for cut in cuts:
        if cut.stem_start:
            continue
        score = _score(cut, k) if weight else _score_unseen(cut, k)
        if score > best_score:
            best, best_score = cut, score
    if best is None:
        return _whole(k, hints)
    if best.prefixes[:1] in (("و",), ("ف",)):
        # 5. The conjunction is settled; what follows is a word of its own, segmented the
        # same way wherever it stands (``وسيكون`` is و + the segmentation of سيكون).
        rest = _segment_key(k[1:], _shift(hints), conjunction=False)
        return _prepend(best.prefixes[0], rest)
    return _result(k, best, hints)  # 6. with its article, if any (see _result)


def _shift(hints: _Hints) -> _Hints:
    return hints._replace(hamza=frozenset(i - 1 for i in hints.hamza if i > 0))


def _prepend(conjunction: str, seg: Segmentation) -> Segmentation:
    return Segmentation(
        conjunction + seg.norm,
        (conjunction, *seg.prefixes),
        seg.stem,
        seg.suffixes,
        (conjunction, *seg.pieces),
    )


def _cuts(k: str, hints: _Hints) -> list[_Cut]:
    """Every cut the morphology and the spelling allow (not yet weighed)."""
    out: list[_Cut] = []
    suffixes = [""]
    if not hints.tanween:  # an indefinite noun (ـًا ـٌ ـٍ) has no pronoun
        suffixes += [s for s in PRONOUNS if k.endswith(s) and not (hints.no_yeh and s[-1] == "ي")]
    # ``المهم`` is ال + مهم, not الم + هم: the article on a known stem takes no pronoun.
    article_word = (
        len(suffixes) > 1 and _is_article(k, hints, 0) and _count(k[2:]) >= MIN_STEM_COUNT
    )
    stem_start = _starts_with_stem(k) if k[0] in _COMBOS else False
    for prefixes, surfaces, dropped in [_NO_PREFIX, *_COMBOS.get(k[0], ())]:
        written = "".join(surfaces)
        if not k.startswith(written):
            continue
        if hints.accusative and ("ب" in prefixes or "ل" in prefixes or "ك" in prefixes):
            continue  # a preposition governs the genitive, never ``ـًا``
        rest = k[len(written) :]
        for suffix in suffixes:
            if not prefixes and (not suffix or article_word):
                continue
            core = dropped + rest[: len(rest) - len(suffix)]
            if not core:
                # A pronoun on the prepositions ب and ل: ``بها``, ``لهم``, ``وله``.
                if suffix and prefixes and prefixes[-1] in ("ب", "ل") and not dropped:
                    host = prefixes[-1]
                    out.append(_Cut(prefixes[:-1], surfaces[:-1], host, host, suffix))
                continue
            if len(core) < 2 or (suffix and core[-1] == TA_MARBUTA):
                continue
            if "س" in prefixes and (core[0] not in "يتن" or len(core) < 3):
                continue  # the future particle only comes before an imperfect verb (سأ… is rare)
            if dropped and not _is_article(core, hints, -1):
                continue
            if suffix and core.startswith(ARTICLE) and _is_article(core, hints, len(written)):
                continue  # no possessive pronoun on a word with the article
            stem = _restore(core) if suffix else core
            out.append(_Cut(prefixes, surfaces, core, stem, suffix, bool(prefixes) and stem_start))
    return out


def _count(k: str) -> int:
    return lexicon().counts.get(k, 0)


def _weight(k: str) -> float:
    return _count(k) + (NAME_COUNT if _is_name(k) else 0)


def _is_name(k: str) -> bool:
    lex = lexicon()
    return k in lex.names or k in lex.places


@lru_cache(maxsize=1 << 15)
def _starts_with_stem(k: str) -> bool:
    """Evidence that the first letter of ``k`` belongs to its stem: the word, or the word
    without a pronoun or an inflectional ending, has imperfect forms (``يوجد``, so
    ``وجد`` and ``وجدته`` are not و + …) or takes the article (``البحث``, so ``بحثت`` is
    not ب + حثت; ``الولاية``, so ``ولايته`` is not و + لايته)."""
    if k[0] == "س":
        return False  # ي + ستعرض is the verb يستعرض, no evidence about ستعرض
    forms = [k]
    for pronoun in ("", *_DISTINCT_PRONOUNS):
        if not k.endswith(pronoun) or len(k) - len(pronoun) < 3:
            continue
        base = k[: len(k) - len(pronoun)]
        if pronoun:
            forms.append(base[:-1] + TA_MARBUTA if base.endswith("ت") else base)
        forms += [
            base[: -len(e)] for e in _INFLECTIONS if base.endswith(e) and len(base) - len(e) >= 3
        ]
    for u in forms:
        count = _count(u)
        if u != k and count < MIN_STEM_COUNT:
            continue  # ``وبات`` less ت is no word: ``يوبا`` (Juba) says nothing
        if _count("ي" + u) + _count("ت" + u) >= max(3, 0.02 * count):
            return True
        if u != k and _article_forms(u) >= max(3, 0.01 * count):
            return True
    return False


@lru_cache(maxsize=1 << 15)
def _article_forms(k: str) -> int:
    """How often ``k`` follows the article (ال, وال, بال…): only a stem can. Words that
    only look so (``الوان`` is ألوان, not ال + وان; ``الله``) do not count."""
    if len(k) < 3 or ARTICLE + k in lexicon().not_article or ARTICLE + k in FUNCTION_WORDS:
        return 0
    return sum(_count(p + k) for p in ("ال", "وال", "بال", "فال", "كال", "وبال"))


def _restore(core: str) -> str:
    """Undo the spelling change a pronoun causes: ة → ت, ى → ا, ء → ؤ/ئ, وا → و."""
    last = core[-1]
    if last == "ت":
        other = core[:-1] + TA_MARBUTA  # حكومته: حكومة
    elif last == "ا":
        other = core[:-1] + "ي"  # مستواه: مستوى
    elif last in "ؤئ" and len(core) > 2 and core[-2] == "ا":
        other = core[:-1] + "ء"  # أبناؤه, أبنائه: أبناء
    elif last == "و":
        other = core + "ا"  # قتلوه: قتلوا
    else:
        return core
    return other if _weight(other) > _weight(core) else core


def _is_functional(cut: _Cut) -> bool:
    stem = cut.stem
    if stem in ("ب", "ل"):
        return cut.suffix != "ني"
    if stem not in FUNCTION_WORDS:
        return False
    if cut.suffix and stem not in _PRONOUN_HOSTS:
        return False
    if cut.suffix == "ني" and stem not in _NI_HOSTS:
        return False  # نون الوقاية: إنني، لكنني، مني؛ but بي, لي, فيّ
    particles = [p for p in cut.prefixes if p not in CONJUNCTIONS]
    if not particles:
        return True
    if particles == ["ك"]:
        return stem in _AFTER_KAF
    return particles in (["ب"], ["ل"]) and stem in _AFTER_PREPOSITION


def _is_article(core: str, hints: _Hints, at: int) -> bool:
    """Whether ``core`` (starting at index ``at`` of the word) begins with the article."""
    if not core.startswith(ARTICLE) or len(core) < 4 or at in hints.hamza:
        return False
    if at >= 0 and at + 2 in hints.hamza:
        return True  # ال + أم: no word starts with ال and a hamza
    return _article_by_counts(core)


@lru_cache(maxsize=1 << 15)
def _article_by_counts(core: str) -> bool:
    if core in FUNCTION_WORDS or core in lexicon().not_article:
        return False
    count = _count(core)
    # ``الالتزام`` exists, so the ال of ``التزام`` belongs to the word.
    if _count(ARTICLE + core) >= max(3, 0.02 * count):
        return False
    # ``يلتقي`` is common, so ``التقى`` is a verb (form VIII), not ال + تقى.
    imperfect = _count("ي" + core[1:]) + _count("ت" + core[1:])
    return not (imperfect >= 3 and imperfect >= 0.2 * count)


def _family_forms(stem: str) -> set[str]:
    """The common forms of ``stem``: bare, with the article, a conjunction or preposition,
    or a pronoun. A stem like ``بلاد`` is rare bare and common as ``البلاد``, ``بلاده``;
    counting only the bare form would undervalue it."""
    stem_t = stem[:-1] + "ت" if stem.endswith(TA_MARBUTA) else stem
    forms = {stem, stem_t + "ه", stem_t + "ها", stem_t + "هم"}
    forms.update(p + stem for p in ("و", "ب", "ل", "ف"))
    if not stem.startswith(ARTICLE):
        forms.update(p + stem for p in (ARTICLE, "وال", "بال", "لل"))
    elif len(stem) > 4:
        # ``بالإضافة``: count إضافة too, the article is no part of the stem.
        bare = stem[len(ARTICLE) :]
        forms.update(p + bare for p in ("", "و", "ب", "ل"))
    return forms


def _family(stem: str, word: str) -> float:
    """How often ``stem`` occurs in any of its common forms except ``word`` itself."""
    forms = _family_forms(stem)
    total = sum(_count(f) for f in forms) - (_count(word) if word in forms else 0)
    # A name as a stem is only a little evidence: names include odd short words (اريس).
    return total + (MIN_STEM_COUNT if _is_name(stem) else 0)


def _score(cut: _Cut, word: str) -> float:
    """Log of how often the cut predicts the word, to compare with its real count."""
    count = _count(cut.stem)
    if count < MIN_STEM_COUNT and not _is_name(cut.stem):
        return -math.inf
    if len(cut.stem) < 3 and cut.suffix not in _DISTINCT_PRONOUNS and count < 500:
        return -math.inf  # ``بيس``, ``رونا``: two rare letters are too little to go on
    if cut.suffix == "ك" and cut.stem[0] in "يتن" and len(cut.stem) >= 3:
        suffix_weight = VERB_K_WEIGHT  # يمكنك
    elif cut.suffix:
        suffix_weight = SUFFIX_WEIGHT.get(cut.suffix, 0.0)
        if not suffix_weight:
            return -math.inf  # كن, كما: second person plural, on function words only
    else:
        suffix_weight = 1.0
    score = math.log(_family(cut.stem, word) * suffix_weight)
    outer = [p for p in cut.prefixes if p != ARTICLE]
    for p in outer:
        score += math.log(PREFIX_WEIGHT[p])
    # Each proclitic past the first is another coincidence (و + ب + اتت vs و + باتت).
    return score + max(0, len(outer) - 1) * math.log(COMBO_WEIGHT)


def _score_unseen(cut: _Cut, word: str) -> float:
    """The score of a cut of a word never seen: by the stem's count if it was seen, else by
    the shape of the cut."""
    if _count(cut.stem) >= MIN_STEM_COUNT or _is_name(cut.stem):
        return _score(cut, word)
    if len(cut.stem) < 4:
        return -math.inf
    weight = 1.0
    for p in cut.prefixes:
        weight *= UNSEEN_WEIGHT[p]
    if cut.core.startswith(ARTICLE) and cut.prefixes:
        weight *= UNSEEN_WEIGHT[ARTICLE]
    if cut.suffix:
        weight *= UNSEEN_SUFFIX_WEIGHT.get(cut.suffix, 0.0)
    return math.log(weight) if weight > 0 else -math.inf


def _whole(k: str, hints: _Hints) -> Segmentation:
    return _result(k, _Cut((), (), k, k, ""), hints)


def _result(k: str, cut: _Cut, hints: _Hints | None = None) -> Segmentation:
    """The segmentation a cut gives, its core's article split off when it has one (only
    for content cuts, ``hints`` given)."""
    prefixes, pieces = list(cut.prefixes), list(cut.surfaces)
    core, stem = cut.core, cut.stem
    if prefixes and prefixes[-1] == ARTICLE:  # ل + ال written لل
        core, stem = core[len(ARTICLE) :], stem[len(ARTICLE) :]
    elif hints is not None and not cut.suffix and _is_article(core, hints, len(k) - len(core)):
        prefixes.append(ARTICLE)
        pieces.append(ARTICLE)
        core, stem = core[len(ARTICLE) :], stem[len(ARTICLE) :]
    pieces.append(core)
    if cut.suffix:
        pieces.append(cut.suffix)
    return Segmentation(
        _search(k),
        tuple(prefixes),
        _search(stem),
        (cut.suffix,) if cut.suffix else (),
        tuple(_search(p) for p in pieces),
    )


def _search(k: str) -> str:
    return k.replace(TA_MARBUTA, "ه")


def _is_arabic(k: str) -> bool:
    return all("\u0621" <= ch <= "\u064a" or "\u0671" <= ch <= "\u06d3" for ch in k)


def search_variants(word: str) -> list[str]:
    """Shorter forms of ``word`` (search form) to index beside it, most specific first:
    without its conjunction and preposition (``وبالعراق`` → ``العراق``), without the
    article too (``عراق``), and the pronoun-free stem (``حكومته`` → ``حكومه``)."""
    return list(_search_variants(word))


@lru_cache(maxsize=1 << 16)
def _search_variants(word: str) -> tuple[str, ...]:
    k = _search_key(word)
    seg = _precomputed(k) or _segment_key(k, _NO_HINTS)
    out = []
    if ARTICLE in seg.prefixes:
        out.append(ARTICLE + seg.stem)
    out.append(seg.stem)
    return tuple(v for v in dict.fromkeys(out) if v != seg.norm)


def _search_key(word: str) -> str:
    """The key of a search-form word: its final ه is ة when that reading is the commoner
    (the search form has no ة, so ``دوله`` must not be read as دول + ه)."""
    k = normalize(word)
    if k.endswith("ه") and _count(k[:-1] + TA_MARBUTA) > _count(k):
        return k[:-1] + TA_MARBUTA
    return k


def index_terms(search_text: str) -> str:
    """Extra index terms for a search-form text: each word's clitic-free forms."""
    terms: list[str] = []
    seen: set[str] = set()
    for word in search_text.split():
        for variant in search_variants(word.strip(".,،؛:!?؟\"'()[]«»“”")):
            if variant not in seen:
                seen.add(variant)
                terms.append(variant)
    return " ".join(terms)
