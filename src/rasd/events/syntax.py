"""A light view of one sentence: its words, clause bounds and argument phrases.

No parser is needed for news Arabic's common shapes. A *phrase* is a run of words that can
fill an argument: a named mention (``فلاديمير بوتين``), a role word (``الرئيس``,
``المتظاهرون``), a seat of power (``الكرملين``), or a noun with a nisba adjective
(``الاقتصادان الروسي والايراني``), joined with the words that qualify them
(``الرئيس الروسي فلاديمير بوتين`` is one phrase, ``سكرتير مجلس الأمن الروسي نيكولاي باتروشيف``
another). Each phrase records the preposition that introduces it (``بنظيره`` → ب,
``إلى موسكو`` → الى), since Arabic marks most roles with one.
"""

from __future__ import annotations

import itertools
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from rasd.arabic.normalize import normalize
from rasd.document import Entity, Mention, TimeExpression, Token
from rasd.events.lexicon import PREPOSITIONS, ActorWord, Lexicon, WordSet
from rasd.events.nisba import is_direction, nisba_after

# Punctuation that ends a clause; the hyphen and slash join words (أرض-أرض, شباط/فبراير).
_CLAUSE_PUNCT = frozenset('،,.;؛:!?؟()[]{}«»“”"')
_PREP_PROCLITICS = ("ب", "ل", "ك")
# Words that may sit inside a phrase between a title and a name (وزير خارجية إسبانيا,
# الامين العام للامم المتحدة): offices and institutions, not events.
_FILLERS = frozenset(
    normalize(w)
    for w in [
        "خارجية",
        "الخارجية",
        "دفاع",
        "الدفاع",
        "داخلية",
        "الداخلية",
        "العام",
        "عام",
        "الأعلى",
        "الاعلى",
        "مجلس",
        "المجلس",
        "أمن",
        "الأمن",
        "الامن",
        "أركان",
        "الأركان",
        "الاركان",
        "هيئة",
        "الهيئة",
        "قيادة",
        "القيادة",
        "شؤون",
        "لشؤون",
        "مكتب",
        "المكتب",
        "حكومة",
        "رئاسة",
        "جهاز",
        "الجهاز",
        "إدارة",
        "ادارة",
        "الإدارة",
        "لجنة",
        "اللجنة",
        "زعيم",
        "رئيس",
        "وزير",
        "الوزراء",
        "الحكومة",
        "الدولة",
        "دولة",
        "الأول",
        "الاول",
        "السابق",
        "الحالي",
        "الجديد",
        "الخاص",
        "الخاصة",
        "المكلف",
        "بالوكالة",
        "قائد",
        "قوات",
        "جيش",
        "منظمة",
        "حركة",
        "حزب",
        "جماعة",
        "تنظيم",
        "كتائب",
        "سرايا",
        "جبهة",
        "حرس",
        "الحرس",
        "الثوري",
        "الوطني",
        "الوطنية",
        "الشعبي",
        "الشعبية",
        "الإسلامية",
        "الاسلامية",
        "الإسلامي",
        "الاسلامي",
    ]
)
_ADVERBS = frozenset(
    normalize(w)
    for w in [
        "أمس",
        "امس",
        "اليوم",
        "الآن",
        "الان",
        "أيضا",
        "ايضا",
        "أيضاً",
        "مجددا",
        "مجدداً",
        "بدوره",
        "بدورها",
        "كذلك",
        "فجر",
        "فجرا",
        "ليلا",
        "صباح",
        "صباحا",
        "مساء",
        "مساءً",
        "مساء",
        "ظهر",
        "ظهرا",
        "الليلة",
        "يوم",
        "قبل",
        "بعد",
        "منذ",
        "خلال",
        "حتى",
        "أول",
        "أمس",
        "الأحد",
        "الاثنين",
        "الثلاثاء",
        "الأربعاء",
        "الخميس",
        "الجمعة",
        "السبت",
        "الماضي",
        "الماضية",
        "المقبل",
        "المقبلة",
        "رسميا",
        "رسمياً",
        "علنا",
        "علناً",
        "بشدة",
        "مرة",
    ]
)
_COMPOUND = frozenset({"مع", "برفقة", "وبرفقة", "ومعه", "ومعها"})


