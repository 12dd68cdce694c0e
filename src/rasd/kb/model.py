"""Knowledge-base records: entities with Arabic aliases and dated roles.

A :class:`Record` is one entity (a person, a country, a city, an organisation, a seat of
power, a government). Its actor code depends on the date: :meth:`Record.code_on` gives the
code of the role held that day (Raisi is IRNJUD on 2020-01-01 and IRNGOV on 2022-11-13),
``{country}ELI`` (a former official) after the last role ended, and the undated code
otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from rasd.arabic.normalize import normalize

# Sources in order of trust: a hand-kept fact beats one imported from Wikidata or a user
# file, which beats the noisy Arabic PETRARCH seed, which beats a GeoNames spelling.
PRIORITY = {"curated": 0, "user": 1, "wikidata": 1, "phoenix": 1, "petrarch_ar": 2, "geonames": 3}

# How strongly an alias names its record: a full name or official name, an adjective or
# plural (nisba), or a short form (a surname) that is linked only for person mentions.
FULL, NISBA, SHORT = 3, 2, 1

_PUNCT = re.compile(r"[\"'«»“”‘’`()\[\]{}.,،؛;:!?؟\-–—_/\\|*+#@]+")
_SPACES = re.compile(r"\s+")
# Name particles written joined or apart: عبد الله / عبدالله, أبو ظبي / أبوظبي.
_JOIN = re.compile(r"(?:(?<=\s)|^)(عبد|ابو|بو) (?=\S)")
_PARTICLES = frozenset({"عبد", "ابو", "بو"})
# Look-ups must be fast (bench/kb.py): text made only of the Arabic block and ASCII maps
# character by character to what normalize() gives, so one str.translate does the work.
# Anything else (presentation forms, zero-width joiners, a combining hamza that NFKC would
# compose onto و or ي) takes the slow path through normalize().
_SLOW = re.compile(r"[^\u0000-\u06ff]|[\u0653-\u0655]")


def _fast_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for code in range(0x0700):
        ch = chr(code)
        if _PUNCT.fullmatch(ch) or ch.isspace():
            table[code] = " "
            continue
        out = normalize(ch)
        if out and _PUNCT.fullmatch(out):
            table[code] = " "  # ٬ is normalised to "," and then a separator
        elif out != ch:
            table[code] = out or None
    return table


_TABLE = _fast_table()


# Cached: the linker asks for the key of every token of every document, and news repeats
# a small vocabulary.
@lru_cache(maxsize=1 << 17)
def alias_key(text: str) -> str:
    """The matching form of a name: the search form (see :func:`normalize`) without
    punctuation, with name particles joined to the next word."""
    if _SLOW.search(text):
        words = _SPACES.sub(" ", _PUNCT.sub(" ", normalize(text))).split()
    else:
        words = text.translate(_TABLE).split()
    if not _PARTICLES.isdisjoint(words[:-1]):
        return _JOIN.sub(r"\1", " ".join(words))
    return " ".join(words)


@dataclass(slots=True, frozen=True)
class Role:
    """An office held from ``start`` to ``end`` (inclusive ISO dates; "" = open)."""

    role: str
    code: str
    start: str = ""
    end: str = ""
    source: str = "curated"
    note: str = ""

    def valid(self, date: str) -> bool:
        return (not self.start or self.start <= date[:10]) and (
            not self.end or date[:10] <= self.end
        )

    def distance(self, date: str) -> int:
        """Days (roughly: years × 366) between ``date`` and this role; 0 inside it."""
        if self.valid(date):
            return 0
        year = int(date[:4])
        if self.start and date[:10] < self.start:
            return (int(self.start[:4]) - year) * 366 + 1
        return (year - int(self.end[:4])) * 366 + 1 if self.end else 0


@dataclass(slots=True)
class Record:
    """One knowledge-base entity."""

    id: str
    type: str  # PER | ORG | GPE | LOC | FAC | NORP
    kind: str  # person | country | city | place | government | igo | seat | body | …
    name: str  # canonical name (English where known)
    name_ar: str = ""
    country: str | None = None  # ISO 3166 alpha-3 (CAMEO country code)
    code: str | None = None  # undated actor code
    roles: list[Role] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)  # full Arabic names
    short: list[str] = field(default_factory=list)  # short forms (surnames)
    nisba: list[str] = field(default_factory=list)  # adjectives naming it (غربي → the West)
    source: str = "curated"
    population: int = 0
    lat: float | None = None
    lon: float | None = None
    capital: str | None = None  # a country's capital (record id)

    @property
    def priority(self) -> int:
        """0 for hand-kept facts … 3 for a bare GeoNames spelling (see PRIORITY)."""
        source = self.source.lower()
        if "curated" in source or "mledoze" in source:
            return 0
        return min((p for name, p in PRIORITY.items() if name in source), default=1)

    def roles_on(self, date: str | None) -> list[Role]:
        """Roles held on ``date``, the most recently taken first."""
        if not date:
            return []
        held = sorted((r for r in self.roles if r.valid(date)), key=lambda r: r.start, reverse=True)
        # A hand-kept role outranks an imported one for the same day (stable sort).
        return sorted(held, key=lambda r: PRIORITY.get(r.source, 1))

    def code_on(self, date: str | None) -> tuple[str | None, Role | None]:
        """The actor code on ``date`` and the role that gives it (None: undated code)."""
        held = self.roles_on(date)
        if held:
            return held[0].code, held[0]
        if date and self.roles and self.kind == "person":
            ended = [r for r in self.roles if r.end and r.end < date[:10]]
            started = [r for r in self.roles if not r.start or r.start <= date[:10]]
            if ended and len(ended) == len(started):
                # Out of office: CAMEO's "elite" code for former officials of a country.
                country = self.country or ended[-1].code[:3]
                return (f"{country}ELI" if len(country) == 3 else self.code), None
        if self.code:
            return self.code, None
        if self.kind == "person" and self.roles and date:
            return None, None  # not yet in office: no actor code rather than a wrong one
        return self.code, None
