"""The quote finder's word lists, read from reviewable TSV files in ``rasd/data/quotes``.

``cues.tsv`` lists the speech and attribution cues (قال, أكد, نفى, مشيرا, بقوله …) with
their stance; ``words.tsv`` the smaller lists the finder consults (complementizers, medium
words, time words, boundary markers, titles …). Everything is compared in the search form
(:func:`rasd.arabic.normalize.normalize`), so spelling variants need no entries of their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rasd.arabic.normalize import normalize

STANCES = ("statement", "denial", "admission", "warning", "demand", "opinion")
KINDS = ("verb", "participle", "masdar")

# Conjunctions written onto a cue (وقال, فأضاف).
_CONJUNCTIONS = ("و", "ف")
# Object pronouns a transitive cue may carry (وصفه بأنه, أبلغها أن).
_OBJECT_SUFFIXES = ("هما", "هم", "هن", "ها", "ه")
# Pronouns written onto a complementizer (إنه, أنها, بأنهم).
_PRONOUN_SUFFIXES = ("", "ه", "ها", "هم", "هما", "هن", "نا", "ني", "ي", "ك", "كم")


@dataclass(slots=True, frozen=True)
class Cue:
    """One cue form: its stance, its kind, and the agreement of a pronoun subject."""

    form: str  # search form
    stance: str
    kind: str  # verb | participle | masdar
    gender: str  # m | f | p | -
    object: bool  # takes an object before its content (وصف X بأنه)
    weak: bool  # as often a noun or preposition: never cuts another quote short


@dataclass(slots=True, frozen=True)
class Lexicon:
    cues: dict[str, Cue]
    words: dict[str, frozenset[str]]  # kind → search forms (multi-word forms joined by " ")
    lengths: dict[str, int]  # kind → the most words a form of it has
    firsts: dict[str, frozenset[str]]  # kind → first words of its forms (a quick "no")

    def has(self, kind: str, form: str) -> bool:
        return form in self.words.get(kind, frozenset())

    def may_start(self, kind: str, word: str) -> bool:
        """Whether some form of ``kind`` starts with ``word`` (most words start none)."""
        return word in self.firsts.get(kind, frozenset())

    def longest(self, kind: str) -> int:
        """The most words any form of ``kind`` has (multi-word matching reads that far)."""
        return self.lengths.get(kind, 1)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The shipped lexicon (read once)."""
    words = _read_words()
    lengths = {k: max(f.count(" ") + 1 for f in forms) for k, forms in words.items()}
    firsts = {k: frozenset(f.split(" ", 1)[0] for f in forms) for k, forms in words.items()}
    return Lexicon(cues=_read_cues(), words=words, lengths=lengths, firsts=firsts)


def cue_for(norm: str) -> Cue | None:
    """The cue a word (in search form) is, allowing a conjunction before it and, for
    transitive cues, an object pronoun after it: ``وقالت`` → قالت, ``ووصفه`` → وصف."""
    found = split_cue(norm)
    return found[1] if found else None


@lru_cache(maxsize=1 << 16)  # asked of every word of every document
def split_cue(norm: str) -> tuple[bool, Cue] | None:
    """The cue a word is, and whether a conjunction is written onto it (``وقالت`` → True)."""
    cues = lexicon().cues
    for conjunction, form in _stems(norm):
        cue = cues.get(form)
        if cue is not None:
            return conjunction, cue
        for suffix in _OBJECT_SUFFIXES:
            if form.endswith(suffix) and len(form) > len(suffix) + 1:
                cue = cues.get(form[: -len(suffix)])
                if cue is not None and cue.object:
                    return conjunction, cue
    return None


def stance_of(cue_text: str) -> str:
    """The stance of a cue as written (``نفت`` → denial); ``statement`` when unknown, so a
    stored quote written by an older rasd still gets one."""
    words = normalize(cue_text).split()
    cue = cue_for(words[0]) if words else None
    return cue.stance if cue else "statement"


def is_complementizer(norm: str) -> bool:
    """``إن``/``أن``/``بأن`` with or without an attached pronoun (``إنه``, ``بأنها``);
    ``فإن`` (then, indeed) is not one."""
    base = norm[1:] if norm.startswith("ب") else norm
    if not base.startswith("ان"):
        return False
    return base[2:] in _PRONOUN_SUFFIXES


def forms(*words: str) -> frozenset[str]:
    """Search forms of words written naturally in code (``على`` is ``علي`` once normalised)."""
    return frozenset(normalize(w) for w in words)


def strip_conjunction(norm: str) -> str:
    """``وبينما`` → ``بينما``, ``وفي`` → ``في``; words of two letters are left alone."""
    if len(norm) > 2 and norm[0] in _CONJUNCTIONS:
        return norm[1:]
    return norm


def _stems(norm: str) -> tuple[tuple[bool, str], ...]:
    if len(norm) > 2 and norm[0] in _CONJUNCTIONS:
        return ((False, norm), (True, norm[1:]))
    return ((False, norm),)


def _rows(name: str) -> list[list[str]]:
    text = resources.files("rasd.data").joinpath("quotes", name).read_text(encoding="utf-8")
    return [
        line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")
    ]


def _read_cues() -> dict[str, Cue]:
    rows = _rows("cues.tsv")
    header, body = rows[0], rows[1:]
    out: dict[str, Cue] = {}
    for row in body:
        rec = dict(zip(header, row, strict=True))
        if rec["stance"] not in STANCES or rec["kind"] not in KINDS:
            raise ValueError(f"cues.tsv: bad stance or kind in {row!r}")
        form = normalize(rec["form"])
        out[form] = Cue(
            form=form,
            stance=rec["stance"],
            kind=rec["kind"],
            gender=rec["gender"],
            object=rec["object"] == "y",
            weak=rec["weak"] == "y",
        )
    return out


def _read_words() -> dict[str, frozenset[str]]:
    sets: dict[str, set[str]] = {}
    for kind, form in _rows("words.tsv"):
        sets.setdefault(kind, set()).add(normalize(form))
    return {kind: frozenset(forms) for kind, forms in sets.items()}