@dataclass(slots=True)
class Word:
    i: int
    tok: Token
    norm: str  # search form of the written word
    key: str  # search form of the clitic-free stem
    prefixes: tuple[str, ...]
    suffixes: tuple[str, ...]
    time: int | None = None  # index into the sentence's time expressions
    mention: int | None = None  # index into the sentence's mentions
    boundary: bool = False  # punctuation or a word that opens a new clause
    keys: tuple[str, ...] = ()  # forms to look the word up by (see _keys)
    kinds: frozenset[str] = frozenset()  # the cue kinds (cues.tsv) this word is
    nisba: str | None = None  # the country of a nisba adjective (الروسي → RUS)

    def is_(self, kind: str) -> bool:
        return kind in self.kinds

    @property
    def prep(self) -> str | None:
        """A preposition written on the word (بنظيره → ب, لأوكرانيا → ل, للعراق → ل)."""
        for p in self.prefixes:
            if p in _PREP_PROCLITICS:
                return p
        return None

    @property
    def conj(self) -> bool:
        return bool(self.prefixes) and self.prefixes[0] in ("و", "ف")

    def has(self, wanted: WordSet) -> bool:
        """Is the word in ``wanted`` (prefer :meth:`is_` for the lexicon's own cue kinds)?"""
        if any(k in wanted.words for k in self.keys):
            return True
        # Verb forms never carry the article: «النقل» is not «نقل».
        return "ال" not in self.prefixes and any(k in wanted.verbs for k in self.keys)


@dataclass(slots=True)
class Member:
    """One participant inside a phrase (``الروسي`` and ``والايراني`` in one phrase are two)."""

    text: str
    start: int
    end: int
    country: str | None = None  # ISO3 or a CAMEO region / IGO code (RUS, WST, IGO, UNO)
    code: str | None = None  # full actor code (RUSGOV) when known
    entity: str | None = None
    sector: str | None = None
    kind: str = "name"  # name | nisba | role | metonym | group | place


@dataclass(slots=True)
class Phrase:
    first: int  # word indices, inclusive
    last: int
    start: int  # character offsets into the document text
    end: int
    text: str
    prep: str | None = None
    compound: bool = False  # introduced by مع after another phrase (co-actor)
    conj: bool = False  # written with و right after another phrase (coordination)
    members: list[Member] = field(default_factory=list)
    sector: str | None = None
    victim: bool = False  # names people harmed (أشخاص، مدنيين): a recipient, not an actor
    head_is_trigger: bool = False  # the phrase is a trigger noun and its nisba (الغزو الروسي)
    counterpart: bool = False  # نظيره: same sector as the other party
    person: bool = False  # names a person only (no title or institution word)

    @property
    def countries(self) -> list[str]:
        out: list[str] = []
        for m in self.members:
            if m.country and m.country not in out:
                out.append(m.country)
        return out

    @property
    def known(self) -> bool:
        return bool(self.countries) or any(m.code or m.entity for m in self.members)


@dataclass(slots=True)
class SentenceView:
    index: int
    start: int
    end: int
    words: list[Word]
    times: list[TimeExpression]
    mentions: list[Mention]
    phrases: list[Phrase] = field(default_factory=list)
    phrase_at: dict[int, int] = field(default_factory=dict)  # word index → phrase index

    def clause_bounds(self, i: int) -> tuple[int, int]:
        """First and last word index of the clause around word ``i``."""
        lo = i
        while lo > 0 and not self.words[lo - 1].boundary:
            lo -= 1
        hi = i
        n = len(self.words)
        while hi + 1 < n and not self.words[hi + 1].boundary:
            hi += 1
        return lo, hi

    def text_of(self, a: int, b: int, doc_text: str) -> str:
        return doc_text[self.words[a].tok.start : self.words[b].tok.end]


