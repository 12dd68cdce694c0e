"""The event lexicon: triggers, modes, cues and actor words, read from ``rasd/data/events``.

The files are plain TSV so a reviewer can read and change them (see each file's header).
Everything is keyed by the *search form* (:func:`rasd.arabic.normalize.normalize`) of a
word's clitic-free stem, so ``وتتهم``, ``اتهمت`` and ``يتهمون`` all reach the row ``اتهم``:
verb rows give a perfect and an imperfect stem and :func:`verb_forms` writes out the
inflected forms news text uses (no lemmatiser is needed at run time).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from rasd.arabic.normalize import normalize

TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)
PREPOSITIONS = frozenset(
    normalize(p)
    for p in [
        "ب",
        "مع",
        "على",
        "ل",
        "الى",
        "إلى",
        "ضد",
        "عن",
        "من",
        "في",
        "امام",
        "أمام",
        "بين",
        "حول",
        "لدى",
        "عبر",
        "نحو",
        "تجاه",
        "بحق",
        "خلف",
        "داخل",
        "قرب",
    ]
)


@dataclass(frozen=True, slots=True)
class Trigger:
    """One row of ``triggers.tsv``."""

    lemma: str
    pos: str  # V | N | P
    type: str
    mode: str | None
    cameo: str | None
    preps: tuple[str, ...]  # recipient prepositions in order of preference; "obj" first if set
    required: frozenset[str]  # prepositions that must be present
    gen_actor: bool
    swap: bool
    theme: bool
    passive: bool
    needs: tuple[str, ...]
    excludes: tuple[str, ...]
    source: str

    @property
    def obj(self) -> bool:
        return "obj" in self.preps


@dataclass(slots=True)
class WordSet:
    """Single words (search form) and phrases (tuples of words)."""

    words: set[str] = field(default_factory=set)
    phrases: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    verbs: set[str] = field(default_factory=set)  # verb forms: never with the article

    def add(self, text: str, *, verb: bool = False) -> None:
        parts = tuple(normalize(text).split())
        if not parts:
            return
        if len(parts) == 1:
            (self.verbs if verb else self.words).add(parts[0])
        else:
            self.phrases.setdefault(parts[0], []).append(parts)

    def __contains__(self, word: object) -> bool:
        return word in self.words or word in self.verbs


@dataclass(frozen=True, slots=True)
class ActorWord:
    kind: str  # role | metonym | group | country | victim | counterpart
    code: str | None
    sector: str | None
    words: tuple[str, ...]  # the phrase, search form


@dataclass(slots=True)
class Lexicon:
    # first word of a form → (trigger, the form's remaining words)
    triggers: dict[str, list[tuple[Trigger, tuple[str, ...]]]]
    modes: dict[str, list[tuple[str, tuple[str, ...], bool]]]
    cues: dict[str, WordSet]
    actors: dict[str, list[ActorWord]]  # first word → entries (longest first)
    scores: dict[tuple[str, str], float]
    crosswalk: dict[str, tuple[str, str, str]]  # cameo → (type, mode, context)
    modes_of: dict[str, frozenset[str]]
    # word (search form) → the cue kinds it is a single-word cue of, and whether as a verb
    cue_index: dict[str, list[tuple[str, bool]]] = field(default_factory=dict)

    def score(self, kind: str, mode: str | None) -> float | None:
        return self.scores.get((kind, mode or ""), self.scores.get((kind, "")))

    def context(self, cameo: str | None) -> str | None:
        if not cameo:
            return None
        row = self.crosswalk.get(cameo) or self.crosswalk.get(cameo[:3])
        return (row[2] or None) if row else None


def verb_forms(perfect: str, imperfect: str) -> set[str]:
    """Written third-person (and some first-person) forms of a verb, in search form.

    ``perfect`` is the 3rd person masculine singular perfect (``اتهم``, ``نفى``, ``زار``);
    ``imperfect`` the imperfect stem without its person prefix (``تهم`` of ``يتهم``, ``نفي``
    of ``ينفي``); ``-`` for none. Defective verbs (final ى/ي or ا) drop it before the
    plural and feminine endings (``نفت``, ``نفوا``, ``ينفون``) as the script does.
    """
    p = normalize(perfect)
    out = {p}
    if p.endswith(("ي", "ا")) and len(p) > 2:
        base = p[:-1]
        out |= {base + "ت", base + "وا", base + "تا", p + "ا", base + "يا", base + "وا"}
    else:
        out |= {p + s for s in ("ت", "وا", "ا", "تا", "ن", "تم", "نا", "و")}
    if imperfect and imperfect != "-":
        i = normalize(imperfect)
        for pre in ("ي", "ت", "ن", "ا"):
            stem = pre + i
            out.add(stem)
            if i.endswith(("ي", "و")) and len(i) > 1:
                short = pre + i[:-1]
                out |= {short, short + "ون", short + "ين", short + "وا", stem + "ان", stem + "ا"}
            else:
                out |= {stem + s for s in ("ون", "ان", "ن", "ين", "وا", "ا")}
    return out


def _rows(name: str) -> list[dict[str, str]]:
    with resources.files("rasd.data").joinpath("events", name).open(encoding="utf-8") as fh:
        lines = [line for line in fh if not line.startswith("#") and line.strip()]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def _verb_spec(spec: str) -> set[str]:
    """``"زار/زور;يزر;تزر"`` → the generated forms plus the extra written ones."""
    main, *extra = spec.split(";")
    perfect, _, imperfect = main.partition("/")
    forms = verb_forms(perfect.strip(), imperfect.strip())
    forms |= {normalize(e) for e in extra if e.strip()}
    return forms


def _trigger(row: dict[str, str]) -> Trigger:
    args = (row.get("args") or "").split()
    preps: list[str] = []
    required: set[str] = set()
    for a in args:
        if a in ("gen=actor", "swap", "theme", "pass"):
            continue
        name = a.rstrip("!")
        preps.append(name if name == "obj" else normalize(name))
        if a.endswith("!"):
            required.add(normalize(name))
    needs = _split(row.get("needs"))
    kind = row["type"].strip()
    if kind not in TYPES:
        raise ValueError(f"triggers.tsv: unknown PLOVER type {kind!r} for {row['lemma']!r}")
    return Trigger(
        lemma=row["lemma"].strip(),
        pos=row["pos"].strip(),
        type=kind,
        mode=(row.get("mode") or "").strip() or None,
        cameo=(row.get("cameo") or "").strip() or None,
        preps=tuple(preps),
        required=frozenset(required),
        gen_actor="gen=actor" in args,
        swap="swap" in args,
        theme="theme" in args,
        passive="pass" in args,
        needs=tuple(normalize(n) for n in needs if not n.startswith("!")),
        excludes=tuple(normalize(n[1:]) for n in needs if n.startswith("!")),
        source=(row.get("source") or "").strip(),
    )


def _forms(row: dict[str, str]) -> set[str]:
    if row["pos"].strip() == "V":
        out: set[str] = set()
        for spec in row["forms"].split("|"):
            out |= _verb_spec(spec)
        return out
    forms = {normalize(f) for f in _split(row["forms"])}
    # Nouns: the accusative tanween alef and the sound plurals/duals are written on the stem.
    extra = set()
    for f in forms:
        if " " in f:
            continue
        extra |= {f + "ا"} if not f.endswith(("ه", "ا")) else set()
        if f.endswith("ه"):
            extra |= {f[:-1] + "ات", f[:-1] + "تين", f[:-1] + "تان"}
    return forms | extra


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicon, read once per process."""
    triggers: dict[str, list[tuple[Trigger, tuple[str, ...]]]] = {}
    for row in _rows("triggers.tsv"):
        trig = _trigger(row)
        for form in sorted(_forms(row)):
            first, *rest = form.split()
            triggers.setdefault(first, []).append((trig, tuple(rest)))
    scores: dict[tuple[str, str], float] = {}
    modes_of: dict[str, set[str]] = {}
    for row in _rows("plover.tsv"):
        if row["score"]:
            scores[(row["type"], row["mode"])] = float(row["score"])
        if row["mode"]:
            modes_of.setdefault(row["type"], set()).add(row["mode"])
    crosswalk = {
        row["cameo"]: (row["type"], row["mode"], row["context"])
        for row in _rows("cameo_plover.tsv")
    }
    modes: dict[str, list[tuple[str, tuple[str, ...], bool]]] = {}
    for row in _rows("modes.tsv"):
        words = tuple(normalize(w) for w in _split(row["words"]))
        modes.setdefault(row["type"], []).append((row["mode"], words, bool(row.get("only"))))
    cues: dict[str, WordSet] = {}
    for row in _rows("cues.tsv"):
        ws = cues.setdefault(row["kind"], WordSet())
        if row["pos"] == "V":
            for spec in row["forms"].split("|"):
                for form in _verb_spec(spec):
                    ws.add(form, verb=True)
        else:
            for w in _split(row["forms"]):
                ws.add(w)
    actors: dict[str, list[ActorWord]] = {}
    for row in _rows("actors.tsv"):
        for w in _split(row["words"]):
            parts = tuple(normalize(w).split())
            entry = ActorWord(
                row["kind"], row.get("code") or None, row.get("sector") or None, parts
            )
            actors.setdefault(parts[0], []).append(entry)
    for entries in actors.values():
        entries.sort(key=lambda a: -len(a.words))
    cue_index: dict[str, list[tuple[str, bool]]] = {}
    # "actor": a word that may start an actors.tsv entry (a fast test before the full match);
    # the accusative «صحفياً» is looked up without its alef.
    for first in actors:
        cue_index.setdefault(first, []).append(("actor", False))
        cue_index.setdefault(first + "ا", []).append(("actor", False))
    for kind, ws in cues.items():
        for w in ws.words:
            cue_index.setdefault(w, []).append((kind, False))
        for w in ws.verbs:
            cue_index.setdefault(w, []).append((kind, True))
    return Lexicon(
        triggers=triggers,
        modes=modes,
        cues=cues,
        actors=actors,
        scores=scores,
        crosswalk=crosswalk,
        modes_of={k: frozenset(v) for k, v in modes_of.items()},
        cue_index=cue_index,
    )


