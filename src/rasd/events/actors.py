"""Who a phrase names: country, sector, actor code and KB entity.

Linked entities come first: a mention the KB linker tied to an entity gives that entity's
actor code (valid on the article's date; the linker decides that) and country. Without a
link the stage still codes what the text itself says:

1. nisba adjectives carry their country (``الرئيس الروسي`` → RUS; the entity tagger writes
   it as ``country:RUS`` or ``region:WST``);
2. place names go through the gazetteer (``rasd.kb.lookup_place``: ``كييف`` → UKR);
3. ``actors.tsv`` names seats of power (``الكرملين`` → RUS GOV), blocs and organisations
   (``مجموعة العشرين`` → IGO), and role words that give the sector (``الجيش`` → MIL);
4. a person named once with a nisba or title keeps that country in the rest of the article
   (``الرئيس الروسي فلاديمير بوتين`` … ``وقرر بوتين``): the same name is a coreference reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from rasd.arabic.normalize import normalize
from rasd.document import Document, Entity, Mention, Token
from rasd.events.lexicon import Lexicon
from rasd.events.nisba import nisba_country
from rasd.events.syntax import Member, Phrase, SentenceView, actor_word, is_nisba, letter_offset
from rasd.kb import Place, lookup_place

# Country codes PLOVER/CAMEO use for non-states: an actor code is one of these plus nothing.
NONSTATE = frozenset({"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC", "WST", "ARB", "AFR", "ASA"})


@dataclass(slots=True)
class Resolver:
    """Resolves phrases of one document; remembers people's countries across sentences."""

    lex: Lexicon
    entities: dict[str, Entity]
    names: dict[str, tuple[str, str | None]] = field(
        default_factory=dict
    )  # name → (country, sector)

    def resolve(self, view: SentenceView, phrase: Phrase, doc_text: str) -> None:
        words = view.words
        named: list[Member] = []
        nisbas: list[Member] = []
        places: list[Member] = []
        roles: list[tuple[str | None, str | None, str]] = []  # (sector, code/country, kind)
        seen_mentions: set[int] = set()
        k = phrase.first
        while k <= phrase.last:
            w = words[k]
            if w.nisba is not None and (w.mention is None or is_nisba(view.mentions[w.mention])):
                if w.mention is None or w.mention not in seen_mentions:
                    if w.mention is not None:
                        seen_mentions.add(w.mention)
                    start = view.mentions[w.mention].start if w.mention is not None else w.tok.start
                    nisbas.append(
                        Member(doc_text[start : w.tok.end], start, w.tok.end, w.nisba, kind="nisba")
                    )
                k += 1
                continue
            if w.mention is not None:
                if k > phrase.first and (country := nisba_country(w.norm)):
                    # A nisba the tagger left inside a longer name (مجلس الأمن الروسي).
                    nisbas.append(Member(w.tok.text, w.tok.start, w.tok.end, country, kind="nisba"))
                if w.mention not in seen_mentions:
                    seen_mentions.add(w.mention)
                    m = view.mentions[w.mention]
                    member = self._mention(m)
                    if member.kind == "place":
                        places.append(member)
                    elif not is_nisba(m):
                        named.append(member)
                k += 1
                continue
            found = actor_word(words, k, self.lex)
            if found is not None:
                entry, span = found
                if entry.kind == "victim":
                    phrase.victim = True
                elif entry.kind == "counterpart":
                    phrase.counterpart = True
                    roles.append((entry.sector, None, "role"))
                else:
                    roles.append((entry.sector, entry.code, entry.kind))
                k += span
                continue
            k += 1
        sector = next((s for s, _, kind in roles if s and kind in ("role", "metonym")), None)
        phrase.sector = sector
        phrase.person = bool(named) and not roles and all(n.kind == "person" for n in named)
        # Coordinated nisbas name several parties (الاقتصادان الروسي والايراني).
        if len(nisbas) > 1 and not named:
            phrase.members = [
                Member(
                    n.text,
                    n.start,
                    n.end,
                    n.country,
                    _code(n.country, sector),
                    None,
                    sector,
                    "nisba",
                )
                for n in nisbas
            ]
            return
        member = Member(phrase.text, phrase.start, phrase.end, sector=sector)
        # 1. A linked entity (the head name) wins; in «سكرتير مجلس الأمن الروسي نيكولاي
        #    باتروشيف» the person is the head, the council his title.
        named.sort(key=lambda n: n.kind != "person")
        for n in named:
            if n.code or n.country or n.entity:
                member.entity = member.entity or n.entity
                if n.code and not member.code:
                    member.code = n.code
                if n.country and not member.country:
                    member.country = n.country
                if n.sector and not member.sector:
                    member.sector = n.sector
        # 2. The nisba on a title or office (الرئيس الروسي, مجلس الأمن الروسي).
        if not member.country and nisbas:
            member.country = nisbas[0].country
            if not named and not roles:
                member.kind = "nisba"  # a thing of that country (مسيّرات ايرانية)
        # 3. A seat of power, bloc or country word from actors.tsv.
        for sec, code, kind in roles:
            if kind in ("metonym", "country", "group") and code and not member.country:
                member.country = code
                member.kind = kind
                if sec and not member.sector:
                    member.sector = sec
        # 4. A place inside the phrase (وزير خارجية إسبانيا) or the place itself.
        if not member.country and places:
            member.country = places[0].country
            member.sector = member.sector or places[0].sector
            member.entity = member.entity or places[0].entity
            if places[0].code and not roles and not named:
                member.code = places[0].code  # a linked place's own code; الكرملين → RUSGOV
            member.kind = "place" if not roles and not named else member.kind
        if not member.code:
            member.code = _code(member.country, member.sector)
        # A person named with a country: remember it for the rest of the article.
        for n in named:
            if n.kind == "person" and member.country and member.country not in NONSTATE:
                key = normalize(n.text)
                self.names[key] = (member.country, member.sector or n.sector)
                last = key.split()[-1]
                if len(key.split()) > 1 and len(last) > 2:
                    self.names.setdefault(last, (member.country, member.sector or n.sector))
        phrase.members = (
            [member] if (member.country or member.code or member.entity or named or roles) else []
        )
        if not phrase.members and nisbas:
            phrase.members = [nisbas[0]]

    def _mention(self, m: Mention) -> Member:
        member = Member(m.text, m.start, m.end, kind="name")
        ent = self.entities.get(m.entity) if m.entity else None
        if ent is not None:
            member.entity = ent.id
            member.code = ent.actor_code
            member.country = ent.country or (ent.actor_code[:3] if ent.actor_code else None)
            if ent.actor_code and len(ent.actor_code) >= 6:
                member.sector = ent.actor_code[3:6]
        elif m.entity and m.entity.startswith(("country:", "region:")):
            member.country = m.entity.split(":", 1)[1]
        if m.type == "PER":
            member.kind = "person"
            if not member.country:
                key = normalize(m.text)
                known = self.names.get(key) or self.names.get(key.split()[-1] if key else "")
                if known:
                    member.country, member.sector = known
        elif m.type in ("GPE", "LOC", "FAC") and not member.country:
            code, sector = self._actor_table(m.text)
            if code:
                member.country, member.sector = code, sector
            else:
                place = _place_of(m.text)
                if place is not None:
                    member.country = place.country
            member.kind = "place"
        elif not member.country:
            code, sector = self._actor_table(m.text)
            if code:
                member.country, member.sector = code, sector
        if member.country and not member.code and member.sector:
            member.code = _code(member.country, member.sector)  # الكرملين → RUSGOV
        return member

    def _actor_table(self, text: str) -> tuple[str | None, str | None]:
        """Code and sector of a seat of power, bloc or country word (actors.tsv)."""
        parts = normalize(text).split()
        if not parts:
            return None, None
        for entry in self.lex.actors.get(parts[0], ()):
            if entry.words == tuple(parts) and entry.code:
                return entry.code, entry.sector
        return None, None