def build_view(
    index: int,
    start: int,
    end: int,
    tokens: list[Token],
    times: list[TimeExpression],
    mentions: list[Mention],
    lex: Lexicon,
    entities: dict[str, Entity] | None = None,
) -> SentenceView:
    words: list[Word] = []
    for i, tok in enumerate(tokens):
        norm, key, keys, kinds, boundary = token_info(tok, lex)
        w = Word(i, tok, norm, key, tok.prefixes, tok.suffixes, keys=keys, kinds=kinds)
        w.boundary = boundary
        words.append(w)
    # Spans to words by a sweep over the token starts (both are in text order).
    starts = [w.tok.start for w in words]
    for ti, t in enumerate(times):
        for k in range(max(0, bisect_right(starts, t.start) - 1), bisect_left(starts, t.end)):
            if words[k].tok.end > t.start:
                words[k].time = ti
    for mi, m in enumerate(mentions):
        for k in range(max(0, bisect_right(starts, m.start) - 1), bisect_left(starts, m.end)):
            if words[k].tok.end > m.start:
                words[k].mention = mi
    prev: str | None = None
    for w in words:
        if w.tok.kind == "word" and w.time is None:
            mw = mentions[w.mention] if w.mention is not None else None
            if mw is None:
                w.nisba = nisba_after(prev, w.norm)
            elif is_nisba(mw):
                code = _nisba_of(mw, entities or {}) or nisba_after(prev, w.norm)
                w.nisba = None if is_direction(prev, code) else code
        prev = w.key if w.tok.kind == "word" else None
    for a, b in itertools.pairwise(words):
        # «الكوري الشمالي» is North Korea; «الكوري الجنوبي» South Korea.
        if a.nisba == "KOR" and b.key.startswith("شمالي"):
            a.nisba = "PRK"
            b.nisba = "PRK"
    return SentenceView(index, start, end, words, times, mentions)


# What a written word looks like to the lexicon, by (text, kind): news repeats a small
# vocabulary, so this is computed once per word form, not once per token.
_WordInfo = tuple[str, str, tuple[str, ...], frozenset[str], bool]
_CACHES: dict[int, dict[tuple[str, str], _WordInfo]] = {}
_CACHE_LIMIT = 1 << 17


def _word_cache(lex: Lexicon) -> dict[tuple[str, str], _WordInfo]:
    return _CACHES.setdefault(id(lex), {})


def token_info(tok: Token, lex: Lexicon) -> _WordInfo:
    """Search form, stem, lookup keys, cue kinds and clause-boundary flag of a token (cached
    by its written form)."""
    cache = _word_cache(lex)
    info = cache.get((tok.text, tok.kind))
    if info is None:
        info = _word_info(tok, lex)
        if len(cache) > _CACHE_LIMIT:
            cache.clear()
        cache[(tok.text, tok.kind)] = info
    return info


def _word_info(tok: Token, lex: Lexicon) -> _WordInfo:
    norm = tok.norm or normalize(tok.text)
    key = tok.stem if tok.stem else norm
    keys = _keys(norm, key, tok.prefixes)
    kinds = _kinds(keys, "ال" in tok.prefixes, lex)
    if tok.kind == "punct":
        boundary = tok.text in _CLAUSE_PUNCT
    else:
        boundary = "boundary" in kinds and (
            norm in lex.cues["boundary"].words or key in lex.cues["boundary"].words
        )
    return norm, key, keys, kinds, boundary


def _nisba_of(m: Mention, entities: dict[str, Entity]) -> str | None:
    """The country a tagged nisba names: the linked entity's code or country, or the
    tagger's own ``country:RUS`` / ``region:WST``."""
    ent = m.entity or ""
    linked = entities.get(ent)
    if linked is not None:
        code = linked.country or linked.actor_code
        return code[:3] if code else None
    if ent.startswith(("country:", "region:")):
        return ent.split(":", 1)[1]
    return None


def _keys(norm: str, key: str, prefixes: tuple[str, ...]) -> tuple[str, ...]:
    """Forms to look a word up by: stem, written form, and the stem with its article. A
    conjunction the segmenter left on stays: it knows وزارة from و + زارة."""
    out = [key]
    if norm != key:
        out.append(norm)
    if "ال" in prefixes:
        out.append("ال" + key)
    return tuple(out)


def _kinds(keys: tuple[str, ...], article: bool, lex: Lexicon) -> frozenset[str]:
    out: set[str] = set()
    if any(k in lex.triggers for k in keys):
        out.add("trigger")  # may start a trigger (triggers.tsv): the sentence needs a look
    for k in keys:
        for kind, verbal in lex.cue_index.get(k, ()):
            if not (verbal and article):  # verb forms never carry the article
                out.add(kind)
    return frozenset(out) if out else frozenset()


def is_nisba(m: Mention) -> bool:
    return m.type == "NORP" and (
        m.fine == "Nisba" or (m.entity or "").startswith(("country:", "region:"))
    )


