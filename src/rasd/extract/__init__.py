"""Separate an article from the site furniture around it."""

from rasd.extract.boilerplate import BoilerplateClassifier, LineVerdict
from rasd.extract.dateline import find_dateline
from rasd.extract.plaintext import PlainTextExtractor

__all__ = ["BoilerplateClassifier", "LineVerdict", "PlainTextExtractor", "find_dateline"]
