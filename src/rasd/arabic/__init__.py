"""Arabic text layer: the search form, sentences, tokens and date expressions."""

from rasd.arabic.normalize import normalize
from rasd.arabic.sentences import split_sentences
from rasd.arabic.tokens import tokenize

__all__ = ["normalize", "split_sentences", "tokenize"]
