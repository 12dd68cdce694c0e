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


@lru_cache(maxsize=1)
def _index() -> dict[str, Place]:
    index: dict[str, Place] = {}
    for name in ("places_ar.tsv", "places_extra.tsv"):
        with resources.files("rasd.data").joinpath(name).open(encoding="utf-8") as fh:
            rows = [line for line in fh if not line.startswith("#")]
        for row in csv.DictReader(rows, delimiter="\t"):
            place = Place(row["name"], row["kind"], row["country"], int(row["population"]))
            key = normalize(place.name)
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
