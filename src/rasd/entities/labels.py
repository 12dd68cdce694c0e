"""Entity types, the NewsFANE fine classes behind them, and BIO tag sequences.

rasd types mentions PER / ORG / GPE / LOC / FAC / NORP / MISC and keeps the fine class of
the training data (Politician, Nation, Government, …) in ``Mention.fine``: actor coding
uses it. The fine → coarse map follows the ACE-style taxonomy NewsFANE was annotated with
(Alotaibi & Lee 2014). Two of its choices are worth knowing:

- ``Group`` is ACE's PER.Group: peoples and communities named by a nisba or a collective
  (``العرب``, ``الاسرائيليين``, ``المسلمين``, ``الشيعة``). That is NORP, not ORG.
- ``Police`` is a PER class (police and security officers: ``دان حالوتس``), and ``Land``,
  ``Air``, ``Water`` are vehicles (``نيسان``, ``اف 16``), so MISC.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

TYPES = ("PER", "ORG", "GPE", "LOC", "FAC", "NORP", "MISC")

FINE_TO_TYPE: dict[str, str] = {
    # People
    "Politician": "PER",
    "Athlete": "PER",
    "Artist": "PER",
    "Businessperson": "PER",
    "Scientist": "PER",
    "Religious_PER": "PER",
    "Police": "PER",
    "Engineer": "PER",
    "Lawyer": "PER",
    "Other_PER": "PER",
    # Peoples and communities (ACE PER.Group)
    "Group": "NORP",
    # Organisations
    "Government": "ORG",
    "Media": "ORG",
    "Commercial": "ORG",
    "Non-Governmental": "ORG",
    "Sports": "ORG",
    "Educational": "ORG",
    "Religious_ORG": "ORG",
    "Entertainment": "ORG",
    "Medical-Science": "ORG",
    # Geo-political entities
    "Nation": "GPE",
    "Population-Center": "GPE",
    "State-or-Province": "GPE",
    "GPE-Cluster": "GPE",
    "County-or-District": "GPE",
    # Locations
    "Continent": "LOC",
    "Water-Body": "LOC",
    "Land-Region-Natural": "LOC",
    "Celestial": "LOC",
    "Address": "LOC",
    "Boundary": "LOC",
    # Facilities
    "Building-Grounds": "FAC",
    "Airport": "FAC",
    "Path": "FAC",
    "Subarea-Facility": "FAC",
    # Everything else NewsFANE names: works, products, vehicles, weapons, substances
    "Book": "MISC",
    "Movie": "MISC",
    "Software": "MISC",
    "Hardware": "MISC",
    "Land": "MISC",
    "Air": "MISC",
    "Water": "MISC",
    "Shooting": "MISC",
    "Projectile": "MISC",
    "Food": "MISC",
    "Drug": "MISC",
    "Plant": "MISC",
    "Chemical": "MISC",
    "Nuclear": "MISC",
    "Sound": "MISC",
}

# Coarse tags of other corpora (ANERcorp, AQMAR, CoNLL) read the same way.
_ALIASES = {
    "PERS": "PER",
    "PERSON": "PER",
    "LOCATION": "LOC",
    "ORGANIZATION": "ORG",
    "MIS": "MISC",
    "MISC": "MISC",
}

# The evaluation of the issue: PER, ORG and LOC, with GPE, LOC and FAC counted as LOC.
EVAL_TYPES = {"PER": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}


def coarse(label: str) -> str | None:
    """The rasd type of a fine class or a coarse tag of another corpus (``None``: not a name).

    >>> coarse("Politician"), coarse("PERS"), coarse("MIS2"), coarse("GPE")
    ('PER', 'PER', 'MISC', 'GPE')
    """
    if label in FINE_TO_TYPE:
        return FINE_TO_TYPE[label]
    upper = label.upper()
    if upper in TYPES:
        return upper
    if upper in _ALIASES:
        return _ALIASES[upper]
    # AQMAR numbers its article-specific classes MIS0..MIS3 (and MIS-2 by mistake).
    if upper.startswith("MIS"):
        return "MISC"
    return None


class Span(NamedTuple):
    """Tokens ``start`` (inclusive) to ``end`` (exclusive) labelled ``label``."""

    start: int
    end: int
    label: str


def spans(tags: Sequence[str]) -> list[Span]:
    """Spans of a BIO sequence. An ``I-`` without a matching ``B-`` starts a span (the
    usual conlleval reading), so a tagger's stray ``I-`` is not silently dropped."""
    out: list[Span] = []
    start, label = -1, ""
    for i, tag in enumerate((*tags, "O")):
        prefix, _, name = tag.partition("-")
        if start >= 0 and (prefix != "I" or name != label):
            out.append(Span(start, i, label))
            start = -1
        if prefix == "B" or (prefix == "I" and start < 0 and name):
            start, label = i, name
    return out


def bio(n: int, items: Iterable[Span]) -> list[str]:
    """The BIO tags of ``n`` tokens carrying ``items`` (the inverse of :func:`spans`)."""
    tags = ["O"] * n
    for s in items:
        tags[s.start] = f"B-{s.label}"
        for i in range(s.start + 1, s.end):
            tags[i] = f"I-{s.label}"
    return tags


def map_tags(tags: Sequence[str], fn: dict[str, str] | None = None) -> list[str]:
    """Relabel a BIO sequence by mapping each span's label (fine → coarse by default);
    spans whose label maps to nothing become ``O``."""
    out = []
    for s in spans(tags):
        label = fn.get(s.label) if fn is not None else coarse(s.label)
        if label:
            out.append(Span(s.start, s.end, label))
    return bio(len(tags), out)
