"""Entity linking: mentions → knowledge-base entities with the actor code valid on the
article's date.

:func:`link_document` (and :class:`LinkingStage`, its pipeline form):

1. finds multi-word names the tagger missed (``الولايات المتحدة``, ``مجلس الأمن الروسي``)
   when the alias is unambiguous and overlaps no mention (``add_mentions``);
2. gathers the countries the article talks about, so an ambiguous place (طرابلس in Libya or
   Lebanon) or organisation (حزب العدالة والتنمية in Turkey or Morocco) goes to the right one;
3. links long mentions before short ones, so ``بوتين`` after ``فلاديمير بوتين`` and a surname
   after the full name of someone the KB does not know take the same entity;
4. for each mention tries, in order: the names already linked in the article; the alias
   index (with a nisba after the mention when that makes a longer name), scored by type,
   dated roles, the title before a name, context countries and source; a longer name the
   tagger cut short; a generic agent with its country (``وزير الخارجية الإيراني`` → IRNGOV,
   or the minister of that day, or the person named after the title);
5. reads a capital as its government when it acts (``ونفت طهران``, ``موسكو تنفي``), as
   the city otherwise (``إلى موسكو``);
6. gives every person it cannot place a ``new:`` record without an actor code: a wrong link
   costs more than no link.

Every link carries its reason (:attr:`Link.reason`), which ``rasd kb lookup`` shows.
"""

from __future__ import annotations

import bisect
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from rasd.arabic.normalize import normalize
from rasd.arabic.tokens import tokenize
from rasd.document import Document, Entity, Mention, Token
from rasd.kb.files import Agent
from rasd.kb.index import Hit, KnowledgeBase, get_kb, variants
from rasd.kb.model import FULL, NISBA, SHORT, Record, alias_key

# Mention types that can name the same thing: a city is GPE to one tagger and LOC to another.
_GROUP = {"PER": "PER", "ORG": "ORG", "GPE": "GEO", "LOC": "GEO", "FAC": "GEO", "NORP": "NORP"}
# Particles and titles that say nothing about who a name is (for short-form coreference).
_NAME_PARTICLES = frozenset(
    alias_key(w)
    for w in [
        "بن",
        "بنت",
        "ابن",
        "ال",
        "أبو",
        "أبي",
        "بو",
        "عبد",
        "ولد",
        "آل",
        "دي",
        "دو",
        "فان",
        "فون",
    ]
)
_FORMER = frozenset(alias_key(w) for w in ["السابق", "السابقة", "الأسبق", "سابق", "سابقا"])

