"""The events stage: who did what to whom, when, where, how sure, and who says so.

:func:`extract_events` runs these steps over one document:

1. Each sentence gets a light view (:mod:`rasd.events.syntax`): words keyed by their
   clitic-free stems, clause bounds, and argument phrases resolved to countries and actor
   codes (:mod:`rasd.events.actors`; linked KB entities first).
2. Trigger words are found (:mod:`rasd.events.triggers`, ``triggers.tsv``) and each gets an
   actor and recipient from its own sentence (:mod:`rasd.events.arguments`), a modality and
   attribution (:mod:`rasd.events.modality`), a date and background flag
   (:mod:`rasd.events.dates`) and a place.
3. Across sentences: a denial that points back (``ونفت طهران هذه المعلومات``) denies the
   previous sentence's events; mentions of one event (same type and parties) share their
   date; ``X تمّت قبل Y`` dates X before Y; ``قرر X عدم حضور …`` is a REJECT.
4. Events that name no party where PLOVER needs one, and references back (``هذا الاتصال``),
   are dropped; repeated mentions of one event are merged; an optional sentence classifier
   (:mod:`rasd.events.classifier`) vetoes PROTEST/ASSAULT readings it finds implausible.

Every event carries its evidence: sentence, trigger span, the phrases and the rule that
chose each part.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from rasd.arabic.directions import COMPASS
from rasd.arabic.normalize import normalize
from rasd.document import Document, EventArgument, Mention, Span, TimeExpression, Token
from rasd.events.actors import NONSTATE, Resolver, fallback_mentions
from rasd.events.arguments import (
    Roles,
    assign,
    first_of_coordination,
    set_actor,
    subject,
    verb_words,
)
from rasd.events.classifier import SentenceClassifier, features
from rasd.events.dates import When, background, event_time, parse
from rasd.events.lexicon import Lexicon, WordSet, lexicon
from rasd.events.modality import Modality, modality, phrase_at
from rasd.events.model import Argument, CodedEvent
from rasd.events.syntax import Member, Phrase, SentenceView, build_view, chunk, token_info
from rasd.events.triggers import Hit, find_hits

# Types whose events are told without naming anyone (protests, attacks, mobilisations).
_PARTYLESS = frozenset({"PROTEST", "ASSAULT"})
# Speech acts: a later denial of "this information" is not about them.
_SPEECH = frozenset({"ACCUSE", "REQUEST", "THREATEN", "REJECT", "SUPPORT", "AGREE"})
_NEGATABLE_TO_REJECT = {
    "CONSULT": ("meet", "125"),
    "AGREE": ("meet", "125"),
    "COOPERATE": ("assist", "121"),
    "AID": ("assist", "121"),
    "SUPPORT": ("meet", "120"),
}
_LOOK = frozenset({"trigger", "denial"})
_REFUSE = frozenset(
    {
        "قرر",
        "رفض",
        "فضل",
        "اختار",
        "قررت",
        "رفضت",
        "فضلت",
        "اختارت",
        "يرفض",
        "ترفض",
        "قرروا",
        "رفضوا",
        "الغي",
        "الغت",
        "الغوا",
        "يلغي",
        "تلغي",
    }
)
_CANCEL = ("رفض", "يرفض", "ترفض", "الغ", "يلغ", "تلغ")


@dataclass(slots=True)
class Candidate:
    view: SentenceView
    hit: Hit
    roles: Roles
    type: str
    mode: str | None
    cameo: str | None
    mod: Modality
    when: When
    background: str | None
    place: str | None
    notes: list[str] = field(default_factory=list)
    dropped: str | None = None
    merged: int = 0
    feats: set[str] = field(default_factory=set)  # what the sentence classifier sees of it

    @property
    def sentence(self) -> int:
        return self.view.index


class EventStage:
    """Stage: ``sentences`` + ``tokens`` + ``times`` + ``mentions`` + ``entities`` → ``events``."""

    name = "events"
    requires = frozenset(
        {"text", "sentences", "tokens", "times", "mentions", "entities", "published"}
    )
    provides = frozenset({"events"})

    def __init__(self, classifier: SentenceClassifier | bool | None = True) -> None:
        # True: the shipped classifier (loaded on first use); None/False: lexicon only.
        self._classifier = classifier

    @property
    def classifier(self) -> SentenceClassifier | None:
        if self._classifier is True:
            self._classifier = SentenceClassifier.shipped()
        return self._classifier or None

    def process(self, doc: Document) -> Document:
        doc.events = list(extract_events(doc, classifier=self.classifier))
        return doc


def extract_events(
    doc: Document,
    *,
    classifier: SentenceClassifier | None = None,
    lex: Lexicon | None = None,
    observe: Callable[[SentenceView, list[Candidate]], None] | None = None,
) -> list[CodedEvent]:
    """The events of ``doc`` (see the module docstring). ``observe`` sees every sentence's
    candidates before the classifier (how the classifier's training gets its features)."""
    lex = lex or lexicon()
    text = doc.text
    published = parse(doc.published)
    mentions = doc.mentions or fallback_mentions(doc, lex)
    entities = {e.id: e for e in doc.entities}
    resolver = Resolver(lex, entities)
    # 1. Sentence views, triggers and phrases. Only sentences with a word that may start a
    #    trigger, or a denial (it can reach back one sentence), are looked at closely.
    views: list[SentenceView] = []
    hits_of: list[list[Hit]] = []
    later: list[tuple[int, Span, list[Token], list[TimeExpression], list[Mention]]] = []
    tok_i = men_i = 0
    tokens, times = doc.tokens, sorted(doc.times, key=lambda t: t.start)
    sentences: list[Span] = list(doc.sentences) or ([Span(0, len(text))] if text else [])
    for si, s in enumerate(sentences):
        while tok_i < len(tokens) and tokens[tok_i].end <= s.start:
            tok_i += 1
        j = tok_i
        while j < len(tokens) and tokens[j].start < s.end:
            j += 1
        sent_tokens = tokens[tok_i:j]
        tok_i = j
        while men_i < len(mentions) and mentions[men_i].end <= s.start:
            men_i += 1
        k = men_i
        while k < len(mentions) and mentions[k].start < s.end:
            k += 1
        sent_mentions: list[Mention] = mentions[men_i:k]
        sent_times = [t for t in times if t.start >= s.start and t.end <= s.end]
        if not any(token_info(t, lex)[3] & _LOOK for t in sent_tokens):
            later.append((si, s, sent_tokens, sent_times, sent_mentions))
            continue
        view = build_view(si, s.start, s.end, sent_tokens, sent_times, sent_mentions, lex, entities)
        hits = find_hits(view, lex) if sent_tokens else []
        if not hits and not any(w.is_("denial") for w in view.words):
            later.append((si, s, sent_tokens, sent_times, sent_mentions))
            continue
        nominal = {h.first for h in hits if h.trigger.pos == "N"}
        chunk(view, lex, text, nominal)
        for p in view.phrases:
            resolver.resolve(view, p, text)
        views.append(view)
        hits_of.append(hits)
    # People named with their country elsewhere in the article (``الرئيس الروسي فلاديمير
    # بوتين`` … ``وقرر بوتين``): read the other sentences only when a person lacks one.
    if any(p.person and not p.countries for v in views for p in v.phrases):
        for si, s, sent_tokens, sent_times, sent_mentions in later:
            if any(m.type == "PER" for m in sent_mentions):
                other = build_view(
                    si, s.start, s.end, sent_tokens, sent_times, sent_mentions, lex, entities
                )
                chunk(other, lex, text, set())
                for p in other.phrases:
                    resolver.resolve(other, p, text)
        for view in views:
            for p in view.phrases:
                if not p.known:
                    resolver.resolve(view, p, text)
    # 2. Candidates, sentence by sentence.
    cands: list[Candidate] = []
    for view, hits in zip(views, hits_of, strict=True):
        if not hits:
            continue
        verbs = verb_words(view, lex, hits)
        for hit in hits:
            c = _candidate(view, hit, hits, verbs, lex, published)
            if c is not None:
                cands.append(c)
    # 3. Across sentences.
    _denials(views, cands, lex)
    _refusals(cands)
    _corefer_dates(cands)
    _relative_dates(views, cands, lex)
    for c in cands:
        c.background = c.background or background(c.view, c.hit, lex, c.when, published)
    # 4. Filter, veto, merge, build.
    sporty = _sports(views, lex)
    for c in cands:
        _filter(c)
        if c.dropped is None and c.sentence in sporty:
            c.dropped = "a sports report (match vocabulary)"
    if observe is not None:
        for view in views:
            observe(view, [c for c in cands if c.view is view])
    if classifier is not None:
        _veto(classifier, views, cands)
    _merge(cands)
    _unnamed_protesters(cands)
    return [_event(c, published, doc.published) for c in cands if c.dropped is None]


def _candidate(
    view: SentenceView,
    hit: Hit,
    hits: list[Hit],
    verbs: list[int],
    lex: Lexicon,
    published: dt.date | None,
) -> Candidate | None:
    trig = hit.trigger
    roles = assign(view, hit, lex, verbs, hits)
    if roles.missing_required:
        return None
    words = view.words
    if trig.pos == "P" and (words[hit.first].prep or _after_preposition(view, hit.first)):
        return None  # «على المتظاهرين»: the doers named as someone's target, not acting
    if trig.pos == "N" and hit.first > 0 and words[hit.first - 1].is_("anaphor"):
        return None  # «هذا الاتصال»: a reference back, not a new event
    if (
        trig.pos == "N"
        and hit.last + 1 < len(words)
        and words[hit.last + 1].is_("anaphor")
        and roles.actor is None
        and roles.recipient is None
    ):
        return None  # «الهجوم هذا» with no party of its own
    # The verbs that govern it (saying, denying, admitting) date themselves, not the event.
    carrier = roles.governor is not None and bool(
        words[roles.governor].kinds & {"support", "inverse", "patient", "control"}
    )
    blockers = [v for v in verbs if v < hit.first and not (carrier and v == roles.governor)]
    is_future_form = "س" in words[hit.first].prefixes or (
        roles.governor is not None and "س" in words[roles.governor].prefixes
    )
    when = event_time(
        view, hit, lex, published, blockers, future_ok=is_future_form or trig.pos == "N"
    )
    mod = modality(view, hit, roles, lex, verbs, hits, published, parse(when.date))
    _possessor(view, roles, mod.by)
    if (
        mod.value != "future"
        and when.date
        and published
        and (parse(when.date) or published) > published
    ):
        when = When()  # a later date on a past event is another thing's date
    bg = background(view, hit, lex, when, published)  # again once dates are final (stage step 3)
    mode = trig.mode
    for m, words_, only in lex.modes.get(trig.type, ()):
        if only and mode:
            continue
        if _near(view, hit, words_):
            mode = m
            break
    place = _place(view, hit, roles)
    _default_recipient(view, hit, roles)
    # A protest's town, taken for its recipient by the grammar, is its place after all.
    place = place or _place(view, hit, roles)
    c = Candidate(view, hit, roles, trig.type, mode, trig.cameo, mod, when, bg, place)
    c.feats = _shape(view, hit, roles, lex, verbs)
    return c


_CROWD = (
    "مئات",
    "الاف",
    "آلاف",
    "عشرات",
    "الالاف",
    "المئات",
    "العشرات",
    "نحو",
    "حوالي",
    "قرابة",
    "مليون",
    "الف",
    "مائة",
    "ملايين",
)
_SITE = ("امام", "قرب", "وسط", "ساحة", "ميدان", "شارع", "شوارع", "مقر", "مبنى", "محيط")
_RELATIVE = frozenset({"الذي", "التي", "الذين", "اللذين", "اللتين", "اللواتي", "اللاتي"})


def _after_preposition(view: SentenceView, k: int) -> bool:
    from rasd.events.lexicon import PREPOSITIONS

    return k > 0 and view.words[k - 1].norm in PREPOSITIONS


def _shape(view: SentenceView, hit: Hit, roles: Roles, lex: Lexicon, verbs: list[int]) -> set[str]:
    """How the trigger sits in its sentence: what tells a report of an event from a mention."""
    words = view.words
    w = words[hit.first]
    out: set[str] = set()
    if "ال" in w.prefixes:
        out.add("definite")
    if w.prep or _after_preposition(view, hit.first):
        out.add("after-preposition")
    if roles.governor is not None:
        out.add("carried")
    lo, _hi = view.clause_bounds(hit.first)
    if hit.first - lo <= 1:
        out.add("clause-initial")
    if hit.first <= 2:
        out.add("sentence-initial")
    near = words[max(0, hit.first - 4) : hit.last + 5]
    if any(x.tok.kind == "number" or any(k.startswith(_CROWD) for k in x.keys) for x in near):
        out.add("crowd-or-count")
    if any(any(k.startswith(_SITE) for k in x.keys) for x in words[hit.last + 1 : hit.last + 9]):
        out.add("site")
    if any(x.norm in _RELATIVE for x in words[max(0, hit.first - 2) : hit.first]):
        out.add("relative-clause")
    if any(x.tok.kind == "punct" and x.tok.text in '«“"' for x in words[: hit.first]) and any(
        x.tok.kind == "punct" and x.tok.text in '»”"' for x in words[hit.last + 1 :]
    ):
        out.add("quoted")
    if any(x.time is not None for x in words[max(0, hit.first - 6) : hit.last + 7]):
        out.add("time-near")
    if any(words[v].is_("speech") for v in verbs if v < hit.first):
        out.add("reported-speech")
    if any(x.tok.text in "؟?" for x in words):
        out.add("question")
    return out


def _near(view: SentenceView, hit: Hit, terms: tuple[str, ...], span: int = 6) -> bool:
    """Does a word within ``span`` of the trigger start with one of ``terms`` (or a phrase
    with a space occur there)?"""
    words = view.words
    lo, hi = max(0, hit.first - span), min(len(words), hit.last + 1 + span)
    # " key key … ": a word starts with a term when " term" occurs in it.
    keys = " " + " ".join(k for w in words[lo:hi] for k in w.keys)
    text = ""
    for term in terms:
        if " " in term:
            text = text or " " + " ".join(w.norm for w in words[lo:hi]) + " "
            if f" {term}" in text:
                return True
        elif f" {term}" in keys:
            return True
    return False


_AGAINST = frozenset({"ضد", "علي", "امام", "ل"})


def _default_recipient(view: SentenceView, hit: Hit, roles: Roles) -> None:
    """Recipients the grammar leaves implicit, as event coders read them.

    PROTEST: whom it is against, the first coded party after the trigger behind ضد, على
    (احتجاجاً على), أمام or لـ (أمام السفارة الأردنية → JOR). ASSAULT: victims named without a
    nationality, or none named, are the people of the place attacked (في بغداد → IRQ)."""
    kind = hit.trigger.type
    if kind == "PROTEST":
        _protesters(view, hit, roles)
    if kind == "PROTEST" and (roles.recipient is None or not roles.recipient.known):
        target = _slogan_target(view, roles)
        if target is not None:
            roles.recipient = target
            roles.notes.append(f"recipient: the slogan's target («{target.text}»)")
            return
        after = [
            p
            for p in view.phrases
            if p.first > hit.last and p is not roles.actor and p.known and not _where(view, p)
        ]
        # A preposition that says "against" (هتافات معادية لإيران, غضب من قرار بريطانيا)
        # before a bare object, which is often what the crowd carries (صور الرئيس).
        marked = [p for p in after if _lead_prep(view, p) in _AGAINST or _anger_from(view, p)]
        bare = [p for p in after if p.prep is None and not p.conj and p.first > hit.last + 1]
        against = marked or bare
        if against:
            roles.recipient = against[0]
            how = _lead_prep(view, against[0]) or "object"
            roles.notes.append(f"recipient: what it is against («{how}»)")
            return
    if kind == "ASSAULT":
        _attack_nisba(view, roles)
        _made_of(view, roles, "recipient")
        _owner_of_target(view, hit, roles)
        _claimant(view, roles)
    if kind == "ASSAULT" and (roles.recipient is None or not roles.recipient.known):
        chosen = _places(view, hit, roles)
        if chosen is None:
            return
        if roles.recipient is None:
            if chosen.prep == "في":
                roles.recipient = chosen
                roles.notes.append("recipient: the people of the place attacked")
            return
        _give_country(roles.recipient, chosen.countries[0], "CVL")
        roles.notes.append(f"victims' country: the place attacked («{chosen.text}»)")


# Prepositions that put a place in some other role than where the event is (غضب من قرار
# بريطانيا, احتجاجاً على, توجهوا إلى).
_NOT_WHERE = frozenset({"من", "ضد", "علي", "الي", "ل", "مع", "عن"})
# Nouns for places whose country a nisba gives (في عدة مدن باكستانية, في العاصمة الصومالية),
# as clitic-free stems.
_PLACE_WORDS = "مدينة مدن منطقة مناطق قرية قرى عاصمة شوارع ولاية محافظة إقليم بلدة"
_PLACE_NOUNS = frozenset(normalize(w) for w in _PLACE_WORDS.split())


# Slogans that name whom a protest is against: «يسقط بوش», «الموت لأميركا», «لا للاحتلال».
_SLOGANS = frozenset(normalize(w) for w in ("يسقط", "تسقط", "فليسقط", "الموت", "ارحل"))


# Anger and rejection, after which من names what a protest is against (غضب من قرار بريطانيا).
_ANGER = frozenset(normalize(w) for w in ("غضب", "استياء", "سخط", "استنكار"))


def _anger_from(view: SentenceView, p: Phrase) -> bool:
    """``p`` is من-marked and an anger word stands at most three words before its من
    (غضب متزايد من قرار بريطانيا)."""
    if p.prep != "من":
        return False
    return any(w.key in _ANGER for w in view.words[max(0, p.first - 4) : p.first])


def _lead_prep(view: SentenceView, p: Phrase) -> str | None:
    """The preposition of ``p``, or of the phrase it is coordinated with (لإيران والولايات
    المتحدة وإسرائيل: all three are after لـ)."""
    if p.prep is not None or not p.conj:
        return p.prep
    return first_of_coordination(view, view.phrases.index(p)).prep


def _where(view: SentenceView, p: Phrase) -> bool:
    """``p`` says where the event happens (في القاهرة, شرق اليمن), not whom it is against."""
    if not _is_place(view, p):
        return False
    return _lead_prep(view, p) == "في" or (p.first > 0 and view.words[p.first - 1].key in COMPASS)


def _slogan_target(view: SentenceView, roles: Roles) -> Phrase | None:
    """The first coded party right after a slogan word (within two words)."""
    words = view.words
    for k, w in enumerate(words):
        if w.key not in _SLOGANS and w.norm not in _SLOGANS:
            continue
        for p in view.phrases:
            if k < p.first <= k + 2 and p.known and p is not roles.actor:
                return p
    return None


def _places(view: SentenceView, hit: Hit, roles: Roles) -> Phrase | None:
    """The place the sentence's event happens in, for the country of unnamed parties: the
    nearest one after في (a town, or a kind of place with a nisba: في عدة مدن باكستانية),
    else the only country the sentence's other places name (مقتل 4 أشخاص … مدينة كركوك,
    انفجار … شمال باكستان)."""
    near = _nearest_in(
        view,
        hit,
        roles,
        lambda p: bool(p.countries) and (_is_place(view, p) or _place_noun(view, p)),
    )
    if near is not None:
        return near
    where = [
        p
        for p in view.phrases
        if p.countries
        and p is not roles.actor
        and p is not roles.recipient
        and _lead_prep(view, p) not in _NOT_WHERE
        and not _after_target(view, p, roles)
        and (_is_place(view, p) or (p.prep == "في" and _place_noun(view, p)))
    ]
    if where and len({p.countries[0] for p in where}) == 1:
        return where[0]
    return None


def _nearest_in(
    view: SentenceView, hit: Hit, roles: Roles, accept: Callable[[Phrase], bool]
) -> Phrase | None:
    """The accepted phrase after في nearest the trigger, within ten words (a place further
    off belongs to some other part of the sentence), that is neither actor nor recipient
    nor says where the recipient is (:func:`_after_target`)."""
    near = [
        p
        for p in view.phrases
        if p.prep == "في"
        and p is not roles.actor
        and p is not roles.recipient
        and not _after_target(view, p, roles)
        and _distance(p, hit) <= 10
        and accept(p)
    ]
    return min(near, key=lambda p: _distance(p, hit)) if near else None


# Prepositions before whom an event is against (ضد الحرب, احتجاجا على القرار).
_TARGET_PREPS = frozenset({"ضد", "علي"})


def _after_target(view: SentenceView, p: Phrase, roles: Roles) -> bool:
    """``p`` comes right after whom the event is against (ضد الحرب الأميركية في فيتنام): it
    says where that is, not where the event happens."""
    return any(
        (q is roles.recipient or q.prep in _TARGET_PREPS) and q.last < p.first <= q.last + 2
        for q in view.phrases
    )


def _place_noun(view: SentenceView, p: Phrase) -> bool:
    """The phrase's first words name a kind of place (عدة مدن, العاصمة)."""
    return any(w.key in _PLACE_NOUNS for w in view.words[p.first : min(p.last + 1, p.first + 2)])


def _distance(p: Phrase, hit: Hit) -> int:
    return p.first - hit.last if p.first > hit.last else hit.first - p.last


def _protesters(view: SentenceView, hit: Hit, roles: Roles) -> None:
    """PROTEST: a town after في is where people protest, not whom against (خرج الآلاف في
    القاهرة). Protesters named without a nationality (آلاف الطلاب, نحو ألفي شخص) or not
    named at all are the people of that place, and an office protested against without
    one (احتجاجاً على قرار الحكومة) is that country's, as event coders read them."""
    rec = roles.recipient
    if rec is not None and rec.prep == "في" and _is_place(view, rec):
        roles.recipient = None
        roles.notes.append(f"«{rec.text}»: where it happens, not whom it is against")
    _made_of(view, roles, "actor")
    place = _places(view, hit, roles)
    if place is None:
        return
    country = place.countries[0]
    rec = roles.recipient
    if rec is not None and not rec.known and rec.sector:
        _give_country(rec, country, rec.sector)
        roles.notes.append(f"recipient's country: the place («{place.text}»)")
    if roles.actor is None or roles.actor.known:
        return  # no protesters named: _unnamed_protesters, once sentences are merged
    _give_country(roles.actor, country, "CVL")
    roles.notes.append(f"protesters' country: the place («{place.text}»)")


def _made_of(view: SentenceView, roles: Roles, role: str) -> None:
    """«عشرات من أعضاء حزب الغد المصري», «300 متظاهر من أبناء دارفور», «عنصرين من كتائب
    القسام»: people named without a country (a crowd, victims) are made of whom من names
    right after them: an organisation's members act or suffer as that organisation,
    people from a place as its people (``role``: "actor" or "recipient")."""
    people = getattr(roles, role)
    if people is None or people.known:
        return
    other = roles.recipient if role == "actor" else roles.actor
    for p in view.phrases:
        if p.prep != "من" or not p.known or not people.last < p.first <= people.last + 3:
            continue
        if p is other:
            return
        if _is_place(view, p):
            _give_country(people, p.countries[0], people.sector or "CVL")
            roles.notes.append(f"{role}'s country: where they are from («{p.text}»)")
        else:
            if role == "actor":
                set_actor(view, roles, p)
            else:
                roles.recipient = p
            roles.notes.append(f"{role}: whom «{people.text}» is made of")
        return


def _attack_nisba(view: SentenceView, roles: Roles) -> None:
    """«قتلوا جراء ضربة جوية أميركية», «في غارة إسرائيلية»: a nisba on an attack noun (one
    adjective may come between) names who attacked, not whom."""
    words = view.words
    for p in view.phrases:
        if p.prep is not None or not p.known or any(m.kind != "nisba" for m in p.members):
            continue
        # Feminine agreement with the noun (ضربة أميركية); a masculine or plural nisba
        # after it names people it happened to (مقتل أميركيين).
        if not words[p.last].norm.endswith("ه"):
            continue
        if not any(words[k].is_("trigger") for k in range(max(0, p.first - 2), p.first)):
            continue
        if roles.recipient is p:
            roles.recipient = None
        if roles.actor is None or not roles.actor.known:
            set_actor(view, roles, p)
            roles.notes.append(f"actor: the attack's nisba («{p.text}»)")
        return


def _owner_of_target(view: SentenceView, hit: Hit, roles: Roles) -> None:
    """«استهدف هجوم موكباً لسفارة الولايات المتحدة», «مستهدفة دورية للقوات الأميركية»:
    when no victim with a country is named, a target owned by a party (a thing, then لـ
    and the party, right after the trigger) is that party's."""
    if roles.recipient is not None and roles.recipient.known:
        return
    # After the trigger, or after its subject when that follows it (استهدف هجوم … موكباً).
    actor = roles.actor
    start = actor.last if actor is not None and actor.first > hit.last else hit.last
    for p in view.phrases:
        if not (start < p.first <= start + 6) or not p.known or p is actor:
            continue
        owned = view.words[p.first - 1]
        if (p.prep == "ل" or (p.prep is None and view.words[p.first].norm.startswith("لل"))) and (
            owned.tok.kind == "word" and owned.mention is None and not owned.prep
        ):
            roles.recipient = p
            roles.notes.append(f"recipient: whose target it was («{p.text}»)")
        return


# Claiming an attack: «هجوم انتحاري تبنته طالبان», «وتبنت حركة طالبان مسؤوليتها عن الهجوم».
_CLAIM_WORDS = "تبنى تبنت تبنوا تبناه تبنته تبناها تبنتها يتبنى تتبنى"
_CLAIMS = frozenset(normalize(w) for w in _CLAIM_WORDS.split())


def _claimant(view: SentenceView, roles: Roles) -> None:
    """ASSAULT: whoever the sentence says claimed the attack is its actor, when the
    grammar found none with a country («هجوم انتحاري» names no one)."""
    if roles.actor is not None and roles.actor.known:
        return
    for k, w in enumerate(view.words):
        if w.key not in _CLAIMS and w.norm not in _CLAIMS:
            continue
        after = [
            p
            for p in view.phrases
            if k < p.first <= k + 3 and p.prep is None and p.known and p is not roles.recipient
        ]
        if after:
            set_actor(view, roles, after[0])
            roles.notes.append(f"actor: who claimed it («{w.tok.text}»)")
        return


def _unnamed_protesters(cands: list[Candidate]) -> None:
    """A protest still without an actor after merging (no other mention in its sentence
    named one): the people of the place it happens in (تظاهر نحو ألفي شخص في عمان → JOR).
    Done after merging so a named crowd in the same sentence (آلاف الطلاب) wins."""
    for c in cands:
        if c.dropped is None and c.type == "PROTEST" and c.roles.actor is None:
            place = _places(c.view, c.hit, c.roles)
            if place is not None and place.prep == "في":
                c.roles.actor = place
                c.roles.notes.append(f"actor: the people of the place («{place.text}»)")


_POSSESSIVE = frozenset({"ه", "ها", "هم", "هما"})


def _possessor(view: SentenceView, roles: Roles, speaker: Phrase | None) -> None:
    """«قال الجيش الأميركي إن جنوده قتلوا …»: a party named with a possessive pronoun
    (جنوده, قواتها) and no country of its own belongs to the speaker whose report the
    event is, the pronoun's nearest antecedent."""
    if speaker is None or not speaker.countries:
        return
    for p in (roles.actor, roles.recipient):
        if p is None or p.known or p is speaker:
            continue
        if any(_POSSESSIVE & set(w.tok.suffixes) for w in view.words[p.first : p.last + 1]):
            _give_country(p, speaker.countries[0], p.sector or "")
            roles.notes.append(f"«{p.text}»: the pronoun is «{speaker.text}», who reports it")


def _give_country(p: Phrase, country: str, default_sector: str) -> None:
    """Members without a country get ``country`` (and a code with the phrase's sector)."""
    sector = p.sector or default_sector
    for m in p.members or []:
        m.country = m.country or country
        m.code = m.code or (country + sector)
    if not p.members:
        p.members = [
            Member(p.text, p.start, p.end, country, country + sector, None, sector, "role")
        ]


def _is_place(view: SentenceView, p: Phrase) -> bool:
    """The phrase names a place: resolved as one, or made of place names the linker tied
    to an entity (كركوك, linked to its GeoNames record, resolves as a name)."""
    if not p.members:
        return False
    if p.members[0].kind in ("place", "country"):
        return True
    kinds = {
        view.mentions[w.mention].type
        for w in view.words[p.first : p.last + 1]
        if w.mention is not None
    }
    return bool(kinds) and kinds <= {"GPE", "LOC", "FAC"}


def _place(view: SentenceView, hit: Hit, roles: Roles) -> str | None:
    """A place the sentence puts the event in: «في أوكرانيا», «في بغداد»."""
    best = _nearest_in(view, hit, roles, lambda p: _is_place(view, p))
    return best.text if best is not None else None


def _denials(views: list[SentenceView], cands: list[Candidate], lex: Lexicon) -> None:
    """«ونفت طهران هذه المعلومات»: denies the events of the sentence before."""
    lex.cues.get("denial", WordSet())
    lex.cues.get("anaphor", WordSet())
    lex.cues.get("denied-object", WordSet())
    by_sentence: dict[int, list[Candidate]] = {}
    for c in cands:
        by_sentence.setdefault(c.sentence, []).append(c)
    for view in views:
        if view.index == 0:
            continue
        words = view.words
        for k, w in enumerate(words):
            if not w.is_("denial") or w.tok.kind != "word":
                continue
            tail = words[k + 1 : k + 6]
            pointing = any(x.is_("anaphor") for x in tail) and any(
                x.is_("denied-object") for x in tail
            )
            if not pointing and not (w.suffixes and len(words) - k < 6):
                continue
            own = [c for c in by_sentence.get(view.index, []) if c.hit.first > k]
            if own:
                continue
            subj, _ = subject(view, k, [k])
            for c in by_sentence.get(view.index - 1, []):
                if c.type in _SPEECH or c.mod.value in ("negated", "hypothetical", "denied"):
                    continue
                earlier = f"; before that {c.mod.value} ({c.mod.note})" if c.mod.note else ""
                c.mod = Modality(
                    "denied",
                    by=subj,
                    note="denied in the next sentence: «"
                    + " ".join(x.tok.text for x in words[: k + 5])
                    + "»"
                    + earlier,
                )
            break


def _refusals(cands: list[Candidate]) -> None:
    """«قرر بوتين عدم حضور القمة», «رفض لقاء»: a refusal (REJECT), not a negated meeting."""
    for c in cands:
        gov = c.roles.governor
        if gov is None or c.type not in _NEGATABLE_TO_REJECT:
            continue
        verb = c.view.words[gov]
        if not (set(verb.keys) & _REFUSE):
            continue
        neg = c.mod.negation
        is_refuse_verb = any(k.startswith(_CANCEL) for k in verb.keys)  # رفض لقاء، ألغى اجتماعاً
        if neg in ("عدم",) or (neg is None and is_refuse_verb):
            mode, cameo = _NEGATABLE_TO_REJECT[c.type]
            c.notes.append(
                f"{c.type} refused («{verb.tok.text}» … «{neg or verb.tok.text}»): REJECT"
            )
            c.type, c.mode, c.cameo = "REJECT", mode, cameo
            c.mod = Modality("asserted", note="a refusal is asserted")


def _parties(c: Candidate) -> tuple[tuple[str, ...], tuple[str, ...]]:
    a = tuple(c.roles.actor.countries) if c.roles.actor else ()
    r = tuple(c.roles.recipient.countries) if c.roles.recipient else ()
    return a, r


def _corefer_dates(cands: list[Candidate]) -> None:
    """Mentions of one event (same type, actor and recipient) share the date one of them states."""
    dated = [c for c in cands if c.when.precision not in (None, "published") and c.when.date]
    for c in cands:
        if c.when.date:
            continue
        a, r = _parties(c)
        if not a or not r:
            continue
        for d in dated:
            # The same word for the same parties: «الغزو الروسي لأوكرانيا» told twice.
            same_word = d.hit.trigger.lemma == c.hit.trigger.lemma
            if d is not c and same_word and d.type == c.type and _parties(d) == (a, r):
                c.when = When(
                    d.when.date,
                    d.when.precision,
                    d.when.until,
                    d.when.time_text,
                    f"same event as sentence {d.sentence}: {d.when.note}",
                )
                if d.background and not c.background:
                    c.background = f"same event as sentence {d.sentence}"
                break


def _relative_dates(views: list[SentenceView], cands: list[Candidate], lex: Lexicon) -> None:
    """«… أقرّت ايران بتزويدها روسيا مسيّرات، غير أنها أكّدت أن هذه العملية تمّت قبل الغزو»."""
    lex.cues.get("happened", WordSet())
    lex.cues.get("before", WordSet())
    lex.cues.get("after", WordSet())
    for view in views:
        mine = [c for c in cands if c.view is view]
        if len(mine) < 1:
            continue
        words = view.words
        for k, w in enumerate(words):
            if not w.is_("happened"):
                continue
            nxt = k + 1
            if nxt >= len(words):
                continue
            rel = (
                "before"
                if words[nxt].is_("before")
                else "after"
                if words[nxt].is_("after")
                else None
            )
            if rel is None:
                continue
            anchor_date: dt.date | None = None
            anchor_note = ""
            ref = next((c for c in mine if nxt < c.hit.first <= nxt + 3), None)
            if ref is not None and ref.when.date and ref.when.precision not in (None, "published"):
                anchor_date = parse(ref.when.date)
                anchor_note = f"«{words[ref.hit.first].tok.text}» ({ref.when.date})"
            else:
                for ti, t in enumerate(view.times):
                    pos = [x.i for x in words if x.time == ti]
                    if pos and nxt < pos[0] <= nxt + 2:
                        anchor_date = parse(t.value)
                        anchor_note = f"«{t.text}»"
            if anchor_date is None:
                continue
            for c in mine:
                if c is ref or c.hit.first > k:
                    continue
                day = (
                    anchor_date - dt.timedelta(days=1)
                    if rel == "before"
                    else anchor_date + dt.timedelta(days=1)
                )
                c.when = When(
                    day.isoformat(),
                    rel,
                    None,
                    None,
                    f"«{w.tok.text} {words[nxt].tok.text}» {anchor_note}: {rel} {anchor_date.isoformat()}",
                )


def _sports(views: list[SentenceView], lex: Lexicon) -> set[int]:
    """Sentences that report a match: two sports words, or one in an article full of them.
    Meetings, attacks and praise there are the game's («يلتقي ريال مدريد», «هاجم الفريق»)."""
    sport = lex.cues.get("sport", WordSet())

    def count(view: SentenceView) -> int:
        n = 0
        for k, w in enumerate(view.words):
            if w.is_("sport") or phrase_at(view, k, sport):
                n += 1
        return n

    counts = {v.index: count(v) for v in views}
    sporty_article = sum(counts.values()) >= 6
    return {i for i, n in counts.items() if n >= 2 or (n >= 1 and sporty_article)}


def _filter(c: Candidate) -> None:
    a = c.roles.actor
    r = c.roles.recipient
    known = (a is not None and a.known) or (r is not None and r.known)
    if c.type not in _PARTYLESS and not known:
        c.dropped = "no party named"


def _veto(
    classifier: SentenceClassifier, views: list[SentenceView], cands: list[Candidate]
) -> None:
    cache: dict[tuple[int, str], float] = {}
    for c in cands:
        if c.dropped or c.type not in classifier.types:
            continue
        key = (c.sentence, c.type)
        if key not in cache:
            mine = [d for d in cands if d.view is c.view]
            cache[key] = classifier.probability(features(c.view, mine, c.type), c.type)
        p = cache[key]
        if p < classifier.threshold(c.type):
            c.dropped = f"classifier: {c.type} unlikely here ({p:.2f})"
        else:
            c.notes.append(f"classifier {c.type} {p:.2f}")


def _merge(cands: list[Candidate]) -> None:
    """One event told twice (a visit and the talks held there; the invasion in two sentences)."""
    live = [c for c in cands if c.dropped is None]
    for i, c in enumerate(live):
        if c.dropped:
            continue
        a, r = _parties(c)
        for d in live[i + 1 :]:
            if d.dropped or d.type != c.type:
                continue
            da, dr = _parties(d)
            same_sentence = d.sentence == c.sentence and (not da or not a or da == a)
            same_event = (
                a
                and r
                and (da, dr) == (a, r)
                and d.mod.value == c.mod.value
                and (
                    d.when.date == c.when.date
                    or "published" in (d.when.precision, c.when.precision)
                    or d.when.precision is None
                    or c.when.precision is None
                )
            )
            if not (same_sentence or same_event):
                continue
            keep, drop = (c, d) if _richness(c) >= _richness(d) else (d, c)
            drop.dropped = f"same event as sentence {keep.sentence}"
            if same_sentence:
                # «قتل 150 مدنيا … في الضربات الجوية الاميركية»: one attack; the victims from
                # one mention, the attacker from the other.
                kr, dr_ = keep.roles, drop.roles
                if kr.actor is None and dr_.actor is not None and dr_.actor is not kr.recipient:
                    kr.actor = dr_.actor
                    kr.notes.append(f"actor from «{_trigger_text(drop)}» in the same sentence")
                if (
                    kr.recipient is None
                    and dr_.recipient is not None
                    and dr_.recipient is not kr.actor
                ):
                    kr.recipient = dr_.recipient
                    kr.notes.append(f"recipient from «{_trigger_text(drop)}» in the same sentence")
            keep.merged += 1
            keep.notes.append(f"also told in sentence {drop.sentence}: «{_trigger_text(drop)}»")
            if keep is d:
                break


def _richness(c: Candidate) -> tuple[int, int, int, int]:
    return (
        int(c.roles.actor is not None and c.roles.actor.known)
        + int(c.roles.recipient is not None and c.roles.recipient.known),
        int(c.when.precision not in (None, "published")),
        int(c.mode is not None),
        -c.sentence,
    )


def _trigger_text(c: Candidate) -> str:
    w = c.view.words
    return " ".join(x.tok.text for x in w[c.hit.first : c.hit.last + 1])


def _arguments(p: Phrase | None) -> list[EventArgument]:
    if p is None:
        return []
    if not p.members:
        return [Argument(None, None, p.text, p.start, p.end)]
    out: list[EventArgument] = []
    for m in p.members:
        code = m.code or m.country
        out.append(
            Argument(
                m.entity,
                code,
                m.text if len(p.members) > 1 else p.text,
                m.start if len(p.members) > 1 else p.start,
                m.end if len(p.members) > 1 else p.end,
            )
        )
    return out


def _event(c: Candidate, published: dt.date | None, published_iso: str | None) -> CodedEvent:
    lex = lexicon()
    actors = _arguments(c.roles.actor)
    for co in c.roles.co_actors:
        actors += _arguments(co)
    recipients = _arguments(c.roles.recipient)
    attributed = None
    if c.mod.by is not None:
        args = _arguments(c.mod.by)
        attributed = args[0] if args else None
    elif c.mod.by_text:
        attributed = EventArgument(None, None, c.mod.by_text)
    when = c.when
    if when.date:
        date, precision = when.date, when.precision
    elif c.background:
        date, precision = None, None
    else:
        date = published.isoformat() if published else (published_iso or None)
        precision = "published" if date else None
    words = c.view.words
    trig_start = words[c.hit.first].tok.start
    trig_end = words[c.hit.last].tok.end
    # Evidence: a reader must see why each part was chosen.
    parts = [
        f"sentence {c.sentence}: «{_trigger_text(c)}» → {c.type}"
        + (f"/{c.mode}" if c.mode else "")
        + (f" (CAMEO {c.cameo})" if c.cameo else "")
        + f" [lexicon: {c.hit.trigger.lemma}, {c.hit.trigger.source}]"
    ]
    for label, p in (("actor", c.roles.actor), ("recipient", c.roles.recipient)):
        if p is not None:
            codes = ",".join(filter(None, (a.code for a in _arguments(p)))) or "no code"
            parts.append(f"{label} «{p.text}» ({codes})")
    if c.roles.notes:
        parts.append("; ".join(c.roles.notes))
    parts.append(f"modality {c.mod.value}" + (f" ({c.mod.note})" if c.mod.note else ""))
    if when.date:
        parts.append(f"date {when.note}")
    elif date:
        parts.append(f"date: none stated, publication date {date}")
    if c.background:
        parts.append(f"background: {c.background}")
    if c.place:
        parts.append(f"place «{c.place}»")
    parts += c.notes
    code = c.cameo
    return CodedEvent(
        type=c.type,
        modality=c.mod.value,
        mode=c.mode,
        cameo=code,
        score=lex.score(c.type, c.mode),
        actor=actors[0] if actors else None,
        recipient=recipients[0] if recipients else None,
        date=date,
        date_precision=precision,
        place=c.place,
        sentence=c.sentence,
        trigger=Span(trig_start, trig_end),
        evidence="; ".join(parts),
        context=lex.context(code),
        background=bool(c.background),
        attributed_to=attributed,
        actors=actors,
        recipients=recipients,
    )


__all__ = ["NONSTATE", "EventStage", "extract_events"]
