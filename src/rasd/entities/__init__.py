"""Named entities: a CRF tagger trained by rasd and shipped inside it, nisba adjectives
tied to their country, and a pluggable Hugging Face backend.

>>> from rasd.entities import tag_sentences
>>> tag_sentences([["قال", "الرئيس", "فلاديمير", "بوتين"]])[0][2:]
['B-PER', 'I-PER']
"""

from rasd.entities.api import evaluate_conll, tag_conll, tag_sentences
from rasd.entities.labels import FINE_TO_TYPE, TYPES
from rasd.entities.stage import EntityStage, find_mentions
from rasd.entities.tagger import Backend, CRFBackend, HFBackend, ModelError, get_backend

__all__ = [
    "FINE_TO_TYPE",
    "TYPES",
    "Backend",
    "CRFBackend",
    "EntityStage",
    "HFBackend",
    "ModelError",
    "evaluate_conll",
    "find_mentions",
    "get_backend",
    "tag_conll",
    "tag_sentences",
]