# Verbs of saying and doing (perfect and imperfect, 3rd person, search form). A capital
# right after one, or right before one at the start of a clause, is acting.
_VERB_PAIRS = """
قال/يقول اعلن/يعلن اكد/يؤكد اتهم/يتهم طالب/يطالب رفض/يرفض حذر/يحذر هدد/يهدد رد/يرد
وافق/يوافق اعتبر/يعتبر ارسل/يرسل فرض/يفرض قرر/يقرر طرد/يطرد ادان/يدين رحب/يرحب اقر/يقر
نفذ/ينفذ شن/يشن اوضح/يوضح اشار/يشير لفت/يلفت كشف/يكشف ابلغ/يبلغ بعث/يبعث وقع/يوقع
عرض/يعرض اقترح/يقترح ندد/يندد استنكر/يستنكر هاجم/يهاجم قصف/يقصف ضرب/يضرب دعم/يدعم
ساعد/يساعد زود/يزود منح/يمنح اعترف/يعترف انتقد/ينتقد حمل/يحمل عبر/يعبر تعهد/يتعهد
اتفق/يتفق حاول/يحاول استخدم/يستخدم عمل/يعمل قدم/يقدم باع/يبيع وعد/يعد علق/يعلق اغلق/يغلق
سحب/يسحب نشر/ينشر اعرب/يعرب شدد/يشدد طلب/يطلب استقبل/يستقبل عقد/يعقد بحث/يبحث
ناقش/يناقش رفع/يرفع خفض/يخفض اوقف/يوقف توعد/يتوعد حث/يحث ناشد/يناشد عاقب/يعاقب
اراد/يريد واصل/يواصل درس/يدرس خطط/يخطط اتخذ/يتخذ اصدر/يصدر صوت/يصوت انضم/ينضم
انسحب/ينسحب تدخل/يتدخل نصح/ينصح لام/يلوم اخطر/يخطر حض/يحض سلم/يسلم تسلم/يتسلم
"""
# Verbs ending in a weak letter, whose feminine forms the rule (+ت) does not make.
_WEAK = {
    "نفي": ("نفت", "ينفي"),
    "دعا": ("دعت", "يدعو"),
    "سعي": ("سعت", "يسعي"),
    "ابدي": ("ابدت", "يبدي"),
    "استدعي": ("استدعت", "يستدعي"),
    "اجري": ("اجرت", "يجري"),
    "اشتري": ("اشترت", "يشتري"),
    "راي": ("رات", "يري"),
    "بدا": ("بدات", "يبدو"),
    "مضي": ("مضت", "يمضي"),
    "هنا": ("هنات", "يهنئ"),
}
# Verbs whose object is an actor too (the accused, the one asked): ``وتتهم كييف … موسكو``.
_OBJECT_VERBS = frozenset(
    [
        "اتهم",
        "طالب",
        "دعا",
        "حذر",
        "حث",
        "ناشد",
        "هدد",
        "ادان",
        "حمل",
        "انتقد",
        "عاقب",
        "ابلغ",
        "اخطر",
        "حض",
        "لام",
        "نصح",
        "منح",
        "زود",
        "سلم",
    ]
)
# Nouns whose possessor is a state, not a place: برنامج طهران النووي، موقف موسكو.
_STATE_NOUNS = frozenset(
    alias_key(w)
    for w in [
        "برنامج",
        "موقف",
        "مواقف",
        "سياسة",
        "سياسات",
        "قرار",
        "قرارات",
        "رد",
        "دعم",
        "تدخل",
        "نفوذ",
        "حليف",
        "حلفاء",
        "علاقات",
        "عقوبات",
        "اتهامات",
        "مطالب",
        "تهديدات",
        "شروط",
        "رفض",
        "موافقة",
        "وفد",
        "مسؤولو",
        "مسؤولي",
        "مبعوث",
        "حكومة",
        "سلطات",
        "نظام",
        "قيادة",
        "إدارة",
        "دبلوماسية",
        "تحالف",
        "استراتيجية",
        "مصالح",
    ]
)
# Words before a name that say the person is no politician (للفنان ماتيس is the painter).
_NOT_POLITICAL = frozenset(
    alias_key(w)
    for w in [
        "الفنان",
        "الفنانة",
        "فنان",
        "الرسام",
        "المغني",
        "المغنية",
        "مغني",
        "الممثل",
        "الممثلة",
        "الكاتب",
        "الكاتبة",
        "الروائي",
        "الشاعر",
        "المخرج",
        "المخرجة",
        "اللاعب",
        "لاعب",
        "المدرب",
        "مدرب",
        "النجم",
        "النجمة",
        "الموسيقار",
    ]
)
_PREPOSITIONS = frozenset(
    normalize(w)
    for w in [
        "في",
        "إلى",
        "الى",
        "من",
        "عن",
        "على",
        "مع",
        "بين",
        "نحو",
        "ضد",
        "تجاه",
        "حول",
        "قرب",
        "داخل",
        "خارج",
        "عبر",
        "لدى",
        "عند",
        "منذ",
        "حتى",
        "بعد",
        "قبل",
        "أمام",
        "وراء",
        "فوق",
        "تحت",
        "خلال",
        "ضمن",
        "إزاء",
        "صوب",
        "عاصمة",
        "مدينة",
        "شوارع",
        "مطار",
        "سفارة",
    ]
)
_COMPLEMENTISERS = frozenset(
    normalize(w) for w in ["أن", "إن", "ان", "بأن", "لأن", "كما", "لكن", "بينما", "حيث"]
)


def _verb_forms() -> tuple[frozenset[str], frozenset[str]]:
    verbs: set[str] = set()
    objects: set[str] = set()
    pairs = [p.split("/") for p in _VERB_PAIRS.split()]
    pairs += [[perfect, imperfect] for perfect, (_, imperfect) in _WEAK.items()]
    for perfect, imperfect in pairs:
        fem = _WEAK[perfect][0] if perfect in _WEAK else perfect + "ت"
        forms = {perfect, fem, imperfect, "ت" + imperfect[1:], perfect + "وا", imperfect + "ون"}
        verbs |= forms
        if perfect in _OBJECT_VERBS:
            objects |= forms
    return frozenset(verbs), frozenset(objects)


_VERBS, _OBJECT_VERB_FORMS = _verb_forms()


@dataclass(slots=True)
class Link:
    """Where a mention went and why."""

    id: str
    entity: Entity
    reason: str
    record: Record | None = None


@dataclass(slots=True)
class _Title:
    """A generic agent and the country the text gives it."""

    agent: Agent
    country: str | None
    words: int  # how many words the title took
    former: bool = False

    @property
    def code(self) -> str | None:
        country = self.agent.country or self.country
        return f"{country}{self.agent.sector}" if country else None


