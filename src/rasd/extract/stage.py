"""The extract stage: route each document to the extractor for its format."""

from __future__ import annotations

from rasd.document import Document
from rasd.extract.html import HtmlExtractor
from rasd.extract.plaintext import PlainTextExtractor
from rasd.pipeline import Drop

# Formats whose raw content is an HTML page (WARC responses are HTML pages too).
HTML_FORMATS = frozenset({"html", "warc"})


class ExtractStage:
    """Stage: ``raw`` → article fields, by HTML or plain-text extraction."""

    name = "extract"
    requires = frozenset({"raw"})
    provides = PlainTextExtractor.provides

    def __init__(self) -> None:
        self.text = PlainTextExtractor()
        self.html = HtmlExtractor(self.text)

    def process(self, doc: Document) -> Document | Drop:
        if doc.source.format in HTML_FORMATS:
            return self.html.process(doc)
        return self.text.process(doc)