def _place_of(text: str) -> Place | None:
    """The place a mention names, trying the spellings clitics leave: «للعراق» → العراق,
    «وبغداد» → بغداد, «العراق» → عراق."""
    norm = normalize(text)
    variants = [norm]
    if norm.startswith("لل"):
        variants.append("ال" + norm[2:])
    if len(norm) > 4 and norm[0] in "وفبل":
        variants.append(norm[1:])
    if norm.startswith("ال") and len(norm) > 4:
        variants.append(norm[2:])
    for v in variants:
        place = lookup_place(v)
        if place is not None:
            return place
    return None


def _code(country: str | None, sector: str | None) -> str | None:
    if not country:
        return None
    if country in NONSTATE or not sector:
        return country
    return country + sector


def fallback_mentions(doc: Document, lex: Lexicon) -> list[Mention]:
    """Place names and titled people found without the entity tagger.

    Used only when the document has no mentions at all (no tagger in the pipeline), so the
    stage still codes ``زار الرئيس الروسي فلاديمير بوتين طهران``: countries and cities from
    the gazetteer (one to three words), and the one to three words after a title and its
    nisba (``الرئيس الروسي`` + ``فلاديمير بوتين``) as a person, whose last name then marks the
    same person later in the article. Nisbas need no mention (see :mod:`rasd.events.nisba`).
    """
    out: list[Mention] = []
    toks = [t for t in doc.tokens if t.kind == "word"]
    names: set[str] = set()
    i = 0
    while i < len(toks):
        found = False
        for n in (3, 2, 1):
            if i + n > len(toks):
                continue
            if n > 1 and any(toks[k].end + 1 < toks[k + 1].start for k in range(i, i + n - 1)):
                continue
            start, end = toks[i].start, toks[i + n - 1].end
            text = doc.text[start:end]
            table = _country_word(lex, normalize(text))
            place = lookup_place(text)
            stem = toks[i].stem
            if place is None and n == 1 and stem:
                # «لأوكرانيا», «والعراق»: the name without the letters written on it.
                bare = ("ال" if "ال" in toks[i].prefixes else "") + stem
                place = lookup_place(bare)
                if place is not None:
                    start = _stem_start(toks[i])
            # The gazetteer holds small cities named like common words (دولة, وان, فلاديمير):
            # without a tagger, only countries, regions and big cities count.
            big = place is not None and (
                place.kind != "city" or place.population >= 1_000_000 or n > 1
            )
            big = big and normalize(text) not in _GENERIC_PLACES
            if big or table:
                out.append(Mention(start, end, doc.text[start:end], "GPE", None, "Fallback"))
                i += n
                found = True
                break
        if found:
            continue
        if _title(toks[i], lex):
            j = i + 1
            while j < len(toks) and j < i + 4 and (_filler(toks[j]) or nisba_country(toks[j].norm)):
                j += 1
            k = j
            while (
                k < len(toks)
                and k < j + 3
                and _name_like(toks[k], lex)
                and toks[k].start - toks[k - 1].end <= 1
            ):
                k += 1
            if k > j:
                start, end = toks[j].start, toks[k - 1].end
                out.append(Mention(start, end, doc.text[start:end], "PER", None, "Fallback"))
                names.add(toks[k - 1].norm)
                i = k
                continue
        elif toks[i].norm in names and not toks[i].prefixes:
            out.append(Mention(toks[i].start, toks[i].end, toks[i].text, "PER", None, "Fallback"))
        i += 1
    return out


