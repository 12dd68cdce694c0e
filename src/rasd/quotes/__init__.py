"""Quotes and claims: who said what, where the words are, and whether it was a statement,
a denial, an admission, a warning, a demand or an opinion.

>>> from rasd.document import Document, Source
>>> from rasd.quotes import find_quotes
>>> doc = Document(id="x", source=Source("text"), raw="", text="ونفت طهران أن تكون زودت موسكو بصواريخ.")
>>> q = find_quotes(doc)[0]
>>> q.cue, q.stance, q.speaker.text, q.text
('نفت', 'denial', 'طهران', 'تكون زودت موسكو بصواريخ')
"""

from rasd.quotes.finder import Attribution, find_quotes
from rasd.quotes.lexicon import STANCES, stance_of
from rasd.quotes.search import QuoteHit, quotes_by_speaker
from rasd.quotes.speaker import Speaker
from rasd.quotes.stage import QuoteStage, to_quote

__all__ = [
    "STANCES",
    "Attribution",
    "QuoteHit",
    "QuoteStage",
    "Speaker",
    "find_quotes",
    "quotes_by_speaker",
    "stance_of",
    "to_quote",
]
