"""Who said it: the speaker phrase of a cue, its mention and its description.

A speaker comes from one of three places (``Speaker.via``):

- ``subject``: the words after the cue, up to the content (``وقالت الرئاسة الروسية في بيان
  إن …``): time words and the medium (``في بيان``, ``لقناة …``, ``مقالا في موقع …``) are
  cut off and kept apart;
- ``appositive``: a description, then the name between commas (``الباحث المقيم في لندن،
  عدنان أبوزيد، ان …``): the name is the speaker and the description its role;
- ``clause`` / ``previous``: no subject is written (``وقال انه …``, ``مشيرا إلى أن …``):
  the subject of the clause the cue hangs on, or the speaker of an earlier sentence
  (see :func:`rasd.quotes.finder.find_quotes`).

Mentions from the entity tagger decide where a name starts and ends when there are
some; without them the same rules run on the words alone.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from rasd.arabic.normalize import normalize
from rasd.document import Mention
from rasd.quotes.context import Context
from rasd.quotes.lexicon import cue_for, forms, is_complementizer
from rasd.quotes.text import COMMAS

# Prepositions that end a subject found by the clause rule (اعتقلت الشرطة … في روما).
PREPOSITIONS = forms(
    "في", "على", "إلى", "عن", "مع", "من", "منذ", "حول", "ضد", "نحو", "بين", "لدى", "أمام",
    "ب", "بـ", "ل", "لـ",
)  # fmt: skip
# First words of a sentence after which its subject is not yet in sight: the clause rule
# skips to the first comma (في هذا الوقت، قال …; من جانبه، أكد …).
_LEADS = forms(
    "في", "من", "على", "إلى", "عن", "مع", "لكن", "غير", "إلا", "بعد", "قبل", "خلال", "منذ",
    "تزامنا", "ردا", "عقب", "إثر", "وسط", "رغم", "بحسب", "وفقا", "حسب", "هذا",
)  # fmt: skip
# Words that open a clause whose verb follows at once (في وقت أشاد وزير الدفاع …، معتبرا).
INTRODUCERS = forms("فيما", "بينما", "حيث", "إذ", "كما", "بعدما", "عندما", "حين", "حينما")
_INTRODUCER_PAIRS = forms("في وقت", "في حين", "في الوقت")
_COPULAS = forms("كان", "كانت", "كانوا", "قد")
# أما X فـ…: the topic is the subject of the verb that carries فـ.
_TOPIC = forms("أما")
# Words that start a clause, not a name, in an appositive (طلب عدم نشر اسمه).
_NOT_NAMES = forms("طلب", "رفض", "فضل", "الذي", "التي", "الذين", "وهو", "وهي", "هو", "هي")
_MAX_WORDS = 9
# A preposition with a pronoun (بيانا اعتبر فيه أن): no subject.
_PRONOUN_PREPOSITIONS = forms(
    "فيه", "فيها", "فيهم", "عليه", "عليها", "له", "لها", "لهم", "منه", "منها", "عنه", "عنها",
    "إليه", "إليها", "به", "بها", "معه", "معها",
)  # fmt: skip
_DEMONSTRATIVES = forms("ذلك", "هذا", "هذه", "تلك", "هؤلاء", "ذاك")
# Words of a name after which the article belongs to the name (عبد الله, آل ثاني).
# A conjunction and a preposition written onto a word (وبإجراء, وللمرة): not a name.
_NOT_NAME_STARTS = ("وب", "ول", "فب", "فل", "بال", "لل", "وال")
_NAME_PARTICLES = forms("عبد", "أبو", "بن", "ابن", "آل", "ذو", "أبي")
# Words of a name after which the article belongs to the name (عبد الله, آل ثاني).
_NAME_OPENER_WORDS = forms("كذلك", "أيضا", "بدوره", "بدورها", "قد")
_PARTICLES = forms("عبد", "أبو", "بن", "ابن", "آل", "ذو", "أبي")


@dataclass(slots=True)
class Speaker:
    start: int
    end: int
    text: str
    role: str | None = None  # the description: "الباحث المقيم في لندن"
    mention: Mention | None = None  # the mention the speaker is (entity, code come from it)
    gender: str | None = None  # m | f | p, when the words tell
    via: str = "subject"  # subject | appositive | clause | previous

    def resolved(self, via: str) -> Speaker:
        return replace(self, via=via)


@dataclass(slots=True)
class Phrase:
    speaker: Speaker | None
    medium: str | None
    # Words that are neither the speaker, its description, the medium nor time words
    # (an object: أعلنت … موافقتها على …): then a quotation after them is no quote.
    leftover: bool = False


def phrase(
    ctx: Context, start: int, end: int, *, strict: bool = False, object_verb: bool = False
) -> Phrase:
    """The speaker (and medium) written in ``[start, end)``: the words between a cue and
    its content, or a clause's subject when ``strict`` (then a preposition ends it too).
    ``object_verb``: the words may hold the cue's object after its subject (وصف X Y بأنه)."""
    medium: str | None = None
    nps: list[tuple[int, int]] = []
    wholes: list[bool] = []
    leftover = False
    after_medium = False
    for ps, pe in _parts(ctx, start, end):
        np_span, found, whole = _noun_phrase(ctx, ps, pe, strict=strict)
        if found and medium is None:
            medium = found
        if np_span is not None and after_medium and not found and _is_name(ctx, np_span):
            # صرح لموفد "الجوهرة أف أم"، فضلوني يعيش، …: the medium's own appositive.
            after_medium = False
            continue
        after_medium = bool(found)
        if np_span is not None:
            nps.append(np_span)
            wholes.append(whole)
            leftover = leftover or not whole
        elif not found and not _only_fillers(ctx, ps, pe):
            leftover = True
            if strict:
                break  # a clause subject ends where a part holds no noun phrase
        if found and strict:
            break
    if not nps:
        return Phrase(None, medium, leftover)
    head = nps[0]
    pick, role, via = head, None, "subject"
    if len(nps) > 1:
        second = nps[1]
        if (
            # A person named inside a title (مستشار ترامب، جون بولتون; مدير مكتب الطوارئ
            # في مقاطعة موريس، جيف بول) is not the speaker the appositive names.
            (not _has_person(ctx, head) or ctx.matches("title", ctx.word_at(head[0])))
            # A person's title: المكتب الإعلامي لرئيس الوزراء، سعد الحريري، names the
            # premier, not the office.
            and ctx.matches("title", ctx.word_at(head[0]))
            and _is_name(ctx, second, after_title=bool(ctx.matches("title", ctx.word_at(head[0]))))
            and wholes[1]
        ):
            pick, role, via = second, _text(ctx, head), "appositive"
        elif _is_description(ctx, second) and not _is_description(ctx, head):
            role = _text(ctx, second)
    speaker = _refine(ctx, pick, role, object_verb=object_verb)
    speaker.via = via
    # Parts beyond the head and the appositive or description it took are something else.
    used = 2 if (via == "appositive" or role is not None) else 1
    return Phrase(speaker, medium, leftover or len(nps) > used)


