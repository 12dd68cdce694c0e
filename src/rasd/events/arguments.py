"""Who did it and to whom: actor and recipient of a trigger, following Arabic word order.

Verbs (``V`` rows):

1. the subject follows the verb (VSO: ``وزار هذا الأسبوع سكرتير … طهران``; time words and
   adverbs may come between), else it is the nearest phrase before the verb in the same
   clause (SVO: ``إيران تنفي``); with neither, a dropped subject is the subject of the
   verb before it in the same sentence (``… باتروشيف طهران حيث أجرى محادثات``);
2. the recipient is the object after the subject, or the phrase behind the row's
   preposition (``اتصالاً هاتفياً بنظيره`` → ب, ``بحث مع``);
3. a verb that may be passive (``قُتل``) whose first noun names victims (``قتل 5 أشخاص``)
   takes that noun as recipient and the ``من قبل``/``على يد`` phrase as actor;
4. ``swap`` rows turn the roles round (``استقبل``: the visitor acts, the host receives).

Nouns (``N``/``P`` rows): the nisba after the noun is the actor (``الغزو الروسي``), or the
genitive for ``gen=actor`` rows (``زيارة الرئيس``), or ``من قبل``/``على يد`` and a relative
verb (``هجوم شنّه X``), or the subject of the verb that carries the noun (``أجرى … اتصالاً``,
``قرر بوتين عدم حضور``, ``أقرّت ايران بتزويدها``); the recipient is the genitive
(``غزو العراق``), a preposition's object (``لأوكرانيا``), or the subject of a verb of
suffering (``يعاني الاقتصادان … من عقوبات``). Things given (``theme``) name the giver by
their nisba (``صواريخ إيرانية إلى موسكو``).

Nothing crosses a sentence: an act and an actor in different sentences are never paired.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from rasd.arabic.normalize import normalize
from rasd.events.lexicon import PREPOSITIONS, Lexicon
from rasd.events.syntax import Phrase, SentenceView, Word
from rasd.events.triggers import Hit

_GAP = 3  # non-phrase words allowed between a verb and its subject or object
_REL_AGENT = ("شن", "نفذ", "تبن", "ارتكب", "قاد", "دبر", "اطلق")


@dataclass(slots=True)
class Roles:
    actor: Phrase | None = None
    co_actors: list[Phrase] = field(default_factory=list)
    recipient: Phrase | None = None
    notes: list[str] = field(default_factory=list)
    missing_required: bool = False
    governor: int | None = None  # word index of the verb that carries a nominal trigger


def verb_words(view: SentenceView, lex: Lexicon, hits: list[Hit]) -> list[int]:
    """Word indices that act as verbs here: verbal triggers and cue verbs."""
    out = {h.first for h in hits if h.trigger.pos == "V"}
    kinds = (
        "support",
        "inverse",
        "patient",
        "denial",
        "admission",
        "report",
        "claim",
        "accuse",
        "speech",
        "happened",
        "future",
        "control",
    )
    for w in view.words:
        if w.tok.kind == "word" and any(k in w.kinds for k in kinds):
            out.add(w.i)
    return sorted(out)


def plural_verb(w: Word) -> bool:
    """A verb written with a plural ending (قتلوا, يتظاهرون): Arabic puts such a verb after
    its subject (SVO) or drops the subject; a verb before its subject stays singular."""
    k = w.key
    return len(k) > 3 and (k.endswith("وا") or (k[0] in "يت" and k.endswith("ون")))


_RELATIVES = frozenset({"الذي", "التي", "الذين", "اللذين", "اللتين", "اللواتي", "اللاتي"})
_COMPLEMENTIZERS = frozenset({"ان", "بان", "لان", "انه", "انها"})


def subject(
    view: SentenceView, v: int, verbs: list[int], depth: int = 0, before: int | None = None
) -> tuple[Phrase | None, str]:
    """The subject of the verb at word ``v`` and how it was found (``before``: the subject
    must end before this word, e.g. the noun the verb carries: «أجرى X اتصالاً»)."""
    words = view.words
    lo, hi = view.clause_bounds(v)
    if before is not None:
        hi = min(hi, before - 1)
    w = words[v]
    # «مجلس الأمن الذي فرض عقوبات»: a relative verb's subject is the phrase it qualifies,
    # unless a pronoun on the verb stands for it (حركة غولن التي تتهمها أنقرة: the object).
    if v > 0 and words[v - 1].norm in _RELATIVES and not w.suffixes:
        prev = _phrase_ending_at(view, v - 2)
        if prev is not None:
            return prev, "subject: the phrase the relative clause qualifies"
    # «لعقد لقاءات», «في رفض إطلاق سراح»: after a preposition the word is a verbal noun,
    # with no subject of its own.
    masdar = bool(w.prep) or (v > 0 and words[v - 1].norm in PREPOSITIONS)
    pronoun = v > 0 and words[v - 1].key in _COMPLEMENTIZERS and bool(words[v - 1].suffixes)
    if pronoun:
        # «نفت إيران أنها زودت روسيا»: the pronoun on أنّ is the subject; what follows the
        # verb is its object. The pronoun stands for the subject before it.
        earlier = [u for u in verbs if u < v]
        if earlier and depth < 2:
            p, _ = subject(view, earlier[-1], verbs, depth + 1)
            if p is not None:
                return p, "subject: the pronoun on «أنّ», i.e. the subject before it"
        return None, ""
    if not masdar and plural_verb(w):
        pre = _before(view, v, lo, verbs)
        if pre is not None:
            return pre, "subject before the plural verb"
    elif not masdar:
        pre = _subject_first(view, v, lo)
        if pre is not None:
            return pre, "subject before the verb, after «كان/قد»"
        post = _after(view, v, hi, lambda p: p.prep is None and not p.compound)
        if post is not None:
            return post, "subject after the verb"
        pre = _before(view, v, lo, verbs)
        if pre is not None:
            return pre, "subject before the verb"
    if depth < 2:
        earlier = [u for u in verbs if u < v]
        if earlier and _may_inherit(view, earlier[-1], v):
            p, _ = subject(view, earlier[-1], verbs, depth + 1)
            if p is not None and not _counted_victims(view, p, v):
                return p, "dropped subject: that of the verb before it"
    return None, ""


_AUX = frozenset({"كان", "كانت", "كانوا", "قد", "لقد", "ان", "إن", "أن", "ولكن", "لكن"})


def _subject_first(view: SentenceView, v: int, lo: int) -> Phrase | None:
    """«وكانت دمشق اتهمت إسرائيل»: a phrase right before the verb with only an auxiliary or
    a particle before it in the clause is the subject (SVO), not the phrase after the verb."""
    p = _phrase_ending_at(view, v - 1)
    if p is None or p.prep is not None or p.compound or p.first < lo:
        return None
    head = [w for w in view.words[lo : p.first] if w.tok.kind == "word"]
    if all(w.key in _AUX or w.norm in _AUX for w in head) and (head or lo > 0):
        return p  # at the start of a clause after «أنّ», or after «كان/قد»
    return None
    return None


def _phrase_ending_at(view: SentenceView, k: int) -> Phrase | None:
    if k < 0:
        return None
    pi = view.phrase_at.get(k)
    return view.phrases[pi] if pi is not None and view.phrases[pi].last == k else None


def _counted_victims(view: SentenceView, p: Phrase, v: int) -> bool:
    """«ثلاثة جنود أميركيين قتلوا وأصيب آخرون بانفجار عبوة استهدفت دورية»: people counted
    before a plural event verb are mostly those it happened to; a later verb (here before
    ``v``) does not inherit them as its doer."""
    return _victims(view, p) and any(
        w.is_("trigger") and (plural_verb(w) or w.norm.endswith("وا"))
        for w in view.words[p.last + 1 : v]
    )


def _may_inherit(view: SentenceView, u: int, v: int) -> bool:
    """May the verb at ``v`` take the subject of the verb at ``u`` before it? Not across a
    plain «أن/إن» (the clause after it has its own subject: «قالت مصادر إن هجوماً استهدف»),
    but across «أنها/أنه» (the pronoun is that subject) and across و/ف/حيث/ثم."""
    for k in range(u + 1, v):
        w = view.words[k]
        if w.key in _COMPLEMENTIZERS or w.norm in _COMPLEMENTIZERS:
            return bool(w.suffixes)
        if w.norm in ("ان", "إن") or w.key == "ان":
            return False
    return True


def _after(
    view: SentenceView,
    v: int,
    hi: int,
    ok: Callable[[Phrase], bool],
    skip_first_pp: bool = True,
    possessive: bool = False,
) -> Phrase | None:
    """The first phrase after word ``v`` (up to ``hi``) that ``ok`` accepts, skipping time
    words, adverbs and up to a few other words; prepositional phrases are stepped over
    (``skip_first_pp``) or stop the search."""
    gap = 0
    j = v + 1
    while j <= hi:
        pi = view.phrase_at.get(j)
        if pi is not None:
            p = view.phrases[pi]
            if ok(p):
                return p
            if possessive and p.prep == "ل" and gap and _plain(view.words[p.first - 1]):
                return p  # «موكباً لسفارة الولايات المتحدة»: the object's owner
            if p.compound or (p.prep is not None and skip_first_pp):
                j = p.last + 1
                gap += 1
                if gap > _GAP:
                    return None
                continue
            return None
        w = view.words[j]
        if w.time is not None or _adverb(w) or w.tok.kind == "punct":
            j += 1
            continue
        gap += 1
        if gap > _GAP:
            return None
        j += 1
    return None


def _before(view: SentenceView, v: int, lo: int, verbs: list[int]) -> Phrase | None:
    for pi in range(len(view.phrases) - 1, -1, -1):
        p = view.phrases[pi]
        if p.last >= v or p.first < lo:
            continue
        if p.prep is not None or p.compound:
            return None  # a prepositional phrase sits between: no SVO subject here
        if any(p.last < u < v for u in verbs):
            return None
        if p.conj:
            # «بوتين ورئيسي»: the coordinated phrase joins the one before it
            return first_of_coordination(view, pi)
        return p
    return None


def set_actor(view: SentenceView, roles: Roles, p: Phrase) -> None:
    """Make ``p`` the actor, with the phrases coordinated with it (up to the recipient)
    as co-actors."""
    roles.actor = p
    roles.co_actors = coordinated(view, p)
    if roles.recipient is not None and roles.recipient in roles.co_actors:
        roles.co_actors = roles.co_actors[: roles.co_actors.index(roles.recipient)]


def first_of_coordination(view: SentenceView, pi: int) -> Phrase:
    """The first phrase of the coordination phrase ``pi`` belongs to (itself if none)."""
    while pi > 0 and view.phrases[pi].conj:
        pi -= 1
    return view.phrases[pi]


def coordinated(view: SentenceView, p: Phrase) -> list[Phrase]:
    """Phrases joined to ``p`` by و or مع right after it (compound actors)."""
    out: list[Phrase] = []
    idx = view.phrases.index(p)
    for q in view.phrases[idx + 1 :]:
        if (q.conj or q.compound) and q.first <= (out[-1].last if out else p.last) + 2:
            out.append(q)
        else:
            break
    return out


def _adverb(w: Word) -> bool:
    from rasd.events.syntax import _ADVERBS

    return w.key in _ADVERBS or w.norm in _ADVERBS


def assign(
    view: SentenceView,
    hit: Hit,
    lex: Lexicon,
    verbs: list[int],
    hits: list[Hit],
) -> Roles:
    trig = hit.trigger
    roles = Roles()
    lo, hi = view.clause_bounds(hit.first)
    if trig.pos == "V":
        _verbal(view, hit, lex, verbs, roles, lo, hi)
    else:
        _nominal(view, hit, lex, verbs, roles, lo, hi, hits)
    if trig.swap and roles.actor is not None and roles.recipient is not None:
        roles.actor, roles.recipient = roles.recipient, roles.actor
        roles.notes.append("roles swapped (the visitor acts, the host receives)")
    if roles.actor is not None:
        set_actor(view, roles, roles.actor)
    # A required preposition (طالب بـ, بحث مع) that is not there: not this sense of the word.
    if trig.required:
        present = {p.prep for p in view.phrases if p.first > hit.last and p.first <= hi + 8}
        present |= {
            view.words[k].prep for k in range(hit.last + 1, min(len(view.words), hit.last + 4))
        }
        present |= {
            view.words[k].norm for k in range(hit.last + 1, min(len(view.words), hit.last + 4))
        }
        if not (trig.required & {x for x in present if x}):
            roles.missing_required = True
    return roles


def _verbal(
    view: SentenceView, hit: Hit, lex: Lexicon, verbs: list[int], roles: Roles, lo: int, hi: int
) -> None:
    trig = hit.trigger
    v = hit.first
    first_after = _after(view, hit.last, hi, lambda p: p.prep is None and not p.compound)
    # 3. Passive reading: the first noun after the verb names victims (or a number does).
    if trig.passive and _passive(view, hit, first_after):
        if first_after is not None:
            roles.recipient = first_after
            roles.notes.append("passive: the noun after the verb is the victim")
        agent = _agent_phrase(view, hit.last, hi)
        if agent is not None:
            roles.actor = agent
            roles.notes.append(f"actor after «{agent.prep}»")
        return
    subj, how = subject(view, v, verbs)
    if trig.passive and subj is not None and subj.last < v and _victims(view, subj):
        # «ثلاثة عراقيين قتلوا»: victims before a passive verb.
        roles.recipient = subj
        roles.notes.append("passive: the victims named before the verb")
        agent = _agent_phrase(view, hit.last, hi)
        if agent is not None:
            roles.actor = agent
            roles.notes.append(f"actor after «{agent.prep}»")
        return
    if subj is not None:
        roles.actor = subj
        roles.notes.append(how)
    start = subj.last if subj is not None and subj.first > v else hit.last
    for prep in trig.preps:
        if prep == "obj":
            obj = _after(
                view,
                start,
                hi,
                lambda p: p.prep is None and not p.compound and not p.conj,
                possessive=True,
            )
            if obj is not None and obj is not subj:
                roles.recipient = obj
                roles.notes.append("recipient: the object")
                break
        else:
            pp = _prep_phrase(view, hit.last, hi, prep)
            if pp is not None:
                roles.recipient = pp
                roles.notes.append(f"recipient after «{prep}»")
                break


def _plain(w: Word) -> bool:
    return w.tok.kind == "word" and not w.prep and w.time is None and not w.kinds


def _victims(view: SentenceView, p: Phrase) -> bool:
    """Does the phrase name people harmed: a victim noun, or a count before it (ثلاثة جنود)
    or leading it (عشرين عراقيا, when the count word is read as part of the phrase)?"""
    if p.victim:
        return True
    for k in range(max(0, p.first - 3), p.first + (p.last > p.first)):
        if _counts_people(view.words[k]):
            return True
    return False


def _counts_people(w: Word) -> bool:
    """A number or count word, not inside a date: الأحد (Sunday) and الاثنين (Monday) are
    the count words أحد and اثنين to the lexicon."""
    return w.time is None and (w.tok.kind == "number" or w.key in _COUNTS)


def _person_only(p: Phrase | None) -> bool:
    """A phrase that names a person and nothing that acts as an institution (no role word,
    no seat of power): «وقد اعتقل برونسون» names whom it happened to."""
    return p is not None and p.person


# Numbers written as words (قتل ثلاثة مسلحين, قتل عشرات المدنيين), search form.
_NUMBERS = """
    اثنان اثنين اثنتان اثنتين ثلاثة ثلاث أربعة أربع خمسة خمس ستة ست سبعة سبع ثمانية ثماني
    ثمان تسعة تسع عشرة عشر أحد إحدى عشرات عشرين ثلاثين أربعين خمسين مئة مائة مئات مائتي
    ألف آلاف ألفي
