"""A line classifier for site furniture: cookie banners, privacy and consent lines,
disclaimers, share/follow/newsletter prompts, navigation crumbs, related-article lists,
copyright footers, comment widgets, ads and stray separators — in Arabic, English and
French.

Each line gets a score from features, not from a list of one site's sentences:

- lexicon cues (``data/boilerplate_cues.tsv``, reviewable, weighted by kind);
- script: a Latin line in an Arabic article is suspect;
- shape: no letters at all (``, ,``, ``-----``), link-like text (URLs, e-mail, ``@handle``),
  crumb separators (``الرئيسية » أخبار » سياسة``);
- prose evidence against: Arabic function-word density, length, final punctuation.

The score's kind is the cue kind with the most evidence, or a shape kind. Position is
used by the extractor (furniture clusters before the title and after the body), not here,
so the classifier's verdict on a line does not depend on where a site happened to put it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rasd.arabic.normalize import normalize

THRESHOLD = 2.5

_URL = re.compile(
    r"https?://|www\.|\b[\w.-]+\.(com|net|org|info|tv|fm|news|ar|sa|eg|iq|ae|tn|ma|dz|lb|sy)\b|\S+@\S+\.\w+"
)
_HANDLE = re.compile(r"(^|\s)@\w+")
_CRUMB = re.compile(r"\s[»›>|·•/]\s|\s[»›>|·•]$|^[»›>|·•]\s")
_WORD = re.compile(r"\w+")
_RELATED_ITEM = re.compile(r"^\s*[»›•·▪■◄►\-–—*]\s*\S")
_LABEL_VALUE = re.compile(r"^[^\d:]{2,30}[:：]\s*[\d.,]+(\s*\w{1,6})?\s*$|^[\d.,]+\s+\w+$")
# A closing quote or bracket alone does not end a sentence ("• عنوان: "صراع جبابرة"").
_SENTENCE_END = re.compile(r"[.!?؟…]\s*[»”\")]?\s*$")


@dataclass(slots=True, frozen=True)
class LineVerdict:
    """What the classifier says about one line."""

    kind: str | None  # None: article text; otherwise the kind of furniture
    score: float
    words: int
    latin: bool
    prose: bool  # reads like a sentence of running Arabic text
    cue: float = 0.0  # strongest lexicon evidence, whatever the prose evidence says
    cue_kind: str | None = None


@dataclass(slots=True, frozen=True)
class _Cue:
    kind: str
    weight: float
    pattern: re.Pattern[str]
    arabic: bool  # has Arabic letters: can match a line with Arabic letters
    latin: bool  # has other letters (not a regex escape like \\b): can match a Latin line


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    text = (
        resources.files("rasd.data").joinpath("function_words_ar.txt").read_text(encoding="utf-8")
    )
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


@lru_cache(maxsize=1)
def _cues() -> tuple[_Cue, ...]:
    text = resources.files("rasd.data").joinpath("boilerplate_cues.tsv").read_text(encoding="utf-8")
    cues = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, _lang, weight, pattern = line.split("\t", 3)
        arabic = any("\u0600" <= ch <= "\u06ff" for ch in pattern)
        latin = bool(re.search(r"(?<!\\)[A-Za-z]", pattern))
        if not (arabic or latin):
            arabic = latin = True  # no letters at all (a punctuation cue): try it on every line
        cues.append(_Cue(kind, float(weight), re.compile(pattern, re.IGNORECASE), arabic, latin))
    return tuple(cues)


class BoilerplateClassifier:
    """Scores lines; ``classify(line)`` → :class:`LineVerdict`."""

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self.cues = _cues()
        # A line is only tried against the cues of the scripts it has letters in, keyed by
        # (has Arabic letters, has other letters): most lines are Arabic article text, and
        # forty Latin-letter searches on them are waste.
        self._cues_for = {
            (True, False): tuple(c for c in self.cues if c.arabic),
            (False, True): tuple(c for c in self.cues if c.latin),
            (True, True): self.cues,
        }

    def classify(self, line: str, *, arabic_document: bool = True) -> LineVerdict:
        stripped = line.strip()
        form = normalize(stripped)
        words = _WORD.findall(form)
        n = len(words)
        letters = [c for c in stripped if c.isalpha()]
        arabic = sum(1 for c in letters if "\u0600" <= c <= "\u06ff" or "\u0750" <= c <= "\u077f")
        latin = bool(letters) and arabic < 0.5 * len(letters)
        prose = self._prose(form, words, stripped, latin, arabic_document)

        # 1. Lines without letters are separators (", ,", "-----", "* * *", "•") or bare numbers.
        if not letters:
            return LineVerdict("separator", 10.0, n, latin, False)

        # 2. Lexicon evidence per kind.
        evidence: dict[str, float] = {}
        for rule in self._cues_for[arabic > 0, arabic < len(letters)]:
            if rule.pattern.search(form):
                evidence[rule.kind] = evidence.get(rule.kind, 0.0) + rule.weight
        cue_kind = max(evidence.items(), key=lambda kv: kv[1])[0] if evidence else None
        cue = min(evidence[cue_kind], 4.0) if cue_kind else 0.0
        score = cue

        # 3. Shape evidence.
        shape = None
        if _URL.search(stripped) or _HANDLE.search(stripped):
            score += 2.0
            shape = "link"
        crumbs = len(_CRUMB.findall(stripped))
        if crumbs >= 2 or (crumbs == 1 and n <= 6):
            score += 2.0
            shape = "nav"
        bullet = (
            bool(_RELATED_ITEM.match(stripped)) and n <= 20 and not _SENTENCE_END.search(stripped)
        )
        if bullet:
            # "» headline" / "• headline": an item of a list of links.
            score += 1.5
            shape = shape or "related"
            prose = False
        if _LABEL_VALUE.match(form) and n <= 6:
            # "عدد المشاهدات: 1,245", "قراءة: 4 د", "Views: 120": page metadata, not text.
            score += 2.0
            shape = shape or "other"
        if latin and arabic_document:
            score += 2.0 if n <= 40 else 1.0
        if n <= 3 and not _SENTENCE_END.search(stripped):
            score += 0.5

        # 4. Evidence against: running prose. Articles' paragraphs are long; furniture
        # rarely runs past 40 words, so a long line needs overwhelming evidence.
        if prose:
            score -= 2.5
        if n >= 40:
            score -= 3.0

        if score < self.threshold:
            return LineVerdict(None, score, n, latin, prose, cue, cue_kind)
        return LineVerdict(cue_kind or shape or "other", score, n, latin, prose, cue, cue_kind)

    @staticmethod
    def _prose(
        form: str, words: list[str], stripped: str, latin: bool, arabic_document: bool
    ) -> bool:
        if len(words) < 6:
            return False
        if latin:
            # In an Arabic article a Latin line is suspect; in a Latin-script page (English,
            # French) sentence shape is the evidence, as function-word density is for Arabic.
            ends = bool(_SENTENCE_END.search(stripped))
            return not arabic_document and ((len(words) >= 12 and ends) or len(words) >= 25)
        function_words = _function_words()
        function = sum(
            1
            for w in words
            if w in function_words or (len(w) > 3 and w[0] in "وف" and w[1:] in function_words)
        )
        density = function / len(words)
        ends = bool(_SENTENCE_END.search(stripped))
        # Headlines are dense in function words too; what they lack is final punctuation
        # and length, so short unpunctuated lines are not counted as prose.
        return (density >= 0.12 and (ends or len(words) >= 15 or "،" in stripped)) or (
            len(words) >= 12 and ends
        )