def clause_subject(ctx: Context, start: int, limit: int) -> Speaker | None:
    """The subject of the clause that starts at ``start``, read up to ``limit``: the words
    after its first verb (``اعتقلت الشرطة الإيطالية، الخميس، …``), after كان (``وكان البيت
    الأبيض قد قال``), after أما (``أما الرئيس ترامب فاتهم``), or from the start of a nominal
    sentence. A fronted phrase (``في هذا الوقت،``, ``من جانبه،``) is skipped to its comma."""
    i = ctx.word_at(start)
    if i >= len(ctx.words) or ctx.words[i].start >= limit:
        return None
    skip = introducer(ctx, i)
    if skip:
        i += skip + 1  # the introducer, then the clause's verb
    elif ctx.bare(i) in _TOPIC:
        i += 1
    else:
        if ctx.bare(i) in _LEADS:
            comma = _next_comma(ctx, ctx.words[i].end, limit)
            if comma is None:
                return None
            i = ctx.word_at(comma + 1)
            if i >= len(ctx.words) or ctx.words[i].start >= limit:
                return None
        first = ctx.bare(i)
        mention = ctx.mention_covering(ctx.words[i].start)
        if first in _COPULAS:
            i += 1
        elif not (first.startswith("ال") or mention is not None):
            i += 1  # a verb: its subject follows
    if i >= len(ctx.words) or ctx.words[i].start >= limit:
        return None
    if ctx.inside_quotation(ctx.words[i].start) is not None:
        return None  # وأضاف "أطالب حماس …": the words after the verb are the quote
    found = phrase(ctx, ctx.words[i].start, limit, strict=True).speaker
    if found is not None:
        found.via = "clause"
    return found


