"""Separate an article from the site furniture around it."""

from rasd.extract.boilerplate import BoilerplateClassifier, LineVerdict
from rasd.extract.dateline import find_dateline
from rasd.extract.html import HtmlExtractor
from rasd.extract.plaintext import PlainTextExtractor
from rasd.extract.stage import ExtractStage

__all__ = [
    "BoilerplateClassifier",
    "ExtractStage",
    "HtmlExtractor",
    "LineVerdict",
    "PlainTextExtractor",
    "find_dateline",
]
