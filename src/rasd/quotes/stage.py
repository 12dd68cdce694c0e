"""The quotes stage: a document's quotes as :class:`~rasd.document.Quote` objects."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from rasd.document import Document, EventArgument, Quote
from rasd.quotes.finder import Attribution, find_quotes
from rasd.quotes.speaker import Speaker

# Quote fields this rasd's Document has. Stance, medium and the speaker's span and role
# are set only once document.py declares them, so the stage runs on either schema.
_QUOTE_FIELDS = frozenset(f.name for f in fields(Quote))


class QuoteStage:
    """Stage: ``text`` + ``sentences`` + ``mentions`` + ``entities`` → ``quotes``."""

    name = "quotes"
    requires = frozenset({"text", "sentences", "mentions", "entities"})
    provides = frozenset({"quotes"})

    def process(self, doc: Document) -> Document:
        codes = {e.id: e.actor_code for e in doc.entities}
        doc.quotes = [to_quote(a, codes) for a in find_quotes(doc)]
        return doc


def speaker_argument(speaker: Speaker | None, codes: dict[str, str | None]) -> EventArgument | None:
    """The speaker as the schema's argument: its linked entity (through the mention it
    is), that entity's actor code, and the words that name it."""
    if speaker is None:
        return None
    entity = speaker.mention.entity if speaker.mention else None
    return EventArgument(
        entity=entity, code=codes.get(entity) if entity else None, text=speaker.text
    )


def to_quote(a: Attribution, codes: dict[str, str | None] | None = None) -> Quote:
    speaker = speaker_argument(a.speaker, codes or {})
    extra: dict[str, Any] = {
        "stance": a.stance,
        "medium": a.medium,
        "cue_start": a.cue_start,
        "cue_end": a.cue_end,
        "speaker_start": a.speaker.start if a.speaker else None,
        "speaker_end": a.speaker.end if a.speaker else None,
        "speaker_role": a.speaker.role if a.speaker else None,
        "speaker_via": a.speaker.via if a.speaker else None,
    }
    return Quote(
        a.start,
        a.end,
        text=a.text,
        cue=a.cue,
        direct=a.direct,
        speaker=speaker,
        **{k: v for k, v in extra.items() if k in _QUOTE_FIELDS},
    )
