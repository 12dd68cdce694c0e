"""rasd (رصد): Arabic news to structured, searchable knowledge.

``rasd.analyze(text)`` returns a typed :class:`Document`; ``rasd.open_store(path)`` gives
the SQLite store. The command line (``rasd --help``) wraps these same functions.
"""

from rasd.analyze import analyze, analyze_paths, default_pipeline
from rasd.document import (
    Boilerplate,
    Dateline,
    Document,
    Entity,
    Event,
    Mention,
    Quote,
    Sentence,
    Source,
    Token,
)
from rasd.errors import InputError, PipelineError, QueryError, RasdError, StoreError
from rasd.pipeline import Drop, Pipeline, Stage

__version__ = "0.1.0"

__all__ = [
    "Boilerplate",
    "Dateline",
    "Document",
    "Drop",
    "Entity",
    "Event",
    "InputError",
    "Mention",
    "Pipeline",
    "PipelineError",
    "QueryError",
    "Quote",
    "RasdError",
    "Sentence",
    "Source",
    "Stage",
    "StoreError",
    "Token",
    "__version__",
    "analyze",
    "analyze_paths",
    "default_pipeline",
]