def check(lex: Lexicon | None = None) -> list[str]:
    """Problems in the hand-kept files: modes PLOVER does not define, unknown CAMEO codes."""
    lex = lex or lexicon()
    problems: list[str] = []
    seen: set[str] = set()
    for entries in lex.triggers.values():
        for trig, _ in entries:
            if trig.lemma in seen:
                continue
            seen.add(trig.lemma)
            if trig.mode and trig.mode not in lex.modes_of.get(trig.type, frozenset()):
                problems.append(f"{trig.lemma}: mode {trig.mode!r} is not a {trig.type} mode")
            if trig.cameo and not _cameo_known(trig.cameo):
                problems.append(f"{trig.lemma}: CAMEO code {trig.cameo} is unknown")
    for kind, rows in lex.modes.items():
        for mode, _, _ in rows:
            if mode not in lex.modes_of.get(kind, frozenset()):
                problems.append(f"modes.tsv: {mode!r} is not a {kind} mode")
    return problems


@lru_cache(maxsize=1)
def _cameo_codes() -> frozenset[str]:
    with resources.files("rasd.data").joinpath("cameo_codes.tsv").open(encoding="utf-8") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    return frozenset(row["code"] for row in csv.DictReader(lines, delimiter="\t"))


def _cameo_known(code: str) -> bool:
    return code in _cameo_codes()


def goldstein(code: str | None) -> float | None:
    """The CAMEO code's Goldstein score (``rasd/data/cameo_codes.tsv``)."""
    if not code:
        return None
    return _goldstein().get(code)


@lru_cache(maxsize=1)
def _goldstein() -> dict[str, float]:
    with resources.files("rasd.data").joinpath("cameo_codes.tsv").open(encoding="utf-8") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    return {row["code"]: float(row["goldstein"]) for row in csv.DictReader(lines, delimiter="\t")}


def words_in(words: Iterable[str], wanted: WordSet) -> bool:
    return any(w in wanted for w in words)