@dataclass(slots=True)
class _Doc:
    kb: KnowledgeBase
    doc: Document
    date: str | None
    tokens: list[Token]
    starts: list[int]
    sentences: list[tuple[int, int]]
    countries: Counter[str] = field(default_factory=Counter)
    # Countries named in each sentence (by sentence index), for a place's local context.
    local: dict[int, set[str]] = field(default_factory=dict)
    coref: dict[str, str | None] = field(default_factory=dict)
    links: list[tuple[int, Link]] = field(default_factory=list)  # (mention start, link)


class LinkingStage:
    """Pipeline stage: sets ``Mention.entity`` and fills ``Document.entities``."""

    name = "linking"
    requires = frozenset({"mentions", "published", "text", "sentences"})
    provides = frozenset({"entities"})

    def __init__(self, kb: KnowledgeBase | None = None, *, add_mentions: bool = True) -> None:
        self._kb = kb
        self.add_mentions = add_mentions

    def process(self, doc: Document) -> Document:
        return link_document(doc, self._kb or get_kb(), add_mentions=self.add_mentions)


def link_document(
    doc: Document, kb: KnowledgeBase | None = None, *, add_mentions: bool = True
) -> Document:
    """Link ``doc.mentions`` in place (see the module docstring for the steps)."""
    link_all(doc, kb, add_mentions=add_mentions)
    return doc


def link_all(
    doc: Document, kb: KnowledgeBase | None = None, *, add_mentions: bool = True
) -> list[Link]:
    """:func:`link_document`, returning each mention's :class:`Link` (with its reason)."""
    kb = kb or get_kb()
    tokens = doc.tokens or tokenize(doc.text)
    sentences = [(s.start, s.end) for s in doc.sentences] or [(0, len(doc.text))]
    ctx = _Doc(kb, doc, doc.published, tokens, [t.start for t in tokens], sentences)
    # 1. Names the tagger missed.
    if add_mentions:
        doc.mentions = sorted(doc.mentions + scan_mentions(ctx), key=lambda m: (m.start, m.end))
    # 2. The article's countries: named in the text (names, nisbas, capitals), whatever the
    # tagger found, and through the people it names.
    _count_countries(ctx)
    for m in doc.mentions:
        country = _person_country(kb, _text(doc, m))
        if country:
            ctx.countries[country] += 1
    if doc.dateline and doc.dateline.place:
        place = _best_place(kb, kb.candidates(doc.dateline.place)[1])
        if place is not None and place.country:
            ctx.countries[place.country] += 1
    # 3.-6. Long mentions first, so short forms can refer back to them.
    order = sorted(
        range(len(doc.mentions)), key=lambda i: (_text(doc, doc.mentions[i]).count(" ") == 0, i)
    )
    links: dict[int, Link] = {}
    for i in order:
        m = doc.mentions[i]
        link = link_mention(ctx, m)
        links[i] = link
        m.entity = link.id
        if (
            link.record is not None
            and m.type == "PER"
            and _GROUP.get(link.record.type, "PER") != "PER"
        ):
            # Linked in full to a place or body the tagger took for a person (قال
            # الكرملين): the knowledge base's type is the better one.
            m.type, m.fine = link.record.type, None
        ctx.links.append((m.start, link))
        if m.type in ("PER", "") and (link.record is None or link.record.kind == "person"):
            _remember(ctx, _text(doc, m), link.id)
    entities: dict[str, Entity] = {}
    for i in range(len(doc.mentions)):
        entities.setdefault(links[i].id, links[i].entity)
    # The dateline's place and outlet are outside ``text`` (no mention), but they are
    # entities of the article all the same.
    if doc.dateline:
        for name in (doc.dateline.place, doc.dateline.outlet):
            extra = _dateline_entity(ctx, name) if name else None
            if extra is not None:
                entities.setdefault(extra.id, extra)
    doc.entities = list(entities.values())
    return [links[i] for i in range(len(doc.mentions))]


def _dateline_entity(ctx: _Doc, name: str) -> Entity | None:
    _, hits = ctx.kb.candidates(name)
    recs = [ctx.kb.records[h.id] for h in hits if h.strength == FULL]
    if not recs:
        return None
    rec = _best_place(ctx.kb, hits) or (recs[0] if len(recs) == 1 else None)
    return _link_for(ctx, rec, name, "dateline").entity if rec is not None else None


