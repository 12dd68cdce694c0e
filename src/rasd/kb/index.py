"""The compiled knowledge base: every alias in matching form, mapped to its records.

:func:`get_kb` builds it on first use from the shipped tables and the user's files (about a
second; ``bench/kb.py`` measures it) and keeps it for the process. Steps:

1. countries: names, inflected nisbas (روسي → روسية، الروسي، الروس، الروسيين…), a
   ``gov:ISO3`` government record each, and their capitals as metonyms of that government;
2. places (GeoNames), organisations and seats of power, people with their dated roles,
   then the Arabic PETRARCH seed for names the curated tables lack;
3. the user's files: new records, or extra aliases and roles for known ids;
4. lookup tables: generic agents, metonyms, who held which office (for "الرئيس الروسي"
   on a date), and the multi-word aliases the linker may find in text by itself.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rasd.arabic.clitics import search_variants
from rasd.kb import files
from rasd.kb.files import Agent, Metonym
from rasd.kb.model import FULL, NISBA, SHORT, Record, Role, alias_key

# Kinds of record whose multi-word names the linker may find in text on its own: names
# specific enough that a match is the entity (GeoNames spellings and titles are not).
SCANNABLE = frozenset(
    {
        "person",
        "country",
        "igo",
        "seat",
        "body",
        "armed_group",
        "party",
        "ngo",
        "media",
        "region",
        "place",
        "city",
    }
)
# The Arab League: names of people from elsewhere are transliterated, and Arabic writes a
# foreign g as غ, ج or ق (غوتيريش، جوتيريش; غاريد، جاريد كوشنر).
ARAB_LEAGUE = frozenset(
    [
        "DZA",
        "BHR",
        "COM",
        "DJI",
        "EGY",
        "IRQ",
        "JOR",
        "KWT",
        "LBN",
        "LBY",
        "MRT",
        "MAR",
        "OMN",
        "PSE",
        "QAT",
        "SAU",
        "SOM",
        "SDN",
        "SYR",
        "TUN",
        "ARE",
        "YEM",
    ]
)
_G_LETTERS = "غجق"
# Nisba suffixes on a masculine singular (روسي): feminine, plurals, duals.
_NISBA_SUFFIXES = ("", "ة", "ون", "ين", "ات", "ان", "تان", "تين")


@dataclass(slots=True, frozen=True)
class Hit:
    """A record an alias names, how strongly (FULL / NISBA / SHORT) and through what."""

    id: str
    strength: int
    via: str  # name | alias | nisba | short | capital


def g_variants(name: str) -> list[str]:
    """The other spellings of a foreign g: every غ, ج or ق written as غ and as ج
    (two-word names and longer only: a surname alone is too short to be sure)."""
    if " " not in name:
        return []
    out = []
    for letter in _G_LETTERS:
        for other in _G_LETTERS:
            if letter != other and letter in name and other != "ق":
                out.append(name.replace(letter, other))
    return out


def inflect_nisba(base: str) -> list[str]:
    """Every form of a masculine singular nisba, with and without the article:
    ``روسي`` → روسي، روسية، روسيون، روسيين، روسيات، …، الروسي، الروسية، …"""
    words = base.split()
    adjective = [w.endswith("ي") for w in words]
    out = []
    for suffix in _NISBA_SUFFIXES:
        # Only the adjectives inflect and take the article: جنوب سوداني → جنوب سودانية.
        bare = [w + suffix if a else w for w, a in zip(words, adjective, strict=True)]
        out.append(" ".join(bare))
        out.append(" ".join("ال" + w if a else w for w, a in zip(bare, adjective, strict=True)))
    return out


class KnowledgeBase:
    """Records by id and the alias index over them."""

    def __init__(self) -> None:
        self.records: dict[str, Record] = {}
        self.aliases: dict[str, list[Hit]] = {}
        self.nisbas: dict[str, str] = {}  # nisba form (key) → ISO3
        self.agents: dict[str, Agent] = {}
        self.metonyms: dict[str, list[Metonym]] = {}
        self.countries: dict[str, str] = {}  # ISO3 → record id
        self.holders: dict[tuple[str, str], list[tuple[str, Role]]] = {}
        self.scan: dict[str, str] = {}  # multi-word alias key → record id (unambiguous)
        self.scan_first: dict[str, int] = {}  # first word → most words of a scan alias
        self.agent_words = 1  # most words in an agent alias
        # Words (and two-word names) that point at a country: its names, nisbas and
        # capital; what the linker counts to know which countries an article is about.
        self.country_words: dict[str, str] = {}

    # Building ---------------------------------------------------------------------------

    def add(self, rec: Record) -> Record:
        """Add a record, or merge aliases and roles into the record with its id."""
        old = self.records.get(rec.id)
        if old is None:
            self.records[rec.id] = rec
            target = rec
        else:
            old.aliases += [a for a in rec.aliases if a not in old.aliases]
            old.short += [a for a in rec.short if a not in old.short]
            old.roles += [r for r in rec.roles if r not in old.roles]
            target = old
        for i, alias in enumerate(rec.aliases):
            self._alias(alias, target.id, FULL, "name" if i == 0 else "alias")
        if rec.kind == "person" and rec.country and rec.country not in ARAB_LEAGUE:
            for alias in rec.aliases:
                for variant in g_variants(alias):
                    self._alias(variant, target.id, FULL, "spelling variant")
        for alias in rec.short:
            self._alias(alias, target.id, SHORT, "short")
        for base in rec.nisba:
            for form in inflect_nisba(base):
                self._alias(form, target.id, NISBA, "nisba")
        return target

    def _alias(self, alias: str, rid: str, strength: int, via: str) -> None:
        key = alias_key(alias)
        if not key:
            return
        hits = self.aliases.setdefault(key, [])
        for n, hit in enumerate(hits):
            if hit.id == rid:
                if strength > hit.strength:
                    hits[n] = Hit(rid, strength, via)
                return
        hits.append(Hit(rid, strength, via))

    def finish(self) -> None:
        """Index who held which office, and the aliases the linker may scan for."""
        for rec in self.records.values():
            for role in rec.roles:
                country = role.code[:3]
                if country in self.countries:
                    self.holders.setdefault((country, role.role), []).append((rec.id, role))
        by_key: dict[str, set[str]] = {}
        for key, hits in self.aliases.items():
            if " " not in key:
                continue
            for hit in hits:
                rec = self.records[hit.id]
                if hit.strength == FULL and rec.priority <= 1 and rec.kind in SCANNABLE:
                    by_key.setdefault(key, set()).add(hit.id)
        for key, ids in by_key.items():
            if len(ids) == 1 and key not in self.agents:
                self.scan[key] = next(iter(ids))
                first, n = key.split(" ", 1)[0], key.count(" ") + 1
                self.scan_first[first] = max(self.scan_first.get(first, 0), n)
        self.agent_words = max((k.count(" ") + 1 for k in self.agents), default=1)
        words: dict[str, set[str]] = {}
        for iso3, rid in self.countries.items():
            for alias in self.records[rid].aliases:
                words.setdefault(alias_key(alias), set()).add(iso3)
        for key, iso3 in self.nisbas.items():
            words.setdefault(key, set()).add(iso3)
        for key, mets in self.metonyms.items():
            # A capital whose name is also a sizeable town elsewhere (طرابلس in Lebanon)
            # says nothing about the country.
            elsewhere = {
                other
                for h in self.aliases.get(key, [])
                if (other := self.records[h.id].country)
                and self.records[h.id].kind == "city"
                and self.records[h.id].population > 100_000
            }
            for met in mets:
                if met.target.startswith("gov:"):
                    words.setdefault(key, set()).update({met.target[4:]} | elsewhere)
        self.country_words = {
            k: next(iter(v)) for k, v in words.items() if len(v) == 1 and k.count(" ") <= 1
        }

    # Looking up -------------------------------------------------------------------------

    def lookup(self, name: str) -> list[Hit]:
        """Records an alias names exactly (in matching form); see :meth:`candidates`."""
        return self.aliases.get(alias_key(name), [])

    def candidates(self, name: str) -> tuple[str, list[Hit]]:
        """The records a written name names, trying it without the proclitics of its first
        word when it has none as written (``والولايات المتحدة``, ``لموسكو``). Returns the
        key that matched ("" if none) and the hits."""
        key = alias_key(name)
        hits = self.aliases.get(key)
        if hits:
            return key, hits
        first, _, rest = key.partition(" ")
        for variant in variants(first):
            alt = f"{variant} {rest}".strip()
            hits = self.aliases.get(alt)
            if hits:
                return alt, hits
        return "", []

    def nisba(self, word: str) -> str | None:
        """The country (ISO3) a nisba adjective names: ``الروسية`` → RUS."""
        key = alias_key(word)
        found = self.nisbas.get(key)
        if found is None and key and " " not in key:
            for variant in variants(key):
                found = self.nisbas.get(variant)
                if found:
                    break
        return found

    def country_named(self, name: str) -> str | None:
        """The country (ISO3) a name names, if it names one and nothing else does better."""
        _, hits = self.candidates(name)
        for hit in hits:
            rec = self.records[hit.id]
            if rec.kind == "country" and hit.strength == FULL:
                return rec.country
        return None

    def holder(self, country: str, role: str, date: str) -> str | None:
        """Who held ``role`` in ``country`` on ``date``, when exactly one person did."""
        held = [(r.start, rid) for rid, r in self.holders.get((country, role), []) if r.valid(date)]
        if len({rid for _, rid in held}) > 1:
            # The day one holder leaves and the next comes in, both roles include it: the
            # news of that day is about the newcomer.
            latest = max(held)[0]
            held = [h for h in held if h[0] == latest]
        ids = {rid for _, rid in held}
        return next(iter(ids)) if len(ids) == 1 else None

    def metonym(self, key: str, date: str | None) -> Metonym | None:
        for met in self.metonyms.get(key, []):
            if met.valid(date) or (date is None and not met.end):
                return met
        return None


# Asked of every word the linker scans: sized for a batch's vocabulary, not one article's.
@lru_cache(maxsize=1 << 16)
def variants(word: str) -> tuple[str, ...]:
    """Forms of ``word`` without its proclitics, most specific first: the segmenter's
    (cached: it is the slow part of a look-up and names repeat), then the letters cut by
    hand, for names the segmenter rightly keeps whole as words (لبوتين is ل + بوتين)."""
    if not word:
        return ()
    out = [alias_key(v) for v in search_variants(word)]
    if word.startswith("لل"):
        out.append("ال" + word[2:])  # ل + ال is written لل
    for n, letters in ((2, ("وب", "ول", "فب", "فل", "وك")), (1, ("و", "ف", "ب", "ل", "ك"))):
        if len(word) > n + 2 and word[:n] in letters:
            out.append(word[n:])
    return tuple(dict.fromkeys(v for v in out if v and v != word))


def build(user_dirs: Iterable[Path] | None = None, *, petrarch: bool = True) -> KnowledgeBase:
    """Compile the knowledge base from the shipped tables and ``user_dirs`` (default: the
    user KB directories, see :func:`files.user_kb_dirs`)."""
    kb = KnowledgeBase()
    # 1. Countries, their governments, nisbas and capitals.
    nisba_owner: dict[str, set[str]] = {}
    capitals: dict[str, tuple[str, list[str]]] = {}
    country_keys: set[str] = set()
    for country in files.read_countries():
        rec = kb.add(country.record)
        iso3 = rec.country or ""
        kb.countries[iso3] = rec.id
        country_keys |= {alias_key(a) for a in rec.aliases}
        kb.add(
            Record(
                id=f"gov:{iso3}",
                type="ORG",
                kind="government",
                name=f"Government of {rec.name}",
                name_ar=f"حكومة {rec.name_ar}",
                country=iso3,
                code=f"{rec.code}GOV",
                aliases=[f"حكومة {a}" for a in rec.aliases],
                source=rec.source,
            )
        )
        for base in country.nisba:
            for form in inflect_nisba(base):
                nisba_owner.setdefault(alias_key(form), set()).add(iso3)
        for plural in country.plural:
            for form in (plural, plural.removeprefix("ال")):
                nisba_owner.setdefault(alias_key(form), set()).add(iso3)
        if country.capital_ar:
            capitals[iso3] = (rec.capital or "", country.capital_ar)
    for key, owners in nisba_owner.items():
        if len(owners) == 1:  # a form two countries share names neither
            iso3 = next(iter(owners))
            kb.nisbas[key] = iso3
            kb._alias(key, kb.countries[iso3], NISBA, "nisba")
    # 2. Places, organisations, people.
    for place in files.read_places():
        kb.add(place)
    for iso3, (_, names) in capitals.items():
        for name in names:
            key = alias_key(name)
            if key not in country_keys:  # الكويت is the country before it is its capital
                kb.metonyms.setdefault(key, []).append(Metonym(name, f"gov:{iso3}"))
    for rec in files.read_entities():
        kb.add(rec)
    roles = files.read_roles()
    for rec in files.read_people():
        rec.roles = roles.pop(rec.id, [])
        kb.add(rec)
    for rid, extra in roles.items():  # roles of organisations (Taliban, RSF)
        if rid in kb.records:
            kb.records[rid].roles += extra
    if petrarch:
        for rec in files.read_petrarch_people():
            # The seed fills gaps; a name the curated table knows stays the curated person's.
            if not any(kb.records[h.id].kind == "person" for h in kb.lookup(rec.name_ar)):
                kb.add(rec)
    # 3. The user's files.
    records, extra_roles = files.read_user_files(
        files.user_kb_dirs() if user_dirs is None else user_dirs
    )
    for rec in records:
        kb.add(rec)
    for rid, more in extra_roles.items():
        if rid in kb.records:
            kb.records[rid].roles += more
    # 4. Agents, metonyms from the table (they replace a capital's default), indexes.
    for agent in files.read_agents():
        kb.agents[alias_key(agent.alias)] = agent
    table: dict[str, list[Metonym]] = {}
    for met in files.read_metonyms():
        table.setdefault(alias_key(met.alias), []).append(met)
    kb.metonyms.update(table)
    kb.finish()
    return kb


_LOCK = threading.Lock()
# One slot rather than a module global: every process (a Dask worker too) builds it once.
_BUILT: list[KnowledgeBase] = []


def get_kb() -> KnowledgeBase:
    """The process-wide knowledge base, built on first use (thread-safe)."""
    if not _BUILT:
        with _LOCK:
            if not _BUILT:
                _BUILT.append(build())
    return _BUILT[0]


def reset_kb() -> None:
    """Forget the built knowledge base (after the user's files changed)."""
    with _LOCK:
        _BUILT.clear()