def actor_word(words: list[Word], i: int, lex: Lexicon) -> tuple[ActorWord, int] | None:
    """The longest actors.tsv entry starting at word ``i`` and how many words it spans."""
    w = words[i]
    if "actor" not in w.kinds:
        return None
    keys = w.keys
    if w.key.endswith("ا") and len(w.key) > 3:
        keys = (*keys, w.key[:-1])  # the accusative's alef (صحفياً → صحفي)
    for key in keys:
        for entry in lex.actors.get(key, ()):
            n = len(entry.words)
            if i + n > len(words):
                continue
            if all(entry.words[k] in words[i + k].keys for k in range(1, n)):
                nxt = words[i + n].norm if i + n < len(words) else ""
                if entry.kind == "group" and nxt.startswith(("لكره", "لكرة")):
                    return None  # «الاتحاد الأوروبي لكرة القدم» is UEFA, not the EU
                return entry, n
    return None


def chunk(view: SentenceView, lex: Lexicon, doc_text: str, trigger_words: set[int]) -> None:
    """Fill ``view.phrases`` (see the module docstring)."""
    words = view.words
    n = len(words)
    phrases: list[Phrase] = []
    i = 0
    while i < n:
        w = words[i]
        start_here = False
        span = 1
        if w.mention is not None and not is_nisba(view.mentions[w.mention]):
            start_here = True
        elif (found := actor_word(words, i, lex)) is not None and i not in trigger_words:
            _aw, span = found
            start_here = True
        elif (
            w.nisba is not None
            and i > 0
            and words[i - 1].tok.kind == "word"
            and not words[i - 1].boundary
            and words[i - 1].time is None
            and (not phrases or phrases[-1].last < i - 1)
        ):
            # A noun with a nisba (الاقتصادان الروسي, مسيّرات ايرانية, الغزو الروسي): the
            # noun heads the phrase; the nisba gives its country.
            start_here = True
            i -= 1
            span = 1
        if not start_here:
            i += 1
            continue
        first = i
        last = i + span - 1
        # Extend over names, nisbas, role words and office words between them.
        j = last + 1
        while j < n:
            wj = words[j]
            if wj.boundary or wj.tok.kind != "word" or wj.time is not None or j in trigger_words:
                break
            if wj.prep or (wj.key in PREPOSITIONS and wj.norm in PREPOSITIONS):
                break
            if wj.mention is None and wj.nisba is not None:
                last = j  # a nisba the tagger left out (مسيّرات ايرانية)
                j += 1
                continue
            if wj.mention is not None:
                mj = view.mentions[wj.mention]
                if wj.conj and not is_nisba(mj):
                    break  # «بوتين ورئيسي»: a second phrase, coordinated
                if not is_nisba(mj) and not _joins(view, first, j, mj):
                    break  # «… باتروشيف طهران»: the object, not part of the name
                last = j
                j += 1
                continue
            if words[j - 1].nisba is not None:
                break  # a nisba ends a noun phrase (الشرطة التركية | صحفياً سويدياً) unless a name follows
            found = actor_word(words, j, lex)
            if found is not None and not wj.conj and not _has_name(view, first, j):
                # A title joins the words before it (الرئيس … ), never follows a name or a
                # place: «في بغداد وزير الخارجية» is two phrases.
                last = j + found[1] - 1
                j = last + 1
                continue
            if (wj.key in _FILLERS or wj.norm in _FILLERS) and not _has_name(view, first, j):
                # Only inside a phrase: an office word followed by more of the phrase.
                k = j + 1
                while k < n and (words[k].key in _FILLERS or words[k].norm in _FILLERS):
                    k += 1
                if (
                    k < n
                    and not words[k].prep
                    and (
                        words[k].mention is not None or words[k].nisba or actor_word(words, k, lex)
                    )
                ):
                    last = k
                    j = k + 1
                    continue
            break
        p = Phrase(
            first,
            last,
            words[first].tok.start,
            words[last].tok.end,
            "",
        )
        # A preposition written on the first word, or a preposition word just before it.
        fw = words[first]
        if fw.prep:
            p.prep = fw.prep
            # The mention's own text leaves the clitic out (لموسكو → موسكو).
        elif first > 0:
            prev = words[first - 1]
            after_phrase = bool(phrases) and phrases[-1].last == first - 2
            if (prev.norm in _COMPOUND or prev.key in _COMPOUND) and after_phrase:
                # «كييف مع حلفائها»: a co-actor, not a recipient after مع.
                p.compound = True
            elif prev.norm in PREPOSITIONS and not prev.suffixes:
                p.prep = prev.norm
            elif (
                _plain_noun(prev)
                and first > 1
                and (words[first - 2].norm in PREPOSITIONS or (prev.prep is not None))
            ):
                # «من منظمة اليونسكو», «لسفارة الولايات المتحدة»: a preposition's object
                # in construct with the name.
                p.prep = prev.prep or words[first - 2].norm
            else:
                agent = _agent_marker(words, first)
                if agent:
                    p.prep = agent
        if fw.conj and phrases and phrases[-1].last >= first - 2:
            p.conj = True
        p.start = _member_start(view, first, doc_text)
        p.text = doc_text[p.start : p.end]
        p.head_is_trigger = first in trigger_words
        phrases.append(p)
        i = last + 1
    view.phrases = phrases
    view.phrase_at = {}
    for pi, p in enumerate(phrases):
        for k in range(p.first, p.last + 1):
            view.phrase_at[k] = pi


