"""The Arabic text stage: search form, sentences and tokens over the clean body."""

from __future__ import annotations

from rasd.arabic.normalize import normalize
from rasd.arabic.sentences import split_sentences
from rasd.arabic.tokens import tokenize
from rasd.document import Document


class ArabicStage:
    """Stage: ``text`` → ``search``, ``sentences``, ``tokens`` (offsets into ``text``)."""

    name = "arabic"
    requires = frozenset({"text"})
    provides = frozenset({"search", "sentences", "tokens"})

    def process(self, doc: Document) -> Document:
        # The title is searchable too; it is kept apart from `text` so offsets stay simple.
        doc.search = normalize(f"{doc.title or ''}\n{doc.text}")
        doc.sentences = split_sentences(doc.text)
        doc.tokens = tokenize(doc.text)
        return doc
