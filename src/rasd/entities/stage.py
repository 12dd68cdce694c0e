"""The entities stage: tokens → typed mentions (PER/ORG/GPE/LOC/FAC/NORP/MISC).

How a document gets its mentions (:func:`find_mentions`):

1. Tokens are grouped by sentence and tagged by the backend (the shipped CRF unless the
   stage was given another), one call for the whole document.
   Conjunctions written onto a word are split off first, as the training text has them
   (``وروسيا`` → ``و`` ``روسيا``).
2. Each tagged span becomes a :class:`~rasd.document.Mention` whose offsets point into
   ``doc.text``. A preposition written onto the first word is left out too
   (``لأوكرانيا`` → ``أوكرانيا``); the article stays (``العراق``).
3. Nisba adjectives outside any span (``الرئيس الروسي``, ``الإيرانية``, ``الأميركيين``)
   become NORP mentions with ``fine="Nisba"``. NORP mentions carry their country in
   ``entity`` as ``country:ISO3`` (``country:RUS``), or ``region:CODE`` for the CAMEO
   regions ``ARB`` (Arab), ``EUR``, ``AFR``, ``ASA`` and ``WST`` (the West); the CRF's NORP
   spans (NewsFANE ``Group``: ``العرب``, ``الاسرائيليين``) keep their fine class ``Group``.
"""

from __future__ import annotations

from collections.abc import Sequence

from rasd.arabic.directions import western_is_direction
from rasd.arabic.normalize import normalize
from rasd.document import Document, Mention, Token
from rasd.entities.features import MARKS, Resources, conjunction_split, strip_clitics
from rasd.entities.labels import spans
from rasd.entities.tagger import Backend, backend_resources, get_backend, label_parts


class EntityStage:
    """Stage: ``tokens`` + ``sentences`` → ``mentions``."""

    name = "entities"
    requires = frozenset({"text", "sentences", "tokens"})
    provides = frozenset({"mentions"})

    def __init__(self, backend: Backend | None = None) -> None:
        # The backend loads on first use, so building a pipeline stays cheap.
        self._backend = backend

    @property
    def backend(self) -> Backend:
        if self._backend is None:
            self._backend = get_backend()
        return self._backend

    def process(self, doc: Document) -> Document:
        doc.mentions = find_mentions(doc, self.backend)
        return doc


def sentence_tokens(doc: Document) -> list[list[Token]]:
    """The document's tokens grouped by sentence (all in one group without sentences)."""
    groups: list[list[Token]] = []
    if not doc.sentences:
        return [list(doc.tokens)] if doc.tokens else []
    bounds = iter(doc.sentences)
    current = next(bounds, None)
    group: list[Token] = []
    for tok in doc.tokens:
        while current is not None and tok.start >= current.end:
            if group:
                groups.append(group)
                group = []
            current = next(bounds, None)
        group.append(tok)
    if group:
        groups.append(group)
    return groups


def find_mentions(doc: Document, backend: Backend | None = None) -> list[Mention]:
    """Mentions of ``doc`` (its ``tokens`` and ``sentences`` must be filled)."""
    backend = backend or get_backend()
    res = backend_resources(backend)
    groups = [_split(g, res) for g in sentence_tokens(doc)]
    # 1. Tag every sentence in one call.
    tagged = backend.tag([[t.text for t in g] for g in groups])
    mentions: list[Mention] = []
    for toks, tags in zip(groups, tagged, strict=True):
        covered: set[int] = set()
        # 2. Spans → mentions.
        for sp in spans(tags):
            kind, fine = label_parts(sp.label)
            if kind is None:
                continue
            entity = _nisba_entity(res, toks[sp.end - 1]) if kind == "NORP" else None
            if sp.end - sp.start == 1 and _direction(toks, sp.start, entity):
                continue
            covered.update(range(sp.start, sp.end))
            first = toks[sp.start]
            after = tuple(t.norm or normalize(t.text) for t in toks[sp.start + 1 : sp.end])
            start = first.start + _proclitic_chars(first, res, after)
            end = toks[sp.end - 1].end
            mentions.append(Mention(start, end, doc.text[start:end], kind, entity, fine))
        # 3. Nisba adjectives outside the spans.
        for i, tok in enumerate(toks):
            if i in covered or tok.kind != "word":
                continue
            entity = _nisba_entity(res, tok)
            if entity and not _direction(toks, i, entity):
                start = tok.start + _proclitic_chars(tok, res)
                mentions.append(
                    Mention(start, tok.end, doc.text[start : tok.end], "NORP", entity, "Nisba")
                )
    mentions.sort(key=lambda m: (m.start, m.end))
    return mentions