def introducer(ctx: Context, i: int) -> int:
    """How many words of a clause introducer start at word ``i`` (فيما, في وقت …): 0 if none."""
    if ctx.bare(i) in INTRODUCERS:
        return 1
    if i + 1 < len(ctx.words) and f"{ctx.bare(i)} {ctx.words[i + 1].norm}" in _INTRODUCER_PAIRS:
        return 2
    return 0


def clause_start(ctx: Context, i: int, sentence_start: int) -> int:
    """Where the clause that holds word ``i`` begins: the last introducer after a comma
    before it (``…، في وقت أشاد وزير الدفاع …، معتبرا``), else the sentence start."""
    for k in range(i - 1, ctx.word_at(sentence_start) - 1, -1):
        if ctx.inside_quotation(ctx.words[k].start) is not None:
            continue
        if introducer(ctx, k) and _after_comma(ctx, k):
            return ctx.words[k].start
    return sentence_start


def _after_comma(ctx: Context, k: int) -> bool:
    if k == 0:
        return True
    gap = ctx.text[ctx.words[k - 1].end : ctx.words[k].start]
    return any(ch in COMMAS for ch in gap)


_STOPS = forms("ثم", "و", "أو", "بل", "لكن", "قد", "لا", "لم", "لن", "ما", "التي", "الذي")


def noun_before(ctx: Context, i: int) -> Speaker | None:
    """An indefinite noun right before a present-tense cue is its subject, the cue a
    relative clause: ``تقريرا يؤكد أن …`` (a report that confirms), ``صوت يقول "…"``."""
    picked: list[int] = []
    k = i - 1
    while k >= 0 and len(picked) < 2:
        gap = ctx.text[ctx.words[k].end : ctx.words[k + 1].start]
        if gap.strip():
            break  # a comma or a mark: the phrase ended
        bare = ctx.bare(k)
        mention = ctx.mention_covering(ctx.words[k].start)
        if (
            bare.startswith(("ال", "ل", "ب")) or bare in PREPOSITIONS or bare in _STOPS
            or ctx.filler(k) or cue_for(ctx.words[k].norm) is not None
            or (mention is not None and mention.type in ("PER", "GPE"))
            or (picked and ctx.words[k].norm[:1] in ("و", "ف"))
        ):  # fmt: skip
            break
        picked.insert(0, k)
        k -= 1
    if not picked:
        return None
    start, end = ctx.words[picked[0]].start, ctx.words[picked[-1]].end
    return Speaker(start, end, ctx.text[start:end], gender=None, via="clause")


_OPENER_WORDS = forms("كذلك", "أيضا", "بدوره", "بدورها", "قد")
_PARTICLES = forms(
    "لكن", "ولكن", "ثم", "بينما", "فيما", "حيث", "إذ", "أما", "كان", "كانت", "كانوا", "إن",
    "أن", "بأن", "كما", "بل", "أو", "ما", "التي", "الذي", "الذين",
)  # fmt: skip


def subject_before(ctx: Context, i: int) -> Speaker | None:
    """A subject written before its verb: ``لكن الخبير الطبي اعتبر أن``, ``وكان البيت
    الأبيض قد قال``, ``…، أبو زرعة المحرمي أعلن``, ``أما الرئيس ترامب فاتهم``. The words
    right before the cue, back to a comma, a particle or the sentence start."""
    k = i - 1
    if k >= 0 and ctx.bare(k) == "قد":
        k -= 1
    picked: list[int] = []
    while k >= 0 and len(picked) <= 6:
        gap = ctx.text[ctx.words[k].end : ctx.words[k + 1].start]
        if gap.strip():
            break
        bare = ctx.bare(k)
        if bare in _PARTICLES or ctx.words[k].norm in _PARTICLES or is_complementizer(bare):
            break
        if ctx.filler(k) or bare in _OPENER_WORDS:
            break  # كذلك أكد …, اليوم قال …
        if ctx.mention_covering(ctx.words[k].start) is None:
            if ctx.words[k].norm[:1] in ("و", "ف"):
                break  # ويسمع صوت جندي آخر يقول: the conjoined word is the clause's verb
            if bare_prefixed(bare):
                return None  # لطائرة قالت: a prepositional phrase, then a relative clause
        if (
            bare in PREPOSITIONS or cue_for(ctx.words[k].norm) is not None
            or ctx.inside_quotation(ctx.words[k].start) is not None
        ):  # fmt: skip
            return None  # an object or a prepositional phrase, not a subject
        picked.insert(0, k)
        k -= 1
    if not picked or len(picked) > 6:
        return None
    span = (ctx.words[picked[0]].start, ctx.words[picked[-1]].end)
    first = ctx.words[picked[0]]
    if bare_prefixed(first.norm) and ctx.mention_covering(first.start) is None:
        return None  # لطائرة قالت: a prepositional phrase
    if ctx.bare(picked[0]) in _DEMONSTRATIVES:
        return None
    # A noun phrase right before a cue verb is its subject; with a tagger, it must also
    # name someone (or be a title) when it is longer than a short phrase.
    found = _refine(ctx, span, None, object_verb=False)
    found.via = "subject"
    return found if len(picked) <= 4 or plausible_speaker(ctx, found) else None