def link_mention(ctx: _Doc, m: Mention) -> Link:
    """The entity a mention names, given the document context."""
    kb, text = ctx.kb, _text(ctx.doc, m)
    key = alias_key(text)
    i0, i1 = _token_span(ctx, m)
    before = _title_before(ctx, i0)
    # a. A short form of someone named earlier in the article.
    if m.type in ("PER", "") and " " not in key:
        rid = _coref(ctx, key)
        if rid is not None:
            return _from_id(ctx, rid, text, f"short form of {rid} named earlier in the article")
    # b. The mention and a nisba after it (مجلس الأمن + الروسي), then the mention itself.
    after = _nisba_after(ctx, i1)
    if after is not None:
        longer, hits = kb.candidates(f"{key} {after}")
        chosen = _choose(ctx, m, hits, before) if hits else None
        if chosen is not None:
            reason = f"{chosen[1]} (with the nisba after the mention)"
            return _record_link(ctx, chosen[0], text, reason, m, i0, i1, longer)
    matched, hits = kb.candidates(text)
    chosen = _choose(ctx, m, hits, before) if hits else None
    if chosen is not None:
        return _record_link(ctx, chosen[0], text, chosen[1], m, i0, i1, matched)
    # c. A longer name the tagger cut short (المجلس الروسي | للشؤون الدولية).
    longer_id = _longer_name(ctx, m, i0, i1)
    if longer_id is not None:
        return _from_id(ctx, longer_id, text, "a longer name in the text starts with the mention")
    # d. A generic agent, maybe with a country and a name after it.
    title = parse_title(kb, key.split())
    if title is not None:
        rest = key.split()[title.words :]
        if not rest:
            return _agent_link(ctx, title, text, m.start, i1)
        matched, hits = kb.candidates(" ".join(rest))
        chosen = _choose(ctx, m, hits, title) if hits else None
        if chosen is not None:
            return _record_link(ctx, chosen[0], text, chosen[1], m, -1, -1, matched)
    return _new(ctx, m, text, i0)


def _longer_name(ctx: _Doc, m: Mention, i0: int, i1: int) -> str | None:
    """The entity of an unambiguous knowledge-base name that begins with the mention and
    runs on past its end in the text."""
    if i0 < 0 or m.start != ctx.tokens[i0].start:
        return None
    kb, toks = ctx.kb, ctx.tokens
    first = _token_key(toks[i0])
    most = max(kb.scan_first.get(first, 0), kb.scan_first.get(alias_key(toks[i0].text), 0))
    for n in range(min(most, len(toks) - i0), i1 - i0, -1):
        window = toks[i0 : i0 + n]
        if any(t.kind not in ("word", "number") for t in window[1:]):
            continue
        rest = [alias_key(t.text) for t in window[1:]]
        for head in (alias_key(toks[i0].text), first):
            rid = kb.scan.get(" ".join([head, *rest]))
            if rid is not None:
                return rid
    return None


def _coref(ctx: _Doc, key: str) -> str | None:
    """The entity a short form refers to in this article (the key as is, or without the
    conjunction or preposition on it: وبوتين)."""
    for form in (key, *variants(key)):
        if form in ctx.coref:
            return ctx.coref[form]
    return None


def _choose(
    ctx: _Doc, m: Mention, hits: Sequence[Hit], title: _Title | None
) -> tuple[Record, str] | None:
    """The best record for a mention among ``hits``, or None when the evidence does not
    single one out."""
    kb = ctx.kb
    scored: list[tuple[float, Record, str]] = []
    for hit in hits:
        rec = kb.records[hit.id]
        score, why = _score(ctx, m, rec, hit, title)
        if score is not None:
            scored.append((score, rec, why))
    if not scored:
        return None
    scored.sort(key=lambda s: (-s[0], s[1].priority, -s[1].population))
    best = scored[0]
    # The same person twice (a curated record and a Wikidata import): the trusted one wins.
    rivals = [
        s
        for s in scored[1:]
        if not (
            s[1].kind == best[1].kind == "person"
            and s[1].country == best[1].country
            and s[1].priority > best[1].priority
        )
    ]
    # A country and a city of its own with its name (تونس، الكويت): the country, unless the
    # tagger said it is a city.
    if m.fine != "Population-Center":
        if best[1].kind in ("city", "place"):
            country = next(
                (s for s in rivals if s[1].kind == "country" and s[1].country == best[1].country),
                None,
            )
            if country is not None:
                best = country
        if best[1].kind == "country":
            rivals = [
                s
                for s in scored
                if s is not best
                and not (s[1].kind in ("city", "place") and s[1].country == best[1].country)
            ]
    margin = best[0] - rivals[0][0] if rivals else math.inf
    if margin < 0.75:
        # Places with the same name: the bigger one, unless context said otherwise.
        places = best[1].kind in ("city", "place") and rivals[0][1].kind in ("city", "place")
        if places and best[1].population >= rivals[0][1].population:
            return best[1], best[2] + "; the most populous of its name"
        return None
    rec = best[1]
    # Only a short form matched: a surname is enough only for a person mention with
    # support from the date or the context.
    short_only = rec.kind == "person" and not any(
        h.id == rec.id and h.strength == FULL for h in hits
    )
    # Without a date there is no role to check: a surname only the one person has will do.
    bar = 2.5 if ctx.date else 1.0
    if short_only and (m.type not in ("PER", "") or best[0] < bar or _after_profession(ctx, m)):
        return None
    return rec, best[2]