# Common nouns the gazetteer also holds as cities (المدينة is Medina, دولة a town in India).
_GENERIC_PLACES = frozenset(
    normalize(w)
    for w in [
        "مدينة",
        "المدينة",
        "دولة",
        "الدولة",
        "عاصمة",
        "العاصمة",
        "قرية",
        "بلدة",
        "منطقة",
        "محافظة",
        "ولاية",
        "جزيرة",
        "الجزيرة",
        "وان",
    ]
)

_TITLES = frozenset(
    normalize(w)
    for w in [
        "الرئيس",
        "رئيس",
        "الملك",
        "ملك",
        "الأمير",
        "امير",
        "الامير",
        "وزير",
        "الوزير",
        "رئيس",
        "سكرتير",
        "مستشار",
        "سفير",
        "السفير",
        "قائد",
        "الزعيم",
        "زعيم",
        "الشيخ",
        "الجنرال",
        "المتحدث",
        "نائب",
        "المبعوث",
        "مبعوث",
        "العاهل",
        "الأمين",
        "الامين",
    ]
)


def _title(tok: Token, lex: Lexicon) -> bool:
    return tok.norm in _TITLES or (
        tok.stem is not None and ("ال" + tok.stem) in _TITLES and "ال" in tok.prefixes
    )


def _filler(tok: Token) -> bool:
    from rasd.events.syntax import _FILLERS

    return tok.norm in _FILLERS or (tok.stem or "") in _FILLERS


def _name_like(tok: Token, lex: Lexicon) -> bool:
    """Could this word be part of a name: not a function or lexicon word, no clitics."""
    norm = tok.norm
    if tok.prefixes or tok.suffixes or len(norm) < 2 or norm in _function_words():
        return False
    if norm in lex.triggers or norm in lex.cue_index or norm in lex.actors or nisba_country(norm):
        return False
    place = lookup_place(norm)
    # فلاديمير is a town too; طهران after a name is the next argument, not the name.
    return place is None or (place.kind == "city" and place.population < 1_000_000)


def _country_word(lex: Lexicon, norm: str) -> str | None:
    for entry in lex.actors.get(norm.split(maxsplit=1)[0] if norm else "", ()):
        if entry.kind in ("country", "metonym", "group") and " ".join(entry.words) == norm:
            return entry.code
    return None


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    text = (
        resources.files("rasd.data").joinpath("function_words_ar.txt").read_text(encoding="utf-8")
    )
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def _stem_start(tok: Token) -> int:
    """Offset where a token's stem starts once its conjunction/preposition letters are skipped
    (the article stays: ``والعراق`` → ``العراق``)."""
    skip = sum(len(p) for p in tok.prefixes if p != "ال")
    if "ال" in tok.prefixes and tok.norm[skip : skip + 2] != "ال":
        return tok.start  # ل + ال written لل (للعراق): keep the word whole
    return tok.start + letter_offset(tok.text, skip)