def bare_prefixed(norm: str) -> bool:
    """ل or ب written onto a noun (لطائرة, بالقرار), as far as the letters tell: names
    (لافروف, بومبيو) rarely end in ta marbuta."""
    return norm.startswith(("لل", "بال")) or (norm[:1] in ("ل", "ب") and norm.endswith("ه"))


def gender_agrees(cue_gender: str, speaker: Speaker) -> bool:
    """False only when the cue and the speaker clearly disagree (قالت after a man)."""
    if cue_gender not in ("m", "f") or speaker.gender not in ("m", "f"):
        return True
    return cue_gender == speaker.gender


# -- parts and noun phrases ----------------------------------------------------------------


def _parts(ctx: Context, start: int, end: int) -> list[tuple[int, int]]:
    """``[start, end)`` split at commas outside quotation marks."""
    parts: list[tuple[int, int]] = []
    pos = start
    i = start
    while i < end:
        q = ctx.quotation_opening_in(i, i + 1)
        if q is not None:
            i = max(i + 1, min(q.after, end))
            continue
        if ctx.text[i] in COMMAS:
            parts.append((pos, i))
            pos = i + 1
        i += 1
    parts.append((pos, end))
    return [(s, e) for s, e in parts if ctx.text[s:e].strip()]


def _noun_phrase(
    ctx: Context, start: int, end: int, *, strict: bool
) -> tuple[tuple[int, int] | None, str | None, bool]:
    """The noun phrase of one comma-separated part, the medium that ends it if any, and
    whether the phrase is all of the part (an appositive is: ، عدنان أبوزيد،)."""
    idx = [k for k in range(ctx.word_at(start), len(ctx.words)) if ctx.words[k].start < end]
    # Leading time words and adverbs (قال اليوم الأحد نائب …), and a manner phrase
    # (يقول بالعبرية "…").
    while idx and (ctx.filler(idx[0]) or _manner(ctx, idx[0])):
        idx = idx[max(1, ctx.filler(idx[0])) :]
    if not idx:
        return None, None, False
    if (
        (ctx.bare(idx[0]) in PREPOSITIONS and not medium_at(ctx, idx[0]))
        or ctx.matches("clause_start", idx[0])
        or ctx.bare(idx[0]) in _DEMONSTRATIVES
        or ctx.bare(idx[0]) in _PRONOUN_PREPOSITIONS
    ):
        # A prepositional phrase (يطلب من ترامب أن, وصف فيها …), a new clause (حيث …) or
        # a demonstrative (وليس ذلك صدفة) is no speaker.
        return None, None, False
    medium: str | None = None
    stop = len(idx)
    for n, k in enumerate(idx):
        if (
            is_complementizer(ctx.words[k].norm)
            and ctx.mention_covering(ctx.words[k].start) is None
        ):
            stop = n  # the content begins (a clause subject read too far)
            break
        if n and strict and _opens_speech(ctx, idx[n - 1], k):
            stop = n
            break
        if medium_at(ctx, k):
            stop = n
            medium = ctx.text[ctx.words[k].start : end].strip(" ،,")
            break
        if n and ctx.filler(k) and ctx.matches("title", idx[n - 1]) < 2:
            # A time word ends the phrase, unless it is part of a title (الأمين العام الحالي).
            stop = n
            break
        if n and strict and _ends_subject(ctx, k):
            stop = n
            break
    whole = stop == len(idx) or medium is not None
    idx = idx[:stop]
    # The cue's own preposition before its content (لفت الكرملين إلى أن) is not the speaker's.
    while idx and ctx.bare(idx[-1]) in PREPOSITIONS:
        idx.pop()
    if not idx:
        return None, medium, False
    np_start = ctx.words[idx[0]].start
    np_end = ctx.words[idx[-1]].end
    # A quotation mark closing right after the last word belongs to the phrase (a name in quotes).
    if np_end < end and ctx.text[np_end] in '"”»':
        np_end += 1
    return (np_start, np_end), medium, whole