def _after_profession(ctx: _Doc, m: Mention) -> bool:
    i0, _ = _token_span(ctx, m)
    if i0 <= 0:
        return False
    word = alias_key(ctx.tokens[i0 - 1].text)
    return word in _NOT_POLITICAL or any(v in _NOT_POLITICAL for v in variants(word))


def _score(
    ctx: _Doc, m: Mention, rec: Record, hit: Hit, title: _Title | None
) -> tuple[float | None, str]:
    date = ctx.date or ""
    score = {FULL: 2.0, NISBA: 1.5, SHORT: 0.5}[hit.strength]
    why = [f"{hit.via} {rec.name_ar or rec.name}"]
    group = _GROUP.get(m.type)
    rec_group = _GROUP.get(rec.type)
    if m.type == "NORP" and hit.strength == NISBA:
        score += 1  # the nisba is what NORP mentions are
    elif group and rec_group and group != rec_group:
        if rec_group == "PER" or (group == "PER" and hit.strength != FULL):
            return None, ""  # a person is never a place or a body
        # The tagger takes a seat of power or a body for a person now and then (قال
        # الكرملين); a place or body named in full may still be what the mention names.
        score -= 1.5
    elif group and group == rec_group:
        score += 0.5
    if rec.kind == "person":
        countries = {rec.country} | {r.code[:3] for r in rec.roles}
        held = rec.roles_on(date)
        if held:
            score += 3
            why.append(
                f"{held[0].role} {held[0].start or '…'}..{held[0].end or '…'} ({held[0].source})"
            )
        elif rec.roles and date:
            near = min(r.distance(date) for r in rec.roles)
            score += 1.5 if near <= 3 * 366 else 0.5 if near <= 10 * 366 else 0
        if title is not None:
            if title.country and title.country in countries:
                score += 2
                why.append(f"title country {title.country}")
            elif title.country:
                score -= 2
            if title.agent.role and any(
                r.role == title.agent.role and (r.valid(date) or title.former) for r in rec.roles
            ):
                score += 2
                why.append(f"title {title.agent.role}")
        if countries & set(ctx.countries):
            score += 0.5
    else:
        if rec.kind == "country":
            score += 1.0
            if m.fine == "Population-Center":
                score -= 2
        elif rec.kind in ("city", "place"):
            score += min(math.log10(rec.population + 1) / 3, 2.3) if rec.population else 0
            if m.fine in ("Population-Center", "County-or-District", "State-or-Province"):
                score += 1
            if m.fine == "Nation":
                score -= 2
        if rec.country and ctx.countries:
            share = ctx.countries[rec.country] / max(1, sum(ctx.countries.values()))
            if share:
                score += 1 + share
                why.append(f"the article is about {rec.country}")
            if rec.country in ctx.local.get(_sentence_index(ctx, m.start), ()):
                score += 1.5
    score -= 0.5 * rec.priority
    return score, "; ".join(why)


def _record_link(
    ctx: _Doc, rec: Record, text: str, reason: str, m: Mention, i0: int, i1: int, key: str
) -> Link:
    # A capital (or a place standing for a body) that acts is the government it stands for.
    if rec.kind in ("city", "place") and i0 >= 0:
        met = ctx.kb.metonym(key, ctx.date)
        if met is not None and _acts(ctx, i0, i1, m):
            target = ctx.kb.records.get(met.target)
            if target is not None:
                return _link_for(ctx, target, text, f"{reason}; acts, so {target.name} (metonymy)")
    return _link_for(ctx, rec, text, reason)


def _link_for(ctx: _Doc, rec: Record, text: str, reason: str) -> Link:
    code, _ = rec.code_on(ctx.date)
    entity = Entity(
        id=rec.id,
        name=rec.name,
        type=rec.type,
        name_ar=rec.name_ar or text,
        country=rec.country or (code[:3] if code and code[:3] in ctx.kb.countries else None),
        actor_code=code,
    )
    return Link(rec.id, entity, reason, rec)


def _from_id(ctx: _Doc, rid: str, text: str, reason: str) -> Link:
    rec = ctx.kb.records.get(rid)
    if rec is not None:
        return _link_for(ctx, rec, text, reason)
    for _, link in ctx.links:
        if link.id == rid:
            return Link(rid, link.entity, reason, None)
    return Link(rid, Entity(id=rid, name=text, type="PER", name_ar=text), reason)


