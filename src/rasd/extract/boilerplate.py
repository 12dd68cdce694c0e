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

# Frequent Arabic function words (search form). Prose is dense in them; furniture is not.
_FUNCTION_WORDS = frozenset(
    [
        "في",
        "من",
        "على",
        "الى",
        "ان",
        "عن",
        "مع",
        "التي",
        "الذي",
        "الذين",
        "هذا",
        "هذه",
        "ذلك",
        "تلك",
        "كان",
        "كانت",
        "قد",
        "لا",
        "ما",
        "بين",
        "بعد",
        "قبل",
        "او",
        "ثم",
        "حيث",
        "كما",
        "انه",
        "انها",
        "وقد",
        "وفي",
        "ومن",
        "وان",
        "وهو",
        "وهي",
        "هو",
        "هي",
        "لم",
        "لن",
        "عند",
        "منذ",
        "خلال",
        "حول",
        "ضد",
        "اي",
        "كل",
        "غير",
        "الا",
        "اذا",
        "لكن",
        "بل",
        "فقد",
        "فان",
        "لها",
        "له",
        "لهم",
        "به",
        "بها",
        "فيه",
        "فيها",
        "عليه",
        "عليها",
        "منه",
        "منها",
        "اليه",
        "وقال",
        "وقالت",
        "قال",
        "قالت",
    ]
)
_URL = re.compile(
    r"https?://|www\.|\b[\w.-]+\.(com|net|org|info|tv|fm|news|ar|sa|eg|iq|ae|tn|ma|dz|lb|sy)\b|\S+@\S+\.\w+"
)
_HANDLE = re.compile(r"(^|\s)@\w+")
_CRUMB = re.compile(r"\s[»›>|·•/]\s|\s[»›>|·•]$|^[»›>|·•]\s")
_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?؟…»”\")]\s*$")


@dataclass(slots=True, frozen=True)
class LineVerdict:
    """What the classifier says about one line."""

    kind: str | None  # None: article text; otherwise the kind of furniture
    score: float
    words: int
    latin: bool
    prose: bool  # reads like a sentence of running Arabic text


@dataclass(slots=True, frozen=True)
class _Cue:
    kind: str
    weight: float
    pattern: re.Pattern[str]


@lru_cache(maxsize=1)
def _cues() -> tuple[_Cue, ...]:
    text = resources.files("rasd.data").joinpath("boilerplate_cues.tsv").read_text(encoding="utf-8")
    cues = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, _lang, weight, pattern = line.split("\t", 3)
        cues.append(_Cue(kind, float(weight), re.compile(pattern, re.IGNORECASE)))
    return tuple(cues)


class BoilerplateClassifier:
    """Scores lines; ``classify(line)`` → :class:`LineVerdict`."""

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self.cues = _cues()

    def classify(self, line: str, *, arabic_document: bool = True) -> LineVerdict:
        stripped = line.strip()
        form = normalize(stripped)
        words = _WORD.findall(form)
        n = len(words)
        letters = [c for c in stripped if c.isalpha()]
        arabic = sum(1 for c in letters if "\u0600" <= c <= "\u06ff" or "\u0750" <= c <= "\u077f")
        latin = bool(letters) and arabic < 0.5 * len(letters)
        prose = self._prose(form, words, stripped, latin)

        # 1. Lines without letters are separators (", ,", "-----", "* * *") or bare numbers.
        if not letters:
            return LineVerdict("separator", 10.0, n, latin, False)

        # 2. Lexicon evidence per kind.
        evidence: dict[str, float] = {}
        for cue in self.cues:
            if cue.pattern.search(form):
                evidence[cue.kind] = evidence.get(cue.kind, 0.0) + cue.weight
        score = min(max(evidence.values(), default=0.0), 4.0)

        # 3. Shape evidence.
        shape = None
        if _URL.search(stripped) or _HANDLE.search(stripped):
            score += 2.0
            shape = "link"
        if len(_CRUMB.findall(stripped)) >= 2 or (len(_CRUMB.findall(stripped)) == 1 and n <= 6):
            score += 2.0
            shape = "nav"
        if latin and arabic_document:
            score += 2.0 if n <= 40 else 1.0
        if n <= 3 and not _SENTENCE_END.search(stripped):
            score += 0.5

        # 4. Evidence against: running prose.
        if prose:
            score -= 2.5
        if n >= 25:
            score -= 1.0

        if score < self.threshold:
            return LineVerdict(None, score, n, latin, prose)
        if evidence:
            kind = max(evidence.items(), key=lambda kv: kv[1])[0]
        elif shape:
            kind = shape
        else:
            kind = "other"
        return LineVerdict(kind, score, n, latin, prose)

    @staticmethod
    def _prose(form: str, words: list[str], stripped: str, latin: bool) -> bool:
        if latin or len(words) < 6:
            return False
        function = sum(
            1
            for w in words
            if w in _FUNCTION_WORDS or (len(w) > 3 and w[0] in "وف" and w[1:] in _FUNCTION_WORDS)
        )
        density = function / len(words)
        ends = bool(_SENTENCE_END.search(stripped))
        # Headlines are dense in function words too; what they lack is final punctuation
        # and length, so short unpunctuated lines are not counted as prose.
        return (density >= 0.12 and (ends or len(words) >= 15 or "،" in stripped)) or (
            len(words) >= 12 and ends
        )
