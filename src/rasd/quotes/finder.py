"""Find quotes: who said what, where the words are, and how it was said.

:func:`find_quotes` walks a document's words once, left to right:

1. Every cue (``قال``, ``أكدت``, ``نفى``, ``مشيرا``, ``بقوله`` … from ``cues.tsv``) looks
   ahead, within its sentence, for what opens its content: ``إن``/``أن``/``بأن`` (with
   an attached pronoun or not), a colon, or a quotation mark. A quotation that is a name
   (``موقع “المجلس الروسي للشؤون الدولية”``, ``“سكاي نيوز عربية” أن``) is stepped over;
   another cue on the way means this one took a plain object (``نفت طهران هذه المعلومات``)
   and has no quote. A quotation right before the cue is its content too (``“…”، قال X``).
2. The content: a quotation's words (``direct``), or reported speech from after ``إن``/``أن``
   up to the end of the sentence — or earlier, where the writer takes over after a comma
   (``، وفقا لـ``, ``، في وقت``, ``، فيما كتب``, ``، مشيرا``), or at the comma that closes the
   clause of a ``بينما``/``فيما`` cue. Quotation marks inside reported speech stay in it.
3. The speaker: the words between the cue and the content (``وقالت الرئاسة الروسية في بيان``),
   with the medium (``في بيان``) and time words set apart and an appositive name preferred to
   its description (:mod:`rasd.quotes.speaker`); or written before the verb (``وكان البيت
   الأبيض قد قال``, ``أما ترامب فاتهم``); or after عن when the cue relays (``نقلت الوكالة عن
   مصدر``). With no written subject (``وقال انه``, ``مشيرا إلى``, ``لكنه قال``): a speaker
   named earlier in the same clause or sentence, the subject of the clause the cue hangs
   on, the speaker or subject of the sentence before, or the latest speaker in the three
   sentences before — the first whose gender agrees with the cue (``قالت`` is not a man's).
   A definite title (``القائد الميداني``) stands for the named speaker it was a title of.
4. Cues inside a quote already found (``قال إنه أخبر الرئيس أنه …``) are part of it, not
   quotes of their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from rasd.arabic.normalize import normalize
from rasd.document import Document
from rasd.quotes.context import Context
from rasd.quotes.lexicon import Cue, cue_for, forms, is_complementizer, split_cue
from rasd.quotes.speaker import (
    Speaker,
    clause_start,
    clause_subject,
    comma_before,
    gender_agrees,
    introducer,
    medium_at,
    noun_before,
    phrase,
    plausible_speaker,
    subject_before,
)
from rasd.quotes.text import COMMAS, QUOTE_MARKS, SENTENCE_ENDERS, Quotation, trim

# How far (in words) a cue looks for its content; long speaker phrases with a title, an
# appositive and a medium reach about twenty.
_REACH = 24
# Participles that mean "saying": after another cue they open its content (وتابع قائلا: …).
_SAYING = forms("قائلا", "قائلة", "قائلين")
# Prepositions after which a quotation is the cue's complement (لافتا إلى "…", بـ"…").
_COMPLEMENT_PREPOSITIONS = forms("إلى", "على", "من", "عن")
# Words that may open a sentence without starting its clause (كما أكد …، لكنه قال …).
_OPENERS = forms("كما", "كذلك", "ثم", "لكن", "لكنه", "لكنها", "لكنهم", "قد", "بل")
_LOOKBACK_SENTENCES = 3
_CLOSING_MARKS = frozenset('"”»')
# Present-tense forms that are passive after a relative pronoun (المضيق الذي يعتبر "…").
_PASSIVE_AFTER_RELATIVE = forms("يعتبر", "تعتبر", "يذكر", "تذكر")
# "which indicates that": a present-tense cue after ما has a fact, not a speaker, for subject.
_IMPERSONAL_AFTER = forms("ما", "مما")
# نقل عن: relays what someone else said (its subject is the medium).
_RELAY = forms("نقل", "نقلت", "نقلا")
_FROM = forms("عن", "عنه", "عنها", "عنهم")
_HANDOVER = forms("ثم", "هكذا", "لكنه", "لكنها", "لكنهم")
_THESE_WORDS = forms("بهذه الكلمات", "بهذه العبارة", "بهذه العبارات", "بهذا الكلام")
# Concessions after a comma are the writer's: …، رغم أنها أمرت …
_DESPITE = forms("رغم", "برغم")


@dataclass(slots=True)
class Attribution:
    """A quote with everything the finder knows about it."""

    start: int  # the content (reported words), offsets into doc.text
    end: int
    text: str
    cue: str  # the cue as written, without a conjunction: قالت, نفى, مشيرا
    cue_start: int
    cue_end: int
    stance: str  # statement | denial | admission | warning | demand | opinion
    direct: bool  # the content is the words inside quotation marks
    speaker: Speaker | None
    medium: str | None = None  # في بيان, للتلفزيون الرسمي, مقالا في موقع “…”


@dataclass(slots=True)
class _Complement:
    marker: int  # where the speaker's words end (the complementizer, colon or mark)
    content: int  # where the content begins
    quotation: Quotation | None = None  # the content is this quotation
    described: bool = False  # بأن or a quotation after وصف/اعتبر: "described X as …"


def find_quotes(doc: Document) -> list[Attribution]:
    """The quotes of ``doc`` in text order (its ``text`` and, if it has them, its
    ``sentences`` and ``mentions``)."""
    return _Finder(Context.of(doc)).run()


@dataclass(slots=True)
class _Agent:
    at: int  # offset of the cue
    sentence: int
    speaker: Speaker


@dataclass(slots=True)
class _Finder:
    ctx: Context
    found: list[Attribution] = field(default_factory=list)
    agents: list[_Agent] = field(default_factory=list)
    consumed: set[int] = field(default_factory=set)
    _opening: dict[int, Quotation] = field(default_factory=dict)
    _word_starts: dict[int, int] = field(default_factory=dict)

    def run(self) -> list[Attribution]:
        ctx = self.ctx
        self._opening = {q.open: q for q in ctx.quotations}
        self._word_starts = {w.start: i for i, w in enumerate(ctx.words)}
        for i, word in enumerate(ctx.words):
            if i in self.consumed:
                continue
            cue = cue_for(word.norm)
            if cue is None or self._inside_found(word.start):
                continue
            if ctx.inside_quotation(word.start) is not None or self._passive(i, cue):
                continue
            self._cue(i, cue)
        return sorted(self.found, key=lambda a: a.start)

    # -- one cue ---------------------------------------------------------------------
    def _cue(self, i: int, cue: Cue) -> None:
        ctx = self.ctx
        word = ctx.words[i]
        comp = self._complement(i, cue)
        before = None if comp is not None else self._quotation_before(i)
        if comp is None and before is None:
            self._remember_subject(i, cue)
            return
        # 1. Content.
        if before is not None:
            start, end, direct = before.start, before.end, True
            segment_end = self._clause_end(word.end)
        else:
            assert comp is not None
            start, end, direct = self._content(i, comp)
            segment_end = comp.marker
        start, end = trim(ctx.text, start, end)
        if end <= start or self._overlaps(start, end):
            return
        # 2. Speaker and medium.
        found = phrase(ctx, word.end, segment_end, object_verb=cue.object)
        medium = found.medium
        speaker: Speaker | None = None
        if cue.kind == "verb":
            speaker = self._topic(i) or found.speaker or self._subject_before(i)
            if self._relayed(i):
                speaker, medium = self._relayed_speaker(i, segment_end)
                if speaker is None:
                    return  # ونقل معلومات "…": a noun (transfer), not نقل عن
            if speaker is not None and comp is not None and comp.described:
                # وصف سليماني بأنه …: a lone name after "described" is whom, not who.
                speaker = None if self._only_a_name(speaker, word.end, segment_end) else speaker
            if speaker is not None and ctx.matches("not_speaker", ctx.word_at(speaker.start)):
                return  # أفادت النتائج أن …: evidence, not a source
        if speaker is None:
            speaker = self._zero_subject(i, cue)
        if speaker is not None:
            speaker = self._named(speaker)
        cue_start = _after_conjunction(word.text, word.start) if self._conjoined(i) else word.start
        self.found.append(
            Attribution(
                start=start,
                end=end,
                text=ctx.text[start:end],
                cue=ctx.text[cue_start : word.end],
                cue_start=cue_start,
                cue_end=word.end,
                stance=cue.stance,
                direct=direct,
                speaker=speaker,
                medium=medium,
            )
        )
        if speaker is not None and not self._relative(i):
            self.agents.append(_Agent(word.start, ctx.sentence_index(word.start), speaker))

    def _passive(self, i: int, cue: Cue) -> bool:
        ctx = self.ctx
        if cue.form in _PASSIVE_AFTER_RELATIVE and i > 0 and ctx.matches("relative", i - 1):
            return True
        # يُعتبر, ويُذكر: a damma on the first letter marks the passive.
        if "\u064f" in ctx.words[i].text[:3]:
            return True
        # ما يشير إلى أن, مما يؤكد أن: "which indicates that".
        if i > 0 and ctx.bare(i - 1) in _IMPERSONAL_AFTER and cue.form[:1] in ("ي", "ت"):
            return True
        # يذكر أن / يشار إلى أن with nothing between: "it is reported that", no speaker.
        if ctx.lex.has("impersonal", ctx.bare(i)) and i + 1 < len(ctx.words):
            nxt = i + 2 if ctx.bare(i + 1) in _COMPLEMENT_PREPOSITIONS else i + 1
            return nxt < len(ctx.words) and is_complementizer(ctx.words[nxt].norm)
        return False

    # -- finding the content ---------------------------------------------------------
    def _complement(self, i: int, cue: Cue) -> _Complement | None:
        ctx = self.ctx
        text = ctx.text
        prev_end = ctx.words[i].end
        bare_at = i + 1 if cue.kind == "masdar" else -1
        opener: int | None = None  # where a consumed قائلا/بالقول starts
        describes = cue.object and cue.stance == "opinion"
        prev_word = i
        j = i + 1
        while j < len(ctx.words) and j - i <= _REACH:
            gap_start, gap_end = prev_end, ctx.words[j].start
            q = ctx.quotation_opening_in(gap_start, gap_end)
            stop = q.open if q is not None else gap_end
            gap = text[gap_start:stop]
            marker_end = opener if opener is not None else None
            if ":" in gap:
                colon = gap_start + gap.index(":")
                after = colon + 1
                if q is None and is_complementizer(ctx.words[j].norm):
                    after = ctx.words[j].end  # قال في تصريحات: إن "…"
                return _Complement(_first(marker_end, colon), after)
            if "\n" in gap or any(ch in SENTENCE_ENDERS for ch in gap):
                return None
            if q is not None:
                if self._quotation_is_content(q, prev_word, i, cue):
                    return _Complement(_first(marker_end, q.open), q.open, q, describes)
                # A name in quotation marks: step over it.
                prev_end = q.after
                j = ctx.word_at(q.after)
                prev_word = j - 1
                continue
            word = ctx.words[j]
            if is_complementizer(word.norm) and self._real_complementizer(j):
                return _Complement(
                    _first(marker_end, word.start),
                    word.end,
                    None,
                    describes and word.norm[0] == "ب",
                )
            if j == bare_at:
                if not medium_at(ctx, j):
                    return _Complement(_first(marker_end, word.start), word.start)
                bare_at = -1  # عنه قوله أمام صحافيين إن …: a medium, then the content
            other = cue_for(word.norm)
            bare = ctx.bare(j)
            if other is not None:
                if other.kind == "masdar" or (
                    bare in _SAYING and not comma_before(ctx, word.start)
                ):
                    # وتابع قائلا: …, مضيفا بالقول "…": the opener belongs to this cue.
                    self.consumed.add(j)
                    opener = word.start if opener is None else opener
                    bare_at = j + 1 if other.kind == "masdar" else -1
                elif not other.weak:
                    return None
            elif ctx.matches("clause_start", j):
                return None
            prev_end, prev_word = word.end, j
            j += 1
        return None

    def _real_complementizer(self, j: int) -> bool:
        ctx = self.ctx
        if j > 0 and ctx.lex.has("not_before_an", ctx.bare(j - 1)):
            return False
        # أن inside a name (مون جاي أن) is no complementizer.
        mention = ctx.mention_covering(ctx.words[j].start)
        return mention is None or mention.start == ctx.words[j].start

    def _quotation_is_content(self, q: Quotation, prev_word: int, cue_word: int, cue: Cue) -> bool:
        """Whether a quotation met while looking for a cue's content is that content, or a
        name in quotation marks (a site, a channel, a campaign) to step over."""
        ctx = self.ctx
        if ctx.word_at(q.end) - ctx.word_at(q.start) == 0:
            return False
        if prev_word != cue_word and ctx.matches("name_intro", prev_word):
            return False
        written = ctx.words[prev_word].text
        if prev_word != cue_word and written.endswith("ـ"):
            # A preposition written onto the quotation: وصفه بـ"…" (described it as "…") is
            # the content; لـ"…" and الـ"…" name something.
            return cue.object and cue.stance == "opinion" and written.lstrip("وف").startswith("ب")
        k = ctx.word_at(q.after)
        if (
            k < len(ctx.words)
            and not ctx.text[q.after : ctx.words[k].start].strip(" ،,")
            and is_complementizer(ctx.words[k].norm)
        ):
            return False  # “سكاي نيوز عربية” أن …: the quotation names the medium
        if prev_word in self.consumed:
            return True
        if (
            cue.kind != "verb"
            and prev_word != cue_word
            and ctx.bare(prev_word) not in _COMPLEMENT_PREPOSITIONS
        ):
            return False  # معلنا بدء "…": the participle's object, not its content
        if (
            cue.kind == "verb"
            and ctx.word_at(q.end) - ctx.word_at(q.start) >= 4
            and not phrase(ctx, ctx.words[cue_word].end, q.open).leftover
        ):
            # وكتب ترامب "…"، في انتقاد …: a speaker (and medium) and then the words.
            return True
        if prev_word != cue_word and ctx.bare(prev_word) in _COMPLEMENT_PREPOSITIONS:
            # لافتا إلى "…", حذر إيران من "…", مشيرة، نقلا عن …، إلى "…": the cue's own
            # preposition (right after it, after an inserted phrase, or after its object).
            inserted = any(
                ch in COMMAS
                for ch in ctx.text[ctx.words[prev_word - 1].end : ctx.words[prev_word].start]
            )
            return prev_word == cue_word + 1 or inserted or cue.object
        return self._ends_clause(q.after)

    def _content(self, i: int, comp: _Complement) -> tuple[int, int, bool]:
        ctx = self.ctx
        if comp.quotation is not None:
            return comp.quotation.start, comp.quotation.end, True
        start = comp.content
        # Blanks, and a stray mark that opens no quotation (قال: " "لكي …").
        while start < len(ctx.text) and (
            ctx.text[start].isspace()
            or (ctx.text[start] in QUOTE_MARKS and start not in self._opening)
        ):
            start += 1
        q = self._opening.get(start)
        if q is not None and self._ends_clause(q.after):
            return q.start, q.end, True
        return start, self._content_end(start, self._subordinate(i)), False

    def _content_end(self, start: int, subordinate: bool) -> int:
        """Where reported content that starts at ``start`` ends (see the module notes)."""
        ctx = self.ctx
        text = ctx.text
        i = start
        while i < len(text):
            q = self._opening.get(i)
            if q is not None:
                if not q.closed:
                    return q.end
                i = q.after
                continue
            ch = text[i]
            if ch == "\n" or (ch in SENTENCE_ENDERS and self._sentence_end(i)):
                return i
            if ch in COMMAS and (subordinate or self._boundary_after(i + 1)):
                return i
            k = self._word_starts.get(i)
            if k is not None and i > start and self._new_cue_at(k):
                return i
            i += 1
        return len(text)

    def _new_cue_at(self, k: int) -> bool:
        """A participle cue (مشيرا …) or فيما/بينما + cue: the writer speaks again."""
        ctx = self.ctx
        cue = cue_for(ctx.words[k].norm)
        if cue is not None and cue.kind == "participle" and not cue.weak:
            return True
        if ctx.bare(k) in ("فيما", "بينما") and k + 1 < len(ctx.words):
            nxt = cue_for(ctx.words[k + 1].norm)
            return nxt is not None and not nxt.weak
        return False

    def _sentence_end(self, i: int) -> bool:
        text = self.ctx.text
        nxt = text[i + 1] if i + 1 < len(text) else " "
        if nxt in SENTENCE_ENDERS:
            return False  # the last mark of a run decides (..)
        if not (nxt.isspace() or nxt in _CLOSING_MARKS):
            return False  # 3.5, U.S
        # A single letter before a period is an abbreviation (د. for doctor).
        j = i
        while j > 0 and text[j - 1].isalpha():
            j -= 1
        return i - j != 1 or text[i] != "."

    def _ends_clause(self, pos: int) -> bool:
        """Nothing of the clause follows ``pos``: the sentence ends, or a comma hands over
        to the writer or to another cue."""
        text = self.ctx.text
        while pos < len(text) and text[pos] == " ":
            pos += 1
        if pos >= len(text) or text[pos] == "\n" or text[pos] in SENTENCE_ENDERS:
            return True
        if text[pos] in COMMAS:
            return self._boundary_after(pos + 1)
        k = self._word_starts.get(pos)
        if k is not None:
            cue = cue_for(self.ctx.words[k].norm)
            return cue is not None and not cue.weak
        return False

    def _boundary_after(self, pos: int) -> bool:
        """After a comma: the writer's words (وفقا لـ, في وقت …) or another cue begin."""
        ctx = self.ctx
        k = ctx.word_at(pos)
        if k >= len(ctx.words) or ctx.text[pos : ctx.words[k].start].strip():
            return False
        if ctx.matches("boundary", k):
            return True
        cue = cue_for(ctx.words[k].norm)
        if cue is not None and not cue.weak:
            return True
        if ctx.bare(k) in _DESPITE and k + 1 < len(ctx.words):
            return is_complementizer(ctx.words[k + 1].norm)
        # كما أكد, في حين قال, لكنه أضاف: a clause of its own with another cue.
        skip = introducer(ctx, k) or int(ctx.bare(k) in _HANDOVER)
        if skip and k + skip < len(ctx.words):
            # After فيما/في حين even a weak cue (كتب) is a verb.
            return cue_for(ctx.words[k + skip].norm) is not None
        return False

    def _subordinate(self, i: int) -> bool:
        """A cue in a بينما/فيما/عندما clause (وبينما تقول … إن …، سجل): its content ends at
        the clause's comma."""
        ctx = self.ctx
        return i > 0 and ctx.lex.has("subordinator", ctx.bare(i - 1))

    def _clause_end(self, start: int) -> int:
        """End of the words after a cue that follows its quotation (“…”، قال الوزير للصحفيين.)."""
        text = self.ctx.text
        i = start
        while i < len(text) and text[i] not in COMMAS and text[i] != "\n":
            if text[i] in SENTENCE_ENDERS and self._sentence_end(i):
                break
            i += 1
        return i

    def _quotation_before(self, i: int) -> Quotation | None:
        """A quotation that ends just before the cue: “…”، قال X / “…”، هكذا نعته X."""
        ctx = self.ctx
        pos = ctx.words[i].start
        so = i > 0 and ctx.bare(i - 1) == "هكذا"
        if so:
            pos = ctx.words[i - 1].start
        elif i > 1 and f"{ctx.bare(i - 2)} {ctx.words[i - 1].norm}" in _THESE_WORDS:
            so = True  # "…"، بهذه الكلمات وصف …
            pos = ctx.words[i - 2].start
        text = ctx.text
        pos -= 1
        comma = False
        while pos >= 0 and text[pos] in " ،,":
            comma = comma or text[pos] in COMMAS
            pos -= 1
        # “…”، قال: without the comma (“أرض الصومال” أعلنت) the quotation is the subject.
        if pos < 0 or text[pos] not in _CLOSING_MARKS or not (comma or so):
            return None
        for q in ctx.quotations:
            if q.closed and q.end == pos:
                n_words = ctx.word_at(q.end) - ctx.word_at(q.start)
                return q if n_words >= 2 and not self._inside_found(q.start) else None
        return None

    # -- speakers without a subject ------------------------------------------------------
    def _remember_subject(self, i: int, cue: Cue) -> None:
        """A cue with no quote still names who spoke (أقرّت ايران بتزويدها …): a later
        ``غير أنها أكدت أن`` in the sentence refers to it."""
        if cue.kind != "verb" or cue.weak or self._relative(i):
            return
        ctx = self.ctx
        word = ctx.words[i]
        found = (
            self._topic(i)
            or phrase(
                ctx, word.end, self._subject_reach(i), strict=True, object_verb=cue.object
            ).speaker
            or self._subject_before(i)
        )
        if found is not None:
            self.agents.append(_Agent(word.start, ctx.sentence_index(word.start), found))

    def _subject_reach(self, i: int) -> int:
        """Where a cue's subject must end: the next cue or the end of the sentence, within
        twenty words (an appositive name and its description fit)."""
        ctx = self.ctx
        end = self._clause_end_any(ctx.words[i].end)
        for k in range(i + 1, min(len(ctx.words), i + 20)):
            if ctx.words[k].start >= end:
                break
            other = cue_for(ctx.words[k].norm)
            if other is not None and not other.weak:
                return ctx.words[k].start
        return end

    def _clause_end_any(self, start: int) -> int:
        text = self.ctx.text
        i = start
        while i < len(text) and text[i] != "\n":
            if text[i] in SENTENCE_ENDERS and self._sentence_end(i):
                break
            i += 1
        return i

    def _topic(self, i: int) -> Speaker | None:
        """أما الرئيس ترامب فاتهم …: the topic is the subject of the verb with فـ (the
        words after the verb are its object)."""
        ctx = self.ctx
        sent = ctx.word_at(ctx.sentence_start(ctx.words[i].start))
        if not (ctx.words[i].norm.startswith("ف") and ctx.bare(sent) in forms("أما")):
            return None
        found = clause_subject(ctx, ctx.words[sent].start, ctx.words[i].start)
        return found.resolved("subject") if found is not None else None

    def _subject_before(self, i: int) -> Speaker | None:
        """A subject written before its verb (see :func:`rasd.quotes.speaker.subject_before`).
        Not for a verb with و: ``… مع بيونغ يانغ وقال إنها`` continues a clause whose
        subject came first, and the words before it are an object."""
        return None if self._conjoined(i) else subject_before(self.ctx, i)

    def _named(self, speaker: Speaker) -> Speaker:
        """A title standing for someone named earlier (القائد الميداني after قائد اللواء
        الأول … العميد رائد الحبهي; نائب الحركة after نائب حركة النهضة … العجمي الوريمي):
        the named speaker, with the title as role."""
        ctx = self.ctx
        k = ctx.word_at(speaker.start)
        if k >= len(ctx.words) or not ctx.matches("title", k):
            return speaker
        if any(
            m.type in ("PER", "ORG", "GPE") for m in ctx.mentions_in(speaker.start, speaker.end)
        ):
            return speaker
        # Only a definite title points back (القائد الميداني, نائب الحركة); مسؤول …
        # is someone new.
        definite = ctx.bare(k).startswith("ال") or (
            k + 1 < len(ctx.words) and ctx.words[k + 1].norm.startswith("ال")
        )
        if not definite or len(speaker.text.split()) > 4:
            return speaker
        title = ctx.bare(k).removeprefix("ال")
        for agent in reversed(self.agents):
            named = agent.speaker
            if named.start == speaker.start or normalize(speaker.text) == normalize(named.text):
                continue
            said = f"{named.role or ''} {named.text}"
            if title in {w.removeprefix("ال") for w in normalize(said).split()}:
                return replace(named, role=named.role or speaker.text, via=speaker.via)
        return speaker

    def _relayed(self, i: int) -> bool:
        return self.ctx.bare(i) in _RELAY

    def _relayed_speaker(self, i: int, end: int) -> tuple[Speaker | None, str | None]:
        """نقلت فرانس برس عن مصدر قريب من الملف إن …: the source after عن speaks, the one
        that relays it is the medium."""
        ctx = self.ctx
        for k in range(i + 1, len(ctx.words)):
            if ctx.words[k].start >= end:
                break
            if ctx.bare(k) in _FROM:
                medium = ctx.text[ctx.words[i].end : ctx.words[k].start].strip(" ،,") or None
                if ctx.bare(k) == "عن":
                    return phrase(ctx, ctx.words[k].end, end).speaker, medium
                # نقلت المتحدثة باسم … جان كلود يونكر عنه قوله: "him" is the person named
                # in the words before.
                people = [
                    m
                    for m in ctx.mentions_in(ctx.words[i].end, ctx.words[k].start)
                    if m.type == "PER"
                ]
                if people:
                    p = people[-1]
                    return Speaker(p.start, p.end, p.text, medium, p, via="subject"), medium
                return None, medium
        return None, None

    def _relative(self, i: int) -> bool:
        """A cue in a relative clause (التي تتهم …): its subject is no main speaker."""
        return i > 0 and self.ctx.matches("relative", i - 1) > 0

    def _only_a_name(self, speaker: Speaker, start: int, end: int) -> bool:
        """The words between the cue and its content are one name and nothing else."""
        m = speaker.mention
        if m is None:
            return False
        ctx = self.ctx
        for k in range(ctx.word_at(start), len(ctx.words)):
            w = ctx.words[k]
            if w.start >= end:
                break
            if not (m.start <= w.start < m.end or ctx.filler(k)):
                return False
        return True

    def _zero_subject(self, i: int, cue: Cue) -> Speaker | None:
        """The speaker of a cue with no written subject (see the module notes, step 3)."""
        ctx = self.ctx
        at = ctx.words[i].start
        sentence = ctx.sentence_index(at)
        sent_start = ctx.sentence_start(at)
        same = [
            a.speaker.resolved("clause")
            for a in reversed(self.agents)
            if a.sentence == sentence and a.at < at
        ]
        previous = [a for a in reversed(self.agents) if a.at < at and a.sentence < sentence]
        just_before = [
            a.speaker.resolved("previous") for a in previous if a.sentence == sentence - 1
        ]
        earlier = [
            a.speaker.resolved("previous")
            for a in previous
            if sentence - _LOOKBACK_SENTENCES <= a.sentence < sentence - 1
        ]
        prev_subject: list[Speaker] = []
        if sentence > 0:
            prev = ctx.sentences[sentence - 1]
            found = clause_subject(ctx, prev.start, prev.end)
            # Only someone who can speak: وليس ذلك صدفة has a subject, but no speaker.
            if found is not None and plausible_speaker(ctx, found):
                prev_subject.append(found.resolved("previous"))
        candidates: list[Speaker] = []
        start_of_clause = clause_start(ctx, i, sent_start)
        subject = clause_subject(ctx, start_of_clause, at)
        in_clause = [
            a.speaker.resolved("clause")
            for a in reversed(self.agents)
            if a.sentence == sentence and start_of_clause <= a.at < at
        ]
        if cue.kind != "verb":
            # مشيرا, بقوله: the subject of the clause the participle hangs on.
            candidates += in_clause + ([subject] if subject is not None else []) + same
        elif self._mid_sentence(i, sent_start):
            if cue.form[:1] in ("ي", "ت"):
                before = noun_before(ctx, i)
                candidates += [before] if before is not None else []
            candidates += same + ([subject] if subject is not None else [])
        candidates += just_before + prev_subject + earlier
        for candidate in candidates:
            if gender_agrees(cue.gender, candidate):
                return candidate
        return None

    def _mid_sentence(self, i: int, sent_start: int) -> bool:
        """Whether words of the clause come before the cue in its sentence (لكنه قال,
        لطائرة قالت إنها) rather than only an opener (كما أكد, من جانبه، قال)."""
        ctx = self.ctx
        for k in range(ctx.word_at(sent_start), i):
            if ctx.bare(k) in _OPENERS or ctx.filler(k):
                continue
            return True
        return False

    # -- bookkeeping -----------------------------------------------------------------
    def _conjoined(self, i: int) -> bool:
        found = split_cue(self.ctx.words[i].norm)
        return bool(found and found[0])

    def _inside_found(self, offset: int) -> bool:
        return any(a.start <= offset < a.end for a in self.found)

    def _overlaps(self, start: int, end: int) -> bool:
        return any(a.start < end and start < a.end for a in self.found)


def _after_conjunction(written: str, start: int) -> int:
    """Offset past the conjunction written onto a word (و or ف and its diacritics)."""
    i = 1
    while i < len(written) and "\u064b" <= written[i] <= "\u0652":
        i += 1
    return start + i


def _first(a: int | None, b: int) -> int:
    return b if a is None else min(a, b)