def _new(ctx: _Doc, m: Mention, text: str, i0: int) -> Link:
    """Nothing fits: a record of its own, with no actor code (never a forced link)."""
    words = alias_key(text).split()
    tok = ctx.tokens[i0] if i0 >= 0 else None
    if (
        words
        and tok is not None
        and tok.stem
        and set(tok.prefixes) - {"ال"}
        and m.start == tok.start
    ):
        # The conjunction or preposition on the first word is not part of the name.
        words[0] = alias_key(("ال" if "ال" in tok.prefixes else "") + tok.stem)
    rid = "new:" + " ".join(words)
    entity = Entity(id=rid, name=text, type=m.type or "MISC", name_ar=text)
    return Link(rid, entity, "no knowledge-base entity fits: a new one")


# Generic agents -------------------------------------------------------------------------


def parse_title(kb: KnowledgeBase, words: Sequence[str], *, whole: bool = False) -> _Title | None:
    """A generic agent at the start of ``words`` (keys), with the country after it: a nisba
    (``وزير الخارجية الإيراني``) or a country name (``وزير خارجية إيران``)."""
    agent, n = None, 0
    for size in range(min(kb.agent_words, len(words)), 0, -1):
        phrase = " ".join(words[:size])
        found = kb.agents.get(phrase)
        if found is None and size >= 1:
            for v in variants(words[0]) if words else ():
                found = kb.agents.get(" ".join([v, *words[1:size]]))
                if found:
                    break
        if found is not None:
            agent, n = found, size
            break
    if agent is None:
        return None
    country: str | None = None
    rest = list(words[n:])
    # A nisba of one or two words (الكوري الجنوبي), or a country name of up to four.
    for size in (2, 1):
        if len(rest) >= size and (found_c := kb.nisbas.get(" ".join(rest[:size]))):
            country, n = found_c, n + size
            break
    else:
        for size in range(min(4, len(rest)), 0, -1):
            found_c = kb.country_named(" ".join(rest[:size]))
            if found_c:
                country, n = found_c, n + size
                break
    former = n < len(words) and words[n] in _FORMER
    if former:
        n += 1
    if whole and n != len(words):
        return None
    return _Title(agent, country, n, former)


def _title_before(ctx: _Doc, i0: int) -> _Title | None:
    """The title right before a name in the text: ``الرئيس الروسي`` before ``فلاديمير بوتين``."""
    if i0 <= 0:
        return None
    lo = max(0, i0 - 6)
    words = [alias_key(t.text) for t in ctx.tokens[lo:i0]]
    for start in range(len(words)):
        if ctx.tokens[lo + start].kind != "word":
            continue
        title = parse_title(ctx.kb, words[start:], whole=True)
        if title is not None:
            return title
    return None


def _nisba_after(ctx: _Doc, i1: int) -> str | None:
    if 0 <= i1 < len(ctx.tokens) and ctx.tokens[i1].kind == "word":
        word = alias_key(ctx.tokens[i1].text)
        if ctx.kb.nisbas.get(word):
            return word
    return None


def _agent_link(ctx: _Doc, title: _Title, text: str, start: int, end: int = -1) -> Link:
    kb, date, agent = ctx.kb, ctx.date, title.agent
    country = agent.country or title.country
    # A name right after the title says who holds it (وزير الخارجية البريطاني بوريس جونسون).
    named = _person_after(ctx, end) if end >= 0 else None
    if named is not None and (
        not country or country in {named.country} | {r.code[:3] for r in named.roles}
    ):
        return _link_for(
            ctx, named, text, f"{agent.role or agent.sector}: the person named after it"
        )
    if agent.role and date and not title.former:
        # The office holder that day: "الرئيس الروسي" in 2022 is Putin.
        holder = kb.holder(country, agent.role, date) if country else None
        if holder is None and country is None:
            holder = _holder_in_article(ctx, agent.role, start)
        if holder is not None:
            rec = kb.records.get(holder)
            if rec is not None:
                return _link_for(
                    ctx, rec, text, f"{agent.role} of {country or 'the article'} on {date}"
                )
    code = title.code
    rid = f"agent:{code or agent.sector}" + (f":{agent.role}" if agent.role else "")
    label = (agent.role or agent.sector).replace("_", " ")
    country_rec = kb.records.get(kb.countries.get(country or "", ""))
    entity = Entity(
        id=rid,
        name=f"{label} ({country_rec.name})" if country_rec else label,
        type=agent.type,
        name_ar=text,
        country=country,
        actor_code=code,
    )
    reason = f"generic agent {agent.sector}" + (
        f" of {country}" if country else ", country not given"
    )
    return Link(rid, entity, reason)


