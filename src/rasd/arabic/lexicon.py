"""The word statistics and name lists behind clitic segmentation, loaded once on first use.

Four files in ``rasd/data``, built by ``scripts/build_stem_lexicon.py`` (see its docstring
and NOTICE for sources and licences):

- ``stems_ar.tsv``: how often each word form occurs in a news corpus (word, count), words in
  :func:`key` form, only forms seen at least three times. Counts decide whether ``وزير`` is
  a word or و + زير: a word that is far more frequent than its would-be stem is a word.
- ``names_ar.tsv``: words that are names (people, places, organisations) wherever they
  occur in named-entity training text; they are never cut (``بعقوبة`` is not ب + عقوبة).
- ``clitic_not_article.txt``: words whose first two letters are not the article ال
  (``المانيا`` is mostly written ``ألمانيا``).
- ``clitic_segmentations.tsv``: the segmentation of every word of ``stems_ar.tsv`` that is
  not left whole, precomputed so that the first sighting of a known word costs a lookup,
  not a search. It is only used while its fingerprint (a hash of the files above, the
  place names and the code that segments) matches; otherwise words are segmented as if it
  were absent: slower, never different. Rebuild it with
  ``python scripts/build_stem_lexicon.py --segmentations`` after changing any of them.

The words of the place names in ``places_ar.tsv`` and ``places_extra.tsv`` (countries and
GeoNames cities) count as names too, but less surely: GeoNames has places called ``فان``
or ``لاول`` (Laval), which are far more often ف + أن and ل + أول.
"""

from __future__ import annotations

import csv
import hashlib
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from rasd.arabic.normalize import normalize

TA_MARBUTA = "ة"
_MARKS = frozenset("\u0610\u0611\u0612\u0613\u0614\u0615\u0616\u0617\u0618\u0619\u061a\u0640")
# NFKC turns these presentation forms into ة before normalize() maps it to ه.
_TA_FORMS = frozenset("ةﺓﺔ")
_HAMZA_ALEFS = frozenset("أإآٲٳ")


def _is_mark(ch: str) -> bool:
    return (
        ch in _MARKS or "\u064b" <= ch <= "\u065f" or ch == "\u0670" or "\u06d6" <= ch <= "\u06ed"
    )


def key(word: str) -> str:
    """The form words are counted and looked up in: the search form, except that a final
    ta marbuta stays ``ة``. The search form writes it ``ه``, which would make every
    ``حكومة`` look like حكوم + the pronoun ه."""
    out = normalize(word)
    if out.endswith("ه"):
        for ch in reversed(word):
            if _is_mark(ch):
                continue
            if ch in _TA_FORMS:
                out = out[:-1] + TA_MARBUTA
            break
    return out


def starts_with_hamza_alef(word: str) -> bool:
    """Whether the first letter is an alef with hamza or madda (``ألمانيا``, ``إلى``).

    The article ال is written with a bare alef, so ``أل``/``إل`` at the start of a word is
    never the article, whatever the search form (which unifies alefs) says."""
    for ch in word:
        if _is_mark(ch):
            continue
        return ch in _HAMZA_ALEFS
    return False


SEGMENTATIONS = "clitic_segmentations.tsv"
# What the precomputed segmentations depend on: data files, then modules (next to this one).
_DATA_INPUTS = (
    "stems_ar.tsv",
    "names_ar.tsv",
    "clitic_not_article.txt",
    "places_ar.tsv",
    "places_extra.tsv",
)
_CODE_INPUTS = ("clitics.py", "lexicon.py", "normalize.py")


@dataclass(slots=True, frozen=True)
class Lexicon:
    counts: dict[str, int]
    names: frozenset[str]  # from NER text: names wherever they occur
    places: frozenset[str]  # words of place names: some are also common words (فان، وان)
    not_article: frozenset[str]
    # word -> "prefixes<TAB>suffix<TAB>stem", for words not left whole (see module doc)
    segmentations: dict[str, str] = field(default_factory=dict)

    def count(self, word: str) -> int:
        return self.counts.get(word, 0)


def fingerprint() -> str:
    """Hash of everything the precomputed segmentations depend on."""
    digest = hashlib.sha256()
    data = resources.files("rasd.data")
    for name in _DATA_INPUTS:
        path = data.joinpath(name)
        digest.update(name.encode() + (path.read_bytes() if path.is_file() else b""))
    here = Path(__file__).parent
    for name in _CODE_INPUTS:
        digest.update(name.encode() + (here / name).read_bytes())
    return digest.hexdigest()


def _segmentations() -> dict[str, str]:
    rows = _rows(SEGMENTATIONS, comments=True)
    if not rows or rows[0] != f"# fingerprint {fingerprint()}":
        return {}  # absent or stale: segment every word from scratch
    table: dict[str, str] = {}
    decisions: dict[str, str] = {}
    for row in rows:
        if not row.startswith("#"):
            word, _, decision = row.partition("\t")
            # Shared strings: the word is a key of the counts too, and most decisions
            # repeat ("ال", "و", "ه"); this halves the table's memory.
            table[sys.intern(word)] = decisions.setdefault(decision, decision)
    return table


def _rows(name: str, *, comments: bool = False) -> list[str]:
    path = resources.files("rasd.data").joinpath(name)
    if not path.is_file():
        # A checkout without the built files still works: nothing is known, so fewer cuts.
        return []
    with path.open(encoding="utf-8") as fh:
        return [
            line.rstrip("\n")
            for line in fh
            if line.strip() and (comments or not line.startswith("#"))
        ]


def place_words() -> tuple[set[str], set[str]]:
    """Words of place names, and those of them whose ال is not the article (``ألمانيا``)."""
    words: set[str] = set()
    hamzated: set[str] = set()
    for name in ("places_ar.tsv", "places_extra.tsv"):
        rows = _rows(name)
        for row in csv.DictReader(rows, delimiter="\t"):
            for word in row["name"].split():
                k = key(word)
                if len(k) >= 3:
                    words.add(k)
                    if k.startswith("ال") and starts_with_hamza_alef(word):
                        hamzated.add(k)
    return words, hamzated


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Load the lexicon files (once; a few tenths of a second)."""
    counts: dict[str, int] = {}
    for row in _rows("stems_ar.tsv")[1:]:  # header: word, count
        word, _, count = row.partition("\t")
        counts[sys.intern(word)] = int(count)
    names = {row.partition("\t")[0] for row in _rows("names_ar.tsv")[1:]}
    places, hamzated = place_words()
    not_article = frozenset(_rows("clitic_not_article.txt")) | hamzated
    return Lexicon(counts, frozenset(names), frozenset(places), not_article, _segmentations())