def plausible_speaker(ctx: Context, speaker: Speaker) -> bool:
    """Whether a subject found by the clause rule can be someone who speaks: a person,
    organisation or place the tagger found, a title, or (without a tagger) a name."""
    ks = _words_in(ctx, (speaker.start, speaker.end))
    if not ks:
        return False
    if ctx.mentions:
        return any(
            m.type in ("PER", "ORG", "GPE", "FAC")
            for m in ctx.mentions_in(speaker.start, speaker.end)
        ) or bool(ctx.matches("title", ks[0]))
    return bool(ctx.matches("title", ks[0])) or _looks_like_name(ctx, ks)


def _only_fillers(ctx: Context, start: int, end: int) -> bool:
    ks = _words_in(ctx, (start, end))
    return bool(ks) and all(ctx.filler(k) for k in ks)


def _opens_speech(ctx: Context, before: int, k: int) -> bool:
    """A colon or an opening quotation mark between two words: what follows is speech."""
    gap = ctx.text[ctx.words[before].end : ctx.words[k].start]
    return (
        ":" in gap
        or ctx.quotation_opening_in(ctx.words[before].end, ctx.words[k].start) is not None
    )


def _manner(ctx: Context, k: int) -> bool:
    """بالعبرية, بالقول: a preposition and article written onto a word, outside any name."""
    return (
        ctx.bare(k).startswith(("بال", "لل")) and ctx.mention_covering(ctx.words[k].start) is None
    )


def medium_at(ctx: Context, k: int) -> bool:
    """Whether a medium phrase starts at word ``k``: في بيان, لقناة, مقالا, عبر, خلال …"""
    word = ctx.words[k]
    bare = ctx.bare(k)
    if bare == "في" and k + 1 < len(ctx.words) and ctx.matches("medium_in", k + 1):
        return True
    if ctx.matches("medium_word", k):
        return True
    raw = word.text.lstrip("وف")
    if raw.startswith("لـ"):
        return True
    if bare.startswith("ل") and len(bare) > 2:
        rest = bare[1:]
        if rest.startswith("ل"):
            rest = "ا" + rest  # للصحفيين → الصحفيين
        return ctx.lex.has("medium_to", rest)
    return False


def _ends_subject(ctx: Context, k: int) -> bool:
    """In a clause subject, a preposition or a preposition+article word ends the phrase."""
    if ctx.mention_on_word(k) is not None:
        return False  # للأمم المتحدة: a name the title runs into
    bare = ctx.bare(k)
    # بتزويدها, بالسلاح, للتدريبات: a preposition written onto a noun.
    return bare in PREPOSITIONS or bare.startswith(("لل", "بال", "بت")) or cue_for(bare) is not None


def _next_comma(ctx: Context, start: int, limit: int) -> int | None:
    for i in range(start, limit):
        if ctx.text[i] in COMMAS:
            return i
    return None


# -- choosing and refining ---------------------------------------------------------------


def _words_in(ctx: Context, span: tuple[int, int]) -> list[int]:
    out: list[int] = []
    for k in range(ctx.word_at(span[0]), len(ctx.words)):
        if ctx.words[k].start >= span[1]:
            break
        out.append(k)
    return out


def _text(ctx: Context, span: tuple[int, int]) -> str:
    return ctx.text[span[0] : span[1]].strip()


def _has_person(ctx: Context, span: tuple[int, int]) -> bool:
    return any(m.type == "PER" for m in ctx.mentions_in(*span))


def _is_description(ctx: Context, span: tuple[int, int]) -> bool:
    """A title or a definite noun phrase that is not itself a name (الباحث المقيم في لندن)."""
    ks = _words_in(ctx, span)
    if not ks:
        return False
    first = ks[0]
    if ctx.matches("title", first):
        return True
    mention = ctx.mention_covering(ctx.words[first].start)
    return ctx.bare(first).startswith("ال") and (mention is None or mention.type == "NORP")