def _person_after(ctx: _Doc, i: int) -> Record | None:
    """A curated or imported person named by the (up to four) words at token ``i``."""
    toks = ctx.tokens
    if i < 0 or i >= len(toks) or toks[i].kind != "word":
        return None
    for n in range(min(4, len(toks) - i), 1, -1):
        window = toks[i : i + n]
        if any(t.kind != "word" for t in window):
            continue
        hits = ctx.kb.lookup(" ".join(t.text for t in window))
        people = {
            h.id for h in hits if h.strength == FULL and ctx.kb.records[h.id].kind == "person"
        }
        if len(people) == 1:
            return ctx.kb.records[next(iter(people))]
    return None


def _holder_in_article(ctx: _Doc, role: str, start: int) -> str | None:
    """A bare title (``الرئيس``) names the holder of that office named earlier on."""
    date = ctx.date or ""
    for pos, link in sorted(ctx.links, key=lambda p: -p[0]):
        rec = link.record
        if (
            pos < start
            and rec is not None
            and any(r.role == role and r.valid(date) for r in rec.roles)
        ):
            return rec.id
    return None


# Metonymy -------------------------------------------------------------------------------


def _acts(ctx: _Doc, i0: int, i1: int, m: Mention) -> bool:
    """Whether the place at tokens ``[i0, i1)`` is the subject (or the accused) of a verb of
    saying or doing, rather than a place something happens in."""
    toks = ctx.tokens
    lo, hi = _sentence_tokens(ctx, m.start)
    first = toks[i0]
    if set(first.prefixes) & {"ب", "ل", "ك"}:
        return False  # بموسكو، لطهران: a preposition
    prev = toks[i0 - 1] if i0 - 1 >= lo else None
    if prev is not None and prev.kind == "word":
        word = _bare(prev)
        if word in _VERBS:
            return True  # VSO: نفت طهران
        if word in _PREPOSITIONS:
            return False
        if word in _STATE_NOUNS:
            return True  # the possessor of a policy is the state: برنامج طهران النووي
        if "و" in first.prefixes and ctx.kb.metonym(word, ctx.date) is not None:
            # Coordinated with a capital before it (وأعلنت واشنطن وبكين): read alike.
            return _acts(ctx, i0 - 1, i0, Mention(prev.start, prev.end, prev.text))
    clause_start = (
        prev is None or prev.kind == "punct" or "و" in first.prefixes or "ف" in first.prefixes
    )
    clause_start = clause_start or (prev is not None and _bare(prev) in _COMPLEMENTISERS)
    nxt = toks[i1] if i1 < hi else None
    if clause_start and nxt is not None and nxt.kind == "word" and _bare(nxt) in _VERBS:
        return True  # SVO: موسكو تنفي
    # The accused or the one asked: وتتهم كييف مع حلفائها الغربيين موسكو.
    for j in range(i0 - 1, max(lo, i0 - 7) - 1, -1):
        tok = toks[j]
        if tok.kind != "word":
            break
        word = _bare(tok)
        if word in _COMPLEMENTISERS:
            break
        if word in _OBJECT_VERB_FORMS:
            return True
    return False


def _bare(tok: Token) -> str:
    """A token's search form without a conjunction or the future prefix (وتتهم → تتهم)."""
    word = alias_key(tok.text)
    for prefix in ("و", "ف"):
        if word.startswith(prefix) and (
            word[1:] in _VERBS or word[1:] in _PREPOSITIONS or word[1:] in _COMPLEMENTISERS
        ):
            word = word[1:]
            break
    if word.startswith(("س", "ل")) and word[1:] in _VERBS:
        word = word[1:]  # ستفرض (future), لمنح (to grant)
    for pronoun in ("ها", "هم", "ه"):
        if word.endswith(pronoun) and word not in _VERBS:
            stem = word[: -len(pronoun)]
            # نفته → نفت (it denied it); a final ت was the feminine ending.
            if stem in _VERBS or stem[:-1] + "ت" in _VERBS:
                return stem if stem in _VERBS else stem[:-1] + "ت"
    return word


# Knowledge-driven mentions --------------------------------------------------------------


def scan_mentions(ctx: _Doc) -> list[Mention]:
    """Unambiguous multi-word names in the text that no mention covers."""
    kb, doc, toks = ctx.kb, ctx.doc, ctx.tokens
    taken = sorted((m.start, m.end) for m in doc.mentions)
    out: list[Mention] = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        found = None
        if tok.kind == "word":
            key = alias_key(tok.text)
            forms = (
                [key] + [v for v in variants(key) if v != key]
                if key not in kb.scan_first
                else [key]
            )
            for form in forms:
                most = kb.scan_first.get(form, 0)
                for n in range(min(most, len(toks) - i), 1, -1):
                    words = [form] + [alias_key(t.text) for t in toks[i + 1 : i + n]]
                    if any(t.kind not in ("word", "number") for t in toks[i + 1 : i + n]):
                        continue
                    phrase = " ".join(words)
                    rid = kb.scan.get(phrase)
                    if rid is not None:
                        found = (rid, n, key[: len(key) - len(form)] if key.endswith(form) else "")
                        break
                if found:
                    break
        if found is None:
            i += 1
            continue
        rid, n, clitics = found
        start = _skip_letters(doc.text, tok.start, len(clitics))
        end = toks[i + n - 1].end
        if not _overlaps(taken, start, end):
            rec = kb.records[rid]
            out.append(Mention(start, end, doc.text[start:end], rec.type))
        i += n
    return out