"""
_NUMBER_WORDS = frozenset(normalize(w) for w in _NUMBERS.split())
# Words that come before a number or stand for one (أكثر من 30, نحو 20, عدد من).
_APPROXIMATE = frozenset(normalize(w) for w in ("أكثر", "نحو", "حوالي", "قرابة", "عدد"))
# Words that count people (ثلاثة جنود, عشرات المدنيين, جنديين), search form (ة as ه).
_COUNTS = (
    _NUMBER_WORDS
    | _APPROXIMATE
    | frozenset(normalize(w) for w in ("جنديين", "جنديان", "شخصين", "شخصان"))
)


def _passive(view: SentenceView, hit: Hit, first_after: Phrase | None) -> bool:
    text = view.words[hit.first].tok.text
    if "\u064f" in text[:3]:  # a damma on the first letters: written passive (قُتل, اُعتقل)
        return True
    # A number right after the verb (قتل 5 أشخاص, قتل أكثر من 30 شخصا) or a victim noun;
    # not after a plural verb, whose subject is in the verb (جنوده قتلوا خمسة مسلحين).
    plural = view.words[hit.last].norm.endswith(("وا", "ون"))
    for k in range(hit.last + 1, min(len(view.words), hit.last + 4)):
        if plural:
            break
        w = view.words[k]
        if _counts_people(w) or w.key == "ما":  # ما يزيد عن
            return True
        if w.tok.kind == "word":
            break
    if first_after is not None and first_after.victim and first_after.first <= hit.last + 3:
        return True
    # An arrest or a killing told of a person with no agent in sight is passive
    # (اعتُقل برونسون): agents of these acts are forces, police, gunmen.
    return _person_only(first_after) and not _before_agent(view, hit)


def _before_agent(view: SentenceView, hit: Hit) -> bool:
    lo, _ = view.clause_bounds(hit.first)
    return any(p.last < hit.first and p.first >= lo and p.prep is None for p in view.phrases)


def _agent_phrase(view: SentenceView, start: int, hi: int) -> Phrase | None:
    for p in view.phrases:
        if p.first > start and p.first <= hi + 1 and p.prep in ("من قبل", "على يد"):
            return p
    return None


def _prep_phrase(
    view: SentenceView, start: int, hi: int, prep: str, window: int = 10
) -> Phrase | None:
    for p in view.phrases:
        if p.first <= start or p.first > min(hi, start + window):
            continue
        if p.prep == prep or (False):
            return p
    return None


def _nominal(
    view: SentenceView,
    hit: Hit,
    lex: Lexicon,
    verbs: list[int],
    roles: Roles,
    lo: int,
    hi: int,
    hits: list[Hit],
) -> None:
    trig = hit.trigger
    words = view.words
    t = hit.first
    own = view.phrase_at.get(t)
    # a. The trigger heads a phrase: its nisba (الغزو الروسي) or, for doers, itself (المتظاهرون).
    if own is not None:
        p = view.phrases[own]
        if p.head_is_trigger and trig.obj and _patient_nisba(view, p):
            roles.recipient = p
            roles.notes.append("recipient: the person named after the noun (اعتقال سوري)")
        elif p.head_is_trigger or trig.pos == "P":
            roles.actor = p
            roles.notes.append(
                "actor: the nisba on the noun" if trig.pos != "P" else "actor: the doers named"
            )
    nxt = _after(
        view, hit.last, hi, lambda p: p.prep is None and not p.compound, skip_first_pp=False
    )
    if nxt is not None and nxt.first > hit.last + 2:
        nxt = None  # a genitive follows its noun (one office word may come between)
    if own is not None and nxt is view.phrases[own]:
        nxt = None
    # b. Genitive: the doer (زيارة الرئيس) or the one done to (غزو العراق, اعتقال المعارض);
    #    a genitive with an object after it is the doer (اعتقال السلطات الفرنسية لاجئاً عراقياً).
    if nxt is not None and roles.actor is None and trig.obj and not trig.gen_actor:
        obj2 = _after(
            view,
            nxt.last,
            hi,
            lambda p: p.prep is None and not p.compound and not p.conj,
            skip_first_pp=False,
        )
        if obj2 is not None and obj2.first <= nxt.last + 2:
            roles.actor = nxt
            roles.notes.append("actor: the genitive, with an object after it")
            nxt = obj2
    if nxt is not None and trig.gen_actor and roles.actor is None:
        roles.actor = nxt
        roles.notes.append("actor: the genitive")
        nxt = None
    # c. من قبل / على يد, and a relative verb (هجوم شنّه X).
    if roles.actor is None:
        agent = _agent_phrase(view, hit.last, hi)
        if agent is not None:
            roles.actor = agent
            roles.notes.append(f"actor after «{agent.prep}»")
    if roles.actor is None:
        for k in range(hit.last + 1, min(len(words), hit.last + 5)):
            if words[k].suffixes and words[k].key.startswith(_REL_AGENT):
                rel = _after(view, k, min(len(words) - 1, k + 6), lambda p: p.prep is None)
                if rel is not None:
                    roles.actor = rel
                    roles.notes.append(f"actor: subject of «{words[k].tok.text}»")
                break
    # d. The verb that carries the noun: «أجرى X اتصالاً», «قرر X عدم حضور», «أقرّت X بتزويدها».
    gov = _governor(view, hit, lex, verbs, lo)
    if gov is not None:
        roles.governor = gov
        subj, _how = subject(view, gov, verbs, before=hit.first)
        if words[gov].is_("inverse"):
            # «تلقى X اتصالاً من Y»: X receives, Y acts.
            if subj is not None and roles.recipient is None:
                roles.recipient = subj
                roles.notes.append(f"recipient: subject of «{words[gov].tok.text}»")
            src = _prep_phrase(view, hit.last, hi, "من")
            if src is not None and roles.actor is None:
                roles.actor = src
                roles.notes.append("actor after «من»")
        elif _is_patient_verb(words[gov], lex):
            if subj is not None and roles.recipient is None and subj is not roles.actor:
                roles.recipient = subj
                roles.notes.append(f"recipient: subject of «{words[gov].tok.text}» (suffers it)")
        elif roles.actor is None and subj is not None and subj.prep is None:
            roles.actor = subj
            roles.notes.append(f"actor: subject of «{words[gov].tok.text}»")
    # e. A pronoun on the noun with an object after it (تزويدها روسيا): the pronoun is the
    #    doer, the nearest subject before it in the sentence.
    if roles.actor is None and words[t].suffixes and nxt is not None and verbs:
        earlier = [u for u in verbs if u < t]
        if earlier:
            subj, _ = subject(view, earlier[-1], verbs)
            if subj is not None:
                roles.actor = subj
                roles.notes.append("actor: the pronoun on the noun, i.e. the subject before it")
    # f. The recipient: the genitive, else the row's prepositions.
    for prep in trig.preps:
        if roles.recipient is not None:
            break
        if prep == "obj":
            if nxt is not None and nxt is not roles.actor and (not nxt.head_is_trigger):
                roles.recipient = nxt
                roles.notes.append("recipient: the genitive/object")
        else:
            pp = _prep_phrase(view, hit.last, hi, prep)
            if pp is not None and pp is not roles.actor:
                roles.recipient = pp
                roles.notes.append(f"recipient after «{prep}»")
    # g. Things given name the giver (صواريخ إيرانية إلى موسكو).
    if trig.theme and roles.actor is None:
        for p in view.phrases:
            if (
                p.first > hit.last
                and p.first <= hit.last + 8
                and p.prep not in ("الى", "ل")
                and p is not roles.recipient
            ):
                if p.countries and not p.sector and p.members and p.members[0].kind == "nisba":
                    roles.actor = p
                    roles.notes.append("actor: the nisba of what is given")
                    break
            elif p.first > hit.last + 8:
                break
    # Victims after an attack noun (مقتل 71 شخصا).
    if roles.recipient is None and hit.trigger.type == "ASSAULT":
        for p in view.phrases:
            if hit.last < p.first <= hit.last + 4 and p.victim and p is not roles.actor:
                roles.recipient = p
                roles.notes.append("recipient: the victims named")
                break


def _patient_nisba(view: SentenceView, p: Phrase) -> bool:
    """«اعتقال سوري», «مقتل فلسطينيين»: an indefinite masculine nisba after an indefinite
    verbal noun names a person it happens to; «الغزو الروسي», «عقوبات غربية» (definite, or
    feminine agreement) are adjectives naming the doer."""
    head = view.words[p.first]
    if "ال" in head.prefixes or head.key.endswith(("ات", "ه")):
        return False
    nis = [view.words[k] for k in range(p.first + 1, p.last + 1) if view.words[k].nisba]
    return bool(nis) and all(
        "ال" not in w.prefixes and w.norm.endswith(("ي", "يين", "يون", "يا")) for w in nis
    )


def _governor(view: SentenceView, hit: Hit, lex: Lexicon, verbs: list[int], lo: int) -> int | None:
    """The verb that carries a nominal trigger: a cue verb just before it in its clause."""
    carriers = ("support", "inverse", "patient", "admission", "control", "denial")
    for k in range(hit.first - 1, max(lo - 1, hit.first - 8), -1):
        w = view.words[k]
        if w.boundary:
            break
        if w.tok.kind == "word" and any(c in w.kinds for c in carriers):
            return k
    return None


def _is_patient_verb(w: Word, lex: Lexicon) -> bool:
    return w.is_("patient")