def _is_name(ctx: Context, span: tuple[int, int], *, after_title: bool = False) -> bool:
    """A person's name: a PER mention, or words that look like one where the tagger found
    nothing (it misses names: مدير مكتب الطوارئ، جيف بول:). Between commas after a title,
    a short name may start with the article (نائب الحركة، العجمي الوريمي، …)."""
    if _has_person(ctx, span):
        return True
    ks = _words_in(ctx, span)
    if ctx.mentions and (ctx.mentions_in(*span) or len(ks) > 3):
        return False
    return _looks_like_name(ctx, ks, article=after_title and len(ks) <= 3)


def _looks_like_name(ctx: Context, ks: list[int], *, article: bool = False) -> bool:
    """Without a tagger: up to seven words, none a title, a time word, a preposition or a
    cue, and the article only on the last or after عبد, بن, آل (رائد الحبهي, محمد بن عبد
    الرحمن آل ثاني)."""
    if not ks or len(ks) > 7:
        return False
    if ctx.bare(ks[0]) in _NOT_NAMES or ctx.words[ks[0]].norm.startswith(_NOT_NAME_STARTS):
        return False
    for n, k in enumerate(ks):
        norm = ctx.words[k].norm
        after_particle = n > 0 and ctx.words[ks[n - 1]].norm in _NAME_PARTICLES
        if (
            norm.startswith("ال")
            and n != len(ks) - 1
            and not after_particle
            and norm != "ال"
            and not (article and n == 0)
        ):
            return False
        if (
            ctx.matches("title", k) or ctx.filler(k) or norm in PREPOSITIONS
            or cue_for(norm) is not None or ctx.words[k].text[:1].isdigit()
        ):  # fmt: skip
            return False
    return article or not ctx.words[ks[0]].norm.startswith("ال")


def _split_title(ctx: Context, start: int, end: int) -> int | None:
    """Without a tagger, where the name starts in ``وزير الخارجية القطري الشيخ محمد بن
    عبد الرحمن آل ثاني``: after the last title and the definite words that follow it."""
    ks = _words_in(ctx, (start, end))
    if not ks or not ctx.matches("title", ks[0]):
        return None
    if any(ctx.matches("linker", k) for k in ks):
        return None  # المتحدث باسم عائلة … خاشقجي: the name is not the speaker's
    last = max(n for n, k in enumerate(ks) if ctx.matches("title", k))
    n = last + ctx.matches("title", ks[last])
    while n < len(ks) and ctx.words[ks[n]].norm.startswith("ال") and n < len(ks) - 1:
        n += 1
    rest = ks[n:]
    # Two words at least: after an indefinite title one word is an adjective (مسؤول حكومي).
    if len(rest) >= 2 and _looks_like_name(ctx, rest):
        return ctx.words[rest[0]].start
    return None


def _refine(ctx: Context, span: tuple[int, int], role: str | None, *, object_verb: bool) -> Speaker:
    """Trim a chosen phrase to the speaker: a name after its title (``وزير الخارجية الروسي
    سيرغي لافروف`` → the name, the title as role), a chain of mentions (``الصين والهند``),
    the subject before an object (``قطر أيضا الإمارات`` → قطر)."""
    start, end = span
    ms = ctx.mentions_in(start, end)
    extra: str | None = None
    if ms and ms[0].start <= start + 1 and ms[0].type != "NORP":
        chain_end = _chain_end(ctx, ms)
        rest = ctx.text[chain_end:end].strip(" ،,")
        if ms[0].type == "PER" and chain_end == ms[0].end and _surname(ctx, chain_end, end):
            # أشرف القدرة tagged as أشرف: a word or two after a name, before anything
            # else, are the rest of it.
            chain_end, rest = end, ""
        if rest and not object_verb and not _starts_with_preposition(rest):
            extra = rest
        end = chain_end
    elif ms:
        person = next((m for m in reversed(ms) if m.type == "PER"), None)
        prefix = ctx.text[start : person.start].strip() if person else ""
        if person is not None and prefix and _title_only(ctx, start, person.start):
            extra = prefix
            start, end = person.start, person.end
        elif object_verb:
            end = _chain_end(ctx, ms)
    elif not ctx.mentions:
        name_at = _split_title(ctx, start, end)
        if name_at is not None:
            extra = ctx.text[start:name_at].strip()
            start = name_at
    if len(ctx.text[start:end].split()) > _MAX_WORDS:
        end = (
            _chain_end(ctx, ms) if ms and ms[0].start < start + 40 else _first_words(ctx, start, 4)
        )
    role = " ".join(x for x in (extra, role) if x) or None
    text = ctx.text[start:end].strip()
    mention = _head_mention(ctx, start, end)
    return Speaker(start, end, text, role, mention, _gender(ctx, start, end, mention, role))


