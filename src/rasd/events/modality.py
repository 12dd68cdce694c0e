"""Modality and attribution: did it happen, according to whom.

Checked in this order, the first that applies wins:

1. **negated**: a particle right before the trigger (``لم``, ``لن``, ``لا``, ``ما`` before a
   verb; ``عدم``, ``دون`` before a noun; ``لم يجرِ اتصالاً`` before its verb);
2. **hypothetical**: a condition before it (``إذا``, ``لو``, ``في حال``, ``قد يكون``) or a
   threat (``هدد بقصف``: the threat is coded, the shelling has not happened);
3. **future**: ``س``/``سوف`` on the verb, ``من المقرر``, ``يعتزم``, ``المرتقبة``, or a date
   after the publication date;
4. the nearest operator before the trigger in the same sentence: a **denial**
   (``نفت X أن``: denied, by X), an **admission** (``أقرّت X بـ``: admitted, by X), a claim
   (``زعم``, ``ادعى``), an accusation's content (``تتهم X … بـ``), or a report from a hedged
   source (``تحدثت مقالات عن``, ``أفادت تقارير``): **alleged**, by that source; an
   ordinary speech verb (``قال``, ``أعلن``) keeps it **asserted** but records who said so;
   hedging words next to the trigger (``عمليات تسليم محتملة``) make it alleged too;
5. otherwise **asserted**.

A denial in the next sentence that points back (``ونفت طهران هذه المعلومات``) is applied
by the stage, which sees both sentences.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rasd.events.arguments import Roles, subject
from rasd.events.lexicon import Lexicon, WordSet
from rasd.events.syntax import Phrase, SentenceView
from rasd.events.triggers import Hit

_OPERATORS = ("denial", "admission", "claim", "report", "accuse", "speech")
_NEG_NOUN = frozenset({"عدم", "دون", "بدون"})
_NEG_VERB = frozenset({"لم", "لن", "لا", "ما", "ليس", "ليست", "ليسوا", "لسنا"})
_LIGHT = frozenset({"يتم", "تم", "يجري", "يجر", "تجر", "تجري", "يكن", "تكن", "يعد", "تعد"})


@dataclass(slots=True)
class Modality:
    value: str = "asserted"
    by: Phrase | None = None  # who says, claims, denies or admits it
    by_text: str | None = None  # a source that is no phrase (مقالات، تقارير)
    note: str = ""
    cue: int | None = None  # word index of the operator
    negation: str | None = None  # the negating word, when negated


def modality(
    view: SentenceView,
    hit: Hit,
    roles: Roles,
    lex: Lexicon,
    verbs: list[int],
    hits: list[Hit],
    published: dt.date | None,
    own_date: dt.date | None,
) -> Modality:
    words = view.words
    t = hit.first
    neg = _negation(view, hit, roles)
    if neg is not None:
        return Modality("negated", note=f"negated by «{neg}»", negation=neg)
    hyp = lex.cues.get("hypothetical", WordSet())
    for k in range(t - 1, max(-1, t - 7), -1):
        w = words[k]
        if w.tok.kind == "punct" and w.tok.text in ".؟?!":
            break
        if w.is_("hypothetical") or phrase_at(view, k, hyp):
            if hit.trigger.type == "THREATEN" and k == t:
                continue
            return Modality("hypothetical", note=f"under «{w.tok.text}»", cue=k)
    if _future(view, hit, roles, lex, published, own_date):
        return Modality("future", note="future: " + _future_note(view, hit, roles, lex))
    # 4. The nearest operator before the trigger.
    op = _operator(view, hit, lex, hits)
    if op is not None:
        k, kind = op
        cue_word = words[k].tok.text
        if kind == "accuse":
            subj, _ = subject(view, k, verbs)
            return Modality("alleged", by=subj, note=f"what «{cue_word}» accuses of", cue=k)
        subj, _ = subject(view, k, verbs)
        hedge = _hedged_source(view, k, lex)
        if kind == "denial":
            return Modality("denied", by=subj, note=f"denied: «{cue_word}»", cue=k)
        if kind == "admission":
            return Modality("admitted", by=subj, note=f"admitted: «{cue_word}»", cue=k)
        if kind == "claim":
            return Modality("alleged", by=subj, by_text=hedge, note=f"claimed: «{cue_word}»", cue=k)
        if kind == "report" and hedge is not None:
            return Modality(
                "alleged", by_text=hedge, note=f"reported by «{hedge}» («{cue_word}»)", cue=k
            )
        if kind == "report" and words[k].is_("claim"):
            return Modality("alleged", by=subj, note=f"claimed: «{cue_word}»", cue=k)
        if kind in ("speech", "report"):
            return Modality("asserted", by=subj, note=f"said by the subject of «{cue_word}»", cue=k)
    # Hedging words on the event itself (عمليات تسليم محتملة, الهجوم المزعوم).
    hedged = lex.cues.get("hedged", WordSet())
    # An adjective follows its noun: only the words after a nominal trigger hedge it.
    after = (
        range(hit.last + 1, min(len(words), hit.last + 3)) if hit.trigger.pos != "V" else range(0)
    )
    for k in after:
        if words[k].tok.kind == "word" and (words[k].is_("hedged") or phrase_at(view, k, hedged)):
            return Modality("alleged", note=f"hedged: «{words[k].tok.text}»", cue=k)
    # «على ما أعلن الكرملين», «بحسب الشرطة» after the event: asserted, attributed.
    speech = lex.cues.get("speech", WordSet())
    for k in range(hit.last + 1, len(words)):
        if words[k].is_("speech") or phrase_at(view, k, speech):
            subj = _after_phrase(view, k)
            if subj is not None:
                return Modality("asserted", by=subj, note=f"according to «{subj.text}»", cue=k)
    return Modality()


def _after_phrase(view: SentenceView, k: int) -> Phrase | None:
    for p in view.phrases:
        if k < p.first <= k + 4:
            return p
    return None


def phrase_at(view: SentenceView, k: int, ws: WordSet) -> bool:
    words = view.words
    for key in words[k].keys:
        for phrase in ws.phrases.get(key, ()):
            if k + len(phrase) <= len(words) and all(
                phrase[j] in words[k + j].keys for j in range(1, len(phrase))
            ):
                return True
    return False


def _negation(view: SentenceView, hit: Hit, roles: Roles) -> str | None:
    words = view.words
    t = hit.first
    points = [t]
    if roles.governor is not None:
        points.append(roles.governor)
    for p in points:
        k = p - 1
        if k >= 0 and words[k].key in _LIGHT:
            k -= 1
        if k < 0:
            continue
        w = words[k]
        keys = set(w.keys)
        if hit.trigger.pos != "V" and p == t and keys & _NEG_NOUN:
            return w.tok.text
        if (p != t or hit.trigger.pos == "V") and keys & _NEG_VERB:
            return w.tok.text
        if keys & {"عدم"}:
            return w.tok.text
    return None


def _future(
    view: SentenceView,
    hit: Hit,
    roles: Roles,
    lex: Lexicon,
    published: dt.date | None,
    own_date: dt.date | None,
) -> bool:
    words = view.words
    verbs = [hit.first] if hit.trigger.pos == "V" else []
    if roles.governor is not None:
        verbs.append(roles.governor)
    for v in verbs:
        if "س" in words[v].prefixes:
            return True
        if v > 0 and words[v - 1].key == "سوف":
            return True
    fut = lex.cues.get("future", WordSet())
    for k in range(max(0, hit.first - 5), min(len(words), hit.last + 3)):
        if k == hit.first:
            continue
        if words[k].is_("future") or phrase_at(view, k, fut):
            return True
    return bool(own_date and published and own_date > published)


def _future_note(view: SentenceView, hit: Hit, roles: Roles, lex: Lexicon) -> str:
    return f"«{view.words[hit.first].tok.text}»"


def _operator(
    view: SentenceView, hit: Hit, lex: Lexicon, hits: list[Hit]
) -> tuple[int, str] | None:
    words = view.words
    accusers = {h.first for h in hits if h.trigger.type == "ACCUSE" and h.trigger.pos == "V"}
    for k in range(hit.first - 1, -1, -1):
        w = words[k]
        if w.tok.kind == "punct" and w.tok.text in ".؟?!":
            break
        if w.tok.kind != "word":
            continue
        if k in accusers and hit.trigger.type != "ACCUSE":
            # Only what follows «بـ» after the accused is the accusation's content.
            if any(words[j].prep == "ب" for j in range(k + 1, hit.first + 1)):
                return k, "accuse"
            continue
        for kind in _OPERATORS:
            cue = lex.cues.get(kind)
            if kind == "accuse" or cue is None:
                continue
            if w.is_(kind) or (kind == "speech" and phrase_at(view, k, cue)):
                return k, kind
    return None


def _hedged_source(view: SentenceView, k: int, lex: Lexicon) -> str | None:
    """A hedged source right after (or just before) the report verb: مقالات, تقارير, مصادر."""
    hedge = lex.cues.get("hedge", WordSet())
    words = view.words
    for j in list(range(k + 1, min(len(words), k + 4))) + list(range(max(0, k - 2), k)):
        if words[j].is_("hedge") or phrase_at(view, j, hedge):
            return words[j].tok.text
    return None
