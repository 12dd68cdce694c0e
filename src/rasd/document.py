"""The typed document that flows between pipeline stages, and its JSON form.

Every stage reads and fills fields of one :class:`Document`. Offsets (``start``/``end``)
are always character offsets into ``Document.text``; the original input stays in ``raw``
and the normalised search form in ``search``, side by side, so nothing is normalised in place.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields
from typing import Any


@dataclass(slots=True)
class Source:
    """Where a document came from: a file ``path`` or a record ``id`` (and ``url``)."""

    format: str
    path: str | None = None
    id: str | None = None
    url: str | None = None
    encoding: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None}


@dataclass(slots=True)
class Dateline:
    """The lead of a news item: ``بغداد/المسلة:`` gives place بغداد and outlet المسلة."""

    place: str | None = None
    outlet: str | None = None
    text: str = ""


@dataclass(slots=True)
class Boilerplate:
    """A line of site furniture removed from the body, with the kind the classifier gave it."""

    text: str
    kind: str
    line: int = -1
    score: float = 0.0


@dataclass(slots=True)
class Span:
    start: int
    end: int


@dataclass(slots=True)
class Sentence(Span):
    pass


@dataclass(slots=True)
class Token(Span):
    text: str = ""
    kind: str = "word"  # word | number | punct | latin | symbol
    norm: str = ""  # search form of the token
    stem: str | None = None  # clitic-free stem (search form); None when not segmented
    prefixes: tuple[str, ...] = ()  # proclitics in order: ("و", "ب", "ال")
    suffixes: tuple[str, ...] = ()  # enclitic pronouns: ("ها",)


@dataclass(slots=True)
class TimeExpression(Span):
    """A date or time expression resolved against the publication date."""

    text: str = ""
    value: str | None = None  # ISO date (or year-month / year), start of a range
    until: str | None = None  # ISO date, last day of a range or week (inclusive)
    precision: str = "day"  # day | week | month | year | range | time
    time: str | None = None  # "HH:MM" when a clock time is given
    tz: str | None = None  # "+03:00", "GMT", … when given
    relative: bool = False  # resolved against the publication date (أمس, السبت, …)
    calendar: str = "gregorian"  # gregorian | hijri


@dataclass(slots=True)
class Number(Span):
    """A number written in digits or words, with its value (``ثلاثة آلاف`` → 3000)."""

    text: str = ""
    value: float = 0.0


@dataclass(slots=True)
class Mention(Span):
    text: str = ""
    type: str = ""
    entity: str | None = None
    fine: str | None = None


@dataclass(slots=True)
class Entity:
    id: str
    name: str
    type: str
    name_ar: str | None = None
    country: str | None = None
    actor_code: str | None = None


@dataclass(slots=True)
class EventArgument:
    entity: str | None = None
    code: str | None = None
    text: str | None = None
    start: int | None = None  # span of `text` in the document text (evidence)
    end: int | None = None


@dataclass(slots=True)
class Event:
    type: str
    modality: str = "asserted"
    mode: str | None = None
    cameo: str | None = None
    score: float | None = None
    actor: EventArgument | None = None
    recipient: EventArgument | None = None
    date: str | None = None
    date_precision: str | None = None
    place: str | None = None
    sentence: int | None = None
    trigger: Span | None = None
    evidence: str = ""
    context: str | None = None  # PLOVER context (military, diplomatic, …)
    background: bool = False  # mentioned in passing: a past event, not news of the day
    attributed_to: EventArgument | None = None  # who reports, claims, denies or admits it
    actors: list[EventArgument] = field(default_factory=list)  # every member of a compound actor
    recipients: list[EventArgument] = field(default_factory=list)  # every recipient


@dataclass(slots=True)
class Quote(Span):
    text: str = ""
    cue: str = ""
    direct: bool = False
    speaker: EventArgument | None = None
    stance: str = "statement"  # statement | denial | admission | warning | demand | opinion
    medium: str | None = None  # "في بيان", "للتلفزيون الرسمي", "مقالاً في موقع …"
    cue_start: int | None = None  # the cue word, without و/ف
    cue_end: int | None = None
    speaker_start: int | None = None  # the speaker's words (for a pronoun: its antecedent's)
    speaker_end: int | None = None
    speaker_role: str | None = None  # "الباحث المقيم في لندن"
    speaker_via: str | None = None  # subject | appositive | clause | previous


@dataclass(slots=True)
class Document:
    """One article. ``id`` is a content hash, so the same article always gets the same id."""

    id: str
    source: Source
    raw: str
    language: str = "ar"
    title: str | None = None
    published: str | None = None
    published_from: str | None = None  # which evidence gave the date: "date-line", "record", …
    published_confidence: float | None = None  # 0..1, how far that evidence is to be trusted
    dateline: Dateline | None = None
    author: str | None = None
    text: str = ""
    search: str = ""
    boilerplate: list[Boilerplate] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    numbers: list[Number] = field(default_factory=list)
    # Page metadata beyond the schema's fields: site name, canonical URL, categories, fetch
    # date, rejected date candidates…
    meta: dict[str, Any] = field(default_factory=dict)
    # Set by readers for records that arrive already extracted (title + body), so the
    # plain-text extractor knows not to look for site furniture in them.
    preextracted: bool = False
    # Layers that stages have filled in; the pipeline checks requires/provides against these.
    layers: set[str] = field(default_factory=set)

    def to_dict(self, *, tokens: bool = False, raw: bool = False) -> dict[str, Any]:
        """The DESIGN.md JSON schema. ``raw`` and ``tokens`` are opt-in because they are large."""
        out: dict[str, Any] = {
            "id": self.id,
            "source": self.source.to_dict(),
            "language": self.language,
            "title": self.title,
            "published": self.published,
            "published_from": self.published_from,
            "published_confidence": self.published_confidence,
            "dateline": (
                {"place": self.dateline.place, "outlet": self.dateline.outlet}
                if self.dateline
                else None
            ),
            "author": self.author,
            "text": self.text,
            "boilerplate": [{"text": b.text, "kind": b.kind} for b in self.boilerplate],
            "sentences": [{"start": s.start, "end": s.end} for s in self.sentences],
            "mentions": [_compact(asdict(m)) for m in self.mentions],
            "entities": [_compact(asdict(e)) for e in self.entities],
            "events": [_compact(asdict(e)) for e in self.events],
            "quotes": [_compact(asdict(q)) for q in self.quotes],
            "times": [_compact(asdict(t)) for t in self.times],
            "numbers": [asdict(n) for n in self.numbers],
        }
        if self.meta:
            out["meta"] = self.meta
        if tokens:
            out["tokens"] = [_token_dict(t) for t in self.tokens]
        if raw:
            out["raw"] = self.raw
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        """Rebuild a document from :meth:`to_dict` output (as stored in the database)."""
        dl = data.get("dateline")
        doc = cls(
            id=data["id"],
            source=Source(**data.get("source", {"format": "unknown"})),
            raw=data.get("raw", ""),
            language=data.get("language", "ar"),
            title=data.get("title"),
            published=data.get("published"),
            published_from=data.get("published_from"),
            published_confidence=data.get("published_confidence"),
            meta=dict(data.get("meta", {})),
            dateline=Dateline(place=dl.get("place"), outlet=dl.get("outlet")) if dl else None,
            author=data.get("author"),
            text=data.get("text", ""),
            boilerplate=[
                Boilerplate(text=b["text"], kind=b["kind"]) for b in data.get("boilerplate", [])
            ],
            sentences=[Sentence(s["start"], s["end"]) for s in data.get("sentences", [])],
            tokens=[
                Token(
                    t["start"],
                    t["end"],
                    data.get("text", "")[t["start"] : t["end"]],
                    t["kind"],
                    t.get("norm", ""),
                    t.get("stem"),
                    tuple(t.get("prefixes", ())),
                    tuple(t.get("suffixes", ())),
                )
                for t in data.get("tokens", [])
            ],
        )
        doc.mentions = [Mention(**_known(Mention, m)) for m in data.get("mentions", [])]
        doc.entities = [Entity(**_known(Entity, e)) for e in data.get("entities", [])]
        doc.events = [_event(e) for e in data.get("events", [])]
        doc.quotes = [_quote(q) for q in data.get("quotes", [])]
        doc.times = [TimeExpression(**_known(TimeExpression, t)) for t in data.get("times", [])]
        doc.numbers = [Number(**_known(Number, n)) for n in data.get("numbers", [])]
        return doc


def content_id(text: str) -> str:
    """Content-hash id. Line endings and surrounding blanks do not change it, so the
    same article saved on Windows or with a trailing newline is stored once."""
    canonical = "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").split("\n")).strip()
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _token_dict(t: Token) -> dict[str, Any]:
    out: dict[str, Any] = {"start": t.start, "end": t.end, "kind": t.kind}
    if t.norm:
        out["norm"] = t.norm
    if t.stem is not None:
        out["stem"] = t.stem
        out["prefixes"] = list(t.prefixes)
        out["suffixes"] = list(t.suffixes)
    return out


def _known(cls: type, data: dict[str, Any]) -> dict[str, Any]:
    """Only the fields ``cls`` has: JSON written by a newer rasd still loads."""
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in data.items() if k in names}


def _argument(data: dict[str, Any] | None) -> EventArgument | None:
    return EventArgument(**_known(EventArgument, data)) if data else None


def _event(data: dict[str, Any]) -> Event:
    values = _known(Event, data)
    values["actor"] = _argument(values.get("actor"))
    values["recipient"] = _argument(values.get("recipient"))
    for key in ("actors", "recipients"):
        if key in values:
            values[key] = [a for a in map(_argument, values[key] or []) if a is not None]
    if "attributed_to" in values:
        values["attributed_to"] = _argument(values["attributed_to"])
    trigger = values.get("trigger")
    values["trigger"] = Span(trigger["start"], trigger["end"]) if trigger else None
    return Event(**values)


def _quote(data: dict[str, Any]) -> Quote:
    values = _known(Quote, data)
    values["speaker"] = _argument(values.get("speaker"))
    return Quote(**values)


def _compact(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None}


__all__ = [
    "Boilerplate",
    "Dateline",
    "Document",
    "Entity",
    "Event",
    "EventArgument",
    "Mention",
    "Number",
    "Quote",
    "Sentence",
    "Source",
    "Span",
    "TimeExpression",
    "Token",
    "content_id",
]
