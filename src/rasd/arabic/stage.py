"""The Arabic text stage: search form, sentences and tokens over the clean body.

Tokens carry their search form and, for Arabic words, their clitic segmentation (stem,
proclitics, enclitic pronoun; see :mod:`rasd.arabic.clitics`); offsets stay those of the
written words in ``text``.
"""

from __future__ import annotations

from rasd.arabic.search import search_form
from rasd.arabic.sentences import split_sentences
from rasd.arabic.tokens import tokenize
from rasd.document import Document


class ArabicStage:
    """Stage: ``text`` → ``search``, ``sentences``, ``tokens`` (offsets into ``text``, with
    search form and clitic segmentation)."""

    name = "arabic"
    requires = frozenset({"text", "title", "dateline", "author"})
    provides = frozenset({"search", "sentences", "tokens"})

    def process(self, doc: Document) -> Document:
        doc.search = search_form(doc)
        doc.sentences = split_sentences(doc.text)
        doc.tokens = tokenize(doc.text)
        return doc