def _surname(ctx: Context, start: int, end: int) -> bool:
    ks = _words_in(ctx, (start, end))
    if not ks or len(ks) > 2 or ctx.mentions_in(start, end):
        return False
    return not any(
        ctx.matches("title", k) or ctx.filler(k) or ctx.bare(k) in PREPOSITIONS
        or cue_for(ctx.words[k].norm) is not None
        for k in ks
    )  # fmt: skip


def _chain_end(ctx: Context, ms: list[Mention]) -> int:
    """End of the first chain of mentions: joined by و or written next to each other
    (``الجيش الإسرائيلي``), but two names side by side are two people (كوشنر ترامب)."""
    end = ms[0].end
    last = ms[0]
    for m in ms[1:]:
        gap = ctx.text[end : m.start].strip()
        if gap == "و" or (gap == "" and not (last.type == "PER" and m.type == "PER")):
            end, last = m.end, m
        else:
            break
    return end


def _starts_with_preposition(text: str) -> bool:
    words = text.split()
    first = words[0] if words else ""
    return normalize(first) in PREPOSITIONS or first.startswith("ب")


def _title_only(ctx: Context, start: int, end: int) -> bool:
    """Words before a name are its title (الرئيس الروسي, وزير الخارجية) and not part of the
    name (خليفة حفتر) nor a phrase that makes the name someone else (المتحدث باسم عائلة …,
    مستشار ترامب, حكومة …)."""
    for k in _words_in(ctx, (start, end)):
        bare = ctx.bare(k)
        if ctx.matches("linker", k) or bare.startswith("ل"):
            return False
        if not (ctx.matches("title", k) or bare.startswith("ال")):
            return False
    return True


def _first_words(ctx: Context, start: int, n: int) -> int:
    ks = list(range(ctx.word_at(start), min(len(ctx.words), ctx.word_at(start) + n)))
    return ctx.words[ks[-1]].end if ks else start


def _head_mention(ctx: Context, start: int, end: int) -> Mention | None:
    """The mention the speaker is: one that starts the phrase (a linked organisation or
    person), else the person named in it."""
    inside = ctx.mentions_in(start, end)
    for m in inside:
        if m.start <= start + 1 and m.type != "NORP":
            return m
    for m in inside:
        if m.type == "PER":
            return m
    covering = ctx.mention_covering(start)
    if covering is not None and covering.end >= end and covering.type != "NORP":
        return covering
    return None


def _gender(
    ctx: Context, start: int, end: int, mention: Mention | None, role: str | None
) -> str | None:
    words = ctx.text[start:end].split()
    if not words:
        return None
    person = mention is not None and mention.type == "PER"
    if person or (mention is None and _looks_like_name(ctx, _words_in(ctx, (start, end)))):
        # A person's gender shows in a title (الوزيرة, المتحدث), not in the name.
        for title in (role or "").split()[:1] + words[:1]:
            if ctx.lex.has("title", normalize(title.lstrip("وف"))):
                return "f" if title.endswith("ة") else "m"
        return None
    if mention is not None and mention.type == "GPE":
        return "f"
    k = ctx.word_at(start)
    if ctx.matches("masculine", k):
        return "m"
    head = words[0].lstrip("وف")
    if head.endswith(("ون", "ين")) and len(head) > 4:
        return "p"
    if head.endswith(("ة", "ات")):
        return "f"
    if ctx.matches("title", k):
        return "m"
    return None


def comma_before(ctx: Context, offset: int) -> bool:
    """Whether the text just before ``offset`` (past blanks) is a comma."""
    i = offset - 1
    while i >= 0 and ctx.text[i] == " ":
        i -= 1
    return i >= 0 and ctx.text[i] in COMMAS