def _split(tokens: list[Token], res: Resources) -> list[Token]:
    """Conjunctions written onto a word become tokens of their own, as in the training
    text (``وروسيا`` → ``و`` ``روسيا``); offsets stay those of the written text."""
    out = []
    for tok in tokens:
        cut = conjunction_split(tok.text, res) if tok.kind == "word" else 0
        if not cut:
            out.append(tok)
            continue
        rest = tok.text[cut:]
        prefixes = tok.prefixes[1:] if tok.prefixes[:1] in (("و",), ("ف",)) else tok.prefixes
        out.append(
            Token(tok.start, tok.start + cut, tok.text[:cut], "word", normalize(tok.text[:cut]))
        )
        out.append(
            Token(
                tok.start + cut,
                tok.end,
                rest,
                tok.kind,
                normalize(rest),
                tok.stem,
                prefixes,
                tok.suffixes,
            )
        )
    return out


def _direction(toks: list[Token], i: int, entity: str | None) -> bool:
    """Token ``i``, whose nisba names ``entity``, is «غربي» written as a direction (شمال
    غربي باكستان), not the West."""
    if i == 0 or entity != "region:WST":
        return False
    prev = toks[i - 1]
    return western_is_direction(prev.stem or prev.norm or normalize(prev.text))


def _nisba_entity(res: Resources, tok: Token) -> str | None:
    code = res.nisba_code(tok.norm or normalize(tok.text))
    if code is None:
        return None
    return code if ":" in code else f"country:{code}"


def _proclitic_chars(tok: Token, res: Resources, after: tuple[str, ...] = ()) -> int:
    """How many characters of ``tok.text`` are a conjunction or preposition to leave out
    of a mention (``after``: the mention's other words). The article stays; ``لل`` (ل + ال
    with the alef dropped) stays whole, since no substring of ``للعراق`` is ``العراق``."""
    norm = tok.norm or normalize(tok.text)
    if tok.prefixes:
        letters = _strip_letters(tok.prefixes, norm)
    else:
        # A word the segmenter read as having no clitic keeps its letters unless the rest
        # is a known name (لبوتين): وكالة is not و + ك + اله, however frequent اله is.
        letters = _guess(norm, res, after, names_only=tok.stem is not None)
    if letters <= 0:
        return 0
    # Count written letters, skipping diacritics and tatweel, which normalize() removed.
    seen = 0
    for i, ch in enumerate(tok.text):
        if ch in MARKS:
            continue
        if seen == letters:
            return i
        seen += 1
    return 0


def _strip_letters(prefixes: Sequence[str], norm: str) -> int:
    clitics = [p for p in prefixes if p != "ال"]
    n = sum(len(p) for p in clitics)
    if "ال" in prefixes and norm[n : n + 2] != "ال":
        return 0  # ل + ال written لل: keep the word whole
    return n if n < len(norm) else 0


def _guess(
    norm: str, res: Resources, after: tuple[str, ...] = (), *, names_only: bool = False
) -> int:
    """Strip when the bare reading starts a name the gazetteer knows that the mention's
    other words (``after``) complete, or (without a
    segmentation, ``names_only`` false) a word far more frequent than the written one
    (``وروسيا`` → روسيا, not ``وزارة``). Only one or two clitic letters go, never the
    article."""
    count = res.counts.get(norm, 0)
    best = 0
    for reading in strip_clitics(norm):
        k = len(norm) - len(reading)
        if k > 2 or not norm.endswith(reading) or any(ch not in "وفبلك" for ch in norm[:k]):
            continue
        named = any(rest == after[: len(rest)] for rest, _ in res.gazetteer.get(reading, ()))
        if named or (not names_only and res.counts.get(reading, 0) > 4 * (count + 1)):
            best = k
    return best
