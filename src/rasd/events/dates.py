"""When an event happened, and whether it is background.

1. The nearest time expression of the sentence (``doc.times``, already resolved against the
   publication date) dates the event, unless a verb of saying, denying or admitting stands
   between them: ``في مطلع تشرين الثاني، أقرّت ايران بتزويدها`` dates the admission, not the
   deliveries. A date after publication does not date a past event (``قرر … عدم حضور
   قمة … الأسبوع المقبل``: the summit is next week, the decision is not).
2. Without one, the event takes the publication date with precision ``published``
   ("reported on"), or no date at all when it is background.
3. Background: an event mentioned in passing (``منذ بدء الغزو``, ``كان قد``, ``ذكرى``) or
   dated more than a month before publication.

Relative order (``تمّت قبل الغزو``) and dates shared by mentions of one event are set by
the stage, which sees the whole article.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rasd.events.lexicon import Lexicon, WordSet
from rasd.events.syntax import SentenceView
from rasd.events.triggers import Hit

_SPAN = 12  # words between a trigger and the time expression that dates it
BACKGROUND_DAYS = 31


@dataclass(slots=True)
class When:
    date: str | None = None
    precision: str | None = None
    until: str | None = None
    time_text: str | None = None
    note: str = ""


def parse(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        if len(value) == 4:
            return dt.date(int(value), 1, 1)
        if len(value) == 7:
            return dt.date(int(value[:4]), int(value[5:7]), 1)
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def event_time(
    view: SentenceView,
    hit: Hit,
    lex: Lexicon,
    published: dt.date | None,
    blockers: list[int],
    future_ok: bool,
) -> When:
    """The sentence's time expression that dates this trigger (``blockers``: word indices
    of the verbs of saying/denying/admitting that govern it)."""
    best: tuple[int, int] | None = None
    for ti, t in enumerate(view.times):
        pos = [w.i for w in view.words if w.time == ti]
        if not pos:
            continue
        a, b = pos[0], pos[-1]
        if b < hit.first:
            dist = hit.first - b
            if any(b < k < hit.first for k in blockers):
                continue
        elif a > hit.last:
            dist = a - hit.last
        else:
            dist = 0
        if dist > _SPAN:
            continue
        value = parse(t.value)
        if value is None:
            continue
        if published and value > published and not future_ok:
            continue
        if best is None or dist < best[0]:
            best = (dist, ti)
    if best is None:
        return When()
    t = view.times[best[1]]
    precision = "day" if t.precision == "time" else t.precision
    return When(t.value, precision, t.until, t.text, f"«{t.text}» → {t.value}")


def background(
    view: SentenceView, hit: Hit, lex: Lexicon, when: When, published: dt.date | None
) -> str | None:
    """Why the event is background, or ``None``."""
    words = view.words
    bg = lex.cues.get("background", WordSet())
    for k in range(max(0, hit.first - 4), hit.first):
        if words[k].is_("background"):
            return f"«{words[k].tok.text}»"
        for key in words[k].keys:
            for phrase in bg.phrases.get(key, ()):
                if all(
                    k + j < len(words) and phrase[j] in words[k + j].keys
                    for j in range(len(phrase))
                ):
                    return f"«{' '.join(phrase)}»"
    value = parse(when.date)
    last = parse(when.until) or value
    if last and published and (published - last).days > BACKGROUND_DAYS:
        return f"dated {when.date}, over a month before publication"
    return None
