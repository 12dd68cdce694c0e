"""Arabic place names from GeoNames (cities) and the country table, compiled on first use.

``data/places_ar.tsv`` is built by ``scripts/build_places.py`` from ``../shared/data/kb``;
``data/places_extra.tsv`` adds spellings it lacks (hand-kept);
lookups go through the search form so ``الاسكندرية`` finds ``الإسكندرية``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rasd.arabic.normalize import normalize


@dataclass(slots=True, frozen=True)
class Place:
    name: str
    kind: str  # "city" | "country"
    country: str  # ISO 3166 alpha-3
    population: int


# Ordinary words that GeoNames also lists as some town's Arabic name (مدينة is Medina, دولة a
# city in India, الثورة a town in Syria): read as places they put "في المدينة" in Saudi
# Arabia. A place called so is found by a longer name (المدينة المنورة), never by the word.
_GENERIC_WORDS = """
    مدينة المدينة دولة الدولة بلد البلد بلدة البلدة قرية القرية منطقة المنطقة ولاية الولاية
    محافظة المحافظة عاصمة العاصمة جزيرة الجزيرة حي الحي ميدان الميدان الثورة مركز المركز
    ميناء الميناء سوق السوق مخيم المخيم
"""
GENERIC = frozenset(normalize(w) for w in _GENERIC_WORDS.split())


@lru_cache(maxsize=1)
def _index() -> dict[str, Place]:
    index: dict[str, Place] = {}
    for name in ("places_ar.tsv", "places_extra.tsv"):
        with resources.files("rasd.data").joinpath(name).open(encoding="utf-8") as fh:
            rows = [line for line in fh if not line.startswith("#")]
        for row in csv.DictReader(rows, delimiter="\t"):
            place = Place(row["name"], row["kind"], row["country"], int(row["population"]))
            key = normalize(place.name)
            if key in GENERIC:
                continue
            old = index.get(key)
            # On ambiguity prefer countries, then the bigger city (London GB over London CA).
            if old is None or (place.kind == "country", place.population) > (
                old.kind == "country",
                old.population,
            ):
                index[key] = place
    return index


def lookup_place(name: str) -> Place | None:
    """The best-known place with this name, or ``None``."""
    return _index().get(normalize(name))