def _has_name(view: SentenceView, first: int, j: int) -> bool:
    for k in range(first, j):
        mi = view.words[k].mention
        if mi is not None and not is_nisba(view.mentions[mi]):
            return True
    return False


def _plain_noun(w: Word) -> bool:
    return (
        w.tok.kind == "word"
        and w.mention is None
        and w.time is None
        and not w.boundary
        and not w.kinds
    )


_QUANT = frozenset(normalize(w) for w in ["عدة", "بعض", "مجموعة", "عدد", "احد", "أحد"])


def _agent_marker(words: list[Word], first: int) -> str | None:
    """«من قبل X», «على يد X», «على أيدي X» (a quantifier may come between: من قبل عدة ضباط)."""
    k = first - 1
    if k >= 0 and words[k].norm in _QUANT:
        k -= 1
    if k >= 1 and words[k].norm in ("يد", "ايدي", "يدي") and words[k - 1].norm == "علي":
        return "على يد"
    if k >= 1 and words[k].norm == "قبل" and words[k - 1].norm == "من":
        return "من قبل"
    return None


def _joins(view: SentenceView, first: int, j: int, m: Mention) -> bool:
    """May the mention at word ``j`` join the phrase that starts at ``first``?

    A title takes a name after it (الرئيس الروسي فلاديمير بوتين, مجلس الأمن الروسي نيكولاي
    باتروشيف) and an office takes its country (وزير خارجية إسبانيا), but a person or a
    place already in the phrase ends it, and a place never follows a nisba."""
    inside = {mi for k in range(first, j) if (mi := view.words[k].mention) is not None}
    kinds_nonnisba = [
        view.mentions[i].type
        for i in inside
        if i != view.words[j].mention and not is_nisba(view.mentions[i])
    ]
    if "PER" in kinds_nonnisba:
        return False
    prev_nisba = view.words[j - 1].nisba is not None
    place_after_place = any(k in ("GPE", "LOC") for k in kinds_nonnisba)
    return not (m.type in ("GPE", "LOC", "FAC") and (prev_nisba or place_after_place))


def _member_start(view: SentenceView, first: int, doc_text: str) -> int:
    """Start of a phrase without the conjunction or preposition written on its first word."""
    w = view.words[first]
    if w.mention is not None:
        return max(view.mentions[w.mention].start, w.tok.start)
    skip = sum(len(p) for p in w.prefixes if p != "ال")
    if "ال" in w.prefixes and w.norm[skip : skip + 2] != "ال":
        skip = 0  # ل + ال written لل (للعراق): no substring is the bare noun; keep it whole
    return w.tok.start + letter_offset(w.tok.text, skip)


def letter_offset(text: str, letters: int) -> int:
    """Index in ``text`` after its first ``letters`` letters (diacritics and tatweel, which
    the search form drops, are not letters)."""
    seen = 0
    for k, ch in enumerate(text):
        if seen == letters:
            return k
        if not is_mark(ch):
            seen += 1
    return 0


def is_mark(ch: str) -> bool:
    return ch == "\u0640" or unicodedata.category(ch) == "Mn"
