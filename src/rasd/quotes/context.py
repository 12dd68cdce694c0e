"""One document as the quote finder sees it: words, quotations, sentences and mentions,
with the look-ups the finder and the speaker rules share."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from rasd.arabic.sentences import split_sentences
from rasd.arabic.tokens import tokenize
from rasd.document import Document, Entity, Mention, Sentence
from rasd.quotes.lexicon import Lexicon, lexicon
from rasd.quotes.text import Quotation, Word, quotations, words_of


@dataclass(slots=True)
class Context:
    text: str
    words: list[Word]
    quotations: list[Quotation]
    sentences: list[Sentence]
    mentions: list[Mention]
    entities: dict[str, Entity]
    lex: Lexicon = field(default_factory=lexicon)
    _starts: list[int] = field(default_factory=list)
    _sentence_starts: list[int] = field(default_factory=list)
    # Per word: a conjunction (و/ف) is written onto it, as the clitic segmenter says
    # (وقال yes, وفقا and فيما no).
    _conjoined: list[bool] = field(default_factory=list)

    @classmethod
    def of(cls, doc: Document) -> Context:
        text = doc.text
        ctx = cls(
            text=text,
            words=words_of(text),
            quotations=quotations(text),
            # A document built by hand may come without sentences; the splitter the
            # arabic stage uses gives the same ones.
            sentences=list(doc.sentences) or split_sentences(text),
            mentions=sorted(doc.mentions, key=lambda m: (m.start, -m.end)),
            entities={e.id: e for e in doc.entities},
        )
        ctx._starts = [w.start for w in ctx.words]
        ctx._sentence_starts = [s.start for s in ctx.sentences]
        tokens = doc.tokens or tokenize(text)
        prefixes = {t.start: t.prefixes for t in tokens if t.stem is not None}
        ctx._conjoined = [
            bool(prefixes[w.start][:1] and prefixes[w.start][0] in ("و", "ف"))
            if w.start in prefixes
            else len(w.norm) > 3 and w.norm[0] in ("و", "ف")
            for w in ctx.words
        ]
        return ctx

    # -- words ---------------------------------------------------------------------
    def word_at(self, offset: int) -> int:
        """Index of the first word starting at or after ``offset``."""
        return bisect.bisect_left(self._starts, offset)

    def bare(self, i: int) -> str:
        """Search form of word ``i`` without a conjunction written onto it."""
        norm = self.words[i].norm
        return norm[1:] if self._conjoined[i] else norm

    def matches(self, kind: str, i: int) -> int:
        """How many words from ``i`` on form an entry of word list ``kind`` (0: none).
        The first word may carry a conjunction (وفقا, وبحسب)."""
        if not (
            self.lex.may_start(kind, self.words[i].norm) or self.lex.may_start(kind, self.bare(i))
        ):
            return 0
        longest = self.lex.longest(kind)
        for n in range(min(longest, len(self.words) - i), 0, -1):
            parts = [self.words[i + k].norm for k in range(n)]
            if self._joined(i, n) and (
                self.lex.has(kind, " ".join(parts))
                or self.lex.has(kind, " ".join([self.bare(i), *parts[1:]]))
            ):
                return n
        return 0

    def filler(self, i: int) -> int:
        """How many words from ``i`` on are a time word or adverb (اليوم الأحد, مساء): 0 if
        none, or if a name covers them (ماي is May, and Theresa May)."""
        mention = self.mention_covering(self.words[i].start)
        if mention is not None and mention.type != "NORP":
            return 0
        return self.matches("filler", i)

    def _joined(self, i: int, n: int) -> bool:
        """Words ``i``..``i+n-1`` are separated by blanks only (no comma or mark between)."""
        return all(
            not self.text[self.words[k].end : self.words[k + 1].start].strip()
            for k in range(i, i + n - 1)
        )

    # -- quotations ------------------------------------------------------------------
    def quotation_opening_in(self, start: int, end: int) -> Quotation | None:
        """The quotation whose opening mark lies in ``[start, end)``."""
        for q in self.quotations:
            if start <= q.open < end:
                return q
            if q.open >= end:
                return None
        return None

    def inside_quotation(self, offset: int) -> Quotation | None:
        """The innermost quotation whose words contain ``offset``."""
        best: Quotation | None = None
        for q in self.quotations:
            if q.open > offset:
                break
            if q.start <= offset < q.end and (best is None or q.start > best.start):
                best = q
        return best

    # -- sentences and mentions ------------------------------------------------------
    def sentence_index(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self._sentence_starts, offset) - 1)

    def sentence_start(self, offset: int) -> int:
        if not self.sentences:
            return 0
        return self.sentences[self.sentence_index(offset)].start

    def paragraph_start(self, offset: int) -> int:
        return self.text.rfind("\n", 0, offset) + 1

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        return [m for m in self.mentions if start <= m.start and m.end <= end]

    def mention_covering(self, offset: int) -> Mention | None:
        for m in self.mentions:
            if m.start <= offset < m.end:
                return m
            if m.start > offset:
                return None
        return None

    def mention_on_word(self, i: int) -> Mention | None:
        """A mention over any part of word ``i`` (للأمم المتحدة: the mention starts after لل)."""
        w = self.words[i]
        for m in self.mentions:
            if m.start < w.end and w.start < m.end:
                return m
            if m.start >= w.end:
                return None
        return None

    def code_of(self, entity: str | None) -> str | None:
        found = self.entities.get(entity) if entity else None
        return found.actor_code if found else None