def _skip_letters(text: str, start: int, letters: int) -> int:
    """The offset after ``letters`` letters from ``start``, marks not counted."""
    pos = start
    while letters > 0 and pos < len(text):
        if normalize(text[pos]):
            letters -= 1
        pos += 1
    while pos < len(text) and text[pos] and not normalize(text[pos]):
        pos += 1  # a mark on the clitic (وَ) belongs to it
    return pos


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect.bisect_left(spans, (start, start))
    for s, e in spans[max(0, i - 1) : i + 2]:
        if s < end and start < e:
            return True
    return any(s < end and start < e for s, e in spans if s <= start < e)


# Helpers --------------------------------------------------------------------------------


def _text(doc: Document, m: Mention) -> str:
    return m.text or doc.text[m.start : m.end]


def _token_span(ctx: _Doc, m: Mention) -> tuple[int, int]:
    i0 = bisect.bisect_right(ctx.starts, m.start) - 1
    i0 = max(0, i0)
    i1 = bisect.bisect_left(ctx.starts, m.end)
    if not ctx.tokens or ctx.tokens[i0].end <= m.start:
        return -1, -1
    return i0, max(i1, i0 + 1)


def _sentence_index(ctx: _Doc, offset: int) -> int:
    return max(0, bisect.bisect_right([s for s, _ in ctx.sentences], offset) - 1)


def _sentence_tokens(ctx: _Doc, offset: int) -> tuple[int, int]:
    for s, e in ctx.sentences:
        if s <= offset < e:
            return bisect.bisect_left(ctx.starts, s), bisect.bisect_left(ctx.starts, e)
    return 0, len(ctx.tokens)


def _count_countries(ctx: _Doc) -> None:
    """Count the countries the text names, in the article and in each sentence."""
    words = ctx.kb.country_words
    keys = [_token_key(t) if t.kind == "word" else "" for t in ctx.tokens]
    sentence = 0
    for j, key in enumerate(keys):
        if not key:
            continue
        while (
            sentence + 1 < len(ctx.sentences)
            and ctx.tokens[j].start >= ctx.sentences[sentence + 1][0]
        ):
            sentence += 1
        country = words.get(f"{key} {keys[j + 1]}") if j + 1 < len(keys) and keys[j + 1] else None
        country = country or words.get(key)
        if country:
            ctx.countries[country] += 1
            ctx.local.setdefault(sentence, set()).add(country)


def _token_key(tok: Token) -> str:
    """A token's matching form without its conjunction or preposition (وبلبنان → لبنان)."""
    if tok.stem is not None and set(tok.prefixes) - {"ال"}:
        return alias_key(("ال" if "ال" in tok.prefixes else "") + tok.stem)
    return alias_key(tok.text)


def _person_country(kb: KnowledgeBase, text: str) -> str | None:
    """The country of a curated person a mention names by full name."""
    _, hits = kb.candidates(text)
    found = {
        kb.records[h.id].country
        for h in hits
        if h.strength == FULL
        and kb.records[h.id].kind == "person"
        and kb.records[h.id].priority == 0
    }
    found.discard(None)
    return next(iter(found)) if len(found) == 1 else None


def _best_place(kb: KnowledgeBase, hits: Sequence[Hit]) -> Record | None:
    places = [
        kb.records[h.id] for h in hits if kb.records[h.id].kind in ("city", "country", "place")
    ]
    if not places:
        return None
    return max(places, key=lambda r: (r.kind == "country", r.population))


def _remember(ctx: _Doc, text: str, rid: str) -> None:
    """Let later short forms of this name (a surname, the last two words) find ``rid``."""
    words = [w for w in alias_key(text).split() if w not in _NAME_PARTICLES and len(w) >= 3]
    if len(words) < 2:
        return
    keys = set(words) | {" ".join(words[-2:])}
    for key in keys:
        if ctx.kb.agents.get(key) or ctx.kb.nisbas.get(key):
            continue
        old = ctx.coref.get(key, rid)
        ctx.coref[key] = rid if old == rid else None  # two people share it: neither
